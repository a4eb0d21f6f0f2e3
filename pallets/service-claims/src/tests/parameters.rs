//! The parameters: genesis, Root, their rules, and pending commitments keeping theirs.

use super::*;

/// Committee of three with threshold two, two challenges, a one-round
/// deadline and a slash of 7: all below the mock's `Config` defaults.
const SMALL: Parameters<Balance> = Parameters {
	committee_size: 3,
	committee_threshold: 2,
	challenge_count: 2,
	open_deadline: 1,
	claim_slash: 7,
};

#[test]
fn genesis_parameters_are_used() {
	ExtBuilder::with_parameters(SMALL).build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), SMALL);
		let s = setup();
		let committee = committee_of(s.claimant);
		assert_eq!(committee.iter().map(|(_, n)| n).sum::<u32>(), 3);
		// The draws are prefix-stable: the default four seats start with
		// the same three.
		let four = Staking::seats_of_round(
			ROUND_R,
			&market_primitives::sampling::COMMITTEE,
			4,
			Some(&s.claimant),
		);
		assert!(committee.iter().all(|(m, n)| four.iter().any(|(f, k)| f == m && k >= n)));
		let msg = payload(s.policy, s.claimant, ROUND_R, 5);
		let mut outside = sign_by(s.claimant, &all_members(s.claimant), &msg).into_inner();
		outside.push((committee.len() as u32, operator(99).sign(&msg)));
		assert_noop!(
			submit(&s, s.claimant, 5, BoundedVec::truncate_from(outside)),
			Error::<Test>::NotACommitteeMember
		);
		// Two seats suffice (the defaults would need three).
		assert_ok!(submit(
			&s,
			s.claimant,
			5,
			sign_by(s.claimant, &members_holding(s.claimant, 2), &msg)
		));

		// A commitment gets two challenges and a one-round window, and its
		// forfeiture costs 7 plus the claimed fees.
		let leaves = receipts(s.policy, s.other, ROUND_R, 10);
		assert_ok!(commit(&s, s.other, &leaves));
		let c = Commitments::<Test>::get((s.policy, s.other, ROUND_R)).unwrap();
		assert_eq!((c.committed_at, c.open_until, c.challenge_count), (4, 5, 2));
		advance_to_round(5);
		assert_eq!(challenges(&s, s.other).len(), 2);
		advance_to_round(6);
		let stake = held_stake(s.other);
		events();
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.other, ROUND_R));
		let slash = 7 + 10 * PRICE;
		assert_eq!(held_stake(s.other), stake - slash);
		assert_eq!(
			events(),
			vec![Event::ClaimForfeited {
				policy: s.policy,
				provider: s.other,
				round: ROUND_R,
				reason: ForfeitReason::NotOpened,
				slashed: slash,
			}]
		);
	});
}

#[test]
#[should_panic(expected = "invalid service-claims genesis parameters: ThresholdNotMajority")]
fn genesis_refuses_invalid_parameters() {
	let _ = ExtBuilder::with_parameters(Parameters { committee_threshold: 1, ..SMALL }).build();
}

#[test]
fn root_sets_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), default_parameters());
		assert_noop!(
			Claims::set_parameters(RuntimeOrigin::signed(ALICE), SMALL),
			sp_runtime::DispatchError::BadOrigin
		);
		events();
		assert_ok!(Claims::set_parameters(RuntimeOrigin::root(), SMALL));
		assert_eq!(Params::<Test>::get(), SMALL);
		assert_eq!(events(), vec![Event::ParametersSet { parameters: SMALL }]);
		advance_to_round(ROUND_R);
		assert_eq!(Claims::committee(ROUND_R, &1).iter().map(|(_, n)| n).sum::<u32>(), 3);
	});
}

