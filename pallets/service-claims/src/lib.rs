//! # Service-claims pallet
//!
//! A provider claims "I served `w` distinct requests of per-request policy
//! `X` in round `r`" and is paid `w * price` from the policy's escrow
//! through [`PolicyEscrow::pay_for_requests`] (the paper's "confirm service
//! activity" solutions, section 3). A claim is refused, changing nothing,
//! if `w` is zero or above the policy's cap (never truncated), if the
//! caller is not a provider of the policy, or if the escrow would not pay
//! the slot now: the round must have *settled* (its report window,
//! `MaxReportAge` rounds, has closed, so no proof of unavailability can take
//! it back) and still be in the escrow's claim window. At most one claim per
//! `(policy, provider, round)` is ever accepted ([`Claims`]).
//!
//! ## Committee attestation
//!
//! The committee attesting provider `P`'s claims for round `r` holds
//! `committee_size` seats drawn with replacement from `r`'s seed over `r`'s
//! snapshot without `P`, with the [`COMMITTEE`] domain tag, stake-weighted
//! like the gateways ([`Pallet::committee`]): a member drawn `m` times holds
//! `m` seats and its one signature counts for all of them, so splitting
//! stake over identities gains no seat, and `P` never attests itself.
//! Members sign a [`ClaimStatement`] with their operator keys over the
//! chain's service-claims [`SigningDomain`] ([`Pallet::signing_domain`]);
//! [`Pallet::submit_attested_claim`] needs valid signatures of members
//! holding `committee_threshold` seats. Signers are given by their index in
//! the committee's list of distinct members (strictly increasing), so
//! checking is `O(signatures)`. See [`market_primitives::claims`] for the
//! threshold's probabilities at every market size.
//!
//! ## Commit, challenge, open
//!
//! The provider builds the *range tree* of its requester-signed
//! [`Receipt`]s sorted strictly by `(requester, nonce)` and commits its
//! root and `w` ([`Pallet::commit_claim`]). Challenge indices come from
//! randomness fixed after the commitment: for a commitment in block `b`, the
//! chain's accumulated VRF entropy ([`BlockEntropy`], the staking pallet's
//! hash chain over every block's BABE VRF output) as of block `b +
//! ChallengeBlocks + 1`, which has folded in the outputs of blocks `b + 1
//! ..= b + ChallengeBlocks`; it is read in that block's `on_initialize`
//! and stored in [`ChallengeSeeds`], then mixed with the claim's identity
//! `(policy, provider, round, w)`. The root is not mixed in: everything the
//! indices depend on except the seed is fixed before the seed exists, so
//! the provider cannot grind them, and leaving the root out lets a client
//! (and the benchmark) know the indices without building the whole tree.
//!
//! A block author knows its own VRF output in advance, so a seed taken from
//! one block (the next block's output, as before) was known to that block's
//! author at commit time: a colluding validator could include the
//! commitment right before its own slot. Now knowing the challenges at
//! commit time takes the authors of all `ChallengeBlocks` blocks after the
//! commitment together; the last of them can at most withhold its block
//! (a coalition authoring `a` of them chooses among at most `2^a` seeds).
//! Until the seed block, [`Pallet::challenges`] answers `None` and clients
//! get `ChallengeNotDrawn`.
//!
//! From the round after the commitment's (and once the seed is fixed) up to
//! `open_deadline` rounds after it, the provider opens the `min(challenge_count, w)` challenged leaves
//! ([`Pallet::open_claim`]): each with its receipt, the requester's
//! signature and its path. Every path is checked against the root with the
//! range-tree rule (each left subtree's keys strictly below the right
//! one's), the signatures, the receipts' policy, round and provider (the
//! caller: another provider's receipts fail with
//! [`OpeningFailure::WrongProvider`]), and that the requester keys are
//! authorized by the policy. A leaf that passes sorts
//! strictly before its right-hand neighbour (and every later leaf), so
//! duplicates and out-of-order fabrications fail. If all pass, the claim is
//! paid. If one fails, the claim is forfeited and the provider slashed
//! (`claim_slash + w * price`, [`SlashReason::ClaimFraud`]); a commitment not
//! opened by its deadline is forfeited by anyone through
//! [`Pallet::expire_claim`] (reason [`SlashReason::FailedClaimOpening`],
//! the caller gets the staking pallet's reporter share).
//!
//! A failed opening returns `Ok` and forfeits: a refusal would let the
//! provider retry with other leaves. Only what cannot be the provider's
//! opening of this claim is refused: a caller without a commitment, a call
//! outside the opening window, or a wrong number of openings.
//!
//! Why a range tree and not `binary-merkle-tree` with neighbour checks, and
//! why `(1 - f)^k` bounds the chance that a claim inflated by a fraction `f`
//! goes unnoticed with `k` challenges, is in [`market_primitives::claims`].
//! The default `challenge_count` is 64 (`< 0.12%` for `f = 10%`).
//!
//! ## The escrow's window
//!
//! A commitment at round `c` must be openable and payable until its
//! deadline `c + open_deadline`: [`PolicyEscrow::requests_payable_until`]
//! tells until when the escrow will pay the slot whatever the owner does
//! (refund, revocation, reap), and a commitment whose deadline is later is
//! refused (`DeadlineOutsideClaimWindow`). Should the escrow still refuse
//! a correctly opened claim, the commitment is closed without slash
//! ([`Event::ClaimUnpaid`]). With the policy escrow pallet this cannot
//! happen: nothing else pays request slots, and the slot stays payable
//! until the deadline whatever the owner does (see `close_unpaid`).
//!
//! ## Parameters
//!
//! Five values are [`Parameters`] in storage ([`Params`]), chosen per chain
//! in the genesis config and changed by Root ([`Pallet::set_parameters`]);
//! the `Config` constants of the same names are their defaults.
//!
//! | parameter             | rule                                          |
//! |-----------------------|-----------------------------------------------|
//! | `committee_size`      | `<= CommitteeSize` (sizes the signatures)     |
//! | `committee_threshold` | `committee_size / 2 < t <= committee_size`    |
//! | `challenge_count`     | `1..=ChallengeCount` (sizes the openings)     |
//! | `open_deadline`       | `>= 1`, `MaxReportAge + 1 + d < RoundHistory` |
//! | `claim_slash`         | any balance                                   |
//!
//! The threshold must be a strict majority of the committee. The committee
//! is a stake-weighted sample, so a coalition holding a fraction `f < 1/2`
//! of the stake expects `f * committee_size` members: a majority threshold
//! asks it for more than its share, which it gets with a probability
//! falling exponentially in the committee size (the table in
//! [`market_primitives::claims`]), whereas a threshold of half or less
//! is within reach of a coalition near half the stake however large the
//! committee. It also means a claim the honest majority of a committee
//! refuses to sign can never be attested.
//!
//! The deadline rule keeps a commitment made when its round settles
//! (`r + MaxReportAge + 1`) openable while the escrow still pays the
//! round (until `r + RoundHistory - 1`).
//!
//! A commitment stores its challenge count and deadline, so a change by
//! Root never alters a pending claim: it is opened against the indices and
//! within the window it was committed with. Attested claims use the
//! committee size and threshold of the block they are submitted in; since
//! the draws are prefix-stable, a smaller size keeps the same first
//! members. Slashes use the `claim_slash` of the block that forfeits.
//!
//! Seats are drawn with replacement from everyone but the claimant, so the
//! defaults (16 seats, threshold 11) work at every market size with at
//! least two providers: on the development chain's four, the three others
//! hold all 16 seats.
//!
//! ## Slashes
//!
//! The claim is the offence: the staking pallet slashes a provider once
//! per [`Offence`] `(reason, claim round, policy)`, whatever the round the
//! forfeit lands in, so frauds on several policies or rounds are each
//! slashed. The reporter share of an expiry never goes to the provider
//! itself (the staking pallet drops the offender from the reporters), so
//! expiring one's own claim costs the full slash.
//!
//! If the staking pallet refuses the slash of a failed opening, the
//! commitment stays, marked failed, and [`Pallet::expire_claim`] slashes it
//! later; if it refuses the slash of an expiry, the expiry is refused
//! (`SlashRefused`) and can be retried. A provider that is no longer
//! bonded, or a claim older than the slasher's `max_offence_age` (at least
//! `RoundHistory`: twice it in the runtime, so reporters have at least a
//! history's worth of rounds after any deadline), is forfeited without
//! slash.
//!
//! ## Extension point: a third claim kind
//!
//! Outcomes record the [`ClaimKind`] that proved them. A zero-knowledge
//! claim would add a variant (codec index 2), a call that verifies its proof
//! and then goes through the same `AlreadyClaimed`/`CommitmentPending`
//! checks, [`PolicyEscrow::pay_for_requests`] and [`Claims`] record
//! (`Pallet::record_paid`), so the one-claim-per-slot invariant keeps
//! holding.
//!
//! ## Storage and pruning
//!
//! Outcomes are keyed by round first and pruned in `on_idle`, within the
//! leftover weight, once their round left the escrow's history
//! (`RoundHistory`): the escrow refuses those rounds anyway. Challenge
//! seeds are reference-counted by the commitments using them and removed
//! with the last one.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod types;
pub mod weights;

