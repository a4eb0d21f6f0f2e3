//! # Market runtime API
//!
//! What a dapp asks the chain instead of re-implementing it: rounds and their
//! seeds, snapshots, gateway sets, committees and stake-weighted samples,
//! providers, policies, ticket senders and service-claim commitments.
//!
//! [`MarketApi`] is declared here once, implemented by the runtime
//! (`market-runtime`, delegating to the pallets' own functions, so an answer
//! is exactly what the corresponding call would do) and served over
//! JSON-RPC as `market_*` methods by `market-rpc`.
//!
//! Every query does bounded work: the history windows it reads
//! (`RoundHistory` rounds of snapshots and marks, `MaxClaimRounds` rounds of
//! rewards or fees per provider, `MaxPolicyProviders` providers per policy,
//! at most [`MAX_SAMPLE`] draws) are runtime constants.
//!
//! ## JSON form
//!
//! With the `std` feature every answer type is `serde` (de)serializable with
//! camelCase field names. Balances are decimal strings (`"1000000000000"`),
//! since JavaScript numbers lose precision above 2^53, as
//! `pallet-transaction-payment`'s `partialFee` does; accounts are SS58
//! strings; seeds, roots and public keys are `0x`-prefixed hex.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

#[cfg(feature = "std")]
use serde::{Deserialize, Serialize};

pub use market_primitives::{escrow::PolicyId, sampling::DomainTag, RoundIndex};

/// Most providers one [`MarketApi::sample`] call draws.
pub const MAX_SAMPLE: u32 = 64;

/// Why a question has no answer.
///
/// JSON form: `{"error": "<variant in camelCase>", ...fields}`.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(tag = "error", rename_all = "camelCase"))]
pub enum MarketApiError {
	/// The round left the history: its seed and snapshot are pruned.
	#[codec(index = 0)]
	#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
	RoundOutOfHistory {
		/// The round asked for.
		round: RoundIndex,
		/// The oldest round the history keeps.
		oldest: RoundIndex,
	},
	/// The round has not started yet.
	#[codec(index = 1)]
	#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
	RoundNotStarted {
		/// The round asked for.
		round: RoundIndex,
		/// The round in progress.
		current: RoundIndex,
	},
	/// A round of the history has no seed stored (never the case on a
	/// running chain, where every round fixes one at its start).
	#[codec(index = 2)]
	#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
	MissingRoundData {
		/// The round asked for.
		round: RoundIndex,
	},
	/// A sample size outside `1..=max`.
	#[codec(index = 3)]
	#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
	BadSampleSize {
		/// The size asked for.
		n: u32,
		/// The largest size allowed ([`MAX_SAMPLE`]).
		max: u32,
	},
	/// No live policy has this id (never created, or reaped).
	#[codec(index = 4)]
	#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
	UnknownPolicy {
		/// The id asked for.
		policy: PolicyId,
	},
	/// The account is not a bonded provider.
	#[codec(index = 5)]
	UnknownProvider,
	/// The account has no ticket funds (never funded, or withdrawn).
	#[codec(index = 6)]
	UnknownSender,
	/// A ticket's sender and recipient must differ.
	#[codec(index = 7)]
	SelfPayment,
	/// No pending service-claim commitment for this policy, provider and
	/// round (never made, or already opened, forfeited or closed).
	#[codec(index = 8)]
	NoCommitment,
	/// The commitment's challenge seed is not drawn yet: it is fixed when
	/// block `seed_block` is imported.
	#[codec(index = 9)]
	#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
	ChallengeNotDrawn {
		/// The block that fixes the seed (as a `u64`, whatever the chain's
		/// block number type).
		seed_block: u64,
	},
	/// The runtime could not compute the answer from its state (an
	/// overflow or an inconsistency a pallet's `try_state` would report).
	#[codec(index = 10)]
	Internal,
}

impl core::fmt::Display for MarketApiError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::RoundOutOfHistory { round, oldest } => {
				write!(f, "round {round} is out of history (oldest kept is {oldest})")
			},
			Self::RoundNotStarted { round, current } => {
				write!(f, "round {round} has not started (the current round is {current})")
			},
			Self::MissingRoundData { round } => write!(f, "no seed is stored for round {round}"),
			Self::BadSampleSize { n, max } => write!(f, "n must be 1..={max}, got {n}"),
			Self::UnknownPolicy { policy } => write!(f, "unknown policy {policy}"),
			Self::UnknownProvider => write!(f, "not a bonded provider"),
			Self::UnknownSender => write!(f, "not a funded ticket sender"),
			Self::SelfPayment => write!(f, "the sender and the recipient are the same account"),
			Self::NoCommitment => {
				write!(f, "no pending commitment for this policy, provider and round")
			},
			Self::ChallengeNotDrawn { seed_block } => {
				write!(f, "the challenge seed is not drawn yet (block {seed_block} fixes it)")
			},
			Self::Internal => write!(f, "the runtime could not compute the answer"),
		}
	}
}

