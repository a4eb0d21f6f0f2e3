//! Unit tests; every test ends with the pallet's `do_try_state` check.

use crate::{mock::*, pallet::*, Error, Offence, ProviderRegistry, RoundIndex, SlashReason, Slashing};

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
fn genesis_bonds_and_commits_providers() {
	ExtBuilder::default()
		.provider(1, 1_000, 5, Some(1))
		.provider(2, 3_000, 5, None)
		.build_and_execute(|| {
			assert_eq!(held(1), 1_000);
			assert_eq!(held(2), 3_000);
			assert_eq!(Staking::current_round(), 0);
			assert_eq!(Staking::round_seed(0), Some(Staking::genesis_seed()));
			for round in [0, 1] {
				assert_eq!(Staking::snapshot_total(round), 4_000);
				assert_eq!(Staking::snapshot_len(round), 2);
				assert!(Staking::is_active(&1, round));
				assert_eq!(Staking::stake_in_round(&2, round), 3_000);
			}
			assert_eq!(Staking::operator_key(&1), Some(operator(1).public()));
			assert_eq!(Staking::provider_of_operator(&operator(1).public()), Some(1));
			assert_eq!(OperatorOwners::<Test>::get(operator_account(1)), Some(1));
			// Round 0's snapshot can be sampled right away.
			assert_eq!(Staking::sample(0, &GATEWAYS, 5).len(), 2);
			// The operator's account can commit for round 2 during round 1.
			run_to_round(1);
			assert_ok!(Staking::commit_to_next_round(RuntimeOrigin::signed(operator_account(1))));
			assert!(Staking::is_active(&1, 2));
		});
}

#[test]
fn bond_holds_funds_and_refuses_bad_input() {
	ExtBuilder::default().build_and_execute(|| {
		let before = issuance();
		assert_noop!(Staking::bond(RuntimeOrigin::signed(1), 99, 3), Error::<Test>::BelowMinStake);
		assert_noop!(Staking::bond(RuntimeOrigin::signed(1), 100, 2), Error::<Test>::LockTooShort);
		assert_noop!(
			Staking::bond(RuntimeOrigin::signed(1), INITIAL, 3),
			Error::<Test>::InsufficientBalance
		);
		bond(1, 100, 3);
		assert_eq!(held(1), 100);
		assert_eq!(ledger(1).locked_until, 3);
		assert_eq!(ledger(1).active, 100);
		assert_noop!(Staking::bond(RuntimeOrigin::signed(1), 100, 3), Error::<Test>::AlreadyBonded);
		assert_eq!(
			staking_events(),
			vec![Event::Bonded { provider: 1, amount: 100, locked_until: 3 }]
		);
		assert_eq!(issuance(), before);
		run_to_round(1);
		assert_noop!(
			Staking::bond(RuntimeOrigin::signed(2), 100, u32::MAX),
			Error::<Test>::Overflow
		);
	});
}

#[test]
fn bond_extra_adds_to_the_pending_snapshot() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Staking::bond_extra(RuntimeOrigin::signed(1), 10), Error::<Test>::NotBonded);
		provider(1, 100);
		assert_noop!(Staking::bond_extra(RuntimeOrigin::signed(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Staking::bond_extra(RuntimeOrigin::signed(1), INITIAL),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 50));
		assert_eq!(held(1), 150);
		assert_eq!(Staking::stake_in_round(&1, 1), 150);
		assert_eq!(Staking::snapshot_total(1), 150);
		// Once the round started its snapshot is frozen.
		run_to_round(1);
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 50));
		assert_eq!(Staking::stake_in_round(&1, 1), 150);
		assert_eq!(Staking::active_stake(&1), 200);
	});
}

#[test]
fn registry_reports_the_lock() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(<Staking as ProviderRegistry<_, _>>::locked_until(&1), None);
		bond(1, 100, 5);
		assert_eq!(<Staking as ProviderRegistry<_, _>>::locked_until(&1), Some(5));
		assert_ok!(Staking::extend_lock(RuntimeOrigin::signed(1), 7));
		assert_eq!(<Staking as ProviderRegistry<_, _>>::locked_until(&1), Some(7));
	});
}

#[test]
fn extend_lock_only_extends() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Staking::extend_lock(RuntimeOrigin::signed(1), 5), Error::<Test>::NotBonded);
		bond(1, 100, 5);
		assert_noop!(
			Staking::extend_lock(RuntimeOrigin::signed(1), 2),
			Error::<Test>::LockTooShort
		);
		assert_noop!(
			Staking::extend_lock(RuntimeOrigin::signed(1), 5),
			Error::<Test>::LockNotExtended
		);
		run_to_round(2);
		assert_noop!(
			Staking::extend_lock(RuntimeOrigin::signed(1), u32::MAX),
			Error::<Test>::Overflow
		);
		assert_noop!(
			Staking::extend_lock(RuntimeOrigin::signed(1), 3),
			Error::<Test>::LockNotExtended
		);
		assert_ok!(Staking::extend_lock(RuntimeOrigin::signed(1), 4));
		assert_eq!(ledger(1).locked_until, 6);
	});
}

