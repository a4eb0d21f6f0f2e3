//! The parameters: genesis, changes by Root, their checks and what unlocks keep.

use super::*;

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Tickets as Hooks<u64>>::integrity_test();
	});
}

/// Shorter parameters than the `Config` defaults (validity 20, unlock 30,
/// reporter share 10%).
const SHORT: Parameters<u64> = Parameters {
	max_ticket_validity: 5,
	unlock_period: 8,
	reporter_share: Perbill::from_percent(50),
};

/// A ticket like [`ticket`] that expires at `expiry`.
fn ticket_expiring(
	sender: u8,
	recipient: u8,
	face_value: Balance,
	index: u64,
	expiry: u64,
) -> TicketOf<Test> {
	TicketOf::<Test> { expiry, ..ticket(sender, recipient, face_value, index) }
}

fn set_parameters(parameters: Parameters<u64>) -> DispatchResult {
	Tickets::set_parameters(RuntimeOrigin::root(), parameters)
}

/// Reports two different tickets of `sender` with one index, by account 25.
fn report_double_signing(sender: u8) -> DispatchResult {
	// Evidence must be within the validity in force.
	let expiry = System::block_number() + Params::<Test>::get().max_ticket_validity;
	let a = ticket_expiring(sender, 1, 100, 77, expiry);
	let b = ticket_expiring(sender, 2, 100, 77, expiry);
	Tickets::report_double_signed(
		RuntimeOrigin::signed(acc(25)),
		a.clone(),
		sign(sender, &a),
		b.clone(),
		sign(sender, &b),
	)
}

#[test]
fn genesis_parameters_are_used() {
	ExtBuilder::with_parameters(SHORT).build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), SHORT);
		assert_eq!(ExpiryHorizon::<Test>::get(), 0);
		fund(ALICE, 1_000, 2_000);
		// A ticket valid under the defaults is too far ahead under 5 blocks,
		// alone and in a batch; one expiring 5 blocks ahead is paid.
		let far = ticket_expiring(ALICE, 1, 10, 1, 1 + 6);
		let near = ticket_expiring(ALICE, 1, 10, 2, 1 + 5);
		assert_noop!(redeem(&far, false), Error::<Test>::ExpiryTooFar);
		assert_ok!(redeem(&near, false));
		let batch: BoundedVec<_, _> = vec![item(&far)].try_into().unwrap();
		events();
		assert_ok!(Tickets::redeem_winning_tickets(RuntimeOrigin::signed(acc(1)), batch, false));
		assert_eq!(
			events(),
			vec![Event::TicketsRedeemed {
				recipient: acc(1),
				paid: 0,
				results: vec![TicketOutcome::Failed {
					index: 1,
					error: Error::<Test>::ExpiryTooFar.into()
				}]
				.try_into()
				.unwrap(),
			}]
		);
		// Half the reserve goes to the reporter, and the freeze lasts 5
		// blocks.
		assert_ok!(report_double_signing(ALICE));
		assert_eq!(
			events(),
			vec![Event::DoubleSignPunished {
				sender: acc(ALICE),
				index: 77,
				reporter: acc(25),
				burned: 1_000,
				reward: 1_000,
				frozen_until: 1 + 5,
			}]
		);
		// An unlock takes 8 blocks.
		fund(DAVE, 100, 0);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(DAVE))));
		assert_eq!(Senders::<Test>::get(acc(DAVE)).unwrap().unlock_at, Some(1 + 8));
		run_to_block(1 + 7);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(DAVE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(1 + 8);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(DAVE))));
	});
}

#[test]
#[should_panic(expected = "invalid tickets genesis parameters: UnlockPeriodTooShort")]
fn genesis_refuses_invalid_parameters() {
	let _ = ExtBuilder::with_parameters(Parameters { unlock_period: 5, ..SHORT }).build();
}

#[test]
fn root_sets_parameters() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Params::<Test>::get(), default_parameters());
		assert_noop!(
			Tickets::set_parameters(RuntimeOrigin::signed(acc(ALICE)), SHORT),
			DispatchError::BadOrigin
		);
		run_to_block(3);
		events();
		assert_ok!(set_parameters(SHORT));
		assert_eq!(Params::<Test>::get(), SHORT);
		// Tickets accepted under the replaced validity may expire at 3 + 20.
		assert_eq!(ExpiryHorizon::<Test>::get(), 3 + VALIDITY);
		assert_eq!(
			events(),
			vec![Event::ParametersSet { parameters: SHORT, expiry_horizon: 3 + VALIDITY }]
		);
		// The new validity and reporter share apply at once.
		fund(ALICE, 1_000, 2_000);
		assert_noop!(
			redeem(&ticket_expiring(ALICE, 1, 10, 1, 3 + 6), false),
			Error::<Test>::ExpiryTooFar
		);
		assert_ok!(redeem(&ticket_expiring(ALICE, 1, 10, 1, 3 + 5), false));
		assert_ok!(report_double_signing(ALICE));
		assert!(matches!(
			events().last(),
			Some(Event::DoubleSignPunished { reward: 1_000, frozen_until: 8, .. })
		));
		// Setting the defaults back keeps the horizon (it never goes back).
		run_to_block(4);
		assert_ok!(set_parameters(default_parameters()));
		assert_eq!(ExpiryHorizon::<Test>::get(), 3 + VALIDITY);
		assert_eq!(
			events(),
			vec![Event::ParametersSet {
				parameters: default_parameters(),
				expiry_horizon: 3 + VALIDITY
			}]
		);
	});
}

