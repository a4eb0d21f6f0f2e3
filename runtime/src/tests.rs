//! Runtime integration tests: the market pallets working together as
//! configured here, on the development genesis.

use crate::{
	configs::{ExpectedRoundFees, MaxReportAge, MaxSlashFraction, RewardPerRound, RoundLength},
	genesis_config_presets::{genesis_providers, get_preset, GENESIS_PROVIDER_STAKE},
	AccountId, Availability, Balance, Balances, BlockNumber, PolicyEscrow, ProviderStaking,
	Runtime, RuntimeGenesisConfig, RuntimeOrigin, System, UNIT,
};
use frame_support::{
	assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		tokens::Preservation,
		Get, Hooks,
	},
	BoundedVec,
};
use market_primitives::{
	availability::{statement_payload, UnavailabilityStatement},
	domain::operator_pop_payload,
	escrow::PriceModel,
	staking::ProviderRegistry,
	RoundIndex,
};
use pallet_policy_escrow::ProviderChoice;
use sp_core::{sr25519, Pair};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// Providers the API tests bond on top of the four genesis ones, so that
/// rounds have a snapshot of some size.
pub(crate) const EXTRA_PROVIDERS: u32 = 40;

/// A provider the tests control: its stash and its operator key.
pub(crate) struct Provider {
	pub(crate) stash: AccountId,
	pub(crate) operator: sr25519::Pair,
}

/// The development preset's genesis state, at block 1.
pub(crate) fn development_ext() -> sp_io::TestExternalities {
	let json = get_preset(&PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET))
		.expect("development preset");
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
			.expect("preset builds");
		System::set_block_number(1);
	});
	ext
}

fn pair(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).expect("valid dev URI")
}

/// The genesis providers plus `EXTRA_PROVIDERS` new ones, bonded with the
/// genesis stake and operator keys set through `set_operator`.
pub(crate) fn providers() -> Vec<Provider> {
	providers_with(EXTRA_PROVIDERS)
}

/// The genesis providers plus `extra` new ones (see [`providers`]).
pub(crate) fn providers_with(extra: u32) -> Vec<Provider> {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let mut all: Vec<Provider> = genesis_providers()
		.into_iter()
		.map(|(stash, operator)| Provider {
			stash: stash.to_account_id(),
			operator: operator.pair(),
		})
		.collect();
	for i in 0..extra {
		let stash: AccountId = pair(&format!("//Provider{i}")).public().into();
		let operator = pair(&format!("//Provider{i}//operator"));
		assert_ok!(<Balances as Mutate<_>>::transfer(
			&alice,
			&stash,
			GENESIS_PROVIDER_STAKE + 10 * UNIT,
			Preservation::Preserve
		));
		assert_ok!(ProviderStaking::bond(
			RuntimeOrigin::signed(stash.clone()),
			GENESIS_PROVIDER_STAKE,
			100
		));
		let proof =
			operator.sign(&operator_pop_payload(&ProviderStaking::signing_domain(), &stash));
		assert_ok!(ProviderStaking::set_operator(
			RuntimeOrigin::signed(stash.clone()),
			operator.public(),
			proof
		));
		all.push(Provider { stash, operator });
	}
	all
}

/// Everyone commits to the next round (genesis providers are already in
/// rounds 0 and 1), then the next round starts.
fn next_round(providers: &[Provider]) -> RoundIndex {
	for p in providers {
		let _ = ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(p.stash.clone()));
	}
	let next = ProviderStaking::current_round() + 1;
	let block = next * RoundLength::get();
	System::set_block_number(block);
	ProviderStaking::on_initialize(block);
	assert_eq!(ProviderStaking::current_round(), next);
	next
}

fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn staked(who: &AccountId) -> Balance {
	pallet_provider_staking::Ledgers::<Runtime>::get(who).map(|l| l.active).unwrap_or(0)
}

