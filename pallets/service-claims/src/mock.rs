//! Mock runtime: System, Balances, the real provider staking pallet (round
//! seeds, snapshots, operator keys, sampling and slashing), the real policy
//! escrow, and this pallet with a deterministic per-block randomness.

use crate as pallet_service_claims;
use crate::{
	pallet::{Opening, Parameters, ProofPath},
	PolicyId, Receipt, RoundIndex,
};
use codec::Encode;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
	weights::Weight,
	BoundedVec,
};
use market_primitives::{
	claims::{leaf, receipt_payload, sort_receipts, RangeTree},
	escrow::PriceModel,
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
		Claims: pallet_service_claims,
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

/// Blocks after a commitment whose VRF outputs fix its challenges.
pub const CHALLENGE_BLOCKS: u64 = 3;
pub const MAX_REPORT_AGE: RoundIndex = 2;
pub const HISTORY: RoundIndex = 8;
pub const COMMITTEE_SIZE: u32 = 4;
pub const THRESHOLD: u32 = 3;
pub const CHALLENGES: u32 = 4;
pub const OPEN_DEADLINE: RoundIndex = 2;
pub const CLAIM_SLASH: Balance = 100;

parameter_types! {
	pub const ReporterShare: Perbill = Perbill::from_percent(10);
}

impl pallet_provider_staking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type BlockRandomness = pallet_provider_staking::testing::TestBlockRandomness<Test>;
	type SeedBlocks = ConstU64<3>;
	type UnavailabilityOracle = ();
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
	type MaxReporters = ConstU32<2>;
	type MaxOffenceAge = ConstU32<{ 2 * HISTORY }>;
	type WeightInfo = ();
}

impl pallet_policy_escrow::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registry = Staking;
	type UnavailabilityOracle = ();
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

impl pallet_service_claims::Config for Test {
	type Balance = Balance;
	type Registry = Staking;
	type Escrow = Escrow;
	type Slashing = Staking;
	type Entropy = Staking;
	type ChallengeBlocks = ConstU64<CHALLENGE_BLOCKS>;
	type CommitteeSize = ConstU32<COMMITTEE_SIZE>;
	type CommitteeThreshold = ConstU32<THRESHOLD>;
	type ChallengeCount = ConstU32<CHALLENGES>;
	type OpenDeadline = ConstU32<OPEN_DEADLINE>;
	type ClaimSlash = ConstU64<CLAIM_SLASH>;
	type MaxReportAge = ConstU32<MAX_REPORT_AGE>;
	type RoundHistory = ConstU32<HISTORY>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ClaimsHelper;
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

/// Sets up providers and policies through the real pallets for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ClaimsHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for ClaimsHelper {
	fn add_provider(who: &AccountId, key: sr25519::Public, weight: u32) {
		use frame_support::traits::fungible::Mutate;
		use pallet_provider_staking::{OperatorKeys, OperatorOwners};
		let stake = 100 * Balance::from(weight);
		let _ = Balances::set_balance(who, stake * 2);
		let _ = Staking::bond(RuntimeOrigin::signed(*who), stake, 40);
		OperatorOwners::<Test>::insert(KeyToAccount::convert(key), who);
		OperatorKeys::<Test>::insert(who, key);
		let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(*who));
	}

	fn fill_snapshot() {
		use crate::ProviderRegistry;
		let _ = Staking::benchmark_fill_snapshot(Staking::current_round() + 1, 100, 100);
	}

	fn set_operator_key(who: &AccountId, key: sr25519::Public) {
		use pallet_provider_staking::{OperatorKeys, OperatorOwners};
		OperatorOwners::<Test>::insert(KeyToAccount::convert(key), who);
		OperatorKeys::<Test>::insert(who, key);
	}

	fn start_round() -> RoundIndex {
		use crate::ProviderRegistry;
		let next = Staking::current_round() + 1;
		run_to_round(next);
		next
	}

	fn create_policy(
		providers: Vec<AccountId>,
		requesters: Vec<sr25519::Public>,
		start: RoundIndex,
		rounds: u32,
		cap: u32,
	) -> PolicyId {
		use frame_support::traits::fungible::Mutate;
		let owner = 999;
		let cost = Balance::from(cap) * providers.len() as u64 * u64::from(rounds);
		let _ = Balances::set_balance(&owner, 2 * cost + 10);
		let id = pallet_policy_escrow::NextPolicyId::<Test>::get();
		let _ = Escrow::create_policy(
			RuntimeOrigin::signed(owner),
			pallet_policy_escrow::ProviderChoice::Explicit(BoundedVec::truncate_from(providers)),
			start,
			rounds,
			PriceModel::PerRequest { price: 1, cap },
			BoundedVec::truncate_from(requesters),
		);
		id
	}
}

