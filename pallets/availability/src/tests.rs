//! Unit tests; every test ends with the pallet's `do_try_state` check.

use crate::{mock::*, pallet::*, Error, Event, ProviderRegistry, RoundIndex};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::Pays,
	traits::{fungible::Inspect, Hooks},
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use market_primitives::{
	availability::gateway_seats,
	sampling::{self, MemoryTree},
	staking::{Offence, Slashing, UnavailabilityOracle},
};
use sp_core::{sr25519, Pair};
use sp_runtime::DispatchError;

type Signatures = GatewaySignatures<Test>;

/// Signatures of the gateways at `indices` of the accused's gateway list.
fn signatures(
	statement: &crate::UnavailabilityStatement<AccountId>,
	indices: &[u32],
) -> Signatures {
	let gateways = Availability::gateways(statement.round, &statement.provider);
	let list: Vec<(u32, sr25519::Signature)> =
		indices.iter().map(|i| (*i, sign(gateways[*i as usize].0, statement))).collect();
	BoundedVec::try_from(list).unwrap()
}

/// Signatures of the first gateways holding at least the threshold.
fn quorum(statement: &crate::UnavailabilityStatement<AccountId>) -> Signatures {
	let (list, held) = signatures_for(statement, THRESHOLD);
	assert!(held >= THRESHOLD, "the gateways hold {held} seats");
	BoundedVec::try_from(list).unwrap()
}

fn report(
	statement: crate::UnavailabilityStatement<AccountId>,
	sigs: Signatures,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Availability::report_unavailable(RuntimeOrigin::signed(SUBMITTER), statement, sigs)
}

fn held(who: AccountId) -> Balance {
	pallet_provider_staking::Ledgers::<Test>::get(who).map(|l| l.total()).unwrap_or_default()
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// Expected first-offence slash in the mock: the inflation share of one of
/// eight equal stakes plus the fee estimate.
const FIRST_SLASH: Balance = 1_000 / 8 + 50;

#[test]
fn gateways_are_recomputable_and_never_include_the_accused() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		for round in [0, 1] {
			let weights: Vec<u128> = (1..=Staking::snapshot_len(round))
				.map(|slot| {
					pallet_provider_staking::SnapshotMembers::<Test>::get(round, slot).unwrap().1
						as u128
				})
				.collect();
			let members: Vec<AccountId> = (1..=Staking::snapshot_len(round))
				.map(|slot| {
					pallet_provider_staking::SnapshotMembers::<Test>::get(round, slot).unwrap().0
				})
				.collect();
			let seed = Staking::round_seed(round).unwrap();
			for accused in 1..=PROVIDERS {
				let gateways = Availability::gateways(round, &accused);
				assert!(gateways.iter().all(|(g, _)| *g != accused), "{accused} judges itself");
				assert_eq!(gateways.iter().map(|(_, seats)| seats).sum::<u32>(), SEATS);
				// A client recomputes it from the seed and the snapshot's slots.
				let slot = pallet_provider_staking::ProviderSlots::<Test>::get(round, accused);
				let seats =
					gateway_seats(&MemoryTree::from_weights(&weights), &seed, SEATS, slot.unwrap());
				let linear =
					sampling::draw_seats_linear(&weights, &seed, &crate::GATEWAYS, SEATS, slot);
				assert_eq!(seats, sampling::group_seats(&linear));
				let recomputed: Vec<(AccountId, u32)> =
					seats.iter().map(|(s, n)| (members[*s as usize - 1], *n)).collect();
				assert_eq!(recomputed, gateways);
			}
		}
		// No seed, no gateways.
		assert!(Availability::gateways(5, &1).is_empty());
	});
}

