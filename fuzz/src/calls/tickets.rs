//! Tickets: funding, unlocking and withdrawing; winning tickets redeemed
//! one by one and in batches (valid, replayed, expired, badly signed, with
//! another key's VRF); double signs reported; Root's ticket parameters.

use super::{root, signed, Gen, Step};
use crate::actors::{keys, Actor};
use arbitrary::Result;
use frame_support::BoundedVec;
use market_primitives::tickets::{
	client::{evaluate_vrf, evaluate_vrf_batchable, sign_ticket},
	WinProbability,
};
use market_runtime::{Balance, BlockNumber, Runtime, RuntimeCall, Tickets, UNIT};
use pallet_tickets::{Call, Parameters, RedeemItem, TicketOf};
use sp_runtime::{MultiSignature, Perbill};

/// A ticket with its sender's signature, as a recipient holds it.
#[derive(Clone)]
pub struct SignedTicket {
	/// The ticket.
	pub ticket: TicketOf<Runtime>,
	/// The sender's signature (or garbage).
	pub signature: MultiSignature,
}

pub(super) fn next(g: &mut Gen) -> Result<Step> {
	let who = g.actor()?;
	let call = match g.u.int_in_range(0..=19u8)? {
		0..=2 => {
			let free = who.free();
			Call::fund { deposit: g.amount(free)?, reserve: g.amount(free / 2)? }
		},
		3 => Call::unlock {},
		4 => Call::cancel_unlock {},
		5 => Call::withdraw {},
		6..=11 => {
			let held = ticket(g)?;
			let recipient = recipient_of(g, &held)?;
			let vrf = evaluate_vrf(&vrf_key(g, recipient)?.pair, &held.ticket.hash());
			let allow_partial = g.chance(50)?;
			let call = Call::redeem_winning_ticket {
				ticket: held.ticket,
				signature: held.signature,
				vrf,
				allow_partial,
			};
			return Ok(signed(&recipient.account, RuntimeCall::Tickets(call)));
		},
		12..=14 => return batch(g),
		15..=17 => {
			let (a, b) = double_sign(g)?;
			Call::report_double_signed {
				ticket_a: a.ticket,
				signature_a: a.signature,
				ticket_b: b.ticket,
				signature_b: b.signature,
			}
		},
		_ => return parameters(g),
	};
	Ok(signed(&who.account, RuntimeCall::Tickets(call)))
}

/// A fresh ticket most of the time (and remembered), else a remembered one
/// replayed.
fn ticket(g: &mut Gen) -> Result<SignedTicket> {
	if !g.memory.tickets.is_empty() && g.chance(20)? {
		return g.pick(&g.memory.tickets.clone());
	}
	let sender = g.actor()?;
	let recipient = g.provider()?;
	let index = if g.chance(85)? {
		g.memory.next_ticket_index += 1;
		g.memory.next_ticket_index
	} else {
		g.u.int_in_range(0..=g.memory.next_ticket_index)?
	};
	let held = make(g, sender, recipient, index)?;
	Gen::remember(&mut g.memory.tickets, held.clone());
	Ok(held)
}

/// A ticket from `sender` to `recipient` with index `index`: face values
/// from nothing to everything, win probabilities from never to always,
/// expiries from the past to past the validity, now and then another
/// chain's domain, signed by the sender (or by someone else).
fn make(g: &mut Gen, sender: &Actor, recipient: &Actor, index: u64) -> Result<SignedTicket> {
	let mut domain = Tickets::signing_domain();
	if g.chance(3)? {
		domain = market_primitives::tickets::signing_domain([7; 32]);
	}
	let validity = pallet_tickets::Params::<Runtime>::get().max_ticket_validity;
	let ticket = TicketOf::<Runtime> {
		domain,
		sender: sender.account.clone(),
		recipient: recipient.account.clone(),
		face_value: g.pick(&[0, 1, UNIT / 1_000, UNIT, 10 * UNIT, 1_000 * UNIT, Balance::MAX])?,
		win_probability: g.pick(&[
			WinProbability::ALWAYS,
			WinProbability::ALWAYS,
			WinProbability::one_in(2),
			WinProbability::one_in(1_000_000),
			WinProbability(0),
		])?,
		index,
		expiry: g.block_around_now(validity)?,
		aux: if g.chance(50)? { Some(g.bytes32()?) } else { None },
	};
	let signer = if g.chance(95)? { sender } else { g.actor()? };
	let signature = sign_ticket(&signer.pair, &ticket);
	Ok(SignedTicket { ticket, signature })
}