#[test]
fn invalid_parameters_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let d = default_parameters();
		let set = |p: Parameters<Balance>| Claims::set_parameters(RuntimeOrigin::root(), p);
		let refused = [
			(
				Parameters { committee_size: COMMITTEE_SIZE + 1, ..d },
				Error::<Test>::CommitteeAboveBound,
			),
			(Parameters { committee_threshold: 2, ..d }, Error::<Test>::ThresholdNotMajority),
			(Parameters { committee_threshold: 0, ..d }, Error::<Test>::ThresholdNotMajority),
			(
				Parameters { committee_size: 0, committee_threshold: 0, ..d },
				Error::<Test>::ThresholdNotMajority,
			),
			(
				Parameters { committee_size: 2, committee_threshold: 1, ..d },
				Error::<Test>::ThresholdNotMajority,
			),
			(
				Parameters { committee_size: 3, committee_threshold: 4, ..d },
				Error::<Test>::ThresholdAboveCommittee,
			),
			(Parameters { challenge_count: 0, ..d }, Error::<Test>::ZeroChallengeCount),
			(
				Parameters { challenge_count: CHALLENGES + 1, ..d },
				Error::<Test>::ChallengeCountAboveBound,
			),
			(Parameters { open_deadline: 0, ..d }, Error::<Test>::ZeroOpenDeadline),
			// 2 + 1 + 5 reaches the history of 8.
			(Parameters { open_deadline: 5, ..d }, Error::<Test>::OpenDeadlineBeyondHistory),
		];
		for (parameters, error) in refused {
			assert_noop!(set(parameters), error);
		}
		// The edges that pass.
		for parameters in [
			Parameters { committee_size: 1, committee_threshold: 1, ..d },
			Parameters { committee_size: 2, committee_threshold: 2, ..d },
			Parameters { challenge_count: 1, open_deadline: 4, claim_slash: 0, ..d },
			d,
		] {
			assert_ok!(set(parameters));
			assert_eq!(Params::<Test>::get(), parameters);
		}
	});
}

#[test]
fn pending_commitments_keep_their_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		let s = setup();
		// Committed under the defaults: four challenges, open until round 6.
		let leaves = receipts(s.policy, s.claimant, ROUND_R, 10);
		assert_ok!(commit(&s, s.claimant, &leaves));
		assert_ok!(Claims::set_parameters(
			RuntimeOrigin::root(),
			Parameters { challenge_count: 1, open_deadline: 1, ..default_parameters() }
		));
		// Committed now: one challenge, open until round 5.
		let other_leaves = receipts(s.policy, s.other, ROUND_R, 6);
		assert_ok!(commit(&s, s.other, &other_leaves));
		let c = Commitments::<Test>::get((s.policy, s.other, ROUND_R)).unwrap();
		assert_eq!((c.open_until, c.challenge_count), (5, 1));
		advance_to_round(5);
		assert_ok!(open(&s, s.other, openings(&other_leaves, &challenges(&s, s.other))));
		assert!(matches!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.other)),
			Some(ClaimOutcome::Paid { served: 6, .. })
		));
		let indices = challenges(&s, s.claimant);
		assert_eq!(indices.len() as u32, CHALLENGES);
		assert_noop!(
			open(&s, s.claimant, openings(&leaves, &indices[..1])),
			Error::<Test>::WrongOpeningCount
		);
		// Round 6 is past the new one-round deadline but not the claimant's.
		advance_to_round(6);
		assert_ok!(open(&s, s.claimant, openings(&leaves, &indices)));
		assert!(matches!(
			ClaimsStorage::<Test>::get((ROUND_R, s.policy, s.claimant)),
			Some(ClaimOutcome::Paid { served: 10, .. })
		));

		// Committed with a one-round deadline (until 7); Root lengthens it
		// and raises the slash: the commitment still expires after round 7,
		// slashed by the new amount.
		assert_ok!(commit(&s, s.member, &receipts(s.policy, s.member, ROUND_R, 4)));
		assert_ok!(Claims::set_parameters(
			RuntimeOrigin::root(),
			Parameters { open_deadline: 4, claim_slash: 50, ..default_parameters() }
		));
		advance_to_round(8);
		let stake = held_stake(s.member);
		assert_ok!(Claims::expire_claim(RuntimeOrigin::signed(BOB), s.policy, s.member, ROUND_R));
		assert_eq!(held_stake(s.member), stake - (50 + 4 * PRICE));
	});
}

#[test]
fn genesis_parameters_in_json_are_camel_case_and_strict() {
	use frame_support::__private::serde_json::{self, json};
	let parameters = json!({
		"committeeSize": 3,
		"committeeThreshold": 2,
		"challengeCount": 2,
		"openDeadline": 1,
		"claimSlash": 7,
	});
	let config: crate::GenesisConfig<Test> =
		serde_json::from_value(json!({ "parameters": parameters })).unwrap();
	assert_eq!(config.parameters, SMALL);
	assert_eq!(serde_json::to_value(&config).unwrap(), json!({ "parameters": parameters }));
	// A misspelt or missing field is an error, not a default.
	let mut misspelt = parameters.clone();
	misspelt["comitteeSize"] = json!(3);
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(
		json!({ "parameters": misspelt })
	)
	.is_err());
	let mut missing = parameters;
	missing.as_object_mut().unwrap().remove("claimSlash");
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(json!({ "parameters": missing }))
		.is_err());
}
