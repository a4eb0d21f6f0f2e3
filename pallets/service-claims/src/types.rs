//! The pallet's types: openings, commitments, challenge seeds, claim
//! outcomes, failures and parameters.

use super::*;
use frame_support::pallet_prelude::*;
use sp_core::sr25519;

/// Committee signatures of a statement: index of the member in the
/// round's committee (strictly increasing) and its signature.
pub type CommitteeSignatures<T> =
	BoundedVec<(u32, sr25519::Signature), <T as Config>::CommitteeSize>;

/// Sibling path of an opened leaf, bottom up.
pub type ProofPath = BoundedVec<RangeNode, ConstU32<MAX_PROOF_DEPTH>>;

/// The openings of a commitment, one per challenge index, in the order
/// of [`Pallet::challenges`].
pub type Openings<T> =
	BoundedVec<Opening<<T as frame_system::Config>::AccountId>, <T as Config>::ChallengeCount>;

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
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
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