#[test]
fn set_operator_checks_proof_and_uniqueness() {
	ExtBuilder::default().build_and_execute(|| {
		let key = operator(7);
		assert_noop!(
			Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 1)),
			Error::<Test>::NotBonded
		);
		bond(1, 100, 5);
		bond(2, 100, 5);
		// Signed for another stash, or by another key.
		assert_noop!(
			Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 2)),
			Error::<Test>::InvalidProofOfPossession
		);
		assert_noop!(
			Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&operator(8), 1)),
			Error::<Test>::InvalidProofOfPossession
		);
		// Signed under another chain's domain.
		let foreign = market_primitives::domain::SigningDomain::new(
			[1u8; 32],
			market_primitives::domain::STAKING_TAG,
			1,
		);
		let sig = key.sign(&market_primitives::domain::operator_pop_payload(&foreign, &1u64));
		assert_noop!(
			Staking::set_operator(RuntimeOrigin::signed(1), key.public(), sig),
			Error::<Test>::InvalidProofOfPossession
		);
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 1)));
		assert_eq!(Staking::operator_key(&1), Some(key.public()));
		// One key, one provider.
		assert_noop!(
			Staking::set_operator(RuntimeOrigin::signed(2), key.public(), pop(&key, 2)),
			Error::<Test>::OperatorKeyInUse
		);
		// A key whose account is another provider's stash is refused.
		let clash = operator(9);
		let clash_account = operator_account(9);
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), clash_account, 1_000));
		bond(clash_account, 100, 5);
		assert_noop!(
			Staking::set_operator(RuntimeOrigin::signed(1), clash.public(), pop(&clash, 1)),
			Error::<Test>::OperatorKeyInUse
		);
		// Replacing the key releases the old one.
		let new = operator(8);
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(1), new.public(), pop(&new, 1)));
		assert_eq!(Staking::provider_of_operator(&key.public()), None);
		assert_eq!(Staking::provider_of_operator(&new.public()), Some(1));
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(2), key.public(), pop(&key, 2)));
	});
}

#[test]
fn commit_by_stash_or_operator_once_per_round() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(1)),
			Error::<Test>::NotProvider
		);
		bond(1, 100, 5);
		let key = operator(3);
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 1)));
		assert_ok!(Staking::commit_to_next_round(RuntimeOrigin::signed(operator_account(3))));
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(1)),
			Error::<Test>::AlreadyCommitted
		);
		assert!(Staking::is_active(&1, 1));
		assert!(!Staking::is_active(&1, 2));
		assert!(staking_events().contains(&Event::Committed { provider: 1, round: 1, stake: 100 }));
		run_to_round(1);
		commit(1);
		assert!(Staking::is_active(&1, 2));
	});
}

#[test]
fn commit_refusals() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 3);
		// The lock covers rounds up to 3: committing for round 4 is refused.
		run_to_round(3);
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(1)),
			Error::<Test>::LockExpired
		);
		assert_ok!(Staking::extend_lock(RuntimeOrigin::signed(1), 3));
		commit(1);
		// Below MinStake after a slash.
		bond(2, 100, 10);
		assert_ok!(<Staking as Slashing<_, _>>::slash(&2, 1, offence_now(SlashReason::TicketFraud), &[]));
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(2)),
			Error::<Test>::BelowMinStake
		);
	});
}

#[test]
fn snapshot_is_bounded_by_max_providers() {
	ExtBuilder::default().build_and_execute(|| {
		MaxProviders::set(4);
		for who in 1..=4 {
			provider(who, 100 * who);
		}
		bond(5, 100, 10);
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(5)),
			Error::<Test>::RoundFull
		);
		assert_eq!(Snapshots::<Test>::get(1).unwrap().capacity, 4);
		assert_eq!(Staking::snapshot_total(1), 1_000);
		// A chilled provider keeps its slot: no slot churn by chill/commit.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(4)));
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(4)),
			Error::<Test>::AlreadyCommitted
		);
		assert_eq!(Staking::snapshot_total(1), 600);
	});
}