#[test]
fn report_slashes_marks_and_refunds() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let accused = 3;
		let gateways = Availability::gateways(1, &accused);
		let st = statement(accused, 1);
		let sigs = quorum(&st);
		let signers: Vec<AccountId> = sigs.iter().map(|(i, _)| gateways[*i as usize].0).collect();
		let seats: u32 = sigs.iter().map(|(i, _)| gateways[*i as usize].1).sum();
		let before: Vec<Balance> = (1..=PROVIDERS).map(free).collect();
		let submitter_before = free(SUBMITTER);
		let issuance = Balances::total_issuance();
		events();
		let post = report(st.clone(), sigs.clone()).unwrap();
		assert_eq!(post.pays_fee, Pays::No);

		assert_eq!(held(accused), STAKE - FIRST_SLASH);
		assert_eq!(UnavailableMarks::<Test>::get(1, accused), Some(FIRST_SLASH));
		assert_eq!(MarkCount::<Test>::get(1), 1);
		assert!(Availability::is_unavailable(&accused, 1));
		assert!(!Availability::is_unavailable(&accused, 0));
		// Staking skips its inflation share for the round.
		assert_eq!(Staking::reward_of(&accused, 1), 0);
		assert!(Staking::reward_of(&accused, 0) > 0);
		// 10% of 175 = 17, split among the submitter and the signers.
		let each = (FIRST_SLASH / 10) / (signers.len() as Balance + 1);
		assert_eq!(free(SUBMITTER), submitter_before + each);
		for p in 1..=PROVIDERS {
			let paid = if signers.contains(&p) { each } else { 0 };
			assert_eq!(free(p), before[p as usize - 1] + paid, "provider {p}");
		}
		// What is not paid to reporters is burned: money adds up.
		let paid = each * (signers.len() as Balance + 1);
		assert_eq!(Balances::total_issuance(), issuance - (FIRST_SLASH - paid));
		assert_eq!(
			events(),
			vec![Event::ProviderUnavailable {
				provider: accused,
				round: 1,
				complaint_hash: st.complaint_hash,
				submitter: SUBMITTER,
				signers: signers.len() as u32,
				seats,
				prior_offences: 0,
				slashed: FIRST_SLASH,
			}]
		);
		// The previous round can still be reported, within MaxReportAge.
		let st0 = statement(5, 0);
		assert_ok!(report(st0.clone(), quorum(&st0)));
	});
}

#[test]
fn refusals() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let accused = 2;
		let gateways = Availability::gateways(1, &accused);
		let st = statement(accused, 1);
		let good = quorum(&st);
		assert!(good.len() >= 2);

		// Round not started.
		let future = statement(accused, 2);
		assert_noop!(report(future, good.clone()), Error::<Test>::RoundNotStarted);
		// Below the threshold: one signer fewer, or none.
		let mut short = good.clone();
		short.pop();
		assert_noop!(report(st.clone(), short), Error::<Test>::BelowThreshold);
		assert_noop!(report(st.clone(), BoundedVec::new()), Error::<Test>::BelowThreshold);
		// Duplicate and unsorted signers: a gateway's seats count once.
		let dup = BoundedVec::try_from(vec![good[0], good[0], good[1]]).unwrap();
		assert_noop!(report(st.clone(), dup), Error::<Test>::SignersNotSorted);
		let unsorted = BoundedVec::try_from(vec![good[1], good[0]]).unwrap();
		assert_noop!(report(st.clone(), unsorted), Error::<Test>::SignersNotSorted);
		// Index outside the gateway list.
		let mut outside = good.clone();
		let last = outside.len() - 1;
		outside[last].0 = gateways.len() as u32;
		assert_noop!(report(st.clone(), outside), Error::<Test>::NotAGateway);
		// A signature by someone else (the accused itself), or over another
		// statement.
		let mut forged = good.clone();
		forged[1].1 = sign(accused, &st);
		assert_noop!(report(st.clone(), forged), Error::<Test>::InvalidSignature);
		let other = crate::UnavailabilityStatement { complaint_hash: [99; 32], ..st.clone() };
		assert_noop!(report(other.clone(), good.clone()), Error::<Test>::InvalidSignature);
		// Not in the snapshot.
		let outsider = statement(SUBMITTER, 1);
		assert_noop!(report(outsider, good.clone()), Error::<Test>::NotInSnapshot);
		// A gateway without an operator key.
		let first = gateways[good[0].0 as usize].0;
		pallet_provider_staking::OperatorKeys::<Test>::remove(first);
		assert_noop!(report(st.clone(), good.clone()), Error::<Test>::NoOperatorKey);
		pallet_provider_staking::OperatorKeys::<Test>::insert(
			first,
			operator(first as u8).public(),
		);
		// Accepted once, then refused.
		assert_ok!(report(st.clone(), good.clone()));
		assert_noop!(report(st.clone(), good.clone()), Error::<Test>::AlreadyReported);
		// Too old: round 0 from round 3 on (MaxReportAge = 2).
		let st0 = statement(4, 0);
		let sigs0 = quorum(&st0);
		advance_to_round(3);
		assert_noop!(report(st0, sigs0), Error::<Test>::ReportTooOld);
	});
}

