//! Interfaces of the provider staking pallet for the other market pallets.
//!
//! The pallets depend on each other only through these traits, wired
//! together in the runtime: the availability pallet slashes through
//! [`Slashing`] and answers [`UnavailabilityOracle`]; the escrow, tickets,
//! availability and service-claims pallets read providers through
//! [`ProviderRegistry`].

extern crate alloc;
use crate::{sampling::DomainTag, RoundIndex};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::sr25519;
use sp_runtime::{traits::Convert, DispatchError, Weight};

/// Why a provider is slashed. A provider is slashed at most once per
/// [`Offence`].
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum SlashReason {
	/// A quorum of the round's gateways proved the provider unavailable.
	#[codec(index = 0)]
	Unavailability,
	/// The provider did not open the challenged leaves of a service claim.
	#[codec(index = 1)]
	FailedClaimOpening,
	/// The provider redeemed or issued fraudulent tickets.
	#[codec(index = 2)]
	TicketFraud,
	/// An opened service claim contained duplicate or fabricated records.
	#[codec(index = 3)]
	ClaimFraud,
}

/// One fault of a provider, as the staking pallet keys its slashes: a
/// provider is slashed at most once per offence, whichever round the proof
/// lands in and in whichever order proofs of several offences arrive.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Offence {
	/// What the provider did.
	pub reason: SlashReason,
	/// The round the fault concerns: the round proven unavailable, the
	/// round a service claim was made for.
	pub round: RoundIndex,
	/// What tells faults of one reason in one round apart: the policy of a
	/// claim offence (one claim per policy, provider and round), `0` for
	/// unavailability (one per provider and round).
	pub subject: u64,
}

impl Offence {
	/// The unavailability of a provider in `round`.
	pub const fn unavailability(round: RoundIndex) -> Self {
		Self { reason: SlashReason::Unavailability, round, subject: 0 }
	}
}

/// Read access to the providers: stake, rounds, snapshots, operator keys and
/// stake-weighted sampling.
pub trait ProviderRegistry<AccountId, Balance> {
	/// The round in progress.
	fn current_round() -> RoundIndex;

	/// Rounds after round `r` during which a proof against `r` may arrive
	/// (the registry's `MaxReportAge`): the other pallets' `integrity_test`
	/// check that they use the same value.
	fn max_report_age() -> RoundIndex;

	/// Rounds the registry keeps seeds and snapshots for (its
	/// `RoundHistory`): the other pallets' `integrity_test` check that they
	/// use the same value.
	fn round_history() -> RoundIndex;

	/// The seed of `round`, fixed at its start; `None` if the round has not
	/// started or was pruned.
	fn round_seed(round: RoundIndex) -> Option<[u8; 32]>;

	/// The provider's bonded stake that is not unlocking (`0` if not bonded).
	fn active_stake(who: &AccountId) -> Balance;

	/// Whether `who` is in `round`'s snapshot with a non-zero stake.
	fn is_active(who: &AccountId, round: RoundIndex) -> bool;

	/// The stake `who` has in `round`'s snapshot (`0` if absent).
	fn stake_in_round(who: &AccountId, round: RoundIndex) -> Balance;

	/// The sum of the stakes in `round`'s snapshot.
	fn snapshot_total(round: RoundIndex) -> Balance;

	/// Number of slots in `round`'s snapshot (including providers that left it
	/// with stake 0).
	fn snapshot_len(round: RoundIndex) -> u32;

	/// The provider's sr25519 operator key, which signs its off-chain statements.
	fn operator_key(who: &AccountId) -> Option<sr25519::Public>;

	/// The provider (stash) whose operator key is `key`.
	fn provider_of_operator(key: &sr25519::Public) -> Option<AccountId>;

	/// `n` distinct providers of `round`'s snapshot, each drawn with
	/// probability proportional to its stake, from the round seed and
	/// `domain` ([`crate::sampling::sample`], for policies). Fewer if the
	/// snapshot has fewer providers with stake; empty if the round has no
	/// seed.
	fn sample(round: RoundIndex, domain: &DomainTag, n: u32) -> Vec<AccountId>;

	/// `n` seats drawn with replacement from `round`'s snapshot without
	/// `excluded`, from the round seed and `domain`
	/// ([`crate::sampling::draw_seats`], for gateways and committees): the
	/// distinct providers in order of first draw, each with its number of
	/// seats. Empty if the round has no seed or nobody but `excluded` has
	/// stake in it.
	fn draw_seats(
		round: RoundIndex,
		domain: &DomainTag,
		n: u32,
		excluded: Option<&AccountId>,
	) -> Vec<(AccountId, u32)>;

	/// The last round `who`'s stake is locked for (it cannot unbond before
	/// the round after it); `None` if not bonded. The default knows no lock,
	/// so pallets requiring one refuse the provider: registries override it.
	fn locked_until(_who: &AccountId) -> Option<RoundIndex> {
		None
	}
}

/// Randomness accumulated from every block's BABE VRF output (the
/// staking pallet's [`BlockEntropy::accumulated`]): a value nobody knows
/// before the blocks that feed it are published.
pub trait BlockEntropy {
	/// The accumulator as of the current block's `on_initialize`: a hash
	/// chain over the VRF outputs of all blocks before it.
	fn accumulated() -> [u8; 32];
}

/// Slashing of a provider's stake, called by the pallets that detect faults.
pub trait Slashing<AccountId, Balance> {
	/// Slashes up to `amount` from `who`'s stake (active first, then
	/// unlocking chunks) for `offence`, pays a share to `reporters` (never
	/// to `who` or its operator account) and the rest to the configured
	/// destination. Returns the amount actually slashed, which is less than
	/// `amount` if the stake is smaller.
	///
	/// Fails, changing nothing, if `who` is not bonded, was already slashed
	/// for `offence`, or the offence's round is in the future or older
	/// than the implementation keeps records for (see
	/// [`Self::max_offence_age`]).
	fn slash(
		who: &AccountId,
		amount: Balance,
		offence: Offence,
		reporters: &[AccountId],
	) -> Result<Balance, DispatchError>;

	/// Most rounds between an offence's round and the current one for
	/// [`Self::slash`] to accept it: callers must prove offences within it.
	fn max_offence_age() -> RoundIndex;

	/// Upper bound of the weight of one [`Self::slash`] call with
	/// `reporters` reporters, for the caller's own weight.
	fn slash_weight(reporters: u32) -> Weight;
}

/// Whether a provider was proven unavailable for a round; implemented by the
/// availability pallet.
pub trait UnavailabilityOracle<AccountId> {
	/// `true` if a proof of unavailability of `who` for `round` was accepted.
	fn is_unavailable(who: &AccountId, round: RoundIndex) -> bool;
}

/// Nobody is ever proven unavailable.
impl<AccountId> UnavailabilityOracle<AccountId> for () {
	fn is_unavailable(_: &AccountId, _: RoundIndex) -> bool {
		false
	}
}

/// The account of an sr25519 operator key on this chain: its 32 public key
/// bytes, as for any sr25519 wallet account.
pub struct OperatorAccountId32;

impl Convert<sr25519::Public, crate::AccountId> for OperatorAccountId32 {
	fn convert(key: sr25519::Public) -> crate::AccountId {
		key.into()
	}
}
