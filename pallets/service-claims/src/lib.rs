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

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use market_primitives::{
	claims::{
		challenge_indices, leaf, receipt_payload, statement_payload, verify_opening, ClaimStatement,
		ProofError, RangeNode, Receipt, COMMITTEE, MAX_PROOF_DEPTH,
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
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::tokens::Balance, weights::WeightMeter};
	use frame_system::pallet_prelude::*;
	use sp_core::sr25519;
	use sp_runtime::traits::{One, Saturating, Zero};

	/// Committee signatures of a statement: index of the member in the
	/// round's committee (strictly increasing) and its signature.
	pub type CommitteeSignatures<T> =
		BoundedVec<(u32, sr25519::Signature), <T as Config>::CommitteeSize>;

	/// Sibling path of an opened leaf, bottom up.
	pub type ProofPath = BoundedVec<RangeNode, ConstU32<MAX_PROOF_DEPTH>>;

	/// The openings of a commitment, one per challenge index, in the order
	/// of [`Pallet::challenges`].
	pub type Openings<T> = BoundedVec<
		Opening<<T as frame_system::Config>::AccountId>,
		<T as Config>::ChallengeCount,
	>;

	/// One opened leaf.
	#[derive(
		Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
	)]
	pub struct Opening<AccountId> {
		/// The receipt at the challenged index.
		pub receipt: Receipt<AccountId>,
		/// The requester's signature over [`receipt_payload`].
		pub signature: sr25519::Signature,
		/// The leaf's sibling path.
		pub proof: ProofPath,
	}

	/// How a claim was proven. Codec index 2 is meant for a zero-knowledge
	/// claim (see the pallet docs).
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		TypeInfo,
		MaxEncodedLen,
	)]
	pub enum ClaimKind {
		/// Signed by a threshold of the round's committee.
		#[codec(index = 0)]
		Attested,
		/// Committed, challenged and opened.
		#[codec(index = 1)]
		Committed,
	}

	/// A commitment awaiting its opening.
	#[derive(
		Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
	)]
	pub struct Commitment<BlockNumber> {
		/// Root digest of the provider's range tree.
		pub root: [u8; 32],
		/// Claimed number of distinct requests, the tree's leaves.
		pub served: u32,
		/// The round the commitment was made in.
		pub committed_at: RoundIndex,
		/// Last round of the opening window: `committed_at + open_deadline`
		/// with the parameters of the commitment's block.
		pub open_until: RoundIndex,
		/// Leaves challenged: the `challenge_count` parameter of the
		/// commitment's block (fewer if `served` is smaller).
		pub challenge_count: u32,
		/// The block whose [`ChallengeSeeds`] entry holds the challenge seed.
		pub seed_block: BlockNumber,
		/// An opening failed but its slash was refused: only
		/// [`Pallet::expire_claim`] can close it.
		pub failed: bool,
	}

	/// The challenge seed of the commitments made `ChallengeBlocks + 1`
	/// blocks before.
	#[derive(
		Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
	)]
	pub struct ChallengeSeed {
		/// The seed, once its block ran `on_initialize`.
		pub seed: Option<[u8; 32]>,
		/// Commitments using it.
		pub refs: u32,
	}

	/// What became of a `(policy, provider, round)` claim.
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		TypeInfo,
		MaxEncodedLen,
	)]
	pub enum ClaimOutcome<Balance> {
		/// Paid from the escrow.
		#[codec(index = 0)]
		Paid {
			/// How the claim was proven.
			kind: ClaimKind,
			/// Requests claimed.
			served: u32,
			/// Amount paid.
			amount: Balance,
		},
		/// A commitment was forfeited (failed or missing opening).
		#[codec(index = 1)]
		Forfeited {
			/// Amount slashed.
			slashed: Balance,
		},
		/// Correctly opened, but the escrow refused to pay.
		#[codec(index = 2)]
		Unpaid,
	}

	/// Why a commitment was forfeited.
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		TypeInfo,
		MaxEncodedLen,
	)]
	pub enum ForfeitReason {
		/// Not opened by the deadline.
		NotOpened,
		/// An opened leaf failed its checks.
		BadOpening,
	}

	/// Why an opened leaf failed.
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		TypeInfo,
		MaxEncodedLen,
	)]
	pub enum OpeningFailure {
		/// The receipt names another policy.
		WrongPolicy,
		/// The receipt names another round.
		WrongRound,
		/// The receipt's requester key is not authorized by the policy.
		UnauthorizedRequester,
		/// The requester's signature does not verify.
		BadSignature,
		/// The path does not lead to the root, or is not sorted.
		BadProof(ProofError),
		/// The receipt names another provider: it pays only the provider
		/// that served the request.
		WrongProvider,
	}

	/// The pallet's tunable values, set at genesis ([`GenesisConfig`]) and
	/// by Root ([`Pallet::set_parameters`]), checked by
	/// [`Pallet::check_parameters`]. A pending commitment keeps the
	/// challenge count and the deadline it was made with.
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		MaxEncodedLen,
		TypeInfo,
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		frame_support::Serialize,
		frame_support::Deserialize,
	)]
	#[serde(
		crate = "frame_support::__private::serde",
		rename_all = "camelCase",
		deny_unknown_fields
	)]
	pub struct Parameters<Balance> {
		/// Seats drawn for each claimant's committee, at most the
		/// `CommitteeSize` bound.
		pub committee_size: u32,
		/// Seats whose signatures an attested claim needs: a strict
		/// majority of `committee_size` (`committee_size / 2 < t <=
		/// committee_size`).
		pub committee_threshold: u32,
		/// Leaves challenged per commitment, `1..=ChallengeCount`.
		pub challenge_count: u32,
		/// Rounds after the commitment's round during which it can be
		/// opened: at least 1, and `MaxReportAge + 1 + open_deadline <
		/// RoundHistory`.
		pub open_deadline: RoundIndex,
		/// Fixed part of the slash of a forfeited commitment.
		pub claim_slash: Balance,
	}

	#[pallet::pallet]
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

	impl<T: Config> Pallet<T> {
		/// The signing domain of committee statements and receipts on this
		/// chain.
		pub fn signing_domain() -> SigningDomain {
			let genesis_hash = market_primitives::domain::genesis_hash_bytes(
				&frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
			);
			market_primitives::claims::signing_domain(genesis_hash)
		}

		/// The longest sibling path among `openings`: the weight of
		/// [`Pallet::open_claim`] is measured with `ChallengeCount` openings
		/// of this depth.
		pub fn deepest_path(openings: &[Opening<T::AccountId>]) -> u32 {
			openings.iter().map(|o| o.proof.len() as u32).max().unwrap_or(0)
		}

		/// The committee attesting `claimant`'s claims for `round` under the
		/// current parameters: distinct members in order of first draw with
		/// their seats; empty if the round's seed or snapshot is unknown or
		/// nobody but the claimant has stake in it.
		pub fn committee(round: RoundIndex, claimant: &T::AccountId) -> Vec<(T::AccountId, u32)> {
			Self::sample_committee(round, claimant, Params::<T>::get().committee_size)
		}

		/// `seats` seats drawn for `claimant`'s committee in `round`. Draws
		/// are prefix-stable: fewer seats keep the same first draws.
		fn sample_committee(
			round: RoundIndex,
			claimant: &T::AccountId,
			seats: u32,
		) -> Vec<(T::AccountId, u32)> {
			T::Registry::draw_seats(round, &COMMITTEE, seats, Some(claimant))
		}

		/// The pallet's current parameters (committee size and threshold,
		/// challenge count, deadline, slash).
		pub fn parameters() -> Parameters<T::Balance> {
			Params::<T>::get()
		}

		/// Checks `parameters` against the rules of [`Parameters`], in the
		/// order of the errors.
		pub fn check_parameters(parameters: &Parameters<T::Balance>) -> Result<(), Error<T>> {
			let Parameters {
				committee_size,
				committee_threshold,
				challenge_count,
				open_deadline,
				claim_slash: _,
			} = *parameters;
			ensure!(committee_size <= T::CommitteeSize::get(), Error::<T>::CommitteeAboveBound);
			ensure!(committee_threshold > committee_size / 2, Error::<T>::ThresholdNotMajority);
			ensure!(committee_threshold <= committee_size, Error::<T>::ThresholdAboveCommittee);
			ensure!(challenge_count > 0, Error::<T>::ZeroChallengeCount);
			ensure!(
				challenge_count <= T::ChallengeCount::get(),
				Error::<T>::ChallengeCountAboveBound
			);
			ensure!(open_deadline > 0, Error::<T>::ZeroOpenDeadline);
			// A round settles at `r + MaxReportAge + 1` and stays payable
			// until `r + RoundHistory - 1`: a commitment made when it
			// settles must be able to reach its deadline.
			ensure!(
				T::MaxReportAge::get().saturating_add(1).saturating_add(open_deadline)
					< T::RoundHistory::get(),
				Error::<T>::OpenDeadlineBeyondHistory
			);
			Ok(())
		}

		/// The challenge indices of `provider`'s commitment for `policy` and
		/// `round`; `None` while its seed is not fixed.
		pub fn challenges(
			policy: PolicyId,
			provider: &T::AccountId,
			round: RoundIndex,
			commitment: &Commitment<BlockNumberFor<T>>,
		) -> Option<Vec<u32>> {
			let seed = ChallengeSeeds::<T>::get(commitment.seed_block)?.seed?;
			let identity = (policy, provider, round, commitment.served);
			Some(challenge_indices(&seed, &identity, commitment.served, commitment.challenge_count))
		}

		/// The seed fixed at block `n`: the accumulated entropy, which has
		/// folded in the VRF outputs of every block before `n`, hashed with
		/// `n`.
		pub fn fresh_seed(n: BlockNumberFor<T>) -> [u8; 32] {
			Self::seed_from(&T::Entropy::accumulated(), n)
		}

		/// The challenge seed of block `n` from the accumulated entropy
		/// `entropy` as of that block.
		pub fn seed_from(entropy: &[u8; 32], n: BlockNumberFor<T>) -> [u8; 32] {
			sp_crypto_hashing::blake2_256(&(CHALLENGE_SUBJECT, entropy, n).encode())
		}

		/// The checks shared by both claim paths, changing nothing.
		fn check_claim(
			policy: PolicyId,
			provider: &T::AccountId,
			round: RoundIndex,
			served: u32,
		) -> DispatchResult {
			ensure!(served > 0, Error::<T>::ZeroServed);
			let terms = T::Escrow::policy_terms(policy).ok_or(Error::<T>::UnknownPolicy)?;
			let PriceModel::PerRequest { cap, .. } = terms.price else {
				return Err(Error::<T>::NotPerRequestPolicy.into());
			};
			ensure!(served <= cap, Error::<T>::AboveCap);
			ensure!(terms.providers.contains(provider), Error::<T>::NotPolicyProvider);
			ensure!(
				!Claims::<T>::contains_key((round, policy, provider)),
				Error::<T>::AlreadyClaimed
			);
			ensure!(
				!Commitments::<T>::contains_key((policy, provider, round)),
				Error::<T>::CommitmentPending
			);
			Ok(())
		}

		/// Checks one opened leaf.
		#[allow(clippy::too_many_arguments)]
		fn check_opening(
			domain: &SigningDomain,
			terms: &PolicyTerms<T::AccountId, T::Balance>,
			policy: PolicyId,
			provider: &T::AccountId,
			round: RoundIndex,
			commitment: &Commitment<BlockNumberFor<T>>,
			index: u32,
			opening: &Opening<T::AccountId>,
		) -> Result<(), OpeningFailure> {
			let receipt = &opening.receipt;
			ensure!(receipt.policy == policy, OpeningFailure::WrongPolicy);
			ensure!(receipt.round == round, OpeningFailure::WrongRound);
			ensure!(&receipt.provider == provider, OpeningFailure::WrongProvider);
			ensure!(
				terms.requesters.contains(&receipt.requester),
				OpeningFailure::UnauthorizedRequester
			);
			ensure!(
				sp_io::crypto::sr25519_verify(
					&opening.signature,
					&receipt_payload(domain, receipt),
					&receipt.requester
				),
				OpeningFailure::BadSignature
			);
			verify_opening(
				&commitment.root,
				commitment.served,
				index,
				&leaf(receipt),
				&opening.proof,
			)
			.map_err(OpeningFailure::BadProof)
		}

		/// The slash of a forfeited claim of `served` requests:
		/// `claim_slash + served * price`.
		pub fn slash_amount(
			claim_slash: T::Balance,
			terms: &PolicyTerms<T::AccountId, T::Balance>,
			served: u32,
		) -> T::Balance {
			let price = match terms.price {
				PriceModel::PerRequest { price, .. } => price,
				PriceModel::PerRound { .. } => Zero::zero(),
			};
			claim_slash.saturating_add(price.saturating_mul(served.into()))
		}

		/// Slashes the provider of `key` and closes its commitment as
		/// forfeited; changes nothing if the staking pallet refuses the
		/// slash of a bonded provider.
		fn forfeit(
			key: &(PolicyId, T::AccountId, RoundIndex),
			commitment: &Commitment<BlockNumberFor<T>>,
			reason: SlashReason,
			amount: T::Balance,
			reporters: &[T::AccountId],
		) -> Result<(), DispatchError> {
			let (policy, provider, round) = key;
			// One claim per (policy, provider, round): the claim is the offence.
			let offence = Offence { reason, round: *round, subject: *policy };
			let too_old = T::Registry::current_round().saturating_sub(*round) >
				T::Slashing::max_offence_age();
			let slashed = if T::Registry::locked_until(provider).is_some() && !too_old {
				T::Slashing::slash(provider, amount, offence, reporters)?
			} else {
				Zero::zero()
			};
			Self::remove_commitment(key, commitment);
			Claims::<T>::insert((round, policy, provider), ClaimOutcome::Forfeited { slashed });
			Self::deposit_event(Event::ClaimForfeited {
				policy: *policy,
				provider: provider.clone(),
				round: *round,
				reason: match reason {
					SlashReason::FailedClaimOpening => ForfeitReason::NotOpened,
					_ => ForfeitReason::BadOpening,
				},
				slashed,
			});
			Ok(())
		}

		/// Closes a correctly opened commitment the escrow refused to pay.
		///
		/// Unreachable with the policy escrow pallet, a defence against
		/// other escrows: `commit_claim` saw the slot payable (policy,
		/// per-request price, provider, round in the policy, settled, not
		/// paid, provider eligible) until the deadline whatever the owner
		/// does (`requests_payable_until` bounds it by reaping, revocation
		/// and the history). Terms and snapshots of a settled round do not
		/// change, only this pallet pays request slots and it admits one
		/// claim per slot (`AlreadyClaimed`, `CommitmentPending`). Tests
		/// reach it by paying the slot through the escrow trait directly.
		fn close_unpaid(
			key: &(PolicyId, T::AccountId, RoundIndex),
			commitment: &Commitment<BlockNumberFor<T>>,
			error: DispatchError,
		) {
			let (policy, provider, round) = key;
			log::warn!(target: LOG_TARGET, "escrow refused an opened claim: {:?}", error);
			Self::remove_commitment(key, commitment);
			Claims::<T>::insert((round, policy, provider), ClaimOutcome::Unpaid);
			Self::deposit_event(Event::ClaimUnpaid {
				policy: *policy,
				provider: provider.clone(),
				round: *round,
				error,
			});
		}

		/// Records a paid claim (every claim kind goes through here).
		pub(crate) fn record_paid(
			policy: PolicyId,
			provider: T::AccountId,
			round: RoundIndex,
			kind: ClaimKind,
			served: u32,
			amount: T::Balance,
		) {
			Claims::<T>::insert(
				(round, policy, &provider),
				ClaimOutcome::Paid { kind, served, amount },
			);
			Self::deposit_event(Event::ClaimPaid { policy, provider, round, kind, served, amount });
		}

		/// Removes a commitment and releases its challenge seed.
		fn remove_commitment(
			key: &(PolicyId, T::AccountId, RoundIndex),
			commitment: &Commitment<BlockNumberFor<T>>,
		) {
			Commitments::<T>::remove(key);
			ChallengeSeeds::<T>::mutate_exists(commitment.seed_block, |slot| {
				if let Some(s) = slot {
					s.refs = s.refs.saturating_sub(1);
					if s.refs == 0 {
						*slot = None;
					}
				}
			});
		}

		/// The first round whose outcomes are kept at `current`.
		pub fn first_kept_round(current: RoundIndex) -> RoundIndex {
			current.saturating_add(1).saturating_sub(T::RoundHistory::get())
		}

		/// Removes the outcomes of rounds that left the history, as far as
		/// `meter` allows, key by key from [`OldestClaimRound`].
		pub(crate) fn prune(meter: &mut WeightMeter) {
			let db = T::DbWeight::get();
			if meter.try_consume(db.reads(2)).is_err() {
				return;
			}
			let first_kept = Self::first_kept_round(T::Registry::current_round());
			loop {
				let round = OldestClaimRound::<T>::get();
				if round >= first_kept {
					return;
				}
				let mut outcomes = Claims::<T>::drain_prefix((round,));
				loop {
					if meter.try_consume(db.reads_writes(1, 1)).is_err() {
						return;
					}
					if outcomes.next().is_none() {
						break;
					}
				}
				if meter.try_consume(db.writes(1)).is_err() {
					return;
				}
				OldestClaimRound::<T>::put(round.saturating_add(1));
			}
		}
	}

	#[cfg(any(feature = "try-runtime", test))]
	impl<T: Config> Pallet<T> {
		/// Checks the pallet's invariants:
		/// - the stored [`Parameters`] pass [`Pallet::check_parameters`];
		/// - at most one outcome per `(policy, provider, round)` (the storage
		///   key) and never both an outcome and a pending commitment;
		/// - every pending commitment's window `committed_at + 1 ..=
		///   open_until` is not empty, `committed_at` is not in the future,
		///   its round had settled when it was made and is still in the
		///   history at the deadline, and its challenge count is within
		///   `1..=ChallengeCount` (the values it was made with, which Root
		///   may have changed since);
		/// - every commitment's seed slot exists and each slot's count
		///   equals the commitments using it;
		/// - outcomes only for rounds not older than the pruning cursor, and
		///   the cursor never passes the history.
		///
		/// Commitments past their deadline may remain until someone calls
		/// `expire_claim` (an extrinsic, so nothing expires on its own).
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::check_parameters(&Params::<T>::get())
				.map_err(|e| -> &'static str { e.into() })?;
			let current = T::Registry::current_round();
			let mut refs: alloc::collections::BTreeMap<Vec<u8>, u32> = Default::default();
			for ((policy, provider, round), c) in Commitments::<T>::iter() {
				ensure!(
					!Claims::<T>::contains_key((round, policy, &provider)),
					"closed claim with a pending commitment"
				);
				ensure!(c.committed_at <= current, "commitment made in the future");
				ensure!(c.open_until > c.committed_at, "commitment with an empty window");
				ensure!(
					c.open_until < round.saturating_add(T::RoundHistory::get()),
					"commitment deadline after its round leaves the history"
				);
				ensure!(
					round.saturating_add(T::MaxReportAge::get()) < c.committed_at,
					"commitment for a round not settled"
				);
				ensure!(
					c.challenge_count > 0 && c.challenge_count <= T::ChallengeCount::get(),
					"commitment challenge count outside its bounds"
				);
				ensure!(c.served > 0, "commitment of zero requests");
				ensure!(
					ChallengeSeeds::<T>::contains_key(c.seed_block),
					"commitment without a seed slot"
				);
				let r = refs.entry(c.seed_block.encode()).or_default();
				*r = r.saturating_add(1);
			}
			for (block, slot) in ChallengeSeeds::<T>::iter() {
				ensure!(
					refs.remove(&block.encode()) == Some(slot.refs),
					"seed slot count differs from its commitments"
				);
			}
			ensure!(refs.is_empty(), "commitments of a missing seed slot");
			let oldest = OldestClaimRound::<T>::get();
			ensure!(oldest <= Self::first_kept_round(current), "pruning cursor ahead of history");
			for ((round, _, _), _) in Claims::<T>::iter() {
				ensure!(round >= oldest, "outcome older than the pruning cursor");
				ensure!(round < current, "outcome of a round not over");
			}
			Ok(())
		}
	}
}