#[test]
fn no_gateways_without_a_seed_or_another_provider() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let st = statement(1, 1);
		let sigs = quorum(&st);
		pallet_provider_staking::RoundSeeds::<Test>::remove(1);
		assert_noop!(report(st, sigs), Error::<Test>::NoGateways);
		pallet_provider_staking::RoundSeeds::<Test>::insert(1, [1u8; 32]);
	});
	// A provider alone in its round has nobody to judge it.
	build_with_providers(1).execute_with(|| {
		run_to_round(1);
		assert!(Availability::gateways(1, &1).is_empty());
		assert_noop!(report(statement(1, 1), BoundedVec::new()), Error::<Test>::NoGateways);
	});
}

/// Issue 14, sequence 4: with no more providers than gateway seats, every
/// accused used to be a gateway of its own round, so nobody could be
/// proven unavailable. Seats are now drawn without the accused: in a market
/// of two to eight providers, each one can be proven unavailable by the
/// others.
#[test]
fn threat_small_market_accused_immune() {
	for providers in [2u64, 4, 8] {
		build_with_providers(providers).execute_with(|| {
			run_to_round(1);
			for accused in 1..=providers {
				let gateways = Availability::gateways(1, &accused);
				assert!(!gateways.is_empty());
				assert!(gateways.iter().all(|(g, _)| *g != accused));
				let st = statement(accused, 1);
				// Every other provider signs: all seats.
				let all: Vec<u32> = (0..gateways.len() as u32).collect();
				assert_ok!(report(st.clone(), signatures(&st, &all)));
				assert!(Availability::is_unavailable(&accused, 1));
			}
			Availability::do_try_state().unwrap();
		});
	}
}

#[test]
fn parameters_are_set_by_root_only_and_checked() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let set = |origin: RuntimeOrigin, seats, threshold| {
			Availability::set_parameters(origin, GatewayParameters { seats, threshold })
		};
		assert_noop!(set(RuntimeOrigin::signed(1), 4, 3), DispatchError::BadOrigin);
		assert_noop!(set(RuntimeOrigin::root(), 0, 0), Error::<Test>::ZeroSeats);
		assert_noop!(set(RuntimeOrigin::root(), SEATS + 1, SEATS), Error::<Test>::SeatsAboveBound);
		assert_noop!(set(RuntimeOrigin::root(), 4, 2), Error::<Test>::ThresholdNotMajority);
		assert_noop!(set(RuntimeOrigin::root(), 4, 5), Error::<Test>::ThresholdAboveSeats);
		events();
		assert_ok!(set(RuntimeOrigin::root(), 4, 3));
		let parameters = GatewayParameters { seats: 4, threshold: 3 };
		assert_eq!(Params::<Test>::get(), parameters);
		assert_eq!(events(), vec![Event::ParametersSet { parameters }]);
		// The new size applies at once, also to rounds already started.
		let gateways = Availability::gateways(1, &1);
		assert_eq!(gateways.iter().map(|(_, n)| n).sum::<u32>(), 4);
		let st = statement(1, 1);
		let (sigs, held) = signatures_for(&st, 3);
		assert!(held >= 3);
		assert_ok!(report(st, BoundedVec::try_from(sigs).unwrap()));
	});
}

#[test]
fn repeated_offences_escalate_within_the_cap() {
	ExtBuilder.build_and_execute(|| {
		let accused = 1;
		let mut stake = STAKE;
		let mut amounts = vec![];
		let mut reported: Vec<RoundIndex> = vec![];
		for round in 1..=6 {
			advance_to_round(round);
			if !Staking::is_active(&accused, round) {
				continue;
			}
			let prior = reported.iter().filter(|r| round - **r < 4).count() as u32;
			assert_eq!(Availability::prior_offences(&accused, round, round), prior);
			let st = statement(accused, round);
			assert_ok!(report(st.clone(), quorum(&st)));
			let snapshot_stake = Staking::stake_in_round(&accused, round);
			let total = Staking::snapshot_total(round);
			let expected = (1_000 * snapshot_stake / total + 50).max(100);
			let amount = (expected << prior).min(snapshot_stake / 2).min(stake);
			assert_eq!(UnavailableMarks::<Test>::get(round, accused), Some(amount));
			stake -= amount;
			assert_eq!(held(accused), stake);
			amounts.push((prior, amount));
			reported.push(round);
		}
		assert!(amounts.len() >= 3, "{amounts:?}");
		// Escalation happened, and a later slash hit the cap or doubled.
		assert!(amounts.iter().any(|(p, _)| *p > 0), "{amounts:?}");
	});
}

