//! Configuration of each pallet in the runtime.

use super::*;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::One, Perbill};

/// A block may fill this share of its weight and length with normal
/// (non-operational) extrinsics; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per six-second block, leaving time to import and
/// gossip it.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// The share of a block that `on_initialize` is expected to use on average;
/// the largest extrinsic is sized to fit beside it.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// The block's own work and each extrinsic's checks cost what
	/// `scripts/benchmark.sh overhead` measured on this chain; normal
	/// extrinsics may fill `NORMAL_DISPATCH_RATIO` of the block, operational
	/// ones the rest too.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| {
			class.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			class.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// 5 MiB blocks, of which normal extrinsics may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * *max
		})
		.build();
	pub const SS58Prefix: u16 = market_primitives::SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores its state in ParityDB; reads and writes cost what
	// `scripts/benchmark.sh storage` measured.
	type DbWeight = weights::MeasuredDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

parameter_types! {
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_BLOCKS as u64;
	pub const ExpectedBlockTime: u64 = market_primitives::MILLISECS_PER_BLOCK;
	pub const MaxAuthorities: u32 = 100;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	// The authority set is fixed at genesis until a session pallet manages
	// validators; equivocation reports need it too, so none are taken yet.
	type EpochChangeTrigger = pallet_babe::SameAuthoritiesForever;
	type DisabledValidators = ();
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	// BABE checks each block's timestamp against its slot.
	type OnTimestampSet = Babe;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	// Dust of reaped accounts is burned.
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	// The market pallets use holds; reserves are not used.
	type MaxReserves = ConstU32<0>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Fees are burned: no treasury exists yet to receive them.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A round lasts one minute (10 blocks). Both presets of today are test
	/// networks, where short rounds let a market play out quickly; a
	/// production preset will need its own, longer rounds.
	pub const RoundLength: BlockNumber = market_primitives::MINUTES;
	pub const MinStake: Balance = 100 * UNIT;
	pub const MinLockRounds: market_primitives::RoundIndex = 10;
	/// At least `MaxReportAge`, so that stake unbonded in round `r` can still
	/// be slashed by a proof for the rounds it was active in.
	pub const UnbondingRounds: market_primitives::RoundIndex = 8;
	pub const MaxUnlockingChunks: u32 = 16;
	/// Exceeds `MaxReportAge + MaxClaimRounds`: a provider has at least
	/// `MaxClaimRounds` settled rounds to claim before they are pruned.
	pub const RoundHistory: market_primitives::RoundIndex = 32;
	/// Proofs of unavailability for round `r` are taken until `r + 6`.
	pub const MaxReportAge: market_primitives::RoundIndex = 6;
	pub const RewardPerRound: Balance = 10 * UNIT;
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
	/// The round transition and sampling are benchmarked at this size.
	pub const MaxProvidersPerRound: u32 = 10_000;
	pub const MaxClaimRounds: u32 = 16;
	/// A proof of unavailability pays its submitter and every signing
	/// gateway: `MaxGatewaySeats + 1`.
	pub const MaxReporters: u32 = market_primitives::availability::DEFAULT_GATEWAY_SEATS + 1;
	/// A round's snapshot closes this many blocks before the round starts;
	/// the VRF outputs of these blocks make its seed, so knowing a seed
	/// while its snapshot can change takes all of their authors together.
	pub const SeedBlocks: BlockNumber = 4;
	/// Offences are slashable for this many rounds after the round they
	/// concern: twice the history, so a claim forfeited late (a commitment
	/// can be expired any time after its deadline, which is within the
	/// history) still costs its slash.
	pub const MaxOffenceAge: market_primitives::RoundIndex = 2 * RoundHistory::get();
}