#[test]
fn invalid_parameters_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let d = default_parameters();
		let refused = [
			(Parameters { max_ticket_validity: 0, ..d }, Error::<Test>::ZeroTicketValidity),
			(
				Parameters { max_ticket_validity: 0, unlock_period: 0, ..d },
				Error::<Test>::ZeroTicketValidity,
			),
			(
				Parameters { max_ticket_validity: VALIDITY + 1, unlock_period: UNLOCK + 10, ..d },
				Error::<Test>::TicketValidityAboveBound,
			),
			(Parameters { unlock_period: VALIDITY, ..d }, Error::<Test>::UnlockPeriodTooShort),
			(Parameters { unlock_period: 1, ..d }, Error::<Test>::UnlockPeriodTooShort),
			(
				Parameters { max_ticket_validity: 5, unlock_period: 5, ..d },
				Error::<Test>::UnlockPeriodTooShort,
			),
		];
		for (parameters, error) in refused {
			assert_noop!(set_parameters(parameters), error);
		}
		// The edges are accepted.
		let edges = [
			Parameters { max_ticket_validity: VALIDITY, unlock_period: VALIDITY + 1, ..d },
			Parameters {
				max_ticket_validity: 1,
				unlock_period: 2,
				reporter_share: Perbill::from_percent(100),
			},
			Parameters { reporter_share: Perbill::zero(), ..d },
		];
		for parameters in edges {
			assert_ok!(set_parameters(parameters));
			assert_eq!(Params::<Test>::get(), parameters);
		}
	});
}

#[test]
fn genesis_parameters_in_json_are_camel_case_and_strict() {
	use frame_support::__private::serde_json::{self, json};
	let parameters = json!({
		"maxTicketValidity": 5,
		"unlockPeriod": 8,
		"reporterShare": 500_000_000,
	});
	let config: crate::GenesisConfig<Test> =
		serde_json::from_value(json!({ "parameters": parameters })).unwrap();
	assert_eq!(config.parameters, SHORT);
	assert_eq!(serde_json::to_value(&config).unwrap(), json!({ "parameters": parameters }));
	// A misspelt or missing field is an error, not a default.
	let mut misspelt = parameters.clone();
	misspelt["maxTicketValdity"] = json!(5);
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(
		json!({ "parameters": misspelt })
	)
	.is_err());
	let mut missing = parameters;
	missing.as_object_mut().unwrap().remove("reporterShare");
	assert!(serde_json::from_value::<crate::GenesisConfig<Test>>(json!({ "parameters": missing }))
		.is_err());
}

#[test]
fn an_unlock_in_progress_keeps_its_end_when_root_changes_the_period() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(1 + UNLOCK));
		// Root shortens the unlock period: the unlock in progress still ends
		// at `1 + UNLOCK`.
		run_to_block(2);
		assert_ok!(set_parameters(SHORT));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(1 + UNLOCK));
		run_to_block(2 + SHORT.unlock_period);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		// Root lengthens it again: still `1 + UNLOCK`.
		assert_ok!(set_parameters(Parameters { unlock_period: 100, ..default_parameters() }));
		run_to_block(1 + UNLOCK);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL);
	});
}

#[test]
fn a_shorter_validity_cannot_let_funds_outrun_older_tickets() {
	ExtBuilder::default().build_and_execute(|| {
		fund(ALICE, 1_000, 0);
		fund(DAVE, 1_000, 0);
		// Accepted under the default validity: expires at 1 + 20 = 21.
		let old = ticket(ALICE, 1, 400, 1);
		assert_eq!(old.expiry, 21);
		// Root shortens the validity to 5 and the unlock period to 8.
		assert_ok!(set_parameters(SHORT));
		assert_eq!(ExpiryHorizon::<Test>::get(), 21);
		// An unlock started now would end at 2 + 8 = 10 under the new
		// period, before the old ticket expires: it ends after the horizon.
		run_to_block(2);
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(Senders::<Test>::get(acc(ALICE)).unwrap().unlock_at, Some(22));
		// The old ticket is too far ahead for the new validity until block
		// 16, and the funds are still there then.
		run_to_block(15);
		assert_noop!(redeem(&old, false), Error::<Test>::ExpiryTooFar);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(16);
		assert_ok!(redeem(&old, false));
		assert_eq!(free(1), INITIAL - STAKE + 400);
		run_to_block(21);
		assert_noop!(
			Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))),
			Error::<Test>::UnlockPeriodNotOver
		);
		run_to_block(22);
		assert_ok!(Tickets::withdraw(RuntimeOrigin::signed(acc(ALICE))));
		assert_eq!(free(ALICE), INITIAL - 400);
		// Once the horizon has passed, the short period applies in full.
		assert_ok!(Tickets::unlock(RuntimeOrigin::signed(acc(DAVE))));
		assert_eq!(Senders::<Test>::get(acc(DAVE)).unwrap().unlock_at, Some(22 + 8));
	});
}

#[test]
fn try_state_detects_invalid_parameters_and_a_late_horizon() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Tickets::do_try_state());
		Params::<Test>::put(Parameters { unlock_period: VALIDITY, ..default_parameters() });
		assert_eq!(Tickets::do_try_state(), Err("UnlockPeriodTooShort".into()));
		Params::<Test>::put(default_parameters());
		ExpiryHorizon::<Test>::put(1 + VALIDITY + 1);
		assert_eq!(Tickets::do_try_state(), Err("expiry horizon too late".into()));
		ExpiryHorizon::<Test>::put(1 + VALIDITY);
	});
}