pub const ROUND: u64 = 10;
pub const INITIAL: Balance = 100_000;
/// Providers `1..=PROVIDERS`, each with stake [`STAKE`] and operator key `i`.
pub const PROVIDERS: u64 = 8;
pub const STAKE: Balance = 1_000;
/// The policy owner.
pub const ALICE: AccountId = 20;
/// Someone else.
pub const BOB: AccountId = 21;
/// The per-request price and cap of [`create_policy`].
pub const PRICE: Balance = 3;
pub const CAP: u32 = 40;

use crate::ProviderRegistry as _;

/// Operator key pair number `i`.
pub fn operator(i: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[i; 32])
}

/// Requester key pair number `i` (1 and 2 are authorized by [`create_policy`]).
pub fn requester(i: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[100 + i; 32])
}

pub fn held_escrow(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(
		&RuntimeHoldReason::Escrow(pallet_policy_escrow::HoldReason::Escrow),
		&who,
	)
}

pub fn held_stake(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(
		&RuntimeHoldReason::Staking(pallet_provider_staking::HoldReason::Staking),
		&who,
	)
}

pub fn free(who: AccountId) -> Balance {
	pallet_balances::Pallet::<Test>::free_balance(who)
}

pub fn issuance() -> Balance {
	pallet_balances::TotalIssuance::<Test>::get()
}

/// This pallet's events since the last call, clearing them.
pub fn events() -> Vec<crate::Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Claims(e) => Some(e),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// Runs blocks up to `n` with `idle` weight for pruning.
pub fn run_to_block_with_idle(n: u64, idle: Weight) {
	while System::block_number() < n {
		let b = System::block_number() + 1;
		System::set_block_number(b);
		Staking::on_initialize(b);
		Claims::on_initialize(b);
		Staking::on_idle(b, Weight::MAX);
		Claims::on_idle(b, idle);
	}
}

pub fn run_to_block(n: u64) {
	run_to_block_with_idle(n, Weight::MAX);
}

/// Runs to the first block of `round`.
pub fn run_to_round(round: RoundIndex) {
	run_to_block(round as u64 * ROUND);
}

/// Runs to `round`, every genesis provider committing to each round on the way.
pub fn advance_to_round(round: RoundIndex) {
	while Staking::current_round() < round {
		for p in 1..=PROVIDERS {
			let _ = Staking::commit_to_next_round(RuntimeOrigin::signed(p));
		}
		run_to_round(Staking::current_round() + 1);
	}
}

/// Creates a per-request policy ([`PRICE`], [`CAP`]) of `providers` for
/// rounds `start..start + rounds`, authorizing requesters 1 and 2.
pub fn create_policy(providers: &[AccountId], start: RoundIndex, rounds: u32) -> PolicyId {
	let id = pallet_policy_escrow::NextPolicyId::<Test>::get();
	let keys = vec![requester(1).public(), requester(2).public()];
	frame_support::assert_ok!(Escrow::create_policy(
		RuntimeOrigin::signed(ALICE),
		pallet_policy_escrow::ProviderChoice::Explicit(BoundedVec::truncate_from(
			providers.to_vec()
		)),
		start,
		rounds,
		PriceModel::PerRequest { price: PRICE, cap: CAP },
		BoundedVec::truncate_from(keys),
	));
	id
}