#[test]
fn chill_leaves_the_next_snapshot() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Staking::chill(RuntimeOrigin::signed(1)), Error::<Test>::NotBonded);
		provider(1, 100);
		provider(2, 300);
		assert_ok!(Staking::chill(RuntimeOrigin::signed(1)));
		assert_noop!(Staking::chill(RuntimeOrigin::signed(1)), Error::<Test>::AlreadyChilled);
		assert!(!Staking::is_active(&1, 1));
		assert_eq!(Staking::snapshot_total(1), 300);
		assert!(staking_events().contains(&Event::Chilled { provider: 1, from_round: 1 }));
		run_to_round(1);
		// Frozen round 1 does not have it; a new commit clears the chill.
		assert_eq!(Staking::sample(1, &GATEWAYS, 5), vec![2]);
		commit(1);
		assert!(!ledger(1).chilled);
		assert!(Staking::is_active(&1, 2));
		// Chilling now removes it from round 2 but not from frozen round 1.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
		assert!(Staking::is_active(&2, 1));
		assert!(!Staking::is_active(&2, 2));
	});
}

#[test]
fn rounds_fix_seeds_at_boundaries() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 100);
		run_to_block(9);
		assert_eq!(Staking::current_round(), 0);
		assert_eq!(Staking::round_seed(1), None);
		run_to_block(10);
		assert_eq!(Staking::current_round(), 1);
		let seed1 = Staking::round_seed(1).unwrap();
		assert_eq!(seed1, Staking::seed_from(&Entropy::<Test>::get(), 1));
		assert!(staking_events().contains(&Event::RoundStarted {
			round: 1,
			seed: seed1,
			providers: 1,
			total_stake: 100
		}));
		run_to_round(2);
		assert_ne!(Staking::round_seed(2).unwrap(), seed1);
		// A repeated boundary block does not restart the round; other blocks
		// only fold their parent's VRF output into the entropy.
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(Staking::on_initialize(20), db.reads_writes(2, 1) + db.reads(1));
		assert_eq!(Staking::round_seed(2), Some(Staking::round_seed(2).unwrap()));
		let entropy = Entropy::<Test>::get();
		assert_eq!(Staking::on_initialize(21), db.reads_writes(2, 1));
		assert_ne!(Entropy::<Test>::get(), entropy);
	});
}

/// The entropy is a hash chain over every block's parent VRF output: a
/// block without one (block 1, or a plain secondary slot) adds only its
/// number, and each output changes every later value.
#[test]
fn entropy_folds_every_vrf_output() {
	use crate::testing::{reset_vrf_outputs, set_vrf_output, vrf_output};
	let run = |changed: Option<(u64, Option<[u8; 32]>)>| {
		ExtBuilder::default().build().execute_with(|| {
			reset_vrf_outputs();
			if let Some((block, output)) = changed {
				set_vrf_output(block, output);
			}
			run_to_block(12);
			reset_vrf_outputs();
			(Entropy::<Test>::get(), Staking::round_seed(1).unwrap())
		})
	};
	let base = run(None);
	for block in [3u64, 6, 9] {
		let other = run(Some((block, Some([0xee; 32]))));
		assert_ne!(other.0, base.0, "block {block}");
		assert_ne!(other.1, base.1, "block {block}");
	}
	// A block without output differs from one with its default output.
	assert_ne!(run(Some((5, None))).0, base.0);
	// The chain itself: E(n) = blake2(E(n-1), vrf(n-1), n).
	ExtBuilder::default().build_and_execute(|| {
		reset_vrf_outputs();
		run_to_block(4);
		let before = Entropy::<Test>::get();
		run_to_block(5);
		let vrf = vrf_output(4).map(|out| {
			<Test as frame_system::Config>::Hashing::hash(
				&[crate::pallet::ENTROPY_SUBJECT, &out[..]].concat(),
			)
		});
		let expected = sp_crypto_hashing::blake2_256(&codec::Encode::encode(&(before, vrf, 5u64)));
		assert_eq!(Entropy::<Test>::get(), expected);
	});
}

/// Round `r`'s snapshot closes `SeedBlocks` blocks before `r` starts: no
/// commit, and no stake change reaches it any more, so the seed drawn from
/// the window's VRF outputs is drawn over a fixed set of weights.
#[test]
fn snapshot_closes_before_the_seed_is_drawn() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 100);
		bond(2, 200, 10);
		bond(3, 300, 10);
		commit(3);
		// Round 1 starts at block 10; its snapshot closes at block 7.
		run_to_block(6);
		assert!(Staking::snapshot_open(1));
		assert_eq!(Staking::first_open_round(), Some(1));
		run_to_block(7);
		assert!(!Staking::snapshot_open(1));
		assert_eq!(Staking::first_open_round(), Some(2));
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(2)),
			Error::<Test>::SnapshotClosed
		);
		// Stake changes go to the ledger, not to the closed snapshot.
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(1), 900));
		assert_ok!(<Staking as Slashing<_, _>>::slash(&3, 50, offence_now(SlashReason::TicketFraud), &[]));
		staking_events();
		assert_ok!(Staking::chill(RuntimeOrigin::signed(3)));
		assert_eq!(staking_events(), vec![Event::Chilled { provider: 3, from_round: 2 }]);
		assert_eq!(Staking::stake_in_round(&1, 1), 100);
		assert_eq!(Staking::stake_in_round(&3, 1), 300);
		assert_eq!(Staking::snapshot_total(1), 400);
		// The frozen weights are the ones drawn from.
		run_to_round(1);
		let seats = Staking::seats_of_round(1, &GATEWAYS, 64, None);
		assert_eq!(seats.iter().map(|(_, n)| n).sum::<u32>(), 64);
		// Round 2 is open again: 1 commits with its new stake; 3 is chilled.
		commit(1);
		assert_eq!(Staking::stake_in_round(&1, 2), 1_000);
		assert!(ledger(3).chilled);
	});
}

