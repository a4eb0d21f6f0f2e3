//! Bonding, locks, operator keys, unbonding and withdrawal.

use super::*;

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