/// The redeeming caller: the ticket's recipient, or sometimes anyone.
fn recipient_of(g: &mut Gen, held: &SignedTicket) -> Result<&'static Actor> {
	let recipient = keys().index.get(&held.ticket.recipient).map(|&i| &keys().actors[i]);
	match recipient {
		Some(r) if g.chance(92)? => Ok(r),
		_ => g.actor(),
	}
}

/// Whose key evaluates the VRF: the caller's mostly, another's sometimes.
fn vrf_key(g: &mut Gen, caller: &'static Actor) -> Result<&'static Actor> {
	if g.chance(93)? {
		Ok(caller)
	} else {
		g.actor()
	}
}

/// A batch for one recipient: fresh and replayed tickets (some repeated
/// within the batch), with batchable VRF proofs, one of them sometimes by
/// another key (which fails the whole batch).
fn batch(g: &mut Gen) -> Result<Step> {
	let recipient = g.provider()?;
	let n = g.u.int_in_range(1..=8usize)?;
	let mut items = Vec::with_capacity(n);
	for _ in 0..n {
		let held = if g.chance(25)? && !items.is_empty() {
			let item: &RedeemItem<Runtime> = &items[items.len() - 1];
			SignedTicket { ticket: item.ticket.clone(), signature: item.signature.clone() }
		} else {
			let sender = g.actor()?;
			g.memory.next_ticket_index += 1;
			let index = g.memory.next_ticket_index;
			make(g, sender, recipient, index)?
		};
		let vrf = evaluate_vrf_batchable(&vrf_key(g, recipient)?.pair, &held.ticket.hash());
		items.push(RedeemItem { ticket: held.ticket, signature: held.signature, vrf });
	}
	let allow_partial = g.chance(50)?;
	Ok(signed(
		&recipient.account,
		RuntimeCall::Tickets(Call::redeem_winning_tickets {
			batch: BoundedVec::truncate_from(items),
			allow_partial,
		}),
	))
}

/// Two tickets for a double-sign report: mostly a remembered ticket and a
/// second one of the same sender and index that differs (a real double
/// sign); sometimes the same ticket twice, or two unrelated ones.
fn double_sign(g: &mut Gen) -> Result<(SignedTicket, SignedTicket)> {
	let first = ticket(g)?;
	let second = match g.u.int_in_range(0..=9u8)? {
		0 => first.clone(),
		1 => ticket(g)?,
		_ => {
			let sender = keys()
				.index
				.get(&first.ticket.sender)
				.map(|&i| &keys().actors[i])
				.unwrap_or(&keys().actors[0]);
			let mut ticket = first.ticket.clone();
			ticket.face_value = ticket.face_value.wrapping_add(1);
			if g.chance(30)? {
				ticket.recipient = g.provider()?.account.clone();
			}
			let signature = sign_ticket(&sender.pair, &ticket);
			SignedTicket { ticket, signature }
		},
	};
	Ok((first, second))
}

/// Ticket parameters around the valid range `1 <= max_ticket_validity <=
/// MaxTicketValidity < ... `, `unlock_period > max_ticket_validity`.
fn parameters(g: &mut Gen) -> Result<Step> {
	let max = <Runtime as pallet_tickets::Config>::MaxTicketValidity::get();
	let validity: BlockNumber = g.pick(&[0, 1, 10, 100, max, max + 1])?;
	let unlock_period: BlockNumber =
		g.pick(&[0, validity, validity + 1, 2 * validity, 200, BlockNumber::MAX])?;
	let reporter_share =
		g.pick(&[Perbill::zero(), Perbill::from_percent(10), Perbill::from_percent(100)])?;
	Ok(root(RuntimeCall::Tickets(Call::set_parameters {
		parameters: Parameters { max_ticket_validity: validity, unlock_period, reporter_share },
	})))
}
