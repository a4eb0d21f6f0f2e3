//! Unit tests; every test ends with the pallet's `do_try_state` check, a
//! check that every hold has a ledger, and money conservation.

use crate::{mock::*, pallet::*, Error, Event, RoundIndex, SigningDomain};
use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchResultWithPostInfo, GetDispatchInfo, Pays, PostDispatchInfo},
	traits::{
		fungible::{Inspect, InspectHold},
		Hooks,
	},
	BoundedVec,
};
use market_primitives::tickets::{is_winning, WinProbability};
use sp_runtime::{DispatchError, DispatchResult, MultiSignature, Perbill};

mod batch;
mod fraud;
mod funding;
mod migrations;
mod parameters;
mod redemption;
mod reserve;

fn held(i: u8, reason: HoldReason) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::Tickets(reason), &acc(i))
}

fn free(i: u8) -> Balance {
	Balances::balance(&acc(i))
}

fn fund(i: u8, deposit: Balance, reserve: Balance) {
	assert_ok!(Tickets::fund(RuntimeOrigin::signed(acc(i)), deposit, reserve));
}

/// Redeems `ticket` signed by its sender with its recipient's VRF.
fn redeem(ticket: &TicketOf<Test>, partial: bool) -> DispatchResultWithPostInfo {
	let sender = sender_number(ticket);
	let recipient = recipient_number(ticket);
	Tickets::redeem_winning_ticket(
		RuntimeOrigin::signed(ticket.recipient.clone()),
		ticket.clone(),
		sign(sender, ticket),
		vrf(recipient, ticket),
		partial,
	)
}

fn number_of(who: &AccountId) -> u8 {
	(1..=LAST_ACCOUNT).find(|i| acc(*i) == *who).expect("a mock account")
}

fn sender_number(ticket: &TicketOf<Test>) -> u8 {
	number_of(&ticket.sender)
}

fn recipient_number(ticket: &TicketOf<Test>) -> u8 {
	number_of(&ticket.recipient)
}

fn item(ticket: &TicketOf<Test>) -> RedeemItem<Test> {
	RedeemItem {
		ticket: ticket.clone(),
		signature: sign(sender_number(ticket), ticket),
		vrf: vrf_batchable(recipient_number(ticket), ticket),
	}
}

/// Reports `a` and `b` (both signed by their sender) from account `by`.
fn report_pair(by: u8, a: &TicketOf<Test>, b: &TicketOf<Test>) -> DispatchResult {
	Tickets::report_double_signed(
		RuntimeOrigin::signed(acc(by)),
		a.clone(),
		sign(sender_number(a), a),
		b.clone(),
		sign(sender_number(b), b),
	)
}