#[test]
fn slash_amount_formula() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		// 1000 * 1000 / 8000 + 50 = 175, doubled per prior offence, capped at 500.
		assert_eq!(Availability::slash_amount(&1, 1, STAKE, 0), 175);
		assert_eq!(Availability::slash_amount(&1, 1, STAKE, 1), 350);
		assert_eq!(Availability::slash_amount(&1, 1, STAKE, 2), 500);
		assert_eq!(Availability::slash_amount(&1, 1, STAKE, 200), 500);
		// The base dominates small expected earnings.
		RewardPerRound::set(0);
		ExpectedRoundFees::set(0);
		assert_eq!(Availability::slash_amount(&1, 1, STAKE, 0), 100);
		BaseSlash::set(0);
		assert_eq!(Availability::slash_amount(&1, 1, STAKE, 3), 0);
		BaseSlash::set(100);
		RewardPerRound::set(1_000);
		ExpectedRoundFees::set(50);
	});
}

/// Attack: an ally of a provider unavailable in rounds 0 and 1 submits both
/// proofs in one round, hoping the staking pallet refuses the second slash
/// (on main it allowed one slash per reason per landing round: 175 slashed
/// instead of 175 + 350, the second proof only marked). Now each offence is
/// slashed once, keyed by the round proven, and escalation counts offences
/// by their rounds: 525 whichever order the proofs come in.
#[test]
fn threat_second_proof_in_one_round_escapes_escalation() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let issuance = Balances::total_issuance();
		let mut totals = vec![];
		for (accused, order) in [(6, [0, 1]), (7, [1, 0])] {
			for round in order {
				let st = statement(accused, round);
				assert_ok!(report(st.clone(), quorum(&st)));
			}
			let marks: Balance = [0, 1]
				.iter()
				.map(|round| UnavailableMarks::<Test>::get(round, accused).unwrap())
				.sum();
			assert_eq!(STAKE - held(accused), marks);
			totals.push(marks);
		}
		assert_eq!(totals, vec![FIRST_SLASH + 2 * FIRST_SLASH; 2]);
		// Replaying either proof is refused and changes nothing.
		let st = statement(6, 0);
		assert_noop!(report(st.clone(), quorum(&st)), Error::<Test>::AlreadyReported);
		// Money: what was slashed left the stake; the reporters' share was
		// paid, the rest burned.
		let paid: Balance = System::events()
			.iter()
			.filter_map(|record| match &record.event {
				RuntimeEvent::Staking(pallet_provider_staking::Event::Slashed {
					reporters_paid,
					..
				}) => Some(*reporters_paid),
				_ => None,
			})
			.sum();
		assert!(paid > 0);
		assert_eq!(Balances::total_issuance(), issuance - (totals[0] + totals[1] - paid));
	});
}

/// The accused submitting the proof against itself gets no reporter share.
#[test]
fn the_accused_is_never_paid_for_reporting_itself() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let accused = 3;
		let st = statement(accused, 1);
		let before = free(accused);
		assert_ok!(Availability::report_unavailable(
			RuntimeOrigin::signed(accused),
			st.clone(),
			quorum(&st)
		));
		assert_eq!(free(accused), before, "no reporter share, and the fee is refunded");
		assert_eq!(held(accused), STAKE - FIRST_SLASH);
	});
}

#[test]
fn slashing_goes_through_the_staking_trait() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let accused = 7;
		// Already slashed for unavailability in round 1 by someone else.
		assert_ok!(<Staking as Slashing<_, _>>::slash(
			&accused,
			10,
			Offence::unavailability(1),
			&[]
		));
		let st = statement(accused, 1);
		assert_ok!(report(st.clone(), quorum(&st)));
		assert_eq!(held(accused), STAKE - 10);
		assert_eq!(UnavailableMarks::<Test>::get(1, accused), Some(0));
	});
}