pub use market_primitives::{
	claims::{
		challenge_indices, leaf, receipt_payload, statement_payload, verify_opening,
		ClaimStatement, ProofError, RangeNode, Receipt, COMMITTEE, MAX_PROOF_DEPTH,
	},
	domain::SigningDomain,
	escrow::{PolicyEscrow, PolicyId, PolicyTerms, PriceModel},
	staking::{BlockEntropy, Offence, ProviderRegistry, SlashReason, Slashing},
	RoundIndex,
};
pub use weights::WeightInfo;

/// Log target of the pallet.
pub const LOG_TARGET: &str = "runtime::service-claims";

/// Subject of the challenge randomness.
pub const CHALLENGE_SUBJECT: &[u8] = b"market/claim-challenge";

/// Sets up providers, rounds and policies for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` a provider with operator key `key` and a stake of
	/// `weight` times the minimum, in the snapshot of the round started by
	/// the next [`Self::start_round`] and locked long enough for
	/// [`Self::create_policy`].
	fn add_provider(who: &AccountId, key: sp_core::sr25519::Public, weight: u32);
	/// Fills the snapshot of the round started by the next
	/// [`Self::start_round`] up to its bound with providers without keys.
	fn fill_snapshot();
	/// Gives provider `who` the operator key `key`.
	fn set_operator_key(who: &AccountId, key: sp_core::sr25519::Public);
	/// Starts the next round and returns it.
	fn start_round() -> RoundIndex;
	/// Creates a funded per-request policy of `providers` for `rounds`
	/// rounds from `start` (at least the current round), with price 1 and
	/// `cap`, usable by `requesters`; returns its id.
	fn create_policy(
		providers: alloc::vec::Vec<AccountId>,
		requesters: alloc::vec::Vec<sp_core::sr25519::Public>,
		start: RoundIndex,
		rounds: u32,
		cap: u32,
	) -> PolicyId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::tokens::Balance, weights::WeightMeter};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{One, Saturating, Zero};

	pub use crate::types::{
		ChallengeSeed, ClaimKind, ClaimOutcome, Commitment, CommitteeSignatures, ForfeitReason,
		Opening, OpeningFailure, Openings, Parameters, ProofPath,
	};

	/// The layout version of the pallet's storage (see [`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The balance of fees and stake.
		type Balance: Balance;

		/// The providers: rounds, seeds, snapshots, operator keys and
		/// sampling (the staking pallet).
		type Registry: ProviderRegistry<Self::AccountId, Self::Balance>;

		/// The policies and their escrow (the policy escrow pallet).
		type Escrow: PolicyEscrow<Self::AccountId, Self::Balance>;

		/// Slashes providers whose claims are forfeited (the staking pallet).
		type Slashing: Slashing<Self::AccountId, Self::Balance>;

		/// The chain's accumulated VRF entropy (the staking pallet), read in
		/// `on_initialize` after the staking pallet folded in the parent
		/// block's output.
		type Entropy: BlockEntropy;

		/// Blocks after a commitment's block whose VRF outputs fix its
		/// challenges (at least 1): knowing them at commit time takes the
		/// authors of all of them together.
		#[pallet::constant]
		type ChallengeBlocks: Get<BlockNumberFor<Self>>;

		/// Most members of a committee: bounds the signatures of
		/// [`Pallet::submit_attested_claim`] (and its weight) and is the
		/// default `committee_size` of [`Parameters`]. Suggested: 16
		/// ([`market_primitives::claims::DEFAULT_COMMITTEE_SIZE`]).
		#[pallet::constant]
		type CommitteeSize: Get<u32>;

		/// Default `committee_threshold` of [`Parameters`]: a strict
		/// majority of `CommitteeSize`. Suggested: 11.
		#[pallet::constant]
		type CommitteeThreshold: Get<u32>;

		/// Most leaves challenged per commitment: bounds the openings of
		/// [`Pallet::open_claim`] (and its weight) and is the default
		/// `challenge_count` of [`Parameters`]. Suggested: 64, see
		/// [`market_primitives::claims`].
		#[pallet::constant]
		type ChallengeCount: Get<u32>;

		/// Default `open_deadline` of [`Parameters`].
		#[pallet::constant]
		type OpenDeadline: Get<RoundIndex>;

		/// Default `claim_slash` of [`Parameters`].
		#[pallet::constant]
		type ClaimSlash: Get<Self::Balance>;

		/// Rounds after round `r` during which a proof of unavailability for
		/// `r` is accepted: the escrow's.
		#[pallet::constant]
		type MaxReportAge: Get<RoundIndex>;

		/// Rounds whose claims the escrow still pays: the escrow's
		/// `RoundHistory`. Outcomes of older rounds are pruned.
		#[pallet::constant]
		type RoundHistory: Get<RoundIndex>;

		/// Weights of the pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up providers, rounds and policies for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Commitments awaiting their opening (or, when `failed`, their slash).
	#[pallet::storage]
	pub type Commitments<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, PolicyId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, RoundIndex>,
		),
		Commitment<BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// Outcome of every closed claim, keyed by round, policy and provider:
	/// at most one per `(policy, provider, round)`.
	#[pallet::storage]
	pub type Claims<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, RoundIndex>,
			NMapKey<Twox64Concat, PolicyId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		ClaimOutcome<T::Balance>,
		OptionQuery,
	>;

	/// Challenge seeds by the block that fixed them, with the number of
	/// commitments using each.
	#[pallet::storage]
	pub type ChallengeSeeds<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, ChallengeSeed, OptionQuery>;

	/// Oldest round whose outcomes may still be stored (the pruning cursor).
	#[pallet::storage]
	pub type OldestClaimRound<T> = StorageValue<_, RoundIndex, ValueQuery>;

	/// The parameters of the `Config` constants: `CommitteeSize`,
	/// `CommitteeThreshold`, `ChallengeCount`, `OpenDeadline`, `ClaimSlash`.
	#[pallet::type_value]
	pub fn DefaultParams<T: Config>() -> Parameters<T::Balance> {
		Parameters {
			committee_size: T::CommitteeSize::get(),
			committee_threshold: T::CommitteeThreshold::get(),
			challenge_count: T::ChallengeCount::get(),
			open_deadline: T::OpenDeadline::get(),
			claim_slash: T::ClaimSlash::get(),
		}
	}

	/// The pallet's current parameters (see [`Parameters`]); the `Config`
	/// defaults until genesis or Root sets them.
	#[pallet::storage]
	pub type Params<T: Config> =
		StorageValue<_, Parameters<T::Balance>, ValueQuery, DefaultParams<T>>;

	/// The parameters a chain starts with.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Checked as by [`Pallet::set_parameters`]; defaults to the
		/// `Config` constants.
		pub parameters: Parameters<T::Balance>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { parameters: DefaultParams::<T>::get() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Invalid parameters must stop chain-spec creation: this runs
		// outside of any block, so aborting here is the refusal.
		fn build(&self) {
			if let Err(error) = Pallet::<T>::check_parameters(&self.parameters) {
				let reason: &'static str = error.into();
				// An invalid chain spec must not produce a chain.
				// qed: genesis build only, never reached by a transaction.
				panic!("invalid service-claims genesis parameters: {reason}");
			}
			Params::<T>::put(self.parameters);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A claim was paid from the policy's escrow.
		ClaimPaid {
			/// The policy.
			policy: PolicyId,
			/// The provider paid.
			provider: T::AccountId,
			/// The round served.
			round: RoundIndex,
			/// How the claim was proven.
			kind: ClaimKind,
			/// Requests claimed.
			served: u32,
			/// Amount paid.
			amount: T::Balance,
		},
		/// A commitment was recorded; its challenges are fixed at `seed_block`.
		ClaimCommitted {
			/// The policy.
			policy: PolicyId,
			/// The provider.
			provider: T::AccountId,
			/// The round served.
			round: RoundIndex,
			/// Requests claimed.
			served: u32,
			/// Root of the range tree.
			root: [u8; 32],
			/// Last round the commitment can be opened in.
			open_until: RoundIndex,
			/// Block whose randomness fixes the challenges.
			seed_block: BlockNumberFor<T>,
		},
		/// An opened leaf failed its checks.
		OpeningRejected {
			/// The policy.
			policy: PolicyId,
			/// The provider.
			provider: T::AccountId,
			/// The round.
			round: RoundIndex,
			/// The challenged leaf.
			index: u32,
			/// What failed.
			failure: OpeningFailure,
		},
		/// A commitment was forfeited and its provider slashed.
		ClaimForfeited {
			/// The policy.
			policy: PolicyId,
			/// The provider.
			provider: T::AccountId,
			/// The round.
			round: RoundIndex,
			/// Why.
			reason: ForfeitReason,
			/// Amount slashed (0 if the provider is no longer bonded).
			slashed: T::Balance,
		},
		/// The staking pallet refused the slash of a failed opening; the
		/// commitment stays, marked failed, for [`Pallet::expire_claim`].
		SlashDeferred {
			/// The policy.
			policy: PolicyId,
			/// The provider.
			provider: T::AccountId,
			/// The round.
			round: RoundIndex,
			/// The staking pallet's error.
			error: DispatchError,
		},
		/// A correctly opened claim that the escrow refused to pay; closed
		/// without slash.
		ClaimUnpaid {
			/// The policy.
			policy: PolicyId,
			/// The provider.
			provider: T::AccountId,
			/// The round.
			round: RoundIndex,
			/// The escrow's error.
			error: DispatchError,
		},
		/// Root set the parameters; pending commitments keep theirs.
		ParametersSet {
			/// The new parameters.
			parameters: Parameters<T::Balance>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The claim is for zero requests.
		ZeroServed,
		/// No live policy with this id.
		UnknownPolicy,
		/// The policy is paid per round, not per request.
		NotPerRequestPolicy,
		/// The claim is above the policy's per-round cap.
		AboveCap,
		/// The caller is not a provider of the policy.
		NotPolicyProvider,
		/// A claim for this policy, provider and round was already closed.
		AlreadyClaimed,
		/// A commitment for this policy, provider and round is pending.
		CommitmentPending,
		/// The signing members hold fewer than `committee_threshold` seats.
		BelowThreshold,
		/// The claimant has no committee in the round (no seed, or nobody
		/// else has stake).
		NoCommittee,
		/// Member indices are not strictly increasing (duplicates included).
		SignersNotSorted,
		/// A member index is outside the claimant's committee.
		NotACommitteeMember,
		/// A signing member has no operator key.
		NoOperatorKey,
		/// A signature does not verify against its member's operator key.
		InvalidSignature,
		/// The opening deadline would fall after the escrow stops paying
		/// the slot.
		DeadlineOutsideClaimWindow,
		/// The provider's stake unlocks before the opening deadline, so a
		/// commitment left unopened could escape its slash by withdrawing.
		StakeUnlocksBeforeDeadline,
		/// No pending commitment for this policy, provider and round.
		NoCommitment,
		/// The challenge seed is not fixed yet (or the commitment's round
		/// has not ended).
		ChallengeNotReady,
		/// The opening window has closed.
		OpenDeadlinePassed,
		/// Not exactly one opening per challenge index.
		WrongOpeningCount,
		/// An opening of this commitment already failed.
		OpeningFailed,
		/// The opening window has not closed yet.
		OpenWindowNotOver,
		/// The staking pallet refused the slash now (e.g. already slashed
		/// for this reason in the current round); retry in a later round.
		SlashRefused,
		/// Parameters: `committee_size` is above the `CommitteeSize` bound.
		CommitteeAboveBound,
		/// Parameters: `committee_threshold` is not a strict majority of
		/// `committee_size` (zero included).
		ThresholdNotMajority,
		/// Parameters: `committee_threshold` is above `committee_size`.
		ThresholdAboveCommittee,
		/// Parameters: `challenge_count` is zero.
		ZeroChallengeCount,
		/// Parameters: `challenge_count` is above the `ChallengeCount` bound.
		ChallengeCountAboveBound,
		/// Parameters: `open_deadline` is zero.
		ZeroOpenDeadline,
		/// Parameters: `MaxReportAge + 1 + open_deadline` reaches
		/// `RoundHistory`, so a commitment made when its round settles could
		/// outlive the escrow's history.
		OpenDeadlineBeyondHistory,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Fixes the challenge seed of the commitments made
		/// `ChallengeBlocks + 1` blocks ago.
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let db = T::DbWeight::get();
			let Some(mut slot) = ChallengeSeeds::<T>::get(n) else {
				return db.reads(1);
			};
			if slot.seed.is_none() {
				slot.seed = Some(Self::fresh_seed(n));
				ChallengeSeeds::<T>::insert(n, slot);
			}
			db.reads_writes(2, 1)
		}

		/// Prunes the outcomes of rounds that left the history, within the
		/// leftover weight.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::prune(&mut meter);
			meter.consumed()
		}

		/// The bounds are positive and the defaults pass the parameter
		/// checks (which also cover `MaxReportAge` and `RoundHistory`).
		fn integrity_test() {
			assert!(T::CommitteeSize::get() > 0, "CommitteeSize must be positive");
			assert!(!T::ChallengeBlocks::get().is_zero(), "ChallengeBlocks must be positive");
			assert!(T::ChallengeCount::get() > 0, "ChallengeCount must be positive");
			if let Err(error) = Self::check_parameters(&DefaultParams::<T>::get()) {
				let reason: &'static str = error.into();
				// `integrity_test` runs in the runtime's tests, never in a block.
				// qed: not reachable from any block or transaction.
				panic!("the Config defaults are invalid parameters: {reason}");
			}
			// The windows are the staking pallet's (settlement, history), and
			// a claim forfeited at its latest deadline must still be slashable.
			assert_eq!(
				T::MaxReportAge::get(),
				T::Registry::max_report_age(),
				"MaxReportAge must be the registry's"
			);
			assert_eq!(
				T::RoundHistory::get(),
				T::Registry::round_history(),
				"RoundHistory must be the registry's"
			);
			assert!(
				T::Slashing::max_offence_age() >= T::RoundHistory::get(),
				"the slasher must accept offences as old as RoundHistory: a claim's deadline \
				 is within the history"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Claims `served` requests of `policy` in `round` for the caller,
		/// attested by its committee: `signatures` are `(index, signature)`
		/// pairs, `index` into [`Pallet::committee`]`(round, caller)`,
		/// strictly increasing, each by that member's operator key over
		/// [`statement_payload`] of the [`ClaimStatement`] in
		/// [`Pallet::signing_domain`], the signers holding
		/// `committee_threshold` seats. Pays `served * price` to the caller.
		/// The committee size and the threshold are the current
		/// [`Parameters`].
		///
		/// Origin: a provider of the policy. Errors: `ZeroServed`,
		/// `UnknownPolicy`, `NotPerRequestPolicy`, `AboveCap`,
		/// `NotPolicyProvider`, `AlreadyClaimed`, `CommitmentPending`, the
		/// escrow's refusals (`RoundNotSettled`, `RoundNotClaimable`,
		/// `RoundNotInPolicy`, `AlreadyPaid`, `ProviderNotEligible`),
		/// `BelowThreshold`, `NoCommittee`, `SignersNotSorted`,
		/// `NotACommitteeMember`, `NoOperatorKey`, `InvalidSignature`.
		/// Event: `ClaimPaid` (and the escrow's).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit_attested_claim(signatures.len() as u32))]
		pub fn submit_attested_claim(
			origin: OriginFor<T>,
			policy: PolicyId,
			round: RoundIndex,
			served: u32,
			signatures: CommitteeSignatures<T>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::check_claim(policy, &provider, round, served)?;
			T::Escrow::requests_payable_until(policy, &provider, round)?;
			let params = Params::<T>::get();
			let committee = Self::sample_committee(round, &provider, params.committee_size);
			ensure!(!committee.is_empty(), Error::<T>::NoCommittee);
			let statement = ClaimStatement { policy, provider: provider.clone(), round, served };
			let payload = statement_payload(&Self::signing_domain(), &statement);
			let mut seats = 0u32;
			let mut last: Option<u32> = None;
			for (index, signature) in signatures.iter() {
				ensure!(last.is_none_or(|l| *index > l), Error::<T>::SignersNotSorted);
				last = Some(*index);
				let (member, held) =
					committee.get(*index as usize).ok_or(Error::<T>::NotACommitteeMember)?;
				let key = T::Registry::operator_key(member).ok_or(Error::<T>::NoOperatorKey)?;
				ensure!(
					sp_io::crypto::sr25519_verify(signature, &payload, &key),
					Error::<T>::InvalidSignature
				);
				seats = seats.saturating_add(*held);
			}
			ensure!(seats >= params.committee_threshold, Error::<T>::BelowThreshold);
			let amount = T::Escrow::pay_for_requests(policy, &provider, round, served)?;
			Self::record_paid(policy, provider, round, ClaimKind::Attested, served, amount);
			Ok(())
		}

		/// Commits the root of the caller's range tree of `served` receipts
		/// of `policy` in `round`. The challenges are fixed by the
		/// VRF outputs of the `ChallengeBlocks` blocks after this one (the
		/// seed is stored at block `now + ChallengeBlocks + 1`); the
		/// commitment must be
		/// opened ([`Pallet::open_claim`]) from the next round until
		/// `open_deadline` rounds after the current one. The commitment
		/// keeps the current `open_deadline` and `challenge_count`
		/// ([`Parameters`]), whatever Root sets later.
		///
		/// Origin: a provider of the policy. Errors: `ZeroServed`,
		/// `UnknownPolicy`, `NotPerRequestPolicy`, `AboveCap`,
		/// `NotPolicyProvider`, `AlreadyClaimed`, `CommitmentPending`, the
		/// escrow's refusals (as for `submit_attested_claim`),
		/// `DeadlineOutsideClaimWindow`, `StakeUnlocksBeforeDeadline` (the
		/// provider's lock must last through the deadline, so that a forfeit
		/// always finds its stake). Event: `ClaimCommitted`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::commit_claim())]
		pub fn commit_claim(
			origin: OriginFor<T>,
			policy: PolicyId,
			round: RoundIndex,
			root: [u8; 32],
			served: u32,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::check_claim(policy, &provider, round, served)?;
			let payable_until = T::Escrow::requests_payable_until(policy, &provider, round)?;
			let params = Params::<T>::get();
			let current = T::Registry::current_round();
			let open_until = current.saturating_add(params.open_deadline);
			ensure!(open_until <= payable_until, Error::<T>::DeadlineOutsideClaimWindow);
			ensure!(
				T::Registry::locked_until(&provider).is_some_and(|lock| lock >= open_until),
				Error::<T>::StakeUnlocksBeforeDeadline
			);
			let seed_block = frame_system::Pallet::<T>::block_number()
				.saturating_add(T::ChallengeBlocks::get())
				.saturating_add(One::one());
			ChallengeSeeds::<T>::mutate(seed_block, |slot| {
				let slot = slot.get_or_insert(ChallengeSeed { seed: None, refs: 0 });
				slot.refs = slot.refs.saturating_add(1);
			});
			Commitments::<T>::insert(
				(policy, &provider, round),
				Commitment {
					root,
					served,
					committed_at: current,
					open_until,
					challenge_count: params.challenge_count,
					seed_block,
					failed: false,
				},
			);
			Self::deposit_event(Event::ClaimCommitted {
				policy,
				provider,
				round,
				served,
				root,
				open_until,
				seed_block,
			});
			Ok(())
		}

		/// Opens the caller's commitment for `policy` and `round`:
		/// `openings[j]` is the leaf at [`Pallet::challenges`]`[j]` (as many
		/// as the commitment's challenge count). If every opening passes
		/// (see the pallet docs), pays `served * price`; otherwise forfeits
		/// the claim and slashes the caller by the current `claim_slash`
		/// plus `served * price`.
		///
		/// Origin: the provider of the commitment. Errors: `NoCommitment`,
		/// `OpeningFailed`, `ChallengeNotReady`, `OpenDeadlinePassed`,
		/// `WrongOpeningCount`. Events: `ClaimPaid`; or `OpeningRejected`
		/// then `ClaimForfeited` (or `SlashDeferred`); or `ClaimUnpaid`.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::open_claim(Pallet::<T>::deepest_path(openings))
				.saturating_add(T::Slashing::slash_weight(0))
		)]
		pub fn open_claim(
			origin: OriginFor<T>,
			policy: PolicyId,
			round: RoundIndex,
			openings: Openings<T>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let key = (policy, provider.clone(), round);
			let commitment = Commitments::<T>::get(&key).ok_or(Error::<T>::NoCommitment)?;
			ensure!(!commitment.failed, Error::<T>::OpeningFailed);
			let current = T::Registry::current_round();
			ensure!(current > commitment.committed_at, Error::<T>::ChallengeNotReady);
			ensure!(current <= commitment.open_until, Error::<T>::OpenDeadlinePassed);
			let indices = Self::challenges(policy, &provider, round, &commitment)
				.ok_or(Error::<T>::ChallengeNotReady)?;
			ensure!(indices.len() == openings.len(), Error::<T>::WrongOpeningCount);

			let Some(terms) = T::Escrow::policy_terms(policy) else {
				// Cannot happen within the window (see the pallet docs).
				Self::close_unpaid(&key, &commitment, Error::<T>::UnknownPolicy.into());
				return Ok(());
			};
			let domain = Self::signing_domain();
			let failure = indices.iter().zip(openings.iter()).find_map(|(index, opening)| {
				Self::check_opening(
					&domain,
					&terms,
					policy,
					&provider,
					round,
					&commitment,
					*index,
					opening,
				)
				.err()
				.map(|failure| (*index, failure))
			});
			if let Some((index, failure)) = failure {
				Self::deposit_event(Event::OpeningRejected {
					policy,
					provider: provider.clone(),
					round,
					index,
					failure,
				});
				let claim_slash = Params::<T>::get().claim_slash;
				let amount = Self::slash_amount(claim_slash, &terms, commitment.served);
				match Self::forfeit(&key, &commitment, SlashReason::ClaimFraud, amount, &[]) {
					Ok(()) => {},
					Err(error) => {
						Commitments::<T>::insert(
							&key,
							Commitment { failed: true, ..commitment.clone() },
						);
						Self::deposit_event(Event::SlashDeferred {
							policy,
							provider,
							round,
							error,
						});
					},
				}
				return Ok(());
			}
			match T::Escrow::pay_for_requests(policy, &provider, round, commitment.served) {
				Ok(amount) => {
					Self::remove_commitment(&key, &commitment);
					Self::record_paid(
						policy,
						provider,
						round,
						ClaimKind::Committed,
						commitment.served,
						amount,
					);
				},
				Err(error) => Self::close_unpaid(&key, &commitment, error),
			}
			Ok(())
		}

		/// Forfeits `provider`'s commitment for `policy` and `round` that was
		/// not opened by its deadline (or whose failed opening's slash was
		/// deferred), slashing the provider with the caller as reporter by
		/// the current `claim_slash` plus `served * price`.
		///
		/// Origin: any signed account. Errors: `NoCommitment`,
		/// `OpenWindowNotOver`, `SlashRefused`. Event: `ClaimForfeited`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::expire_claim())]
		pub fn expire_claim(
			origin: OriginFor<T>,
			policy: PolicyId,
			provider: T::AccountId,
			round: RoundIndex,
		) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			let key = (policy, provider, round);
			let commitment = Commitments::<T>::get(&key).ok_or(Error::<T>::NoCommitment)?;
			let reason = if commitment.failed {
				SlashReason::ClaimFraud
			} else {
				ensure!(
					T::Registry::current_round() > commitment.open_until,
					Error::<T>::OpenWindowNotOver
				);
				SlashReason::FailedClaimOpening
			};
			let claim_slash = Params::<T>::get().claim_slash;
			let amount = match T::Escrow::policy_terms(policy) {
				Some(terms) => Self::slash_amount(claim_slash, &terms, commitment.served),
				None => claim_slash,
			};
			Self::forfeit(&key, &commitment, reason, amount, &[reporter])
				.map_err(|_| Error::<T>::SlashRefused)?;
			Ok(())
		}

		/// Sets the pallet's [`Parameters`] from the next call on. Pending
		/// commitments keep the challenge count and deadline they were made
		/// with; attested claims and slashes use the new values at once.
		///
		/// Origin: Root. Errors: `BadOrigin`, `CommitteeAboveBound`,
		/// `ThresholdNotMajority`, `ThresholdAboveCommittee`,
		/// `ZeroChallengeCount`, `ChallengeCountAboveBound`,
		/// `ZeroOpenDeadline`, `OpenDeadlineBeyondHistory`. Event:
		/// `ParametersSet`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			parameters: Parameters<T::Balance>,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::check_parameters(&parameters)?;
			Params::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}
	}
}
