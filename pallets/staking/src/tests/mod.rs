//! Unit tests; every test ends with the pallet's `do_try_state` check.

use crate::{
	mock::*, pallet::*, Error, Offence, ProviderRegistry, RoundIndex, SlashReason, Slashing,
};

/// `reason` in the current round (subject 0).
fn offence_now(reason: SlashReason) -> Offence {
	Offence { reason, round: Staking::current_round(), subject: 0 }
}
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get, Hooks},
	weights::Weight,
};
use market_primitives::sampling::{self, COMMITTEE, GATEWAYS};
use sp_core::Pair;
use sp_runtime::traits::{Convert, Hash as _};

mod bonding;
mod migrations;
mod pruning;
mod rewards;
mod rounds;
mod slashing;

fn bond(who: AccountId, amount: Balance, lock: RoundIndex) {
	assert_ok!(Staking::bond(RuntimeOrigin::signed(who), amount, lock));
}

fn commit(who: AccountId) {
	assert_ok!(Staking::commit_to_next_round(RuntimeOrigin::signed(who)));
}

fn ledger(who: AccountId) -> ProviderLedger<Test> {
	Ledgers::<Test>::get(who).unwrap()
}

/// Bonds `who` with `stake` for 10 rounds and commits it to the next round.
fn provider(who: AccountId, stake: Balance) {
	bond(who, stake, 10);
	commit(who);
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		Staking::integrity_test();
	});
}
