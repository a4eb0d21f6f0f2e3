//! Mock runtime: System, Balances, the real provider staking pallet (round
//! seeds, snapshots, operator keys, sampling and slashing) and the real
//! policy escrow, both asking this pallet whether a provider was proven
//! unavailable.

use crate as pallet_availability;
use crate::{RoundIndex, UnavailabilityStatement};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
	weights::Weight,
};
use sp_core::{sr25519, Pair};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::Convert, BuildStorage, Perbill};

pub type AccountId = u64;
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Staking: pallet_provider_staking,
		Escrow: pallet_policy_escrow,
		Availability: pallet_availability,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Non-zero database weights, so that pruning's weight meter bites.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// Operator account of a key: its first eight bytes, little endian.
pub struct KeyToAccount;
impl Convert<sr25519::Public, AccountId> for KeyToAccount {
	fn convert(key: sr25519::Public) -> AccountId {
		let mut b = [0u8; 8];
		b.copy_from_slice(&key.0[..8]);
		u64::from_le_bytes(b)
	}
}

pub const MAX_REPORT_AGE: RoundIndex = 2;
pub const HISTORY: RoundIndex = 8;
/// Gateway seats per accused, and the seats a proof needs (the defaults).
pub const SEATS: u32 = 8;
pub const THRESHOLD: u32 = 5;

parameter_types! {
	pub static RewardPerRound: Balance = 1_000;
	pub static ExpectedRoundFees: Balance = 50;
	pub static BaseSlash: Balance = 100;
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
	pub const MaxSlashFraction: Perbill = Perbill::from_percent(50);
}

impl pallet_provider_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BlockRandomness = pallet_provider_staking::testing::TestBlockRandomness<Test>;
	type SeedBlocks = ConstU64<3>;
	type UnavailabilityOracle = Availability;
	type SlashDestination = ();
	type OperatorAccount = KeyToAccount;
	type RoundLength = ConstU64<10>;
	type MinStake = ConstU64<100>;
	type MinLockRounds = ConstU32<3>;
	type UnbondingRounds = ConstU32<3>;
	type MaxUnlockingChunks = ConstU32<2>;
	type RoundHistory = ConstU32<HISTORY>;
	type MaxReportAge = ConstU32<MAX_REPORT_AGE>;
	type RewardPerRound = RewardPerRound;
	type ReporterShare = ReporterShare;
	type MaxProvidersPerRound = ConstU32<100>;
	type MaxClaimRounds = ConstU32<3>;
	type MaxReporters = ConstU32<{ SEATS + 1 }>;
	type MaxOffenceAge = ConstU32<{ 2 * HISTORY }>;
	type WeightInfo = ();
}

impl pallet_policy_escrow::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = Staking;
	type UnavailabilityOracle = Availability;
	type MaxReportAge = ConstU32<MAX_REPORT_AGE>;
	type RoundHistory = ConstU32<HISTORY>;
	type ClaimWindowRounds = ConstU32<2>;
	type MaxClaimRounds = ConstU32<3>;
	type MaxPolicyProviders = ConstU32<4>;
	type MaxRequesterKeys = ConstU32<2>;
	type MaxPolicyRounds = ConstU32<20>;
	type MaxPoliciesPerOwner = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EscrowHelper;
}

impl pallet_availability::Config for Test {
	type Balance = Balance;
	type Registry = Staking;
	type Slashing = Staking;
	type MaxGatewaySeats = ConstU32<SEATS>;
	type GatewaySeats = ConstU32<SEATS>;
	type GatewayThreshold = ConstU32<THRESHOLD>;
	type MaxReportAge = ConstU32<MAX_REPORT_AGE>;
	type RoundHistory = ConstU32<HISTORY>;
	type RewardPerRound = RewardPerRound;
	type ExpectedRoundFees = ExpectedRoundFees;
	type BaseSlash = BaseSlash;
	type MaxSlashFraction = MaxSlashFraction;
	type EscalationWindow = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AvailabilityHelper;
}

/// The escrow's benchmarks do not run here.
#[cfg(feature = "runtime-benchmarks")]
pub struct EscrowHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_policy_escrow::BenchmarkHelper<AccountId> for EscrowHelper {
	fn make_provider(_: &AccountId, _: RoundIndex, _: RoundIndex, _: RoundIndex) {}
	fn set_current_round(_: RoundIndex) {}
	fn fill_snapshot(_: RoundIndex) {}
}