/// A full snapshot admits a provider with more stake than some member,
/// which it names: first come no longer means first served.
#[test]
fn a_full_snapshot_admits_more_stake_by_displacement() {
	ExtBuilder::default().build_and_execute(|| {
		MaxProviders::set(3);
		provider(1, 100);
		provider(2, 200);
		provider(3, 300);
		bond(4, 250, 10);
		bond(5, 100, 10);
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(4)),
			Error::<Test>::RoundFull
		);
		// The displaced member must be in the snapshot with less stake.
		assert_noop!(
			Staking::commit_displacing(RuntimeOrigin::signed(4), 9),
			Error::<Test>::NotInSnapshot
		);
		assert_noop!(
			Staking::commit_displacing(RuntimeOrigin::signed(4), 3),
			Error::<Test>::StakeNotHigher
		);
		assert_noop!(
			Staking::commit_displacing(RuntimeOrigin::signed(5), 1),
			Error::<Test>::StakeNotHigher
		);
		staking_events();
		assert_ok!(Staking::commit_displacing(RuntimeOrigin::signed(4), 1));
		assert_eq!(
			staking_events(),
			vec![
				Event::Displaced { provider: 1, round: 1, by: 4 },
				Event::Committed { provider: 4, round: 1, stake: 250 },
			]
		);
		assert!(!Staking::is_active(&1, 1));
		assert_eq!(Staking::stake_in_round(&4, 1), 250);
		assert_eq!(Staking::snapshot_len(1), 3);
		assert_eq!(Staking::snapshot_total(1), 750);
		// The displaced provider may displace a smaller one in turn... or
		// not, here: it has the least stake.
		assert_noop!(
			Staking::commit_displacing(RuntimeOrigin::signed(1), 2),
			Error::<Test>::StakeNotHigher
		);
		// A member that left (stake 0) is displaced by anyone eligible.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(2)));
		assert_ok!(Staking::commit_displacing(RuntimeOrigin::signed(5), 2));
		assert_eq!(Staking::stake_in_round(&5, 1), 100);
		assert!(!ProviderSlots::<Test>::contains_key(1, 2));
		// Not full: the named member is left alone.
		MaxProviders::set(10);
		assert_ok!(Staking::commit_displacing(RuntimeOrigin::signed(1), 4));
		assert!(Staking::is_active(&4, 1) && Staking::is_active(&1, 1));
		// The usual commit checks come first.
		assert_noop!(
			Staking::commit_displacing(RuntimeOrigin::signed(1), 4),
			Error::<Test>::AlreadyCommitted
		);
		run_to_round(1);
		let seats = Staking::seats_of_round(1, &GATEWAYS, 16, None);
		assert!(seats.iter().all(|(who, _)| *who != 2));
	});
}

#[test]
fn history_is_pruned_with_bounded_work() {
	ExtBuilder::default().provider(1, 100, 50, None).build_and_execute(|| {
		for who in 2..=9 {
			bond(who, 1_000, 50);
		}
		for r in 1..=10 {
			for who in 1..=9 {
				if !ProviderSlots::<Test>::contains_key(r, who) {
					commit(who);
				}
			}
			assert_ok!(<Staking as Slashing<_, _>>::slash(&9, 1, offence_now(SlashReason::TicketFraud), &[]));
			// No pruning weight: nothing is removed.
			run_to_block_with_idle(r as u64 * ROUND, Weight::zero());
		}
		assert_eq!(OldestRound::<Test>::get(), 0);
		assert!(Staking::round_seed(0).is_some());
		// Small budgets make progress over several blocks.
		let limit = <() as crate::WeightInfo>::prune_keys(4);
		// Too little weight for one key: nothing happens.
		let tiny = <() as crate::WeightInfo>::prune_keys(0);
		assert_eq!(Staking::on_idle(100, tiny), Weight::zero());
		let mut blocks = 0;
		while OldestRound::<Test>::get() < Staking::first_retained_round(10) {
			let b = System::block_number() + 1;
			System::set_block_number(b);
			let used = Staking::on_idle(b, limit);
			assert!(used.all_lte(limit));
			assert!(used.any_gt(Weight::zero()));
			blocks += 1;
			assert!(blocks < 200);
		}
		assert!(blocks > 3);
		// Rounds 0..=2 are gone, 3..=10 (and pending 11) remain.
		for r in 0..=2 {
			assert_eq!(Staking::round_seed(r), None);
			assert_eq!(Snapshots::<Test>::get(r), None);
			assert_eq!(SnapshotMembers::<Test>::iter_prefix(r).count(), 0);
			assert_eq!(SnapshotTree::<Test>::iter_prefix(r).count(), 0);
			assert_eq!(ProviderSlots::<Test>::iter_prefix(r).count(), 0);
		}
		for r in 3..=10 {
			assert!(Staking::round_seed(r).is_some());
			assert_eq!(Staking::snapshot_len(r), 9);
		}
	});
}

