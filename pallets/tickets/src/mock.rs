//! Mock runtime: System, Balances, the real provider staking pallet (rounds
//! and snapshots for the reserve shares) and this pallet, with sr25519
//! accounts so that ticket signatures and VRF proofs are real.

use crate as pallet_tickets;
use crate::{
	Parameters, RoundIndex, Ticket, TicketOf, VrfBatchableBytes, VrfSignatureBytes, WinProbability,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Inspect, ConstU32, ConstU64, Hooks},
	weights::Weight,
};
use market_primitives::tickets::client;
use sp_core::{sr25519, Pair};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage, MultiSignature, Perbill};

pub type AccountId = AccountId32;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Staking: pallet_provider_staking,
		Tickets: pallet_tickets,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<ED>;
}

use frame_support::traits::ConstU128;

pub const ED: Balance = 1;
pub const ROUND: u64 = 10;
pub const VALIDITY: u64 = 20;
pub const UNLOCK: u64 = 30;
pub const MAX_BATCH: u32 = 16;
pub const PRUNE_PER_BLOCK: u32 = 8;

parameter_types! {
	pub const StakingReporterShare: Perbill = Perbill::from_percent(10);
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
}

impl pallet_provider_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BlockRandomness = pallet_provider_staking::testing::TestBlockRandomness<Test>;
	type SeedBlocks = ConstU64<3>;
	type UnavailabilityOracle = ();
	type SlashDestination = ();
	type OperatorAccount = market_primitives::staking::OperatorAccountId32;
	type RoundLength = ConstU64<ROUND>;
	type MinStake = ConstU128<100>;
	type MinLockRounds = ConstU32<3>;
	type UnbondingRounds = ConstU32<3>;
	type MaxUnlockingChunks = ConstU32<2>;
	type RoundHistory = ConstU32<8>;
	type MaxReportAge = ConstU32<2>;
	type RewardPerRound = ConstU128<0>;
	type ReporterShare = StakingReporterShare;
	type MaxProvidersPerRound = ConstU32<100>;
	type MaxClaimRounds = ConstU32<3>;
	type MaxReporters = ConstU32<4>;
	type MaxOffenceAge = ConstU32<16>;
	type WeightInfo = ();
}

impl pallet_tickets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = Staking;
	type MaxTicketValidity = ConstU64<VALIDITY>;
	type UnlockPeriod = ConstU64<UNLOCK>;
	type MaxBatch = ConstU32<MAX_BATCH>;
	type ReporterShare = ReporterShare;
	type MaxPrunePerBlock = ConstU32<PRUNE_PER_BLOCK>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TicketsHelper;
}

/// Bonds and commits through the real staking pallet, then starts the
/// next round.
#[cfg(feature = "runtime-benchmarks")]
pub struct TicketsHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for TicketsHelper {
	fn make_active_provider(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, 10 * STAKE);
		let _ = Staking::bond(RuntimeOrigin::signed(who.clone()), STAKE, 10);
		let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(who.clone()));
		let next = <Staking as crate::ProviderRegistry<_, _>>::current_round() + 1;
		run_to_round(next);
	}
}

pub const INITIAL: Balance = 1_000_000;
pub const STAKE: Balance = 1_000;
/// Accounts `1..=PROVIDERS` are providers bonded at genesis.
pub const PROVIDERS: u8 = 4;
/// Senders.
pub const ALICE: u8 = 10;
pub const DAVE: u8 = 11;
/// A recipient that is not a provider.
pub const OUTSIDER: u8 = 20;
/// The highest account number with a genesis balance.
pub const LAST_ACCOUNT: u8 = 30;

/// Key pair of account number `i`.
pub fn pair(i: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[i; 32])
}

/// Account number `i`.
pub fn acc(i: u8) -> AccountId {
	pair(i).public().into()
}

/// Tickets events since the last call, clearing them.
pub fn events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Tickets(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Runs blocks up to `n`: round starts, ticket pruning and idle pruning.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Staking::on_initialize(b);
		Tickets::on_initialize(b);
		Staking::on_idle(b, Weight::MAX);
		Tickets::on_idle(b, Weight::MAX);
	}
}