/// Sets up providers through the real staking pallet for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AvailabilityHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for AvailabilityHelper {
	fn add_provider(who: &AccountId, key: sr25519::Public) {
		use frame_support::traits::fungible::Mutate;
		use pallet_provider_staking::{OperatorKeys, OperatorOwners};
		let _ = Balances::set_balance(who, 1_000_000);
		let _ = Staking::bond(RuntimeOrigin::signed(*who), 1_000, 10);
		OperatorOwners::<Test>::insert(KeyToAccount::convert(key), who);
		OperatorKeys::<Test>::insert(who, key);
		let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(*who));
	}

	fn fill_snapshot() {
		let next = Staking::current_round() + 1;
		let _ = Staking::benchmark_fill_snapshot(next, 100, 100);
	}

	fn set_operator_key(who: &AccountId, key: sr25519::Public) {
		use pallet_provider_staking::{OperatorKeys, OperatorOwners};
		OperatorOwners::<Test>::insert(KeyToAccount::convert(key), who);
		OperatorKeys::<Test>::insert(who, key);
	}

	fn start_round() -> RoundIndex {
		let next = Staking::current_round() + 1;
		run_to_round(next);
		next
	}
}

pub const ROUND: u64 = 10;
pub const INITIAL: Balance = 10_000;
/// Providers `1..=PROVIDERS`, each with stake [`STAKE`] and operator key `i`.
pub const PROVIDERS: u64 = 8;
pub const STAKE: Balance = 1_000;
/// A submitter that is not a provider.
pub const SUBMITTER: AccountId = 20;

use crate::ProviderRegistry as _;

/// Operator key pair number `i`.
pub fn operator(i: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[i; 32])
}

/// Availability events since the last call, clearing them.
pub fn events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Availability(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Runs blocks up to `n`: round starts and pruning, with `idle` weight.
pub fn run_to_block_with_idle(n: u64, idle: Weight) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Staking::on_initialize(b);
		Staking::on_idle(b, Weight::MAX);
		Availability::on_idle(b, idle);
	}
}

pub fn run_to_block(n: u64) {
	run_to_block_with_idle(n, Weight::MAX);
}

/// Runs to the first block of `round`.
pub fn run_to_round(round: RoundIndex) {
	run_to_block(round as u64 * ROUND);
}

/// Every genesis provider commits to the next round.
pub fn commit_all() {
	for p in 1..=PROVIDERS {
		let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(p));
	}
}

/// Runs to `round`, every provider committing to each round on the way.
pub fn advance_to_round(round: RoundIndex) {
	while Staking::current_round() < round {
		commit_all();
		run_to_round(Staking::current_round() + 1);
	}
}

/// A statement against `provider` for `round`.
pub fn statement(provider: AccountId, round: RoundIndex) -> UnavailabilityStatement<AccountId> {
	UnavailabilityStatement { provider, round, complaint_hash: [round as u8; 32] }
}

/// Signature of gateway `who` (a genesis provider) on `statement`.
pub fn sign(who: AccountId, statement: &UnavailabilityStatement<AccountId>) -> sr25519::Signature {
	let payload = crate::statement_payload(&Availability::signing_domain(), statement);
	operator(who as u8).sign(&payload)
}

/// Signatures on `statement` of the first gateways judging its provider,
/// in list order, until they hold at least `seats` seats (all of them if
/// they hold fewer), with the seats they hold.
pub fn signatures_for(
	statement: &UnavailabilityStatement<AccountId>,
	seats: u32,
) -> (Vec<(u32, sr25519::Signature)>, u32) {
	let mut held = 0;
	let mut signatures = Vec::new();
	for (index, (gateway, count)) in
		Availability::gateways(statement.round, &statement.provider).into_iter().enumerate()
	{
		if held >= seats {
			break;
		}
		signatures.push((index as u32, sign(gateway, statement)));
		held += count;
	}
	(signatures, held)
}

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		build_with_providers(PROVIDERS)
	}

	/// Runs `test`, then checks this pallet's invariants (and the staking
	/// and escrow pallets', whose checks are compiled only with `try-runtime`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Availability::do_try_state().unwrap();
			#[cfg(feature = "try-runtime")]
			{
				Staking::do_try_state().unwrap();
				Escrow::do_try_state().unwrap();
			}
		});
	}
}

/// Genesis without providers, for the benchmarks (which add their own,
/// with keys in the keystore).
#[cfg(feature = "runtime-benchmarks")]
pub fn bench_ext() -> sp_io::TestExternalities {
	build_with_providers(0)
}

/// Genesis with providers `1..=providers`, each with stake [`STAKE`] and
/// operator key `i`.
pub fn build_with_providers(providers: u64) -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=30).map(|a| (a, INITIAL)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_provider_staking::GenesisConfig::<Test> {
		providers: (1..=providers)
			.map(|p| (p, STAKE, 40, Some(operator(p as u8).public().0)))
			.collect(),
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| System::set_block_number(1));
	ext
}