#[test]
fn unbond_rules() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Staking::unbond(RuntimeOrigin::signed(1), 10), Error::<Test>::NotBonded);
		bond(1, 500, 3);
		assert_noop!(Staking::unbond(RuntimeOrigin::signed(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(Staking::unbond(RuntimeOrigin::signed(1), 10), Error::<Test>::StillLocked);
		run_to_round(3);
		assert_noop!(Staking::unbond(RuntimeOrigin::signed(1), 10), Error::<Test>::StillLocked);
		run_to_round(4);
		assert_noop!(
			Staking::unbond(RuntimeOrigin::signed(1), 501),
			Error::<Test>::InsufficientActiveStake
		);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		// Same unlock round: merged.
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		assert_eq!(ledger(1).unlocking.len(), 1);
		run_to_round(5);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		run_to_round(6);
		assert_noop!(
			Staking::unbond(RuntimeOrigin::signed(1), 100),
			Error::<Test>::TooManyUnlockingChunks
		);
		let l = ledger(1);
		assert_eq!(l.active, 200);
		assert_eq!(
			l.unlocking.to_vec(),
			vec![
				UnlockChunk { value: 200, unlock_round: 7 },
				UnlockChunk { value: 100, unlock_round: 8 }
			]
		);
		assert_eq!(held(1), 500);
	});
}

#[test]
fn withdraw_releases_unlocked_chunks_and_removes_empty_ledgers() {
	ExtBuilder::default().build_and_execute(|| {
		let before = issuance();
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::NotBonded
		);
		bond(1, 300, 3);
		let key = operator(4);
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 1)));
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::NothingToWithdraw
		);
		run_to_round(4);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		run_to_round(6);
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::NothingToWithdraw
		);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 200));
		run_to_round(7);
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(held(1), 200);
		assert_eq!(Balances::free_balance(1), INITIAL - 200);
		run_to_round(9);
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(held(1), 0);
		assert_eq!(Ledgers::<Test>::get(1), None);
		assert_eq!(Staking::provider_of_operator(&key.public()), None);
		assert_eq!(OperatorKeys::<Test>::get(1), None);
		assert!(staking_events().contains(&Event::ProviderRemoved { provider: 1 }));
		assert_eq!(Balances::free_balance(1), INITIAL);
		assert_eq!(issuance(), before);
	});
}

#[test]
fn withdraw_requires_claimed_rewards() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 3);
		commit(1);
		run_to_round(4);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 100));
		run_to_round(7);
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(1)),
			Error::<Test>::RewardsPending
		);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(5), 1));
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(Balances::free_balance(1), INITIAL + 1_000);
	});
}

#[test]
fn rewards_are_pro_rata_and_settle_after_the_report_window() {
	ExtBuilder::default().build_and_execute(|| {
		let before = issuance();
		assert_noop!(Staking::claim_rewards(RuntimeOrigin::signed(9), 1), Error::<Test>::NotBonded);
		provider(1, 100);
		provider(2, 300);
		provider(3, 200);
		run_to_round(1);
		// Round 1 is settled from round 1 + MaxReportAge + 1 = 4 on.
		run_to_round(3);
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
		run_to_round(4);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 1));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 2));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 3));
		// 1000 * 100/600 = 166.67, 1000 * 300/600 = 500, 1000 * 200/600 = 333.33.
		assert_eq!(Balances::free_balance(1), INITIAL - 100 + 166);
		assert_eq!(Balances::free_balance(2), INITIAL - 300 + 500);
		assert_eq!(Balances::free_balance(3), INITIAL - 200 + 333);
		assert_eq!(issuance(), before + 999);
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: 1,
			to: 1,
			amount: 166
		}));
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn unavailable_providers_get_nothing_for_that_round() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 100);
		provider(2, 100);
		run_to_round(1);
		commit(1);
		commit(2);
		Unavailable::set(vec![(1, 1)]);
		run_to_round(5);
		let before = issuance();
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(2), 2));
		// Provider 1: round 1 skipped, round 2 paid. Provider 2: both paid.
		assert_eq!(Balances::free_balance(1), INITIAL - 100 + 500);
		assert_eq!(Balances::free_balance(2), INITIAL - 100 + 1_000);
		assert_eq!(issuance(), before + 1_500);
	});
}