/// Issue 14, sequence 4: on the development genesis as shipped (four
/// providers, nothing added) every accused used to be one of its own
/// gateways, so nobody could be proven unavailable. Now the three others
/// hold every seat of its gateway quorum: the accused is proven
/// unavailable, slashed, and loses that round's fee and inflation only.
#[test]
fn threat_development_chain_accused_immune() {
	development_ext().execute_with(|| {
		let providers = providers_with(0);
		assert_eq!(providers.len(), 4);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let issuance_at_start = Balances::total_issuance();

		let round = next_round(&providers);
		assert_eq!(round, 1);
		let total = pallet_provider_staking::Snapshots::<Runtime>::get(round)
			.map(|s| s.total)
			.expect("round 1 snapshot");
		assert_eq!(total, GENESIS_PROVIDER_STAKE * 4);

		// Two genesis providers hold Alice's policy for rounds 1, 2 and 3
		// at 5 MKT per provider and round.
		let (accused, other) = (&providers[0], &providers[1]);
		let price = 5 * UNIT;
		let alice_free_before = free(&alice);
		assert_ok!(PolicyEscrow::create_policy(
			RuntimeOrigin::signed(alice.clone()),
			ProviderChoice::Explicit(
				BoundedVec::try_from(vec![accused.stash.clone(), other.stash.clone()])
					.expect("two providers fit")
			),
			round,
			3,
			PriceModel::PerRound { price },
			BoundedVec::try_from(vec![Sr25519Keyring::Alice.public()]).expect("one key fits"),
		));
		let policy = pallet_policy_escrow::NextPolicyId::<Runtime>::get() - 1;
		assert_eq!(free(&alice), alice_free_before - 6 * price);

		// The accused's judges: the three other providers, 64 seats.
		let gateways = Availability::gateways(round, &accused.stash);
		let parameters = pallet_availability::Params::<Runtime>::get();
		assert_eq!((parameters.seats, parameters.threshold), (64, 43));
		assert_eq!(gateways.iter().map(|(_, seats)| seats).sum::<u32>(), 64);
		assert!(gateways.len() <= 3 && gateways.iter().all(|(g, _)| *g != accused.stash));

		// They all sign that the accused did not answer in round 1.
		let statement = UnavailabilityStatement {
			provider: accused.stash.clone(),
			round,
			complaint_hash: [42; 32],
		};
		let payload = statement_payload(&Availability::signing_domain(), &statement);
		let signatures: Vec<(u32, sr25519::Signature)> = gateways
			.iter()
			.enumerate()
			.map(|(index, (gateway, _))| {
				let signer = providers
					.iter()
					.find(|p| &p.stash == gateway)
					.expect("every gateway is a genesis provider");
				(index as u32, signer.operator.sign(&payload))
			})
			.collect();
		let submitter = Sr25519Keyring::Bob.to_account_id();
		let reporters: Vec<AccountId> = core::iter::once(submitter.clone())
			.chain(gateways.iter().map(|(g, _)| g.clone()))
			.collect();
		let reporters_before: Vec<Balance> = reporters.iter().map(free).collect();
		let stake_before = staked(&accused.stash);
		let issuance_before = Balances::total_issuance();

		let info = Availability::report_unavailable(
			RuntimeOrigin::signed(submitter.clone()),
			statement,
			BoundedVec::try_from(signatures).expect("three signatures fit"),
		)
		.expect("the proof is accepted");
		assert_eq!(info.pays_fee, frame_support::dispatch::Pays::No);

		// The documented slash: the round's expected earnings (inflation
		// share plus expected fees), first offence, within the cap.
		let expected_earnings = RewardPerRound::get() * stake_before / total
			+ <ExpectedRoundFees as Get<Balance>>::get();
		let slash = expected_earnings.min(MaxSlashFraction::get() * stake_before);
		assert_eq!(staked(&accused.stash), stake_before - slash);
		let reason = pallet_provider_staking::HoldReason::Staking.into();
		assert_eq!(Balances::balance_on_hold(&reason, &accused.stash), stake_before - slash);

		// Reporters are paid; what they did not get is burned.
		let paid: Vec<Balance> = reporters
			.iter()
			.zip(&reporters_before)
			.map(|(who, before)| free(who) - before)
			.collect();
		assert!(paid.iter().all(|p| *p > 0), "every reporter is paid: {paid:?}");
		let reporters_total: Balance = paid.iter().sum();
		assert!(reporters_total <= slash / 10);
		let burned = slash - reporters_total;
		assert_eq!(Balances::total_issuance(), issuance_before - burned);

		// No inflation for the accused in round 1; the other provider has some.
		assert_eq!(ProviderStaking::reward_of(&accused.stash, round), 0);
		assert!(ProviderStaking::reward_of(&other.stash, round) > 0);

		// Once rounds 1 to 3 have settled, both providers claim their fees.
		while ProviderStaking::current_round() <= round + 2 + MaxReportAge::get() {
			next_round(&providers);
		}
		let accused_free = free(&accused.stash);
		let other_free = free(&other.stash);
		let alice_free = free(&alice);
		assert_ok!(PolicyEscrow::claim_fees(RuntimeOrigin::signed(accused.stash.clone()), policy));
		assert_ok!(PolicyEscrow::claim_fees(RuntimeOrigin::signed(other.stash.clone()), policy));
		assert_eq!(free(&accused.stash), accused_free + 2 * price, "rounds 2 and 3 only");
		assert_eq!(free(&other.stash), other_free + 3 * price);
		assert_eq!(free(&alice), alice_free + price, "round 1 of the accused comes back");
		let escrow_reason = pallet_policy_escrow::HoldReason::Escrow.into();
		assert_eq!(Balances::balance_on_hold(&escrow_reason, &alice), 0);

		// Money adds up: nothing was minted (no reward claimed), only the
		// non-reporter part of the slash was burned.
		assert_eq!(Balances::total_issuance(), issuance_at_start - burned);
	});
}