/// Runs to the first block of `round`, every genesis provider committing to
/// each round on the way.
pub fn run_to_round(round: RoundIndex) {
	while <Staking as crate::ProviderRegistry<_, _>>::current_round() < round {
		for p in 1..=PROVIDERS {
			let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(acc(p)));
		}
		let next = <Staking as crate::ProviderRegistry<_, _>>::current_round() + 1;
		run_to_block(next as u64 * ROUND);
	}
}

/// A ticket from account `sender` to account `recipient`, valid on this
/// chain, that wins with certainty (up to 2^-128) and expires
/// `VALIDITY` blocks from now.
pub fn ticket(sender: u8, recipient: u8, face_value: Balance, index: u64) -> TicketOf<Test> {
	Ticket {
		domain: Tickets::signing_domain(),
		sender: acc(sender),
		recipient: acc(recipient),
		face_value,
		win_probability: WinProbability::ALWAYS,
		index,
		expiry: System::block_number() + VALIDITY,
		aux: None,
	}
}

/// The sender's signature of `ticket` (by account number `signer`).
pub fn sign(signer: u8, ticket: &TicketOf<Test>) -> MultiSignature {
	client::sign_ticket(&pair(signer), ticket)
}

/// The VRF evaluation of `ticket` by account number `evaluator`.
pub fn vrf(evaluator: u8, ticket: &TicketOf<Test>) -> VrfSignatureBytes {
	client::evaluate_vrf(&pair(evaluator), &ticket.hash())
}

/// The batchable VRF evaluation of `ticket` by account number `evaluator`.
pub fn vrf_batchable(evaluator: u8, ticket: &TicketOf<Test>) -> VrfBatchableBytes {
	client::evaluate_vrf_batchable(&pair(evaluator), &ticket.hash())
}

/// Total free plus held balance of the accounts with a genesis balance.
pub fn total_of_accounts() -> Balance {
	(1..=LAST_ACCOUNT).map(|i| Balances::total_balance(&acc(i))).sum()
}

/// The parameters of the mock's `Config` constants.
pub fn default_parameters() -> Parameters<u64> {
	Parameters {
		max_ticket_validity: VALIDITY,
		unlock_period: UNLOCK,
		reporter_share: ReporterShare::get(),
	}
}

#[derive(Default)]
pub struct ExtBuilder {
	/// Genesis parameters of this pallet; its `GenesisConfig` default if
	/// `None`.
	parameters: Option<Parameters<u64>>,
}

impl ExtBuilder {
	/// Starts the chain with `parameters` in this pallet's genesis.
	pub fn with_parameters(parameters: Parameters<u64>) -> Self {
		Self { parameters: Some(parameters) }
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=LAST_ACCOUNT).map(|a| (acc(a), INITIAL)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut t)
		.unwrap();
		pallet_provider_staking::GenesisConfig::<Test> {
			providers: (1..=PROVIDERS).map(|p| (acc(p), STAKE, 40, None)).collect(),
		}
		.assimilate_storage(&mut t)
		.unwrap();
		let tickets = match self.parameters {
			Some(parameters) => pallet_tickets::GenesisConfig::<Test> { parameters },
			None => Default::default(),
		};
		tickets.assimilate_storage(&mut t).unwrap();
		let mut ext = sp_io::TestExternalities::new(t);
		ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks this pallet's invariants, that every held
	/// deposit or reserve has a ledger, and that no money appeared or
	/// disappeared beyond what the issuance says.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Tickets::do_try_state().unwrap();
			for i in 1..=LAST_ACCOUNT {
				Tickets::check_holds_of(&acc(i)).unwrap();
			}
			assert_eq!(total_of_accounts(), Balances::total_issuance());
			#[cfg(feature = "try-runtime")]
			Staking::do_try_state().unwrap();
		});
	}
}