#[test]
fn claims_are_bounded_and_old_rounds_forfeited() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 30);
		for r in 0..12 {
			commit(1);
			run_to_round(r + 1);
		}
		// Round 12: settled up to 9; history keeps rounds 5..=12, so rounds
		// 1..=4 are forfeited. At most MaxClaimRounds (3) rounds per call.
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: 5,
			to: 7,
			amount: 3_000
		}));
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: 8,
			to: 9,
			amount: 2_000
		}));
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(1), 1),
			Error::<Test>::NothingToClaim
		);
		commit(1);
		run_to_round(16);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(ledger(1).reward_cursor, 13);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(ledger(1).reward_cursor, 14);
	});
}

#[test]
fn rewards_at_bounds() {
	ExtBuilder::default().build_and_execute(|| {
		// Zero stake in the snapshot (chilled after committing): no reward.
		provider(1, 100);
		assert_ok!(Staking::chill(RuntimeOrigin::signed(1)));
		// Zero reward per round.
		run_to_round(4);
		let before = issuance();
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(issuance(), before);
		assert_eq!(Staking::reward_of(&1, 1), 0);
		// No snapshot at all: nothing.
		assert_eq!(Staking::reward_of(&1, 2), 0);
		RewardPerRound::set(0);
		commit(1);
		run_to_round(8);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_eq!(issuance(), before);
	});
}

#[test]
fn rewards_with_many_providers_never_exceed_the_round_reward() {
	ExtBuilder::default().build_and_execute(|| {
		MaxProviders::set(7);
		RewardPerRound::set(u64::MAX / 2);
		for who in 1..=7 {
			provider(who, 100 + who * 13);
		}
		bond(8, 100, 10);
		assert_noop!(
			Staking::commit_to_next_round(RuntimeOrigin::signed(8)),
			Error::<Test>::RoundFull
		);
		run_to_round(4);
		let before = issuance();
		for who in 1..=7 {
			assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(who), who));
		}
		let minted = issuance() - before;
		assert!(minted <= u64::MAX / 2);
		assert!(minted > u64::MAX / 2 - 7);
	});
}

#[test]
fn slash_takes_active_then_unlocking_and_pays_reporters() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 1_000, 3);
		run_to_round(4);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 300));
		run_to_round(5);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(1), 200));
		let before = issuance();
		let r = <Staking as Slashing<_, _>>::slash(&1, 600, offence_now(SlashReason::Unavailability), &[20, 21]);
		assert_eq!(r, Ok(600));
		let l = ledger(1);
		assert_eq!(l.active, 0);
		// 100 taken from the chunk unlocking last.
		assert_eq!(
			l.unlocking.to_vec(),
			vec![
				UnlockChunk { value: 300, unlock_round: 7 },
				UnlockChunk { value: 100, unlock_round: 8 }
			]
		);
		assert_eq!(held(1), 400);
		// 10% to two reporters: 30 each; 540 burned.
		assert_eq!(Balances::free_balance(20), INITIAL + 30);
		assert_eq!(Balances::free_balance(21), INITIAL + 30);
		assert_eq!(issuance(), before - 540);
		assert!(staking_events().contains(&Event::Slashed {
			provider: 1,
			offence: Offence { reason: SlashReason::Unavailability, round: 5, subject: 0 },
			amount: 600,
			reporters_paid: 60
		}));
		// Once per offence, whenever the second proof lands.
		let unavailable_in_5 = offence_now(SlashReason::Unavailability);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 1, unavailable_in_5, &[]),
			Error::<Test>::AlreadySlashed
		);
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&1,
			1,
			offence_now(SlashReason::TicketFraud),
			&[]
		));
		run_to_round(6);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 1, unavailable_in_5, &[]),
			Error::<Test>::AlreadySlashed
		);
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&1,
			1,
			offence_now(SlashReason::Unavailability),
			&[]
		));
		assert_eq!(held(1), 398);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&9, 1, offence_now(SlashReason::Unavailability), &[]),
			Error::<Test>::NotBonded
		);
	});
}

