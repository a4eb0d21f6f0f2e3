//! Plain transfers between the actors: accounts drained to dust or reaped
//! while they hold stakes, deposits and escrows.

use super::{signed, Gen, Step};
use arbitrary::Result;
use market_runtime::RuntimeCall;
use pallet_balances::Call;
use sp_runtime::MultiAddress;

pub(super) fn next(g: &mut Gen) -> Result<Step> {
	let from = g.actor()?;
	let dest = MultiAddress::Id(g.account()?);
	let free = from.free();
	let call = match g.u.int_in_range(0..=4u8)? {
		0 | 1 => Call::transfer_allow_death { dest, value: g.amount(free)? },
		2 | 3 => Call::transfer_keep_alive { dest, value: g.amount(free)? },
		_ => Call::transfer_all { dest, keep_alive: g.chance(50)? },
	};
	Ok(signed(&from.account, RuntimeCall::Balances(call)))
}
