//! Plain types of the pallet: tickets, batch items and outcomes, the
//! sender ledger and the parameters (re-exported by [`crate::pallet`]).

use super::*;
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{MultiSignature, Perbill};

/// The balance type of the currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A ticket of this runtime.
pub type TicketOf<T> =
	Ticket<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// One ticket of a batch: the ticket, the sender's signature and the
/// recipient's VRF evaluation.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct RedeemItem<T: Config> {
	/// The winning ticket.
	pub ticket: TicketOf<T>,
	/// The sender's signature of the ticket's SCALE encoding.
	pub signature: MultiSignature,
	/// The recipient's VRF evaluation in the batchable form (pre-output
	/// and proof `(R, Hr, s)`).
	pub vrf: VrfBatchableBytes,
}

/// What happened to one ticket of a batch.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub enum TicketOutcome<Balance> {
	/// The ticket was redeemed for `from_deposit + from_reserve`.
	Paid {
		/// The ticket's index.
		index: u64,
		/// Paid from the sender's deposit.
		from_deposit: Balance,
		/// Paid from the recipient's share of the sender's reserve.
		from_reserve: Balance,
	},
	/// The ticket was skipped and nothing changed for it.
	Failed {
		/// The ticket's index.
		index: u64,
		/// Why.
		error: DispatchError,
	},
}

/// A sender's state besides its held amounts.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	PartialEq,
	Eq,
	Default,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct SenderLedger<BlockNumber> {
	/// Block from which [`Pallet::withdraw`] is possible, if an unlock is
	/// in progress; fixed when the unlock starts, whatever Root sets
	/// later.
	pub unlock_at: Option<BlockNumber>,
	/// Block until which the deposit is frozen after proven double
	/// signing (no unlock, withdrawal or funding before it).
	pub frozen_until: Option<BlockNumber>,
	/// The round in which the deposit last fell short of a winning
	/// ticket, if its reserve is not yet forfeited: the reserve pays
	/// recipients' shares during that round only, and what is left of
	/// it is burned once the round is over (see the pallet docs).
	pub overdrawn_in: Option<RoundIndex>,
}

/// The pallet's tunable values, set at genesis ([`GenesisConfig`]) and
/// by Root ([`Pallet::set_parameters`]), checked by
/// [`Pallet::check_parameters`]. An unlock in progress keeps the block
/// it ends at; see the pallet docs for how changes keep recipients'
/// tickets payable.
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
pub struct Parameters<BlockNumber> {
	/// Longest validity of a ticket: its expiry is at most this many
	/// blocks after the block it is redeemed in, and a double signer's
	/// deposit is frozen this long. `1..=MaxTicketValidity`.
	pub max_ticket_validity: BlockNumber,
	/// Blocks between [`Pallet::unlock`] and [`Pallet::withdraw`]; more
	/// than `max_ticket_validity`.
	pub unlock_period: BlockNumber,
	/// Share of a double signer's burned reserve paid to the reporter.
	pub reporter_share: Perbill,
}

/// The parameters of this runtime.
pub type ParametersOf<T> = Parameters<BlockNumberFor<T>>;