/// Balances as decimal strings in JSON (JavaScript numbers lose precision
/// above 2^53). Deserializing also takes a JSON number that fits a `u64`.
#[cfg(feature = "std")]
pub mod balance_string {
	use serde::{de::Error, Deserialize, Deserializer, Serializer};

	/// Writes `value` as a decimal string.
	pub fn serialize<S: Serializer, B: core::fmt::Display>(
		value: &B,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		serializer.collect_str(value)
	}

	#[derive(Deserialize)]
	#[serde(untagged)]
	enum StringOrNumber {
		String(String),
		Number(u64),
	}

	/// Reads a decimal string (or a JSON number that fits a `u64`).
	pub fn deserialize<'de, D: Deserializer<'de>, B: core::str::FromStr>(
		deserializer: D,
	) -> Result<B, D::Error> {
		let text = match StringOrNumber::deserialize(deserializer)? {
			StringOrNumber::String(s) => s,
			StringOrNumber::Number(n) => n.to_string(),
		};
		text.parse::<B>().map_err(|_| D::Error::custom(format!("invalid balance {text:?}")))
	}
}

/// The round in progress.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RoundInfo<BlockNumber> {
	/// Its index.
	pub index: RoundIndex,
	/// Its first block (`index * length`).
	pub first_block: BlockNumber,
	/// Blocks per round.
	pub length: BlockNumber,
	/// The seed fixed at its start, from which its random choices are drawn.
	pub seed: H256,
}

/// A round's snapshot of eligible providers, in short.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "BlockNumber: Serialize, Balance: core::fmt::Display",
			deserialize = "BlockNumber: Deserialize<'de>, Balance: core::str::FromStr"
		)
	)
)]
pub struct SnapshotSummary<Balance, BlockNumber> {
	/// The round.
	pub round: RoundIndex,
	/// Its first block.
	pub first_block: BlockNumber,
	/// Its seed.
	pub seed: H256,
	/// Slots of the snapshot: the providers that committed to the round,
	/// including those that left it before it started (with stake 0).
	pub providers: u32,
	/// Sum of the snapshot's stakes: the denominator of every
	/// stake-weighted choice and of the round's inflation shares.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub total_stake: Balance,
}

/// A provider drawn for a round (gateway, committee member, sample).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: Serialize, Balance: core::fmt::Display",
			deserialize = "AccountId: Deserialize<'de>, Balance: core::str::FromStr"
		)
	)
)]
pub struct RoundMember<AccountId, Balance> {
	/// The provider (stash account).
	pub account: AccountId,
	/// Its stake in the round's snapshot.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub stake: Balance,
	/// Its sr25519 operator key now (raw public key), which signs its
	/// statements; `None` if it has none.
	pub operator_key: Option<H256>,
	/// Seats it holds in a gateway quorum or committee (its one signature
	/// counts for all of them); 1 in a sample of distinct providers.
	pub seats: u32,
}

/// The gateways judging one accused, or the committee of one claimant, in
/// a round: distinct members in order of first draw, each with its seats.
/// A signer's index in `members` is the index its signature is submitted
/// with; the signers must hold `threshold` seats.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: Serialize, Balance: core::fmt::Display",
			deserialize = "AccountId: Deserialize<'de>, Balance: core::str::FromStr"
		)
	)
)]
pub struct RoundMembers<AccountId, Balance> {
	/// The round.
	pub round: RoundIndex,
	/// Seats drawn (the sum of the members' seats, unless nobody but the
	/// judged provider has stake).
	pub seats: u32,
	/// Seats whose members' signatures a statement needs now.
	pub threshold: u32,
	/// The members, in order of first draw.
	pub members: Vec<RoundMember<AccountId, Balance>>,
}

/// Stake unbonded and not yet withdrawn (still slashable).
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub struct UnlockingChunk<Balance> {
	/// Amount.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub value: Balance,
	/// First round in which it can be withdrawn.
	pub unlock_round: RoundIndex,
}