/// Runs block `n`'s staking `on_initialize` after BABE recorded `vrf` as
/// its parent's VRF output (what `ParentBlockRandomness` reads).
fn run_block(n: BlockNumber, vrf: [u8; 32]) {
	pallet_babe::AuthorVrfRandomness::<Runtime>::put(Some(vrf));
	System::set_block_number(n);
	ProviderStaking::on_initialize(n);
}

/// Issue 14, sequence 1: round seeds used to come from BABE's randomness of
/// one epoch ago, readable in `Babe::NextRandomness` for an hour while the
/// next snapshot could still change, so a coalition could grind
/// `bond_extra` amounts off-chain until the draw favoured it. Now, while a
/// snapshot can change, its seed is not a function of any state on chain
/// (two chains with equal state at the snapshot's last open block get
/// different seeds from different VRF outputs afterwards), stake changes
/// once the snapshot closed do not reach it, and a `bond_extra` after the
/// seed is known changes none of the round's draws.
#[test]
fn threat_round_seed_known_while_snapshot_open() {
	use market_primitives::sampling::COMMITTEE;
	let length = RoundLength::get();
	let seed_blocks = crate::configs::SeedBlocks::get();
	// Round 2 starts at block `2 * length`; its snapshot closes at
	// `2 * length - seed_blocks`.
	let close = 2 * length - seed_blocks;
	let chain = |window_vrf: u8| {
		let mut ext = development_ext();
		ext.execute_with(|| {
			let providers = providers_with(0);
			for n in 2..close {
				run_block(n, [n as u8; 32]);
				if n == length + 1 {
					for p in &providers {
						assert_ok!(ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(
							p.stash.clone()
						)));
					}
				}
			}
			// The last block in which round 2's snapshot can change: the
			// whole state, seeds and entropy included, is the same in both
			// chains.
			assert!(ProviderStaking::snapshot_open(2));
			let state_at_close = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let snapshot_total = ProviderStaking::snapshot_total(2);
			// The seed window: the authors of these blocks have other VRF
			// outputs in the second chain.
			for n in close..2 * length {
				run_block(n, [window_vrf.wrapping_add(n as u8); 32]);
				assert!(!ProviderStaking::snapshot_open(2));
				// Stake changes no longer reach round 2's snapshot.
				let eve = &providers[2].stash;
				assert_ok!(ProviderStaking::bond_extra(RuntimeOrigin::signed(eve.clone()), UNIT));
				frame_support::assert_noop!(
					ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(
						Sr25519Keyring::Alice.to_account_id()
					)),
					pallet_provider_staking::Error::<Runtime>::NotProvider
				);
				assert_eq!(ProviderStaking::snapshot_total(2), snapshot_total);
			}
			run_block(2 * length, [window_vrf; 32]);
			assert_eq!(ProviderStaking::current_round(), 2);
			let seed = ProviderStaking::round_seed(2).expect("round 2 seed");

			// The seed is known now: a large bond_extra moves none of round
			// 2's draws (only round 3's snapshot, still open).
			let accused = providers[0].stash.clone();
			let gateways = Availability::gateways(2, &accused);
			let committee = crate::ServiceClaims::committee(2, &accused);
			let sample = ProviderStaking::sample_round(2, &COMMITTEE, 3);
			let whale = &providers[3].stash;
			assert_ok!(ProviderStaking::commit_to_next_round(RuntimeOrigin::signed(whale.clone())));
			assert_ok!(ProviderStaking::bond_extra(
				RuntimeOrigin::signed(whale.clone()),
				100_000 * UNIT
			));
			assert_eq!(Availability::gateways(2, &accused), gateways);
			assert_eq!(crate::ServiceClaims::committee(2, &accused), committee);
			assert_eq!(ProviderStaking::sample_round(2, &COMMITTEE, 3), sample);
			assert_eq!(ProviderStaking::snapshot_total(2), snapshot_total);
			assert!(ProviderStaking::stake_in_round(whale, 3) > GENESIS_PROVIDER_STAKE);
			(state_at_close, seed)
		})
	};
	let (state_a, seed_a) = chain(0x10);
	let (state_b, seed_b) = chain(0x20);
	assert_eq!(state_a, state_b, "same state while the snapshot was open");
	assert_ne!(seed_a, seed_b, "the seed depends on the VRF outputs after the close");
	// Each single block of the window moves the seed: nobody but all of
	// the window's authors together knows it in advance.
	let (_, seed_c) = chain(0x11);
	assert_ne!(seed_a, seed_c);
}