impl pallet_provider_staking::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	// Every block's BABE VRF output, folded into the entropy that round
	// seeds and claim challenges are taken from (see the pallet docs).
	type BlockRandomness = pallet_babe::ParentBlockRandomness<Runtime>;
	type SeedBlocks = SeedBlocks;
	// Providers proven unavailable for a round get no inflation for it.
	type UnavailabilityOracle = Availability;
	// Slashed funds not paid to reporters are burned.
	type SlashDestination = ();
	type OperatorAccount = market_primitives::staking::OperatorAccountId32;
	type RoundLength = RoundLength;
	type MinStake = MinStake;
	type MinLockRounds = MinLockRounds;
	type UnbondingRounds = UnbondingRounds;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type RoundHistory = RoundHistory;
	type MaxReportAge = MaxReportAge;
	type RewardPerRound = RewardPerRound;
	type ReporterShare = ReporterShare;
	type MaxProvidersPerRound = MaxProvidersPerRound;
	type MaxClaimRounds = MaxClaimRounds;
	type MaxReporters = MaxReporters;
	type MaxOffenceAge = MaxOffenceAge;
	type WeightInfo = pallet_provider_staking::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// After a policy's last round and its report window, providers have
	/// this many rounds to claim before anyone may reap the policy.
	pub const EscrowClaimWindowRounds: market_primitives::RoundIndex = 8;
	pub const MaxPolicyProviders: u32 = 16;
	pub const MaxRequesterKeys: u32 = 16;
	/// About eight and a half hours of one-minute rounds.
	pub const MaxPolicyRounds: u32 = 512;
	pub const MaxPoliciesPerOwner: u32 = 32;
}

impl pallet_policy_escrow::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = ProviderStaking;
	// Providers proven unavailable for a round earn no fee for it.
	type UnavailabilityOracle = Availability;
	// The escrow settles a round only when staking's report window for it
	// has closed, and only while staking still keeps its snapshot.
	type MaxReportAge = MaxReportAge;
	type RoundHistory = RoundHistory;
	type ClaimWindowRounds = EscrowClaimWindowRounds;
	type MaxClaimRounds = MaxClaimRounds;
	type MaxPolicyProviders = MaxPolicyProviders;
	type MaxRequesterKeys = MaxRequesterKeys;
	type MaxPolicyRounds = MaxPolicyRounds;
	type MaxPoliciesPerOwner = MaxPoliciesPerOwner;
	type WeightInfo = pallet_policy_escrow::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EscrowBenchmarkHelper;
}

/// Sets up providers through the real staking pallet for the escrow's
/// benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct EscrowBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_policy_escrow::BenchmarkHelper<AccountId> for EscrowBenchmarkHelper {
	fn make_provider(
		who: &AccountId,
		from: market_primitives::RoundIndex,
		to: market_primitives::RoundIndex,
		locked_until: market_primitives::RoundIndex,
	) {
		use frame_support::traits::fungible::Mutate;
		use pallet_provider_staking::{CurrentRound, Ledgers};
		let current = CurrentRound::<Runtime>::get();
		let _ = Balances::set_balance(who, 1_000 * MinStake::get());
		if !Ledgers::<Runtime>::contains_key(who) {
			// Locks count from the current round: bond at round 0 so that any
			// `locked_until` of at least `MinLockRounds` is reachable.
			CurrentRound::<Runtime>::put(0);
			let _ = ProviderStaking::bond(
				RuntimeOrigin::signed(who.clone()),
				10 * MinStake::get(),
				locked_until.max(MinLockRounds::get()),
			);
		}
		for round in from.max(1)..to {
			CurrentRound::<Runtime>::put(round - 1);
			let _ = ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(who.clone()));
		}
		CurrentRound::<Runtime>::put(current);
	}

	fn fill_snapshot(round: market_primitives::RoundIndex) {
		// One planck each: the benchmark's own providers keep nearly all
		// the stake, so the draw finds them, over a tree of full depth.
		let _ = ProviderStaking::benchmark_fill_snapshot(round, MaxProvidersPerRound::get(), 1);
	}

	fn set_current_round(round: market_primitives::RoundIndex) {
		pallet_provider_staking::CurrentRound::<Runtime>::put(round);
		use sp_runtime::traits::{BlakeTwo256, Hash};
		let seed = BlakeTwo256::hash(&round.to_le_bytes());
		pallet_provider_staking::RoundSeeds::<Runtime>::insert(round, seed.0);
	}
}

