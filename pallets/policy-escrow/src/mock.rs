//! Mock runtime: System, Balances, the real provider staking pallet (with a
//! deterministic randomness source and a settable unavailability oracle) and
//! the escrow pallet.

use crate as pallet_policy_escrow;
use crate::{HoldReason, RoundIndex, UnavailabilityOracle};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::InspectHold, ConstU32, ConstU64, Hooks},
};
use sp_core::sr25519;
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
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

parameter_types! {
	/// The existential deposit; tests raise it to make dust.
	pub static ExistentialDeposit: Balance = 1;
	/// `(provider, round)` pairs proven unavailable.
	pub static Unavailable: Vec<(AccountId, RoundIndex)> = vec![];
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
}

/// Oracle answering from [`Unavailable`], shared by staking and escrow.
pub struct TestOracle;
impl UnavailabilityOracle<AccountId> for TestOracle {
	fn is_unavailable(who: &AccountId, round: RoundIndex) -> bool {
		Unavailable::get().contains(&(*who, round))
	}
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

impl pallet_provider_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BlockRandomness = pallet_provider_staking::testing::TestBlockRandomness<Test>;
	type SeedBlocks = ConstU64<3>;
	type UnavailabilityOracle = TestOracle;
	type SlashDestination = ();
	type OperatorAccount = KeyToAccount;
	type RoundLength = ConstU64<10>;
	type MinStake = ConstU64<100>;
	type MinLockRounds = ConstU32<3>;
	type UnbondingRounds = ConstU32<3>;
	type MaxUnlockingChunks = ConstU32<2>;
	type RoundHistory = ConstU32<HISTORY>;
	type MaxReportAge = ConstU32<MAX_REPORT_AGE>;
	type RewardPerRound = ConstU64<0>;
	type ReporterShare = ReporterShare;
	type MaxProvidersPerRound = ConstU32<100>;
	type MaxClaimRounds = ConstU32<3>;
	type MaxReporters = ConstU32<3>;
	type MaxOffenceAge = ConstU32<{ 2 * HISTORY }>;
	type WeightInfo = ();
}

impl pallet_policy_escrow::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = Staking;
	type UnavailabilityOracle = TestOracle;
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
	type BenchmarkHelper = StakingHelper;
}

/// Sets up providers through the real staking pallet for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct StakingHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for StakingHelper {
	fn make_provider(who: &AccountId, from: RoundIndex, to: RoundIndex, locked_until: RoundIndex) {
		use frame_support::traits::fungible::Mutate;
		use pallet_provider_staking::{CurrentRound, Ledgers};
		let current = CurrentRound::<Test>::get();
		let _ = Balances::set_balance(who, 1_000_000);
		if !Ledgers::<Test>::contains_key(who) {
			// The lock counts from the current round; bond at round 0 so any
			// `locked_until` of at least `MinLockRounds` is reachable.
			CurrentRound::<Test>::put(0);
			let _ = Staking::bond(RuntimeOrigin::signed(*who), 1_000, locked_until.max(3));
		}
		for round in from.max(1)..to {
			CurrentRound::<Test>::put(round - 1);
			let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(*who));
		}
		CurrentRound::<Test>::put(current);
	}

	fn set_current_round(round: RoundIndex) {
		pallet_provider_staking::CurrentRound::<Test>::put(round);
		pallet_provider_staking::RoundSeeds::<Test>::insert(round, [round as u8; 32]);
	}

	fn fill_snapshot(round: RoundIndex) {
		let _ = Staking::benchmark_fill_snapshot(round, 100, 1);
	}
}

pub const ROUND: u64 = 10;
pub const INITIAL: Balance = 10_000;
/// Policy owners.
pub const ALICE: AccountId = 20;
pub const ALICE2: AccountId = 21;

pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Escrow(HoldReason::Escrow), &who)
}

pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

pub fn issuance() -> Balance {
	pallet_balances::TotalIssuance::<Test>::get()
}

/// Requester key number `i`.
pub fn requester(i: u8) -> sr25519::Public {
	sr25519::Public::from_raw([i; 32])
}

/// Escrow events since the last call, clearing them.
pub fn escrow_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Escrow(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Runs blocks up to `n`: round starts and pruning of old rounds.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Staking::on_initialize(b);
		Staking::on_idle(b, frame_support::weights::Weight::MAX);
	}
}

/// Runs to the first block of `round`.
pub fn run_to_round(round: RoundIndex) {
	run_to_block(round as u64 * ROUND);
}

#[derive(Default)]
pub struct ExtBuilder {
	providers: Vec<(AccountId, Balance, RoundIndex)>,
}

impl ExtBuilder {
	/// Adds a genesis provider (in the snapshots of rounds 0 and 1).
	pub fn provider(mut self, who: AccountId, stake: Balance, locked_until: RoundIndex) -> Self {
		self.providers.push((who, stake, locked_until));
		self
	}

	/// Providers 1..=4, staking 1_000, 2_000, 3_000 and 4_000, locked until round 40.
	pub fn four_providers(self) -> Self {
		(1..=4).fold(self, |b, i| b.provider(i, 1_000 * i, 40))
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=30).map(|a| (a, INITIAL)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut t)
		.unwrap();
		pallet_provider_staking::GenesisConfig::<Test> {
			providers: self.providers.into_iter().map(|(w, s, l)| (w, s, l, None)).collect(),
		}
		.assimilate_storage(&mut t)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		ext.execute_with(|| {
			System::set_block_number(1);
			Unavailable::take();
			ExistentialDeposit::set(1);
		});
		ext
	}

	/// Runs `test`, then checks the escrow's invariants (and the staking
	/// pallet's, whose check is compiled only with `try-runtime`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			#[cfg(feature = "try-runtime")]
			Staking::do_try_state().unwrap();
			Escrow::do_try_state().unwrap();
		});
	}
}