/// A receipt of `policy` in `round`, for `provider`, by requester `i` with
/// `nonce`.
pub fn receipt(
	policy: PolicyId,
	provider: AccountId,
	round: RoundIndex,
	i: u8,
	nonce: u64,
) -> Receipt<AccountId> {
	Receipt {
		policy,
		round,
		provider,
		requester: requester(i).public(),
		nonce,
		request_hash: sp_crypto_hashing::blake2_256(&(i, nonce).encode()),
		response_hash: sp_crypto_hashing::blake2_256(&(provider, i, nonce).encode()),
	}
}

/// Requester `i`'s signature on `receipt` (whatever its requester field
/// says).
pub fn sign_receipt(i: u8, receipt: &Receipt<AccountId>) -> sr25519::Signature {
	requester(i).sign(&receipt_payload(&Claims::signing_domain(), receipt))
}

/// `n` distinct receipts of `policy` in `round` for `provider`, from
/// requesters 1 and 2, sorted.
pub fn receipts(
	policy: PolicyId,
	provider: AccountId,
	round: RoundIndex,
	n: u64,
) -> Vec<Receipt<AccountId>> {
	let mut list: Vec<_> =
		(0..n).map(|k| receipt(policy, provider, round, 1 + (k % 2) as u8, k)).collect();
	sort_receipts(&mut list);
	list
}

/// The requester number whose key is `key`.
pub fn requester_index(key: &sr25519::Public) -> u8 {
	(1..=3).find(|i| requester(*i).public() == *key).unwrap_or(1)
}

/// Correct openings of `leaves` (signed by their requesters) at `indices`.
pub fn openings(leaves: &[Receipt<AccountId>], indices: &[u32]) -> Vec<Opening<AccountId>> {
	let tree = RangeTree::from_leaves(leaves.iter().map(leaf).collect()).unwrap();
	indices
		.iter()
		.map(|i| {
			let receipt = leaves[*i as usize].clone();
			Opening {
				signature: sign_receipt(requester_index(&receipt.requester), &receipt),
				receipt,
				proof: ProofPath::truncate_from(tree.proof(*i).unwrap()),
			}
		})
		.collect()
}

/// The root of the range tree of `leaves`.
pub fn root_of(leaves: &[Receipt<AccountId>]) -> [u8; 32] {
	RangeTree::from_leaves(leaves.iter().map(leaf).collect()).unwrap().root()
}

/// The parameters of the mock's `Config` constants.
pub fn default_parameters() -> Parameters<Balance> {
	Parameters {
		committee_size: COMMITTEE_SIZE,
		committee_threshold: THRESHOLD,
		challenge_count: CHALLENGES,
		open_deadline: OPEN_DEADLINE,
		claim_slash: CLAIM_SLASH,
	}
}

#[derive(Default)]
pub struct ExtBuilder {
	/// Genesis parameters of this pallet; its `GenesisConfig` default if
	/// `None`.
	parameters: Option<Parameters<Balance>>,
}

impl ExtBuilder {
	/// Starts the chain with `parameters` in this pallet's genesis.
	pub fn with_parameters(parameters: Parameters<Balance>) -> Self {
		Self { parameters: Some(parameters) }
	}

	pub fn build(self) -> sp_io::TestExternalities {
		build_with_providers(PROVIDERS, self.parameters)
	}

	/// Runs `test`, then checks this pallet's invariants (and the staking
	/// and escrow pallets', whose checks are compiled only with `try-runtime`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Claims::do_try_state().unwrap();
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
	build_with_providers(0, None)
}

/// Genesis with providers `1..=providers`, each with stake [`STAKE`] and
/// operator key `i`, locked until round 40, and this pallet's `parameters`.
fn build_with_providers(
	providers: u64,
	parameters: Option<Parameters<Balance>>,
) -> sp_io::TestExternalities {
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
	let claims = match parameters {
		Some(parameters) => pallet_service_claims::GenesisConfig::<Test> { parameters },
		None => Default::default(),
	};
	claims.assimilate_storage(&mut t).unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| System::set_block_number(1));
	ext
}