parameter_types! {
	/// 64 gateway seats per accused, 43 for a proof, by default: the
	/// arithmetic at every market size is in `market_primitives::availability`.
	pub const MaxGatewaySeats: u32 = market_primitives::availability::DEFAULT_GATEWAY_SEATS;
	pub const GatewaySeats: u32 = market_primitives::availability::DEFAULT_GATEWAY_SEATS;
	pub const GatewayThreshold: u32 = market_primitives::availability::DEFAULT_GATEWAY_THRESHOLD;
	/// What a provider is assumed to earn in fees per round, on top of its
	/// inflation share, when sizing the slash for a proof.
	pub const ExpectedRoundFees: Balance = UNIT;
	pub const BaseSlash: Balance = UNIT;
	pub const MaxSlashFraction: Perbill = Perbill::from_percent(10);
	/// Proofs within this many rounds double the previous slash.
	pub const EscalationWindow: market_primitives::RoundIndex = 16;
}

impl pallet_availability::Config for Runtime {
	type Balance = Balance;
	type Registry = ProviderStaking;
	type Slashing = ProviderStaking;
	type MaxGatewaySeats = MaxGatewaySeats;
	type GatewaySeats = GatewaySeats;
	type GatewayThreshold = GatewayThreshold;
	type MaxReportAge = MaxReportAge;
	type RoundHistory = RoundHistory;
	type RewardPerRound = RewardPerRound;
	type ExpectedRoundFees = ExpectedRoundFees;
	type BaseSlash = BaseSlash;
	type MaxSlashFraction = MaxSlashFraction;
	type EscalationWindow = EscalationWindow;
	type WeightInfo = pallet_availability::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AvailabilityBenchmarkHelper;
}

/// Round the availability benchmarks work in: past the genesis providers'
/// rounds, so that only the benchmark's own providers (whose operator keys
/// the benchmark holds) can be drawn as gateways.
#[cfg(feature = "runtime-benchmarks")]
const AVAILABILITY_BENCH_ROUND: market_primitives::RoundIndex = 50;

/// Bonds `who` with `stake` (after giving it `balance`) locked for
/// `lock_rounds`, registers its operator `key` and commits it to the next
/// round, for the availability and service-claims benchmarks. The round
/// jumps past the genesis providers' rounds first, so only providers whose
/// operator keys the benchmark holds can be drawn as gateways or committee
/// members.
#[cfg(feature = "runtime-benchmarks")]
fn add_benchmark_provider(
	who: &AccountId,
	key: sp_core::sr25519::Public,
	stake: Balance,
	balance: Balance,
	lock_rounds: market_primitives::RoundIndex,
) {
	use frame_support::traits::fungible::Mutate;
	use pallet_provider_staking::{CurrentRound, OperatorKeys, OperatorOwners};
	if CurrentRound::<Runtime>::get() < AVAILABILITY_BENCH_ROUND {
		CurrentRound::<Runtime>::put(AVAILABILITY_BENCH_ROUND);
	}
	let _ = Balances::set_balance(who, balance);
	let _ = ProviderStaking::bond(RuntimeOrigin::signed(who.clone()), stake, lock_rounds);
	OperatorOwners::<Runtime>::insert(AccountId::from(key), who.clone());
	OperatorKeys::<Runtime>::insert(who, key);
	let _ = ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(who.clone()));
}