#[test]
fn escrow_skips_the_unavailable_round() {
	use pallet_policy_escrow::{PriceModel, ProviderChoice};
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		let accused = 4;
		let other = (1..=PROVIDERS).find(|p| *p != accused).unwrap();
		let providers =
			ProviderChoice::Explicit(BoundedVec::try_from(vec![accused, other]).unwrap());
		let keys = BoundedVec::try_from(vec![sr25519::Public::from_raw([9; 32])]).unwrap();
		assert_ok!(Escrow::create_policy(
			RuntimeOrigin::signed(21),
			providers,
			1,
			1,
			PriceModel::PerRound { price: 30 },
			keys
		));
		let st = statement(accused, 1);
		assert_ok!(report(st.clone(), quorum(&st)));
		advance_to_round(1 + MAX_REPORT_AGE + 1);
		let (a, o) = (free(accused), free(other));
		let _ = Escrow::claim_fees(RuntimeOrigin::signed(accused), 0);
		assert_ok!(Escrow::claim_fees(RuntimeOrigin::signed(other), 0));
		assert_eq!(free(accused), a);
		assert_eq!(free(other), o + 30);
	});
}

#[test]
fn marks_are_pruned_after_the_history_with_bounded_work() {
	ExtBuilder.build_and_execute(|| {
		run_to_round(1);
		// Two marks in round 1.
		let accused: Vec<AccountId> = vec![2, 5];
		for a in &accused {
			let st = statement(*a, 1);
			assert_ok!(report(st.clone(), quorum(&st)));
		}
		assert_eq!(MarkCount::<Test>::get(1), 2);
		// Round 1 leaves the history at round 1 + HISTORY; no idle weight.
		while Staking::current_round() < 1 + HISTORY {
			commit_all();
			run_to_block_with_idle((Staking::current_round() as u64 + 1) * ROUND, Weight::zero());
		}
		assert_eq!(OldestMarkedRound::<Test>::get(), 0);
		assert_eq!(MarkCount::<Test>::get(1), 2);
		// Enough for the cursor and one key only.
		let db: frame_support::weights::RuntimeDbWeight =
			<<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<_>>::get();
		let budget = db.reads(2) + db.reads_writes(1, 2) * 2 + db.reads_writes(1, 1);
		let mut meter = WeightMeter::with_limit(budget);
		Availability::prune(&mut meter);
		assert_eq!(OldestMarkedRound::<Test>::get(), 1);
		assert_eq!(MarkCount::<Test>::get(1), 1);
		Availability::do_try_state().unwrap();
		// The rest with plenty of weight.
		Availability::on_idle(System::block_number(), Weight::MAX);
		assert_eq!(OldestMarkedRound::<Test>::get(), 2);
		assert_eq!(MarkCount::<Test>::iter().count(), 0);
		assert_eq!(UnavailableMarks::<Test>::iter().count(), 0);
		assert!(!Availability::is_unavailable(&accused[0], 1));
	});
}

#[test]
fn integrity() {
	ExtBuilder.build_and_execute(|| {
		<Availability as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn marks_of_lists_the_proofs_within_the_history() {
	ExtBuilder.build_and_execute(|| {
		advance_to_round(2);
		let accused = 3;
		assert!(Staking::is_active(&accused, 1) && Staking::is_active(&accused, 2));
		assert!(Availability::marks_of(&accused, 2).is_empty());
		let st1 = statement(accused, 1);
		assert_ok!(report(st1.clone(), quorum(&st1)));
		// A second offence proven in the same round is slashed too, escalated.
		let st2 = statement(accused, 2);
		assert_ok!(report(st2.clone(), quorum(&st2)));
		let first = UnavailableMarks::<Test>::get(1, accused).expect("marked");
		let second = UnavailableMarks::<Test>::get(2, accused).expect("marked");
		assert!(first > 0 && second > first);
		assert_eq!(Availability::marks_of(&accused, 2), vec![(1, first), (2, second)]);
		// Round 1 leaves the history at round 1 + HISTORY, even while its
		// mark is still stored (no idle weight to prune it).
		while Staking::current_round() < 1 + HISTORY {
			commit_all();
			run_to_block_with_idle((Staking::current_round() as u64 + 1) * ROUND, Weight::zero());
		}
		assert!(UnavailableMarks::<Test>::contains_key(1, accused));
		assert_eq!(Availability::marks_of(&accused, 1 + HISTORY), vec![(2, second)]);
	});
}
