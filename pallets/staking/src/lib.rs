//! # Provider staking pallet
//!
//! Providers (the paper's Ursulas) bond stake for a number of rounds, name an
//! sr25519 operator key that signs their off-chain statements, and signal
//! every round that they will be available in the next one
//! ([`Pallet::commit_to_next_round`], the paper's "confirm activity"). The
//! pallet keeps per-round seeds and stake snapshots, mints the per-round
//! inflation for the providers of each snapshot, slashes through the
//! [`Slashing`] trait, and draws stake-weighted samples of providers through
//! [`ProviderRegistry::sample`].
//!
//! ## Rounds and seeds
//!
//! Round `r` starts at block `r * RoundLength`. Nothing but the seed is
//! fixed at the boundary: round `r + 1`'s snapshot was built during round
//! `r`, one provider at a time.
//!
//! Every block's `on_initialize` folds the parent block's VRF output
//! (`BlockRandomness`, BABE's `ParentBlockRandomness` in the runtime) into
//! a hash chain, [`Entropy`]: `E(n) = blake2_256(SCALE(E(n-1), vrf(n-1),
//! n))`. Round `r`'s snapshot **closes** `SeedBlocks` blocks before the
//! round starts: from block `r * RoundLength - SeedBlocks` on nothing can
//! change it (commits are refused with `SnapshotClosed`, `bond_extra`,
//! `chill`, `unbond` and slashes only change later snapshots). At the
//! round's first block the seed is fixed as
//! `blake2_256(SCALE(b"market/round-seed", E(start), r))`, which depends on
//! the VRF outputs of the `SeedBlocks` blocks authored after the snapshot
//! closed.
//!
//! So while anything can still change round `r`'s weights, its seed is not
//! a function of any state readable on chain. A block author knows its own
//! VRF output in advance (BABE's outputs depend on the epoch randomness,
//! the slot and its key), but not the others': predicting the seed while
//! the snapshot is open needs the authors of all `SeedBlocks` blocks of
//! the window together. What one author can do is withhold its block once
//! it has seen the outputs before it; a coalition authoring `a` of the
//! window's blocks chooses among at most `2^a` seeds, so an event of
//! probability `p` per seed happens with probability at most `2^a * p`. The
//! draws use the frozen snapshot: a slash after the close lowers the real
//! stake, not the draw. (BABE's epoch randomness, used before, is public
//! for a whole epoch, and with few primary slots per epoch for several.)
//!
//! Blocks whose author uses a plain secondary slot carry no VRF output and
//! repeat the last one: they add nothing to the seed, and the bound counts
//! only the blocks with an output.
//!
//! ## Snapshots without work at the round boundary
//!
//! [`Pallet::commit_to_next_round`] appends the provider with its active
//! stake to the next round's snapshot: a slot-indexed list
//! ([`SnapshotMembers`]) and a Fenwick tree of the slot weights
//! ([`SnapshotTree`], see [`market_primitives::sampling`]). Whatever changes
//! the provider's eligible stake before the round starts (`bond_extra`,
//! `unbond`, a slash, `chill`) before the snapshot closes rewrites its slot
//! weight in `O(log N)` writes; a provider that becomes ineligible keeps its
//! slot with weight 0. So a provider is in round `r`'s snapshot with a
//! non-zero stake exactly if, when the snapshot closed, it was bonded at or
//! above `MinStake`, its lock covered `r`, it was not chilled and it had
//! committed for `r`. Once closed, the snapshot is frozen.
//!
//! A snapshot holds at most `MaxProvidersPerRound` providers. When it is
//! full, [`Pallet::commit_displacing`] takes the slot of a member with less
//! stake (or none left) than the caller, named by the caller (clients find
//! the smallest through the `market_*` RPC): a provider with more stake is
//! never shut out by earlier, smaller ones, and the work stays `O(log N)`.
//! The caller may name any member smaller than itself, not only the
//! smallest: a displaced provider displaces a smaller one in turn, so a
//! full snapshot converges to the largest stakes, and pushing out `m`
//! providers takes `m` identities each with more stake than its victim, all
//! of which then sit in the snapshot with that stake.
//!
//! Seeds, snapshots and slash records are kept for `RoundHistory` rounds
//! and then pruned in `on_idle`, within the block's leftover weight, a
//! bounded number of keys per block.
//!
//! ## Rewards and settlement delay
//!
//! Each round mints at most `RewardPerRound`: a provider of round `r`'s
//! snapshot gets `RewardPerRound * stake / total` (rounded down), where
//! `total` is the whole snapshot's stake. The share of a provider proven
//! unavailable for `r` ([`UnavailabilityOracle`]) is not minted. We keep the
//! whole snapshot as denominator so that one provider's reward does not
//! depend on later proofs against others, and can be settled alone.
//! A proof for round `r` may arrive until round `r + MaxReportAge`, so round
//! `r` can be claimed from round `r + MaxReportAge + 1` on, until its
//! snapshot leaves the history (round `r + RoundHistory`); later it is
//! forfeited. [`Pallet::claim_rewards`] settles at most `MaxClaimRounds`
//! rounds per call.
//!
//! ## Slashing
//!
//! [`Slashing::slash`] takes from the active stake, then from the unlocking
//! chunks (latest first): unbonding stake stays slashable until withdrawn.
//! A provider is slashed at most once per [`Offence`]: its reason, the
//! round the fault concerns and a subject (the policy of a claim), recorded
//! in [`SlashedOffences`]. The key is the offence, not the round the proof
//! lands in, so proofs of two offences arriving in one round both slash,
//! and escalation (counted by the availability pallet over the offences
//! already proven) does not depend on the order or timing of the proofs.
//! Offences older than `MaxOffenceAge` rounds are refused and their records
//! pruned. `ReporterShare` of the slashed amount is split among the
//! reporters, never paid to the offender's stash or operator account; the
//! rest goes to `SlashDestination` (dropped, i.e. burned, with `()`). A
//! provider left below `MinStake` is chilled.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
mod ledger;
#[cfg(test)]
mod mock;
mod registry;
mod slashing;
#[cfg(feature = "std")]
pub mod testing;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod weights;