/// A round whose snapshot a provider committed to.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub struct CommittedRound<Balance> {
	/// The round.
	pub round: RoundIndex,
	/// The provider's stake in its snapshot (0 if it left the snapshot
	/// before the round started; still growing for the next round).
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub stake: Balance,
}

/// An accepted proof of unavailability.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub struct UnavailabilityMark<Balance> {
	/// The round the provider was proven unavailable in.
	pub round: RoundIndex,
	/// Slashed for it (0 if the staking pallet refused the slash).
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub slashed: Balance,
}

/// What one `claim_rewards` call would mint now.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub struct RewardsClaim<Balance> {
	/// First round settled.
	pub from: RoundIndex,
	/// Last round settled (inclusive).
	pub to: RoundIndex,
	/// Minted to the provider (may be 0: rounds without stake or proven
	/// unavailable still advance its cursor).
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub amount: Balance,
}

/// A bonded provider.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub struct ProviderInfo<Balance> {
	/// Stake not unlocking: eligible, rewarded and sampled.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub active_stake: Balance,
	/// Stake on its way out, by unlock round.
	pub unlocking: Vec<UnlockingChunk<Balance>>,
	/// Last round the stake is locked for; it can unbond from the round after.
	pub locked_until: RoundIndex,
	/// Whether it left the snapshots (`chill`, or slashed below the minimum)
	/// until it commits again.
	pub chilled: bool,
	/// Its sr25519 operator key (raw public key), if set.
	pub operator_key: Option<H256>,
	/// First round whose inflation reward is not claimed yet.
	pub reward_cursor: RoundIndex,
	/// The rounds of the history, and the next round, whose snapshot it
	/// committed to.
	pub committed_rounds: Vec<CommittedRound<Balance>>,
	/// Proofs of unavailability against it in the rounds of the history.
	pub unavailability: Vec<UnavailabilityMark<Balance>>,
	/// What `claim_rewards` would mint now; `None` if no settled round is
	/// left to claim.
	pub claimable_rewards: Option<RewardsClaim<Balance>>,
}

/// How a policy pays its providers.
///
/// JSON form: `{"perRound": {"price": "…"}}` or
/// `{"perRequest": {"price": "…", "cap": 10}}`.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub enum Price<Balance> {
	/// `price` per provider for each round it earned.
	#[codec(index = 0)]
	PerRound {
		/// Fee of one provider for one round.
		#[cfg_attr(feature = "std", serde(with = "balance_string"))]
		price: Balance,
	},
	/// `price` per served request, at most `cap` requests per provider and
	/// round, paid through service claims.
	#[codec(index = 1)]
	PerRequest {
		/// Fee of one request.
		#[cfg_attr(feature = "std", serde(with = "balance_string"))]
		price: Balance,
		/// Most requests paid per provider and round.
		cap: u32,
	},
}

/// A provider of a policy, with what settling its slots would move now.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: Serialize, Balance: core::fmt::Display",
			deserialize = "AccountId: Deserialize<'de>, Balance: core::str::FromStr"
		)
	)
)]
pub struct PolicyProvider<AccountId, Balance> {
	/// The provider (stash account).
	pub account: AccountId,
	/// First round of the policy whose slot is not settled yet.
	pub next_round: RoundIndex,
	/// What its next `claim_fees` (or the owner's `refund_unearned` for it)
	/// would pay it now: the earned fees of up to `MaxClaimRounds` settled
	/// rounds. Always 0 for a per-request policy (paid by service claims).
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub claimable: Balance,
	/// What the same settlement would give back to the owner now: the
	/// unearned fees of those rounds and the rounds no longer verifiable.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub refundable: Balance,
	/// Rounds that settlement would settle.
	pub settleable_rounds: u32,
}

