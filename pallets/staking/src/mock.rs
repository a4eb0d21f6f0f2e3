//! Mock runtime: System, Balances and the staking pallet, with a
//! deterministic randomness source and a settable unavailability oracle.

use crate as pallet_provider_staking;
use crate::{HoldReason, RoundIndex, UnavailabilityOracle};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::InspectHold, ConstU32, ConstU64, Hooks},
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
}

parameter_types! {
	/// `(provider, round)` pairs proven unavailable.
	pub static Unavailable: Vec<(AccountId, RoundIndex)> = vec![];
	pub static MaxProviders: u32 = 10_000;
	pub static RewardPerRound: Balance = 1_000;
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
}

/// Oracle answering from [`Unavailable`].
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

impl pallet_provider_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BlockRandomness = crate::testing::TestBlockRandomness<Test>;
	type SeedBlocks = ConstU64<3>;
	type UnavailabilityOracle = TestOracle;
	type SlashDestination = ();
	type OperatorAccount = KeyToAccount;
	type RoundLength = ConstU64<10>;
	type MinStake = ConstU64<100>;
	type MinLockRounds = ConstU32<3>;
	type UnbondingRounds = ConstU32<3>;
	type MaxUnlockingChunks = ConstU32<2>;
	type RoundHistory = ConstU32<8>;
	type MaxReportAge = ConstU32<2>;
	type RewardPerRound = RewardPerRound;
	type ReporterShare = ReporterShare;
	type MaxProvidersPerRound = MaxProviders;
	type MaxClaimRounds = ConstU32<3>;
	type MaxReporters = ConstU32<3>;
	type MaxOffenceAge = ConstU32<16>;
	type WeightInfo = ();
}

pub const ROUND: u64 = 10;
pub const INITIAL: Balance = 10_000;

/// Operator key pair number `i`.
pub fn operator(i: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[i; 32])
}

/// Account of operator key `i`.
pub fn operator_account(i: u8) -> AccountId {
	KeyToAccount::convert(operator(i).public())
}

/// Proof of possession by `pair` for `stash`.
pub fn pop(pair: &sr25519::Pair, stash: AccountId) -> sr25519::Signature {
	let domain = Staking::signing_domain();
	pair.sign(&market_primitives::domain::operator_pop_payload(&domain, &stash))
}

pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Staking(HoldReason::Staking), &who)
}

pub fn issuance() -> Balance {
	pallet_balances::TotalIssuance::<Test>::get()
}

/// Staking events since the last call, clearing them.
pub fn staking_events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Staking(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Runs blocks up to `n`: round starts, and pruning with `idle` weight.
pub fn run_to_block_with_idle(n: u64, idle: Weight) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Staking::on_initialize(b);
		Staking::on_idle(b, idle);
	}
}

pub fn run_to_block(n: u64) {
	run_to_block_with_idle(n, Weight::MAX);
}

/// Runs to the first block of `round`.
pub fn run_to_round(round: RoundIndex) {
	run_to_block(round as u64 * ROUND);
}

#[derive(Default)]
pub struct ExtBuilder {
	providers: Vec<(AccountId, Balance, RoundIndex, Option<[u8; 32]>)>,
}

impl ExtBuilder {
	/// Adds a genesis provider.
	pub fn provider(
		mut self,
		who: AccountId,
		stake: Balance,
		lock: RoundIndex,
		key: Option<u8>,
	) -> Self {
		self.providers.push((who, stake, lock, key.map(|i| operator(i).public().0)));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=30).map(|a| (a, INITIAL)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut t)
		.unwrap();
		pallet_provider_staking::GenesisConfig::<Test> { providers: self.providers }
			.assimilate_storage(&mut t)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Staking::do_try_state().unwrap();
		});
	}
}