pub use market_primitives::{
	sampling::DomainTag,
	staking::{
		BlockEntropy, Offence, ProviderRegistry, SlashReason, Slashing, UnavailabilityOracle,
	},
	RoundIndex,
};
pub use weights::WeightInfo;

/// Log target of the pallet.
pub const LOG_TARGET: &str = "runtime::provider-staking";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, BalancedHold, Inspect, Mutate, MutateHold},
			tokens::Precision,
			BuildGenesisConfig, OnUnbalanced, Randomness,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use market_primitives::domain::operator_pop_payload;
	use sp_core::sr25519;
	use sp_runtime::{
		traits::{Convert, Saturating, UniqueSaturatedInto, Zero},
		Perbill,
	};

	pub use crate::registry::StorageTree;

	/// Balance of the staking currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A negative imbalance (funds taken out of an account) of the staking currency.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

	/// Domain of a round's seed (see [`Pallet::seed_from`]).
	pub const ROUND_SEED_SUBJECT: &[u8] = b"market/round-seed";

	/// Subject passed to the block randomness source each block.
	pub const ENTROPY_SUBJECT: &[u8] = b"market/entropy";

	/// Part of a provider's stake on its way out.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct UnlockChunk<Balance> {
		/// Amount unlocking.
		pub value: Balance,
		/// First round in which it can be withdrawn.
		pub unlock_round: RoundIndex,
	}

	/// A provider's bonded stake and state, keyed by its stash account.
	#[derive(
		Encode,
		Decode,
		CloneNoBound,
		PartialEqNoBound,
		EqNoBound,
		DebugNoBound,
		TypeInfo,
		MaxEncodedLen,
	)]
	#[scale_info(skip_type_params(T))]
	pub struct ProviderLedger<T: Config> {
		/// Stake that is not unlocking: eligible, rewarded and sampled.
		pub active: BalanceOf<T>,
		/// Stake unbonded but not withdrawn yet (still slashable).
		pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>>, T::MaxUnlockingChunks>,
		/// Last round the stake is locked for: the provider can be in the
		/// snapshots up to this round and unbond only after it.
		pub locked_until: RoundIndex,
		/// Set by `chill` or a slash below `MinStake`; cleared by the next commit.
		pub chilled: bool,
		/// First round whose reward is not claimed yet.
		pub reward_cursor: RoundIndex,
		/// Last round whose snapshot the provider committed to.
		pub last_member_round: Option<RoundIndex>,
	}

	/// Header of a round's snapshot.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct SnapshotInfo<Balance> {
		/// Number of slots used (slots are `1..=len`).
		pub len: u32,
		/// Number of nodes of the round's Fenwick tree (a power of two), fixed
		/// when the snapshot is created.
		pub capacity: u32,
		/// Sum of the slot weights (equal to the tree's root node).
		pub total: Balance,
	}

	/// What one `claim_rewards` call would settle: rounds `from..=to` and
	/// the reward minted for them.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct RewardClaim<Balance> {
		/// First round settled.
		pub from: RoundIndex,
		/// Last round settled (inclusive).
		pub to: RoundIndex,
		/// Reward of those rounds (may be zero: rounds without stake or
		/// proven unavailable are settled for nothing).
		pub amount: Balance,
	}

	/// The layout version of the pallet's storage (see [`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Reasons for which the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's bonded stake (active and unlocking).
		#[codec(index = 0)]
		Staking,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The staking currency: stake is held on it, rewards minted, slashes
		/// taken from the hold.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The VRF output of the parent block (BABE's
		/// `ParentBlockRandomness` in the runtime), folded into [`Entropy`]
		/// every block; `None` when the block has none (block 1).
		type BlockRandomness: Randomness<Option<Self::Hash>, BlockNumberFor<Self>>;

		/// Tells whether a provider was proven unavailable for a round.
		type UnavailabilityOracle: UnavailabilityOracle<Self::AccountId>;

		/// Receives the part of slashed funds not paid to reporters; `()` burns it.
		type SlashDestination: OnUnbalanced<CreditOf<Self>>;

		/// The account that signs extrinsics with an operator key, allowed to
		/// commit for its provider.
		type OperatorAccount: Convert<sr25519::Public, Self::AccountId>;

		/// Number of blocks in a round.
		#[pallet::constant]
		type RoundLength: Get<BlockNumberFor<Self>>;

		/// Blocks before a round's start during which its snapshot is
		/// closed and whose VRF outputs make its seed: `1..RoundLength`.
		/// Predicting a seed while its snapshot is open takes the authors of
		/// all these blocks together.
		#[pallet::constant]
		type SeedBlocks: Get<BlockNumberFor<Self>>;

		/// Smallest bond, and smallest active stake to be in a snapshot.
		#[pallet::constant]
		type MinStake: Get<BalanceOf<Self>>;

		/// Shortest lock, in rounds, for `bond` and `extend_lock`.
		#[pallet::constant]
		type MinLockRounds: Get<RoundIndex>;

		/// Rounds between `unbond` and the chunk's withdrawal. Should be at
		/// least `MaxReportAge` so that unbonded stake can still be slashed
		/// for the last rounds it was active in.
		#[pallet::constant]
		type UnbondingRounds: Get<RoundIndex>;

		/// Most unlocking chunks per provider.
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// Rounds for which seeds, snapshots and slash records are kept.
		/// Must exceed `MaxReportAge + 1` so that settled rounds can be claimed.
		#[pallet::constant]
		type RoundHistory: Get<RoundIndex>;

		/// Rounds after round `r` during which a proof of unavailability for
		/// `r` can still arrive; `r`'s reward is claimable only afterwards.
		#[pallet::constant]
		type MaxReportAge: Get<RoundIndex>;

		/// Inflation minted per round, split among the round's providers.
		#[pallet::constant]
		type RewardPerRound: Get<BalanceOf<Self>>;

		/// Share of a slash paid to its reporters.
		#[pallet::constant]
		type ReporterShare: Get<Perbill>;

		/// Most providers in one round's snapshot.
		#[pallet::constant]
		type MaxProvidersPerRound: Get<u32>;

		/// Most rounds settled by one `claim_rewards` call.
		#[pallet::constant]
		type MaxClaimRounds: Get<u32>;

		/// Most reporters paid for one slash; further ones are ignored.
		#[pallet::constant]
		type MaxReporters: Get<u32>;

		/// Most rounds between an offence's round and the current one for a
		/// slash to be accepted; the records of older offences are pruned.
		/// At least `RoundHistory`, so that every claim the escrow still
		/// pays can be forfeited with its slash.
		#[pallet::constant]
		type MaxOffenceAge: Get<RoundIndex>;

		/// Weights of the pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// The round in progress.
	#[pallet::storage]
	pub type CurrentRound<T> = StorageValue<_, RoundIndex, ValueQuery>;

	/// Oldest round whose seed, snapshot or slash records may still be stored
	/// (the pruning cursor).
	#[pallet::storage]
	pub type OldestRound<T> = StorageValue<_, RoundIndex, ValueQuery>;

	/// Where pruning of `OldestRound` stopped: the stage (0: slots, 1: tree
	/// nodes up to `len`, 2: tree nodes above `len`, 3: header) and the next
	/// slot or node.
	#[pallet::storage]
	pub type PruneProgress<T> = StorageValue<_, (u8, u32), ValueQuery>;

	/// Seed of each round of the history, fixed at the round's start.
	#[pallet::storage]
	pub type RoundSeeds<T> = StorageMap<_, Twox64Concat, RoundIndex, [u8; 32], OptionQuery>;

	/// Hash chain over every block's VRF output up to the parent of the
	/// current block (see the pallet docs).
	#[pallet::storage]
	pub type Entropy<T> = StorageValue<_, [u8; 32], ValueQuery>;

	/// Header of each round's snapshot (the next round's is still growing).
	#[pallet::storage]
	pub type Snapshots<T: Config> =
		StorageMap<_, Twox64Concat, RoundIndex, SnapshotInfo<BalanceOf<T>>, OptionQuery>;

	/// Slots of each round's snapshot: provider and stake (0 once it left).
	#[pallet::storage]
	pub type SnapshotMembers<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RoundIndex,
		Twox64Concat,
		u32,
		(T::AccountId, BalanceOf<T>),
		OptionQuery,
	>;

	/// Fenwick tree of each round's slot weights, node `1..=capacity`.
	#[pallet::storage]
	pub type SnapshotTree<T: Config> =
		StorageDoubleMap<_, Twox64Concat, RoundIndex, Twox64Concat, u32, BalanceOf<T>, ValueQuery>;

	/// Slot of each provider in each round's snapshot.
	#[pallet::storage]
	pub type ProviderSlots<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RoundIndex,
		Blake2_128Concat,
		T::AccountId,
		u32,
		OptionQuery,
	>;

	/// Bonded providers, by stash account.
	#[pallet::storage]
	pub type Ledgers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderLedger<T>, OptionQuery>;

	/// The offences a provider was slashed for, by offence round, provider
	/// and `(reason, subject)`, with the amount slashed: one slash per
	/// offence. Kept for `MaxOffenceAge` rounds, the age beyond which no
	/// slash is accepted, then pruned in `on_idle`.
	#[pallet::storage]
	pub type SlashedOffences<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, RoundIndex>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, (SlashReason, u64)>,
		),
		BalanceOf<T>,
		OptionQuery,
	>;

	/// The oldest offence round whose records may still be stored.
	#[pallet::storage]
	pub type OldestOffenceRound<T> = StorageValue<_, RoundIndex, ValueQuery>;

	/// Operator key of each provider.
	#[pallet::storage]
	pub type OperatorKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, sr25519::Public, OptionQuery>;

	/// Provider (stash) of each operator key, keyed by the key's account.
	#[pallet::storage]
	pub type OperatorOwners<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A round started with its seed and the stake of its snapshot.
		RoundStarted {
			round: RoundIndex,
			seed: [u8; 32],
			providers: u32,
			total_stake: BalanceOf<T>,
		},
		/// A provider bonded stake, locked until `locked_until` (inclusive).
		Bonded { provider: T::AccountId, amount: BalanceOf<T>, locked_until: RoundIndex },
		/// A provider added stake.
		BondedExtra { provider: T::AccountId, amount: BalanceOf<T> },
		/// A provider extended its lock.
		LockExtended { provider: T::AccountId, locked_until: RoundIndex },
		/// A provider set its operator key.
		OperatorSet { provider: T::AccountId, key: sr25519::Public },
		/// A provider committed to be available in `round`.
		Committed { provider: T::AccountId, round: RoundIndex, stake: BalanceOf<T> },
		/// A provider lost its slot in `round`'s full snapshot to `by`, a
		/// provider with more stake.
		Displaced { provider: T::AccountId, round: RoundIndex, by: T::AccountId },
		/// A provider stops being eligible from `from_round`.
		Chilled { provider: T::AccountId, from_round: RoundIndex },
		/// A provider started unbonding.
		Unbonded { provider: T::AccountId, amount: BalanceOf<T>, unlock_round: RoundIndex },
		/// A provider withdrew unlocked stake.
		Withdrawn { provider: T::AccountId, amount: BalanceOf<T> },
		/// A provider's ledger was removed (nothing bonded any more).
		ProviderRemoved { provider: T::AccountId },
		/// Rewards of rounds `from..=to` were settled for a provider.
		RewardsClaimed {
			provider: T::AccountId,
			from: RoundIndex,
			to: RoundIndex,
			amount: BalanceOf<T>,
		},
		/// A provider was slashed for `offence`; `reporters_paid` of it went
		/// to the reporters.
		Slashed {
			provider: T::AccountId,
			offence: Offence,
			amount: BalanceOf<T>,
			reporters_paid: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already bonded; use `bond_extra`.
		AlreadyBonded,
		/// The account is not a bonded provider.
		NotBonded,
		/// The account is neither a provider nor a provider's operator.
		NotProvider,
		/// The bond, or the active stake, is below `MinStake`.
		BelowMinStake,
		/// The lock is shorter than `MinLockRounds`.
		LockTooShort,
		/// The new lock does not end later than the current one.
		LockNotExtended,
		/// The lock does not cover the next round.
		LockExpired,
		/// The stake is still locked.
		StillLocked,
		/// The free balance cannot cover the amount.
		InsufficientBalance,
		/// The amount is zero.
		ZeroAmount,
		/// The amount exceeds the active stake.
		InsufficientActiveStake,
		/// All `MaxUnlockingChunks` chunks are in use.
		TooManyUnlockingChunks,
		/// No chunk is unlocked yet.
		NothingToWithdraw,
		/// The ledger would be removed while settled rewards are unclaimed.
		RewardsPending,
		/// The provider already committed for the next round.
		AlreadyCommitted,
		/// The next round's snapshot is full: see `commit_displacing`.
		RoundFull,
		/// The next round's snapshot is closed: its seed is being drawn
		/// (the last `SeedBlocks` blocks of the round). Commit once the
		/// next round has started.
		SnapshotClosed,
		/// The provider to displace is not in the next round's snapshot.
		NotInSnapshot,
		/// The provider to displace has at least the caller's stake.
		StakeNotHigher,
		/// The provider is already chilled.
		AlreadyChilled,
		/// The operator key belongs to another provider.
		OperatorKeyInUse,
		/// The proof of possession is not a valid signature by the key.
		InvalidProofOfPossession,
		/// No settled, unclaimed round is left.
		NothingToClaim,
		/// The provider was already slashed for this offence.
		AlreadySlashed,
		/// The offence's round is older than `MaxOffenceAge` rounds.
		OffenceTooOld,
		/// The offence's round has not started.
		OffenceInFuture,
		/// A round or balance computation overflowed.
		Overflow,
	}

	/// A genesis provider: `(stash, stake, lock_rounds, operator public key)`.
	pub type GenesisProvider<T> =
		(<T as frame_system::Config>::AccountId, BalanceOf<T>, RoundIndex, Option<[u8; 32]>);

	/// Providers bonded at genesis, committed to rounds 0 and 1.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(stash, stake, lock_rounds, operator public key)`.
		pub providers: Vec<GenesisProvider<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// A genesis that cannot be built must stop chain-spec creation, so
		// invalid entries abort here, outside of any block execution.
		fn build(&self) {
			RoundSeeds::<T>::insert(0, Pallet::<T>::genesis_seed());
			for (stash, stake, lock_rounds, key) in &self.providers {
				assert!(*stake >= T::MinStake::get(), "genesis provider below MinStake");
				assert!(*lock_rounds >= T::MinLockRounds::get().max(1), "genesis lock too short");
				assert!(!Ledgers::<T>::contains_key(stash), "genesis provider listed twice");
				let held = T::Currency::hold(&HoldReason::Staking.into(), stash, *stake);
				assert!(held.is_ok(), "genesis provider cannot hold its stake");
				Ledgers::<T>::insert(
					stash,
					ProviderLedger::<T> {
						active: *stake,
						unlocking: Default::default(),
						locked_until: *lock_rounds,
						chilled: false,
						reward_cursor: 0,
						last_member_round: Some(1),
					},
				);
				for round in [0, 1] {
					let inserted = Pallet::<T>::insert_member(round, stash, *stake);
					assert!(inserted.is_ok(), "genesis snapshot full");
				}
				if let Some(raw) = key {
					let key = sr25519::Public::from_raw(*raw);
					let account = T::OperatorAccount::convert(key);
					assert!(
						!OperatorOwners::<T>::contains_key(&account),
						"genesis operator key used twice"
					);
					OperatorOwners::<T>::insert(account, stash);
					OperatorKeys::<T>::insert(stash, key);
				}
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Folds the parent block's VRF output into [`Entropy`] and starts a
		/// round at every multiple of `RoundLength`: O(1) work.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::absorb_entropy(n);
			let absorb = T::DbWeight::get().reads_writes(2, 1);
			let length = T::RoundLength::get();
			if length.is_zero() || !(n % length).is_zero() {
				return absorb;
			}
			let round: RoundIndex = (n / length).unique_saturated_into();
			if round <= CurrentRound::<T>::get() {
				return absorb.saturating_add(T::DbWeight::get().reads(1));
			}
			Self::start_round(round);
			// Benchmarked over the snapshot size to show it does not matter;
			// charged at the maximum all the same.
			absorb.saturating_add(T::WeightInfo::on_initialize_round_start(
				T::MaxProvidersPerRound::get(),
			))
		}

		/// Prunes rounds that left the history, within the leftover weight.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::prune(&mut meter);
			Self::prune_offences(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(!T::RoundLength::get().is_zero(), "RoundLength must be positive");
			assert!(
				!T::SeedBlocks::get().is_zero() && T::SeedBlocks::get() < T::RoundLength::get(),
				"SeedBlocks must be in 1..RoundLength"
			);
			assert!(
				T::UnbondingRounds::get() >= T::MaxReportAge::get(),
				"UnbondingRounds must be at least MaxReportAge: unbonded stake stays slashable \
				 for the rounds it was active in"
			);
			assert!(T::MaxProvidersPerRound::get() > 0, "MaxProvidersPerRound must be positive");
			assert!(T::MaxUnlockingChunks::get() > 0, "MaxUnlockingChunks must be positive");
			assert!(T::MaxClaimRounds::get() > 0, "MaxClaimRounds must be positive");
			assert!(
				T::RoundHistory::get() > T::MaxReportAge::get().saturating_add(1),
				"RoundHistory must exceed MaxReportAge + 1"
			);
			assert!(
				T::MaxOffenceAge::get() >= T::RoundHistory::get(),
				"MaxOffenceAge must be at least RoundHistory: offences of every round whose \
				 claims are still paid must stay slashable"
			);
			assert!(
				T::MaxReporters::get() > 0 && !T::ReporterShare::get().is_zero(),
				"reporters must be paid: MaxReporters and ReporterShare must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Bonds `amount` as a new provider, locked for `lock_rounds` rounds
		/// from the current one (the lock covers rounds up to
		/// `current + lock_rounds`).
		///
		/// Origin: the stash account. Errors: `AlreadyBonded`, `BelowMinStake`,
		/// `LockTooShort`, `InsufficientBalance`, `Overflow`. Event: `Bonded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bond())]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
			lock_rounds: RoundIndex,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!Ledgers::<T>::contains_key(&who), Error::<T>::AlreadyBonded);
			ensure!(amount >= T::MinStake::get(), Error::<T>::BelowMinStake);
			ensure!(lock_rounds >= T::MinLockRounds::get(), Error::<T>::LockTooShort);
			let current = CurrentRound::<T>::get();
			let locked_until = current.checked_add(lock_rounds).ok_or(Error::<T>::Overflow)?;
			let reward_cursor = current.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Self::hold(&who, amount)?;
			Ledgers::<T>::insert(
				&who,
				ProviderLedger::<T> {
					active: amount,
					unlocking: Default::default(),
					locked_until,
					chilled: false,
					reward_cursor,
					last_member_round: None,
				},
			);
			Self::deposit_event(Event::Bonded { provider: who, amount, locked_until });
			Ok(())
		}

		/// Adds `amount` to the provider's active stake (and to its weight in
		/// the next round's snapshot if it committed).
		///
		/// Origin: the stash. Errors: `NotBonded`, `ZeroAmount`,
		/// `InsufficientBalance`. Event: `BondedExtra`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_extra())]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			Self::hold(&who, amount)?;
			ledger.active = ledger.active.saturating_add(amount);
			Self::refresh_pending(&who, &ledger);
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::BondedExtra { provider: who, amount });
			Ok(())
		}

		/// Locks the stake until `current + lock_rounds`, which must end later
		/// than the current lock.
		///
		/// Origin: the stash. Errors: `NotBonded`, `LockTooShort`,
		/// `LockNotExtended`, `Overflow`. Event: `LockExtended`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::extend_lock())]
		pub fn extend_lock(origin: OriginFor<T>, lock_rounds: RoundIndex) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(lock_rounds >= T::MinLockRounds::get(), Error::<T>::LockTooShort);
			let locked_until =
				CurrentRound::<T>::get().checked_add(lock_rounds).ok_or(Error::<T>::Overflow)?;
			ensure!(locked_until > ledger.locked_until, Error::<T>::LockNotExtended);
			ledger.locked_until = locked_until;
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::LockExtended { provider: who, locked_until });
			Ok(())
		}

		/// Sets the provider's sr25519 operator key. `proof` is the key's
		/// signature over [`operator_pop_payload`]`(domain, stash)`, with the
		/// domain of [`Pallet::signing_domain`]. The key's account may then
		/// commit for the provider. A previous key is released.
		///
		/// Origin: the stash. Errors: `NotBonded`, `OperatorKeyInUse`,
		/// `InvalidProofOfPossession`. Event: `OperatorSet`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_operator())]
		pub fn set_operator(
			origin: OriginFor<T>,
			key: sr25519::Public,
			proof: sr25519::Signature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(Ledgers::<T>::contains_key(&who), Error::<T>::NotBonded);
			let account = T::OperatorAccount::convert(key);
			if let Some(owner) = OperatorOwners::<T>::get(&account) {
				ensure!(owner == who, Error::<T>::OperatorKeyInUse);
			}
			// Another provider's stash as operator would make its commits ambiguous.
			ensure!(
				account == who || !Ledgers::<T>::contains_key(&account),
				Error::<T>::OperatorKeyInUse
			);
			let message = operator_pop_payload(&Self::signing_domain(), &who);
			ensure!(
				sp_io::crypto::sr25519_verify(&proof, &message, &key),
				Error::<T>::InvalidProofOfPossession
			);
			if let Some(old) = OperatorKeys::<T>::get(&who) {
				OperatorOwners::<T>::remove(T::OperatorAccount::convert(old));
			}
			OperatorOwners::<T>::insert(&account, &who);
			OperatorKeys::<T>::insert(&who, key);
			Self::deposit_event(Event::OperatorSet { provider: who, key });
			Ok(())
		}

		/// Commits the provider to be available in the next round: appends it
		/// with its active stake to the next round's snapshot and clears a
		/// chill. Once per round, before the snapshot closes (`SeedBlocks`
		/// blocks before the next round starts).
		///
		/// Origin: the stash or its operator key's account. Errors:
		/// `NotProvider`, `AlreadyCommitted`, `BelowMinStake`, `LockExpired`,
		/// `SnapshotClosed`, `RoundFull` (see `commit_displacing`),
		/// `Overflow`. Event: `Committed`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::commit_to_next_round())]
		pub fn commit_to_next_round(origin: OriginFor<T>) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let (stash, mut ledger, next) = Self::check_commit(&caller)?;
			Self::insert_member(next, &stash, ledger.active)?;
			Self::record_commit(stash, &mut ledger, next);
			Ok(())
		}

		/// Commits like [`Pallet::commit_to_next_round`]; if the next round's
		/// snapshot is full, takes the slot of `displace`, a member of it
		/// whose stake there is lower than the caller's active stake (a
		/// member that left it has none). Clients find the member with the
		/// least stake through the `market_*` RPC. When the snapshot is not
		/// full, `displace` is ignored.
		///
		/// Origin: the stash or its operator key's account. Errors: those of
		/// `commit_to_next_round` but `RoundFull`, and `NotInSnapshot`,
		/// `StakeNotHigher`. Events: `Displaced` (when a slot is taken),
		/// `Committed`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::commit_displacing())]
		pub fn commit_displacing(origin: OriginFor<T>, displace: T::AccountId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let (stash, mut ledger, next) = Self::check_commit(&caller)?;
			let full = Snapshots::<T>::get(next)
				.is_some_and(|info| info.len >= T::MaxProvidersPerRound::get().min(info.capacity));
			if full {
				let slot =
					ProviderSlots::<T>::get(next, &displace).ok_or(Error::<T>::NotInSnapshot)?;
				let (_, weight) =
					SnapshotMembers::<T>::get(next, slot).ok_or(Error::<T>::NotInSnapshot)?;
				ensure!(weight < ledger.active, Error::<T>::StakeNotHigher);
				// The slot keeps its place in the tree: only its weight and
				// its member change.
				Self::set_member_weight(next, &displace, ledger.active);
				ProviderSlots::<T>::remove(next, &displace);
				ProviderSlots::<T>::insert(next, &stash, slot);
				SnapshotMembers::<T>::insert(next, slot, (stash.clone(), ledger.active));
				Self::deposit_event(Event::Displaced {
					provider: displace,
					round: next,
					by: stash.clone(),
				});
			} else {
				Self::insert_member(next, &stash, ledger.active)?;
			}
			Self::record_commit(stash, &mut ledger, next);
			Ok(())
		}

		/// Stops the provider from being eligible from the next round (its
		/// commitment, if any, is withdrawn), or from the round after it if
		/// the next round's snapshot is already closed. Committing again
		/// clears it.
		///
		/// Origin: the stash. Errors: `NotBonded`, `AlreadyChilled`, `Overflow`.
		/// Event: `Chilled`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::chill())]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(!ledger.chilled, Error::<T>::AlreadyChilled);
			let from_round = Self::first_open_round().ok_or(Error::<T>::Overflow)?;
			ledger.chilled = true;
			Self::refresh_pending(&who, &ledger);
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::Chilled { provider: who, from_round });
			Ok(())
		}

		/// Moves `amount` of active stake into an unlocking chunk, withdrawable
		/// after `UnbondingRounds` rounds. Only after the lock has ended.
		/// Chunks unlocking in the same round are merged.
		///
		/// Origin: the stash. Errors: `NotBonded`, `ZeroAmount`, `StillLocked`,
		/// `InsufficientActiveStake`, `TooManyUnlockingChunks`, `Overflow`.
		/// Event: `Unbonded`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let current = CurrentRound::<T>::get();
			ensure!(current > ledger.locked_until, Error::<T>::StillLocked);
			ensure!(amount <= ledger.active, Error::<T>::InsufficientActiveStake);
			let unlock_round =
				current.checked_add(T::UnbondingRounds::get()).ok_or(Error::<T>::Overflow)?;
			match ledger.unlocking.last_mut() {
				Some(chunk) if chunk.unlock_round == unlock_round => {
					chunk.value = chunk.value.saturating_add(amount)
				},
				_ => ledger
					.unlocking
					.try_push(UnlockChunk { value: amount, unlock_round })
					.map_err(|_| Error::<T>::TooManyUnlockingChunks)?,
			}
			ledger.active = ledger.active.saturating_sub(amount);
			Self::refresh_pending(&who, &ledger);
			Ledgers::<T>::insert(&who, ledger);
			Self::deposit_event(Event::Unbonded { provider: who, amount, unlock_round });
			Ok(())
		}

		/// Releases the unlocked chunks. When nothing stays bonded, the ledger
		/// and the operator key are removed, which requires that no settled
		/// reward is left unclaimed.
		///
		/// Origin: the stash. Errors: `NotBonded`, `NothingToWithdraw`,
		/// `RewardsPending`. Events: `Withdrawn`, `ProviderRemoved`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded())]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&who).ok_or(Error::<T>::NotBonded)?;
			let current = CurrentRound::<T>::get();
			let mut released = BalanceOf::<T>::zero();
			ledger.unlocking.retain(|chunk| {
				if chunk.unlock_round <= current {
					released = released.saturating_add(chunk.value);
					false
				} else {
					true
				}
			});
			let removed = ledger.is_empty();
			ensure!(!released.is_zero() || removed, Error::<T>::NothingToWithdraw);
			if removed {
				let pending = ledger.last_member_round.is_some_and(|last| {
					last >= ledger.reward_cursor && last >= Self::first_retained_round(current)
				});
				ensure!(!pending, Error::<T>::RewardsPending);
			}
			if !released.is_zero() {
				T::Currency::release(
					&HoldReason::Staking.into(),
					&who,
					released,
					Precision::Exact,
				)?;
			}
			if removed {
				Ledgers::<T>::remove(&who);
				if let Some(key) = OperatorKeys::<T>::take(&who) {
					OperatorOwners::<T>::remove(T::OperatorAccount::convert(key));
				}
			} else {
				Ledgers::<T>::insert(&who, ledger);
			}
			if !released.is_zero() {
				Self::deposit_event(Event::Withdrawn { provider: who.clone(), amount: released });
			}
			if removed {
				Self::deposit_event(Event::ProviderRemoved { provider: who });
			}
			Ok(())
		}

		/// Mints `provider`'s rewards of up to `MaxClaimRounds` settled rounds,
		/// from its first unclaimed round still in the history (older rounds
		/// are forfeited). Anyone may call it; the reward goes to the provider.
		///
		/// Origin: any signed account. Errors: `NotBonded`, `NothingToClaim`.
		/// Event: `RewardsClaimed`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::claim_rewards(T::MaxClaimRounds::get()))]
		pub fn claim_rewards(
			origin: OriginFor<T>,
			provider: T::AccountId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let mut ledger = Ledgers::<T>::get(&provider).ok_or(Error::<T>::NotBonded)?;
			let RewardClaim { from, to, amount } =
				Self::claimable_rewards(&provider, &ledger, CurrentRound::<T>::get())?;
			if !amount.is_zero() {
				T::Currency::mint_into(&provider, amount)?;
			}
			ledger.reward_cursor = to.saturating_add(1);
			Ledgers::<T>::insert(&provider, ledger);
			Self::deposit_event(Event::RewardsClaimed { provider, from, to, amount });
			let rounds = to.saturating_sub(from).saturating_add(1);
			Ok(Some(T::WeightInfo::claim_rewards(rounds)).into())
		}
	}
}