/// The genesis presets build and hold what their docs say.
/// A requester pays a genesis provider with a winning lottery ticket on the
/// development chain: the ticket names this chain's genesis hash, the
/// provider's VRF decides the win, the face value moves from the held
/// deposit to the provider, and the same ticket cannot be paid twice nor a
/// ticket for another chain at all.
#[test]
fn a_winning_ticket_pays_a_provider_once_on_this_chain_only() {
	use market_primitives::tickets::{
		client::{evaluate_vrf, sign_ticket},
		signing_domain, Ticket, WinProbability,
	};
	use pallet_tickets::HoldReason;
	development_ext().execute_with(|| {
		let sender = Sr25519Keyring::Alice;
		let recipient = Sr25519Keyring::Charlie;
		let (sender_id, recipient_id) = (sender.to_account_id(), recipient.to_account_id());
		let issuance = Balances::total_issuance();
		assert_ok!(crate::Tickets::fund(
			RuntimeOrigin::signed(sender_id.clone()),
			100 * UNIT,
			50 * UNIT
		));
		let deposit_reason: crate::RuntimeHoldReason = HoldReason::Deposit.into();
		assert_eq!(Balances::balance_on_hold(&deposit_reason, &sender_id), 100 * UNIT);

		let genesis = System::block_hash(0);
		let ticket = Ticket {
			domain: signing_domain(genesis.0),
			sender: sender_id.clone(),
			recipient: recipient_id.clone(),
			face_value: 7 * UNIT,
			win_probability: WinProbability::ALWAYS,
			index: 1,
			expiry: System::block_number() + 50,
			aux: None,
		};
		let signature = sign_ticket(&sender.pair(), &ticket);
		let vrf = evaluate_vrf(&recipient.pair(), &ticket.hash());
		let before = free(&recipient_id);
		assert_ok!(crate::Tickets::redeem_winning_ticket(
			RuntimeOrigin::signed(recipient_id.clone()),
			ticket.clone(),
			signature.clone(),
			vrf,
			false
		));
		assert_eq!(free(&recipient_id), before + 7 * UNIT);
		assert_eq!(Balances::balance_on_hold(&deposit_reason, &sender_id), 93 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance);

		frame_support::assert_noop!(
			crate::Tickets::redeem_winning_ticket(
				RuntimeOrigin::signed(recipient_id.clone()),
				ticket.clone(),
				signature,
				vrf,
				false
			),
			pallet_tickets::Error::<Runtime>::AlreadyRedeemed
		);

		let mut foreign = ticket;
		foreign.domain = signing_domain([0x42; 32]);
		foreign.index = 2;
		let signature = sign_ticket(&sender.pair(), &foreign);
		let vrf = evaluate_vrf(&recipient.pair(), &foreign.hash());
		frame_support::assert_noop!(
			crate::Tickets::redeem_winning_ticket(
				RuntimeOrigin::signed(recipient_id.clone()),
				foreign,
				signature,
				vrf,
				false
			),
			pallet_tickets::Error::<Runtime>::WrongDomain
		);
		assert_eq!(free(&recipient_id), before + 7 * UNIT);
		assert_eq!(Balances::balance_on_hold(&deposit_reason, &sender_id), 93 * UNIT);
	});
}