/// A live policy.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "AccountId: Serialize, Balance: core::fmt::Display",
			deserialize = "AccountId: Deserialize<'de>, Balance: core::str::FromStr"
		)
	)
)]
pub struct PolicyInfo<AccountId, Balance> {
	/// The policy's id.
	pub id: PolicyId,
	/// The account that funds it.
	pub owner: AccountId,
	/// First round.
	pub start: RoundIndex,
	/// First round after the policy (exclusive; earlier after a revocation).
	pub end: RoundIndex,
	/// The price model.
	pub price: Price<Balance>,
	/// The sr25519 keys allowed to sign requests (raw public keys).
	pub requesters: Vec<H256>,
	/// Whether the owner revoked it.
	pub revoked: bool,
	/// Held from the owner at creation.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub max_cost: Balance,
	/// Paid to providers so far.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub paid: Balance,
	/// Released to the owner so far.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub refunded: Balance,
	/// Still held: `max_cost - paid - refunded`.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub held: Balance,
	/// The providers, in the policy's order.
	pub providers: Vec<PolicyProvider<AccountId, Balance>>,
	/// What the owner gets back now by settling every provider
	/// (`refund_unearned` for each): the sum of their `refundable`.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub owner_refundable: Balance,
	/// What revoking now would release at once; `None` if it cannot be
	/// revoked (already revoked, or no round left after the current one).
	#[cfg_attr(
		feature = "std",
		serde(with = "option_balance_string", default, skip_serializing_if = "Option::is_none")
	)]
	pub revocation_refund: Option<Balance>,
	/// First round from which anyone can reap it.
	pub reapable_from: RoundIndex,
}

/// [`balance_string`] for an optional balance (`null` or absent for `None`).
#[cfg(feature = "std")]
pub mod option_balance_string {
	use serde::{Deserialize, Deserializer, Serializer};

	/// Writes `Some(value)` as a decimal string, `None` as `null`.
	pub fn serialize<S: Serializer, B: core::fmt::Display>(
		value: &Option<B>,
		serializer: S,
	) -> Result<S::Ok, S::Error> {
		match value {
			Some(v) => serializer.collect_str(v),
			None => serializer.serialize_none(),
		}
	}

	#[derive(Deserialize)]
	struct Wrapped<B: core::str::FromStr>(#[serde(with = "super::balance_string")] B);

	/// Reads `null` or a balance.
	pub fn deserialize<'de, D: Deserializer<'de>, B: core::str::FromStr>(
		deserializer: D,
	) -> Result<Option<B>, D::Error> {
		Ok(Option::<Wrapped<B>>::deserialize(deserializer)?.map(|w| w.0))
	}
}

/// A ticket sender's funds and withdrawal state.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "BlockNumber: Serialize, Balance: core::fmt::Display",
			deserialize = "BlockNumber: Deserialize<'de>, Balance: core::str::FromStr"
		)
	)
)]
pub struct SenderInfo<Balance, BlockNumber> {
	/// Held deposit: what winning tickets are paid from.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub deposit: Balance,
	/// Held reserve: the penalty escrow recipients draw their share from.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub reserve: Balance,
	/// Block from which the funds can be withdrawn, if an unlock is in progress.
	pub unlock_at: Option<BlockNumber>,
	/// Block until which the deposit is frozen after proven double signing.
	pub frozen_until: Option<BlockNumber>,
	/// Whether `withdraw` would release the funds now.
	pub withdrawable: bool,
	/// The round in which the deposit fell short of a winning ticket, while
	/// the reserve is not yet forfeited: during that round recipients draw
	/// their stake shares of the reserve, then the rest is burned.
	pub overdrawn_in: Option<RoundIndex>,
}

/// The most a recipient can be paid now by one ticket of a sender.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(
			serialize = "Balance: core::fmt::Display",
			deserialize = "Balance: core::str::FromStr"
		)
	)
)]
pub struct Payable<Balance> {
	/// From the sender's deposit.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub from_deposit: Balance,
	/// From what is left of the recipient's share of the sender's reserve
	/// in the current round (0 unless the recipient is an active provider).
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub from_reserve: Balance,
	/// The sum: a ticket of at most this face value is paid in full now.
	#[cfg_attr(feature = "std", serde(with = "balance_string"))]
	pub total: Balance,
}

/// Whether a ticket was redeemed.
///
/// JSON form: `"unused"`, `"used"` or `"expired"`.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum TicketState {
	/// Not redeemed: a ticket with this sender, index and expiry is
	/// redeemable if its other checks pass.
	#[codec(index = 0)]
	Unused,
	/// Redeemed (one signed ticket pays at most once).
	#[codec(index = 1)]
	Used,
	/// Its expiry block has been reached: it can never be redeemed, and
	/// its record, if any, is pruned.
	#[codec(index = 2)]
	Expired,
}

