//! Commits, snapshots, rounds and seeds, entropy, displacement and the draws over a snapshot.

use super::*;

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
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&2,
			1,
			offence_now(SlashReason::TicketFraud),
			&[]
		));
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
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&3,
			50,
			offence_now(SlashReason::TicketFraud),
			&[]
		));
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

/// The benchmarks' bulk snapshot fill stores exactly what one
/// `insert_member` per member stores: same tree nodes, members, slots and
/// totals, appended after the members already there.
#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_fill_snapshot_matches_member_by_member_inserts() {
	use alloc::collections::BTreeMap;
	type Layout = (
		Option<SnapshotInfo<Balance>>,
		BTreeMap<u32, Balance>,
		BTreeMap<u32, (AccountId, Balance)>,
		BTreeMap<AccountId, u32>,
	);
	let round = 2;
	let layout = || -> Layout {
		(
			Snapshots::<Test>::get(round),
			SnapshotTree::<Test>::iter_prefix(round).collect(),
			SnapshotMembers::<Test>::iter_prefix(round).collect(),
			ProviderSlots::<Test>::iter_prefix(round).collect(),
		)
	};
	let max: u32 = <Test as crate::Config>::MaxProvidersPerRound::get();
	let fillers =
		|n: u32| (0..n).map(|i| frame_benchmarking::account::<AccountId>("snapshot member", i, 0));
	let (bulk, one_by_one) = (
		ExtBuilder::default().build().execute_with(|| {
			Staking::insert_member(round, &1, 150).unwrap();
			Staking::insert_member(round, &2, 70).unwrap();
			// More than fits: the fill stops at the snapshot's limit.
			Staking::benchmark_fill_snapshot(round, max + 5, 3).unwrap();
			layout()
		}),
		ExtBuilder::default().build().execute_with(|| {
			Staking::insert_member(round, &1, 150).unwrap();
			Staking::insert_member(round, &2, 70).unwrap();
			for who in fillers(max - 2) {
				Staking::insert_member(round, &who, 3).unwrap();
			}
			layout()
		}),
	);
	assert_eq!(bulk, one_by_one);
	let info = bulk.0.expect("snapshot written");
	assert_eq!((info.len, info.total), (max, 150 + 70 + 3 * Balance::from(max - 2)));
}