#[test]
fn slash_larger_than_stake_and_of_zero_stake() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 500);
		let before = issuance();
		// Reporters beyond MaxReporters (3) are ignored.
		let r = <Staking as Slashing<_, _>>::slash(
			&1,
			u64::MAX,
			offence_now(SlashReason::ClaimFraud),
			&[20, 21, 22, 23],
		);
		assert_eq!(r, Ok(500));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(23), INITIAL);
		assert_eq!(Balances::free_balance(20), INITIAL + 16);
		assert_eq!(issuance(), before - 500 + 48);
		// Fallen below MinStake: chilled and out of the pending snapshot.
		assert!(ledger(1).chilled);
		assert!(!Staking::is_active(&1, 1));
		assert_eq!(Staking::snapshot_total(1), 0);
		// Nothing left to slash.
		assert_eq!(
			<Staking as Slashing<_, _>>::slash(&1, 10, offence_now(SlashReason::TicketFraud), &[20]),
			Ok(0)
		);
		// An empty ledger can be removed.
		run_to_round(4);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(1), 1));
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(1)));
		assert_eq!(Ledgers::<Test>::get(1), None);
	});
}

#[test]
fn slash_lowers_the_pending_weight_but_not_the_frozen_round() {
	ExtBuilder::default().build_and_execute(|| {
		provider(1, 500);
		run_to_round(1);
		commit(1);
		assert_ok!(<Staking as Slashing<_, _>>::slash(&1, 100, offence_now(SlashReason::TicketFraud), &[]));
		assert_eq!(Staking::stake_in_round(&1, 1), 500);
		assert_eq!(Staking::stake_in_round(&1, 2), 400);
		assert_eq!(Staking::snapshot_total(2), 400);
		assert!(!ledger(1).chilled);
	});
}

#[test]
fn sampling_matches_the_client_algorithm() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Staking::sample(1, &GATEWAYS, 3).is_empty());
		for who in 1..=12 {
			provider(who, 100 * who);
		}
		assert_ok!(Staking::chill(RuntimeOrigin::signed(5)));
		// No seed yet for round 1.
		assert!(Staking::sample(1, &GATEWAYS, 3).is_empty());
		run_to_round(1);
		let seed = Staking::round_seed(1).unwrap();
		let members: Vec<(AccountId, u128)> = (1..=Staking::snapshot_len(1))
			.map(|slot| {
				let (who, w) = SnapshotMembers::<Test>::get(1, slot).unwrap();
				(who, w as u128)
			})
			.collect();
		let weights: Vec<u128> = members.iter().map(|(_, w)| *w).collect();
		for domain in [GATEWAYS, COMMITTEE] {
			for n in [0, 1, 4, 11, 20] {
				let got = Staking::sample(1, &domain, n);
				let expected: Vec<AccountId> = sampling::sample_linear(&weights, &seed, &domain, n)
					.into_iter()
					.map(|slot| members[slot as usize - 1].0)
					.collect();
				assert_eq!(got, expected);
				assert_eq!(got.len(), (n as usize).min(11));
				assert!(!got.contains(&5));
			}
		}
		assert_ne!(Staking::sample(1, &GATEWAYS, 4), Staking::sample(1, &COMMITTEE, 4));
		// Seats with replacement, without an excluded provider, grouped.
		for excluded in [None, Some(3u64), Some(5)] {
			let slot = excluded.and_then(|who| ProviderSlots::<Test>::get(1, who));
			let got = Staking::seats_of_round(1, &GATEWAYS, 40, excluded.as_ref());
			let expected: Vec<(AccountId, u32)> = sampling::group_seats(
				&sampling::draw_seats_linear(&weights, &seed, &GATEWAYS, 40, slot),
			)
			.into_iter()
			.map(|(slot, n)| (members[slot as usize - 1].0, n))
			.collect();
			assert_eq!(got, expected);
			assert_eq!(got.iter().map(|(_, n)| n).sum::<u32>(), 40);
			assert!(got.iter().all(|(who, _)| Some(*who) != excluded && *who != 5));
		}
		// No seed, no seats.
		assert!(Staking::seats_of_round(7, &GATEWAYS, 4, None).is_empty());
	});
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		Staking::integrity_test();
	});
}

#[test]
fn money_is_conserved_over_a_lifecycle() {
	ExtBuilder::default().provider(10, 1_000, 4, None).build_and_execute(|| {
		let start = issuance();
		provider(1, 1_000);
		run_to_round(1);
		commit(1);
		commit(10);
		let slashed =
			<Staking as Slashing<_, _>>::slash(&10, 200, offence_now(SlashReason::Unavailability), &[2])
				.unwrap();
		run_to_round(6);
		let mut minted = 0;
		for who in [1, 10] {
			let b = Balances::total_balance(&who);
			assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(who), who));
			minted += Balances::total_balance(&who) - b;
		}
		let paid = slashed / 10;
		assert_eq!(issuance(), start + minted - (slashed - paid));
		let total: Balance = (1..=30).map(|a| Balances::total_balance(&a)).sum();
		assert_eq!(total, issuance());
	});
}