mod presets {
	use crate::genesis_config_presets::*;
	use crate::{Balances, Runtime, RuntimeGenesisConfig};
	use frame_support::traits::fungible::InspectHold;
	use sp_consensus_babe::AuthorityId as BabeId;
	use sp_genesis_builder::PresetId;
	use sp_keyring::Sr25519Keyring;

	fn build(preset: &str) -> sp_io::TestExternalities {
		let json = get_preset(&PresetId::from(preset)).expect("preset exists");
		let mut ext = sp_io::TestExternalities::default();
		ext.execute_with(|| {
			frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
				.expect("preset builds")
		});
		ext
	}

	#[test]
	fn every_listed_preset_exists_and_unknown_ones_do_not() {
		for name in preset_names() {
			assert!(get_preset(&name).is_some());
		}
		assert!(get_preset(&PresetId::from("mainnet")).is_none());
	}

	#[test]
	fn development_preset_has_one_validator_and_bonded_providers() {
		build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), 1);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
			let reason = pallet_provider_staking::HoldReason::Staking.into();
			for (stash, operator) in genesis_providers() {
				let stash = stash.to_account_id();
				assert!(pallet_provider_staking::Ledgers::<Runtime>::contains_key(&stash));
				assert_eq!(Balances::balance_on_hold(&reason, &stash), GENESIS_PROVIDER_STAKE,);
				assert_eq!(
					pallet_provider_staking::OperatorOwners::<Runtime>::get(
						operator.to_account_id()
					),
					Some(stash)
				);
			}
			// Endowments are the whole issuance; stake is held, not minted.
			let endowed = Sr25519Keyring::well_known().count() as u128;
			assert_eq!(Balances::total_issuance(), endowed * ENDOWMENT);
			let providers = genesis_providers().len() as u128;
			assert_eq!(
				pallet_provider_staking::Snapshots::<Runtime>::get(0).map(|s| s.total),
				Some(providers * GENESIS_PROVIDER_STAKE)
			);
			// Committees and gateway quorums of the defaults, drawn from the
			// three providers other than the judged one.
			let tickets = pallet_tickets::Params::<Runtime>::get();
			assert_eq!((tickets.max_ticket_validity, tickets.unlock_period), (100, 200));
			let claims = pallet_service_claims::Params::<Runtime>::get();
			assert_eq!((claims.committee_size, claims.committee_threshold), (16, 11));
			let gateways = pallet_availability::Params::<Runtime>::get();
			assert_eq!((gateways.seats, gateways.threshold), (64, 43));
			for (stash, _) in genesis_providers() {
				let stash = stash.to_account_id();
				let committee = pallet_service_claims::Pallet::<Runtime>::committee(0, &stash);
				assert_eq!(committee.iter().map(|(_, n)| n).sum::<u32>(), 16);
				assert!(committee.len() <= 3 && committee.iter().all(|(m, _)| *m != stash));
				let judges = pallet_availability::Pallet::<Runtime>::gateways(0, &stash);
				assert_eq!(judges.iter().map(|(_, n)| n).sum::<u32>(), 64);
				assert!(judges.iter().all(|(g, _)| *g != stash));
			}
		});
	}

	#[test]
	fn local_testnet_preset_has_alice_and_bob_as_validators() {
		build(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let babe: Vec<_> =
				pallet_babe::Authorities::<Runtime>::get().iter().map(|(k, _)| k.clone()).collect();
			assert_eq!(
				babe,
				vec![
					BabeId::from(Sr25519Keyring::Alice.public()),
					BabeId::from(Sr25519Keyring::Bob.public())
				]
			);
			assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
			let tickets = pallet_tickets::Params::<Runtime>::get();
			assert_eq!(
				(tickets.max_ticket_validity, tickets.unlock_period),
				(
					crate::configs::MaxTicketValidity::get(),
					crate::configs::TicketUnlockPeriod::get()
				)
			);
		});
	}
}