/// A pending service-claim commitment and its challenges.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(serialize = "BlockNumber: Serialize", deserialize = "BlockNumber: Deserialize<'de>")
	)
)]
pub struct CommitmentInfo<BlockNumber> {
	/// Root of the provider's range tree.
	pub root: H256,
	/// Claimed number of distinct requests (`w`, the tree's leaves).
	pub served: u32,
	/// The round the commitment was made in.
	pub committed_at: RoundIndex,
	/// First round it can be opened in (`committed_at + 1`).
	pub open_from: RoundIndex,
	/// Last round it can be opened in (the deadline).
	pub open_until: RoundIndex,
	/// The block whose randomness fixed the challenges.
	pub seed_block: BlockNumber,
	/// The leaf indices to open, in the order `open_claim` takes them.
	pub challenges: Vec<u32>,
	/// An opening failed but its slash was deferred: only `expire_claim`
	/// can close it.
	pub failed: bool,
}

sp_api::decl_runtime_apis! {
	/// The market chain's queries. Every method does bounded work (see the
	/// crate docs); where the question can be wrong, the answer is a
	/// [`MarketApiError`].
	///
	/// Version 3: `ticket_state` takes the ticket's hash (used tickets are
	/// recorded by hash), and `SenderInfo` carries `overdrawn_in`.
	#[api_version(3)]
	pub trait MarketApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The round in progress: index, first block, length and seed.
		/// Error: `MissingRoundData` (never on a running chain).
		fn current_round() -> Result<RoundInfo<BlockNumber>, MarketApiError>;

		/// A round's snapshot summary. Errors: `RoundOutOfHistory`,
		/// `RoundNotStarted`, `MissingRoundData`.
		fn round_snapshot(
			round: RoundIndex,
		) -> Result<SnapshotSummary<Balance, BlockNumber>, MarketApiError>;

		/// The gateways judging `accused` in `round` (drawn without it)
		/// under the current parameters, with the seat threshold of a proof
		/// of unavailability. Errors: as `round_snapshot`.
		fn gateways(
			round: RoundIndex,
			accused: AccountId,
		) -> Result<RoundMembers<AccountId, Balance>, MarketApiError>;

		/// The committee attesting `claimant`'s claims for `round` (drawn
		/// without it) under the current parameters, with the seat
		/// threshold of an attested claim. Errors: as `round_snapshot`.
		fn committee(
			round: RoundIndex,
			claimant: AccountId,
		) -> Result<RoundMembers<AccountId, Balance>, MarketApiError>;

		/// The first `n` distinct providers drawn stake-weighted from
		/// `round`'s seed and snapshot with `domain`, in draw order (fewer
		/// if the snapshot has fewer providers with stake). Errors:
		/// `BadSampleSize` (`n` outside `1..=MAX_SAMPLE`), as `round_snapshot`.
		fn sample(
			round: RoundIndex,
			domain: DomainTag,
			n: u32,
		) -> Result<Vec<RoundMember<AccountId, Balance>>, MarketApiError>;

		/// A provider's stake, lock, operator key, commitments,
		/// unavailability marks and claimable rewards. Error: `UnknownProvider`.
		fn provider(who: AccountId) -> Result<ProviderInfo<Balance>, MarketApiError>;

		/// A policy's terms, providers, what each can claim now and what
		/// the owner can get back. Errors: `UnknownPolicy`, `Internal`.
		fn policy(policy: PolicyId) -> Result<PolicyInfo<AccountId, Balance>, MarketApiError>;

		/// A ticket sender's deposit, reserve and unlock state. Error:
		/// `UnknownSender`.
		fn ticket_sender(sender: AccountId) -> Result<SenderInfo<Balance, BlockNumber>, MarketApiError>;

		/// The most `recipient` can be paid now by one of `sender`'s tickets.
		/// Errors: `UnknownSender`, `SelfPayment`.
		fn max_payable(sender: AccountId, recipient: AccountId) -> Result<Payable<Balance>, MarketApiError>;

		/// Whether the ticket with hash `ticket_hash` (blake2-256 of its
		/// SCALE encoding) and `expiry` was redeemed, as of the queried
		/// block: `Expired` once `expiry` is at or below that block's number
		/// (a redemption in block `b` needs `expiry > b`).
		fn ticket_state(ticket_hash: H256, expiry: BlockNumber) -> TicketState;

		/// `provider`'s pending commitment for `policy` and `round`, with its
		/// challenge indices. Errors: `NoCommitment`, `ChallengeNotDrawn`.
		fn commitment(
			policy: PolicyId,
			provider: AccountId,
			round: RoundIndex,
		) -> Result<CommitmentInfo<BlockNumber>, MarketApiError>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;
	use sp_runtime::AccountId32;

	#[test]
	fn balances_are_decimal_strings_and_fields_camel_case() {
		let info = SenderInfo::<u128, u32> {
			deposit: u128::MAX,
			reserve: 5,
			unlock_at: Some(7),
			frozen_until: None,
			withdrawable: false,
			overdrawn_in: Some(3),
		};
		let value = serde_json::to_value(&info).unwrap();
		assert_eq!(
			value,
			json!({
				"deposit": "340282366920938463463374607431768211455",
				"reserve": "5",
				"unlockAt": 7,
				"frozenUntil": null,
				"withdrawable": false,
				"overdrawnIn": 3,
			})
		);
		assert_eq!(serde_json::from_value::<SenderInfo<u128, u32>>(value).unwrap(), info);
		// A client may send small balances as numbers.
		let payable: Payable<u128> =
			serde_json::from_value(json!({"fromDeposit": 3, "fromReserve": "4", "total": "7"}))
				.unwrap();
		assert_eq!(payable, Payable { from_deposit: 3, from_reserve: 4, total: 7 });
		assert!(serde_json::from_value::<Payable<u128>>(
			json!({"fromDeposit": "x", "fromReserve": "4", "total": "7"})
		)
		.is_err());
	}

	#[test]
	fn policy_json_form() {
		let owner = AccountId32::new([1; 32]);
		let policy = PolicyInfo::<AccountId32, u128> {
			id: 3,
			owner: owner.clone(),
			start: 2,
			end: 5,
			price: Price::PerRequest { price: 10, cap: 4 },
			requesters: vec![H256::repeat_byte(2)],
			revoked: false,
			max_cost: 120,
			paid: 0,
			refunded: 0,
			held: 120,
			providers: vec![PolicyProvider {
				account: owner.clone(),
				next_round: 2,
				claimable: 0,
				refundable: 0,
				settleable_rounds: 0,
			}],
			owner_refundable: 0,
			revocation_refund: None,
			reapable_from: 19,
		};
		let value = serde_json::to_value(&policy).unwrap();
		assert_eq!(value["owner"], json!(owner.to_string()));
		assert_eq!(value["price"], json!({"perRequest": {"price": "10", "cap": 4}}));
		assert_eq!(value["requesters"][0], json!(format!("0x{}", "02".repeat(32))));
		assert_eq!(value["providers"][0]["nextRound"], json!(2));
		assert!(value.get("revocationRefund").is_none());
		assert_eq!(serde_json::from_value::<PolicyInfo<AccountId32, u128>>(value).unwrap(), policy);
		let revocable = PolicyInfo { revocation_refund: Some(u128::MAX), ..policy };
		let value = serde_json::to_value(&revocable).unwrap();
		assert_eq!(value["revocationRefund"], json!(u128::MAX.to_string()));
		assert_eq!(
			serde_json::from_value::<PolicyInfo<AccountId32, u128>>(value).unwrap(),
			revocable
		);
	}

	#[test]
	fn errors_carry_their_data_and_read_clearly() {
		let error = MarketApiError::RoundOutOfHistory { round: 3, oldest: 5 };
		assert_eq!(error.to_string(), "round 3 is out of history (oldest kept is 5)");
		assert_eq!(
			serde_json::to_value(&error).unwrap(),
			json!({"error": "roundOutOfHistory", "round": 3, "oldest": 5})
		);
		let error = MarketApiError::ChallengeNotDrawn { seed_block: 12 };
		assert_eq!(
			serde_json::to_value(&error).unwrap(),
			json!({"error": "challengeNotDrawn", "seedBlock": 12})
		);
		assert_eq!(
			serde_json::to_value(MarketApiError::UnknownProvider).unwrap(),
			json!({"error": "unknownProvider"})
		);
		assert_eq!(
			MarketApiError::BadSampleSize { n: 0, max: 64 }.to_string(),
			"n must be 1..=64, got 0"
		);
		assert_eq!(TicketState::Expired, serde_json::from_value(json!("expired")).unwrap());
	}

	#[test]
	fn scale_encoding_of_errors_is_stable() {
		assert_eq!(
			MarketApiError::UnknownPolicy { policy: 7 }.encode(),
			[vec![4], 7u64.encode()].concat()
		);
		assert_eq!(MarketApiError::Internal.encode(), vec![10]);
		assert_eq!(TicketState::Used.encode(), vec![1]);
	}
}