/// Sets up providers and rounds through the real staking pallet for the
/// availability benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AvailabilityBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_availability::BenchmarkHelper<AccountId> for AvailabilityBenchmarkHelper {
	fn add_provider(who: &AccountId, key: sp_core::sr25519::Public) {
		add_benchmark_provider(
			who,
			key,
			10 * MinStake::get(),
			1_000 * MinStake::get(),
			MinLockRounds::get(),
		);
	}

	fn fill_snapshot() {
		fill_benchmark_snapshot();
	}

	fn set_operator_key(who: &AccountId, key: sp_core::sr25519::Public) {
		set_benchmark_operator_key(who, key);
	}

	fn start_round() -> market_primitives::RoundIndex {
		use frame_support::traits::Hooks;
		let next = pallet_provider_staking::CurrentRound::<Runtime>::get().saturating_add(1);
		let block = next.saturating_mul(RoundLength::get());
		System::set_block_number(block);
		ProviderStaking::on_initialize(block);
		next
	}
}

/// Fills the next round's snapshot up to `MaxProvidersPerRound` with
/// providers without keys, for draws over a full snapshot.
#[cfg(feature = "runtime-benchmarks")]
fn fill_benchmark_snapshot() {
	let next = pallet_provider_staking::CurrentRound::<Runtime>::get().saturating_add(1);
	let _ = ProviderStaking::benchmark_fill_snapshot(
		next,
		MaxProvidersPerRound::get(),
		MinStake::get(),
	);
}

/// Gives `who` the operator key `key`, for benchmarks that sign with
/// providers drawn from a filled snapshot.
#[cfg(feature = "runtime-benchmarks")]
fn set_benchmark_operator_key(who: &AccountId, key: sp_core::sr25519::Public) {
	use pallet_provider_staking::{OperatorKeys, OperatorOwners};
	OperatorOwners::<Runtime>::insert(AccountId::from(key), who.clone());
	OperatorKeys::<Runtime>::insert(who, key);
}

parameter_types! {
	/// A ticket may be redeemed at most an hour before its expiry.
	pub const MaxTicketValidity: BlockNumber = market_primitives::HOURS;
	/// Withdrawals wait twice the longest ticket validity, so every ticket a
	/// sender signed before unlocking expires before the money leaves.
	pub const TicketUnlockPeriod: BlockNumber = 2 * market_primitives::HOURS;
	pub const MaxTicketBatch: u32 = 1_000;
	/// Above the most redemptions one block can hold, so pruning keeps up.
	pub const MaxTicketPrunePerBlock: u32 = 8_192;
}

impl pallet_tickets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = ProviderStaking;
	type MaxTicketValidity = MaxTicketValidity;
	type UnlockPeriod = TicketUnlockPeriod;
	type MaxBatch = MaxTicketBatch;
	type ReporterShare = ReporterShare;
	type MaxPrunePerBlock = MaxTicketPrunePerBlock;
	type WeightInfo = pallet_tickets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TicketsBenchmarkHelper;
}

/// Makes ticket recipients active providers through the real staking pallet
/// for the tickets benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct TicketsBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_tickets::BenchmarkHelper<AccountId> for TicketsBenchmarkHelper {
	fn make_active_provider(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::set_balance(who, 1_000 * MinStake::get());
		let _ = ProviderStaking::bond(
			RuntimeOrigin::signed(who.clone()),
			10 * MinStake::get(),
			MinLockRounds::get(),
		);
		let _ = ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(who.clone()));
		<AvailabilityBenchmarkHelper as pallet_availability::BenchmarkHelper<AccountId>>::start_round();
	}
}