#[test]
fn claimable_rewards_previews_exactly_what_claim_rewards_pays() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 30);
		provider(2, 300);
		for r in 0..6 {
			commit(1);
			if r > 0 {
				commit(2);
			}
			run_to_round(r + 1);
		}
		Unavailable::set(vec![(1, 2)]);
		// Round 6: rounds 1..=3 are settled; at most MaxClaimRounds (3).
		let current = Staking::current_round();
		let preview = Staking::claimable_rewards(&1, &ledger(1), current).unwrap();
		// Rounds 1 and 3 at 1000 * 100/400; round 2 was proven unavailable.
		assert_eq!(preview, RewardClaim { from: 1, to: 3, amount: 500 });
		let free = Balances::free_balance(1);
		assert_ok!(Staking::claim_rewards(RuntimeOrigin::signed(9), 1));
		assert_eq!(Balances::free_balance(1), free + preview.amount);
		assert!(staking_events().contains(&Event::RewardsClaimed {
			provider: 1,
			from: preview.from,
			to: preview.to,
			amount: preview.amount
		}));
		// Nothing settled is left: the preview refuses as the call does.
		assert!(matches!(
			Staking::claimable_rewards(&1, &ledger(1), current),
			Err(Error::<Test>::NothingToClaim)
		));
		assert_noop!(
			Staking::claim_rewards(RuntimeOrigin::signed(9), 1),
			Error::<Test>::NothingToClaim
		);
		Unavailable::set(vec![]);
	});
}

#[test]
fn committed_rounds_lists_the_history_and_the_open_snapshot() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 100, 30);
		for r in 0..10 {
			// Skips round 4; chills after committing to round 7.
			if r != 3 {
				commit(1);
			}
			if r == 6 {
				assert_ok!(Staking::chill(RuntimeOrigin::signed(1)));
			}
			run_to_round(r + 1);
		}
		commit(1);
		// Round 10, history 3..=10 (RoundHistory 8) and the open round 11.
		let rounds = Staking::committed_rounds(&1, Staking::current_round());
		let expected: Vec<(RoundIndex, Balance)> =
			vec![(3, 100), (5, 100), (6, 100), (7, 0), (8, 100), (9, 100), (10, 100), (11, 100)];
		assert_eq!(rounds, expected);
		assert!(Staking::committed_rounds(&2, Staking::current_round()).is_empty());
	});
}

/// Several offences proven in one round each slash once; the same offence
/// never twice, and offences older than `MaxOffenceAge` or not yet
/// happened are refused. Records are pruned once too old to matter.
#[test]
fn one_slash_per_offence() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 1_000, 30);
		run_to_round(20);
		let claim = |round, subject| Offence { reason: SlashReason::ClaimFraud, round, subject };
		// Three offences proven in round 20: claims of two policies in round
		// 18 and one in round 19, and unavailability in 19.
		for offence in [claim(18, 1), claim(18, 2), claim(19, 1), Offence::unavailability(19)] {
			assert_ok!(<Staking as Slashing<_, _>>::slash(&1, 10, offence, &[]));
			assert_noop!(
				<Staking as Slashing<_, _>>::slash(&1, 10, offence, &[]),
				Error::<Test>::AlreadySlashed
			);
		}
		assert_eq!(held(1), 960);
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 10, claim(21, 1), &[]),
			Error::<Test>::OffenceInFuture
		);
		// MaxOffenceAge is 16 in the mock.
		assert_noop!(
			<Staking as Slashing<_, _>>::slash(&1, 10, claim(3, 1), &[]),
			Error::<Test>::OffenceTooOld
		);
		assert_ok!(<Staking as Slashing<_, _>>::slash(&1, 10, claim(4, 1), &[]));
		// The records of round 18 go once it is too old, in `on_idle`.
		run_to_round(18 + 16 + 1);
		Staking::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(SlashedOffences::<Test>::iter_prefix((18,)).count(), 0);
		assert_eq!(SlashedOffences::<Test>::iter_prefix((19,)).count(), 2);
		assert_eq!(OldestOffenceRound::<Test>::get(), 19);
	});
}

/// The offender gets no reporter share, from its stash or its operator
/// account; the other reporters share as usual.
#[test]
fn offender_is_never_its_own_reporter() {
	ExtBuilder::default().build_and_execute(|| {
		bond(1, 1_000, 30);
		let key = operator(7);
		assert_ok!(Staking::set_operator(RuntimeOrigin::signed(1), key.public(), pop(&key, 1)));
		let operator_account = KeyToAccount::convert(key.public());
		let before = (Balances::free_balance(1), Balances::free_balance(operator_account));
		let r = <Staking as Slashing<_, _>>::slash(
			&1,
			300,
			offence_now(SlashReason::Unavailability),
			&[1, operator_account, 20],
		);
		assert_eq!(r, Ok(300));
		assert_eq!(
			(Balances::free_balance(1), Balances::free_balance(operator_account)),
			before
		);
		assert_eq!(Balances::free_balance(20), INITIAL + 30);
	});
}