parameter_types! {
	/// 16 members, 11 signatures: the arithmetic for these defaults is in
	/// `market_primitives::claims`.
	pub const CommitteeSize: u32 = market_primitives::claims::DEFAULT_COMMITTEE_SIZE;
	pub const CommitteeThreshold: u32 = market_primitives::claims::DEFAULT_COMMITTEE_THRESHOLD;
	/// 64 challenges: a claim inflated by 10% escapes with probability
	/// below 0.12% (see `market_primitives::claims`).
	pub const ChallengeCount: u32 = market_primitives::claims::DEFAULT_CHALLENGE_COUNT;
	/// Rounds a provider has to open a commitment once its challenges are
	/// fixed; with `MaxReportAge` it stays inside the escrow's claim window.
	pub const ClaimOpenDeadline: market_primitives::RoundIndex = 4;
	/// The VRF outputs of this many blocks after a commitment fix its
	/// challenges.
	pub const ChallengeBlocks: BlockNumber = 4;
	/// Fixed part of the slash for a forfeited claim (the claimed fees are
	/// added to it).
	pub const ClaimSlash: Balance = UNIT;
}

impl pallet_service_claims::Config for Runtime {
	type Balance = Balance;
	type Registry = ProviderStaking;
	type Escrow = PolicyEscrow;
	type Slashing = ProviderStaking;
	// The VRF outputs of the `ChallengeBlocks` blocks after a commitment,
	// accumulated by the staking pallet: unknown to any single author when
	// the root is committed.
	type Entropy = ProviderStaking;
	type ChallengeBlocks = ChallengeBlocks;
	type CommitteeSize = CommitteeSize;
	type CommitteeThreshold = CommitteeThreshold;
	type ChallengeCount = ChallengeCount;
	type OpenDeadline = ClaimOpenDeadline;
	type ClaimSlash = ClaimSlash;
	type MaxReportAge = MaxReportAge;
	type RoundHistory = RoundHistory;
	type WeightInfo = pallet_service_claims::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ClaimsBenchmarkHelper;
}

/// Sets up providers, rounds and per-request policies through the real
/// staking and escrow pallets for the service-claims benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ClaimsBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_service_claims::BenchmarkHelper<AccountId> for ClaimsBenchmarkHelper {
	fn add_provider(who: &AccountId, key: sp_core::sr25519::Public, weight: u32) {
		let stake = MinStake::get().saturating_mul(Balance::from(weight.max(1)));
		// Locked through any policy the benchmark creates.
		let lock = MinLockRounds::get().saturating_add(MaxPolicyRounds::get());
		add_benchmark_provider(who, key, stake, stake.saturating_mul(2), lock);
	}

	fn fill_snapshot() {
		fill_benchmark_snapshot();
	}

	fn set_operator_key(who: &AccountId, key: sp_core::sr25519::Public) {
		set_benchmark_operator_key(who, key);
	}

	fn start_round() -> market_primitives::RoundIndex {
		<AvailabilityBenchmarkHelper as pallet_availability::BenchmarkHelper<AccountId>>::start_round()
	}

	fn create_policy(
		providers: alloc::vec::Vec<AccountId>,
		requesters: alloc::vec::Vec<sp_core::sr25519::Public>,
		start: market_primitives::RoundIndex,
		rounds: u32,
		cap: u32,
	) -> market_primitives::escrow::PolicyId {
		use frame_support::traits::fungible::Mutate;
		let owner: AccountId = sp_core::crypto::AccountId32::new([0xee; 32]);
		let cost = Balance::from(cap)
			.saturating_mul(providers.len() as Balance)
			.saturating_mul(Balance::from(rounds));
		let _ = Balances::set_balance(&owner, cost.saturating_mul(2).saturating_add(UNIT));
		let id = pallet_policy_escrow::NextPolicyId::<Runtime>::get();
		let _ = PolicyEscrow::create_policy(
			RuntimeOrigin::signed(owner),
			pallet_policy_escrow::ProviderChoice::Explicit(
				frame_support::BoundedVec::truncate_from(providers),
			),
			start,
			rounds,
			market_primitives::escrow::PriceModel::PerRequest { price: 1, cap },
			frame_support::BoundedVec::truncate_from(requesters),
		);
		id
	}
}
