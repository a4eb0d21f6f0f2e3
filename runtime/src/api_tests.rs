//! Runtime tests of the [`market_runtime_api::MarketApi`] answers: state
//! built through the pallets' calls on the development genesis, each
//! answer and each error checked against the storage and against what the
//! calls then actually do.

use crate::{
	configs::{MaxReportAge, RoundHistory, RoundLength, UnbondingRounds},
	genesis_config_presets::{
		genesis_providers, GENESIS_PROVIDER_LOCK_ROUNDS, GENESIS_PROVIDER_STAKE,
	},
	AccountId, Availability, Balance, Balances, Block, BlockNumber, PolicyEscrow, ProviderStaking,
	Runtime, RuntimeOrigin, ServiceClaims, System, Tickets, UNIT,
};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Hooks},
	BoundedVec,
};
use market_primitives::{
	availability::{statement_payload, UnavailabilityStatement},
	escrow::PriceModel,
	sampling::{self, GATEWAYS},
	staking::ProviderRegistry,
};
use market_runtime_api::{runtime_decl_for_market_api::MarketApiV3, *};
use pallet_policy_escrow::ProviderChoice;
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;

/// Calls the runtime API as the node does, through `impl_runtime_apis`.
macro_rules! api {
	($method:ident($($arg:expr),* $(,)?)) => {
		<Runtime as MarketApiV3<Block, AccountId, Balance, BlockNumber>>::$method($($arg),*)
	};
}

const S: Balance = GENESIS_PROVIDER_STAKE;

use crate::tests::development_ext;

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn genesis_stashes() -> Vec<AccountId> {
	genesis_providers().into_iter().map(|(stash, _)| stash.to_account_id()).collect()
}

fn operator_key(keyring: Sr25519Keyring) -> Option<H256> {
	Some(H256(keyring.public().0))
}

/// Starts the next round (its seed), without any commitment.
fn start_next_round() -> RoundIndex {
	let next = ProviderStaking::current_round() + 1;
	let block = next * RoundLength::get();
	System::set_block_number(block);
	ProviderStaking::on_initialize(block);
	next
}

/// `stashes` commit to the next round, then it starts.
fn next_round(stashes: &[AccountId]) -> RoundIndex {
	for stash in stashes {
		let _ = ProviderStaking::commit_to_next_round(signed(stash));
	}
	start_next_round()
}

fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn staked(who: &AccountId) -> Balance {
	pallet_provider_staking::Ledgers::<Runtime>::get(who).map(|l| l.active).unwrap_or(0)
}

/// The accounts of a list of members.
fn accounts(members: &[RoundMember<AccountId, Balance>]) -> Vec<AccountId> {
	members.iter().map(|m| m.account.clone()).collect()
}

#[test]
fn rounds_snapshots_gateways_committees_and_samples() {
	development_ext().execute_with(|| {
		let stashes = genesis_stashes();
		let round0 = api!(current_round()).unwrap();
		assert_eq!(
			round0,
			RoundInfo {
				index: 0,
				first_block: 0,
				length: RoundLength::get(),
				seed: H256(pallet_provider_staking::Pallet::<Runtime>::genesis_seed()),
			}
		);
		assert_eq!(
			api!(round_snapshot(0)),
			Ok(SnapshotSummary {
				round: 0,
				first_block: 0,
				seed: round0.seed,
				providers: 4,
				total_stake: 4 * S,
			})
		);
		assert_eq!(
			api!(round_snapshot(1)),
			Err(MarketApiError::RoundNotStarted { round: 1, current: 0 })
		);

		// Round 3: everyone committed, then Ferdie chilled (its slot stays
		// with stake 0).
		next_round(&stashes);
		next_round(&stashes);
		for stash in &stashes {
			assert_ok!(ProviderStaking::commit_to_next_round(signed(stash)));
		}
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		assert_ok!(ProviderStaking::chill(signed(&ferdie)));
		let round = start_next_round();
		assert_eq!(round, 3);
		let seed = H256(ProviderStaking::round_seed(3).expect("round 3 started"));
		assert_eq!(
			api!(current_round()),
			Ok(RoundInfo { index: 3, first_block: 30, length: 10, seed })
		);
		assert_eq!(
			api!(round_snapshot(3)),
			Ok(SnapshotSummary {
				round: 3,
				first_block: 30,
				seed,
				providers: 4,
				total_stake: 3 * S
			})
		);

		// The gateways judging Charlie are the availability pallet's, with
		// seats, stakes and operator keys: Dave and Eve hold all 64 seats
		// (Ferdie, stake 0, cannot be drawn; Charlie never judges itself).
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let gateways = api!(gateways(3, charlie.clone())).unwrap();
		assert_eq!(gateways.round, 3);
		let parameters = pallet_availability::Params::<Runtime>::get();
		assert_eq!((gateways.seats, gateways.threshold), (parameters.seats, parameters.threshold));
		let with_seats: Vec<(AccountId, u32)> =
			gateways.members.iter().map(|m| (m.account.clone(), m.seats)).collect();
		assert_eq!(with_seats, Availability::gateways(3, &charlie));
		assert_eq!(gateways.members.len(), 2);
		for (stash, operator) in genesis_providers().into_iter().skip(1).take(2) {
			let m = gateways
				.members
				.iter()
				.find(|m| m.account == stash.to_account_id())
				.expect("every other provider with stake judges a small round");
			assert_eq!((m.stake, m.operator_key), (S, operator_key(operator)));
		}
		let committee = api!(committee(3, charlie.clone())).unwrap();
		let with_seats: Vec<(AccountId, u32)> =
			committee.members.iter().map(|m| (m.account.clone(), m.seats)).collect();
		assert_eq!(with_seats, ServiceClaims::committee(3, &charlie));
		assert_eq!((committee.seats, committee.threshold), (16, 11));
		assert!(committee.members.iter().all(|m| m.account != charlie));

		// Samples of distinct providers match a client's own draw over the
		// slots, for any tag.
		assert!(api!(sample(3, GATEWAYS, 3)).unwrap().iter().all(|m| m.seats == 1));
		let weights: Vec<u128> = (1..=4)
			.map(|slot| {
				pallet_provider_staking::SnapshotMembers::<Runtime>::get(3, slot).expect("slot").1
			})
			.collect();
		let domain = *b"my-dapp!";
		let drawn: Vec<AccountId> = sampling::sample_linear(&weights, &seed.0, &domain, 2)
			.into_iter()
			.map(|slot| {
				pallet_provider_staking::SnapshotMembers::<Runtime>::get(3, slot).expect("slot").0
			})
			.collect();
		assert_eq!(accounts(&api!(sample(3, domain, 2)).unwrap()), drawn);
		assert_eq!(
			api!(sample(3, domain, 0)),
			Err(MarketApiError::BadSampleSize { n: 0, max: MAX_SAMPLE })
		);
		assert_eq!(
			api!(sample(3, domain, MAX_SAMPLE + 1)),
			Err(MarketApiError::BadSampleSize { n: MAX_SAMPLE + 1, max: MAX_SAMPLE })
		);
		// At most the providers with stake, however many are asked for.
		assert_eq!(api!(sample(3, domain, MAX_SAMPLE)).unwrap().len(), 3);
		let not_started = MarketApiError::RoundNotStarted { round: 4, current: 3 };
		assert_eq!(api!(gateways(4, charlie.clone())).err(), Some(not_started.clone()));
		assert_eq!(api!(committee(4, charlie.clone())).err(), Some(not_started.clone()));
		assert_eq!(api!(sample(4, domain, 1)).err(), Some(not_started));

		// Ferdie's own view: chilled, committed to round 3 with stake 0.
		let info = api!(provider(ferdie.clone())).unwrap();
		assert!(info.chilled);
		assert_eq!(
			info.committed_rounds,
			vec![
				CommittedRound { round: 0, stake: S },
				CommittedRound { round: 1, stake: S },
				CommittedRound { round: 2, stake: S },
				CommittedRound { round: 3, stake: 0 },
			]
		);
		assert_eq!(info.operator_key, operator_key(Sr25519Keyring::FerdieStash));
		assert_eq!(info.locked_until, GENESIS_PROVIDER_LOCK_ROUNDS);

		// Round 3 leaves the history when round 3 + RoundHistory starts.
		while ProviderStaking::current_round() < 3 + RoundHistory::get() {
			next_round(&stashes);
		}
		let gone = MarketApiError::RoundOutOfHistory { round: 3, oldest: 4 };
		assert_eq!(api!(round_snapshot(3)).err(), Some(gone.clone()));
		assert_eq!(api!(gateways(3, charlie.clone())).err(), Some(gone.clone()));
		assert_eq!(api!(committee(3, charlie)).err(), Some(gone.clone()));
		assert_eq!(api!(sample(3, domain, 1)).err(), Some(gone));
		assert_eq!(api!(round_snapshot(4)).map(|s| s.providers), Ok(4));
	});
}

#[test]
fn a_provider_unbonding_and_an_unknown_account() {
	development_ext().execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(api!(provider(bob.clone())), Err(MarketApiError::UnknownProvider));
		assert_ok!(ProviderStaking::bond(signed(&bob), 500 * UNIT, 10));
		let info = api!(provider(bob.clone())).unwrap();
		assert_eq!(
			info,
			ProviderInfo {
				active_stake: 500 * UNIT,
				unlocking: vec![],
				locked_until: 10,
				chilled: false,
				operator_key: None,
				reward_cursor: 1,
				committed_rounds: vec![],
				unavailability: vec![],
				claimable_rewards: None,
			}
		);
		while ProviderStaking::current_round() <= 10 {
			start_next_round();
		}
		assert_ok!(ProviderStaking::unbond(signed(&bob), 200 * UNIT));
		let info = api!(provider(bob)).unwrap();
		assert_eq!(info.active_stake, 300 * UNIT);
		assert_eq!(
			info.unlocking,
			vec![UnlockingChunk { value: 200 * UNIT, unlock_round: 11 + UnbondingRounds::get() }]
		);
	});
}

#[test]
fn a_policy_and_its_providers_before_and_after_a_proof_of_unavailability() {
	development_ext().execute_with(|| {
		let providers = crate::tests::providers();
		let stashes: Vec<AccountId> = providers.iter().map(|p| p.stash.clone()).collect();
		let alice = Sr25519Keyring::Alice.to_account_id();
		next_round(&stashes);
		let round = next_round(&stashes);
		assert_eq!(round, 2);

		// Alice's policy: two providers bonded here (the genesis ones are
		// also in round 0), for rounds 2..=4 at 5 MKT per provider and round.
		let (accused, other) = (&providers[4], &providers[5]);
		let gateways = Availability::gateways(round, &accused.stash);
		let price = 5 * UNIT;
		assert_ok!(PolicyEscrow::create_policy(
			signed(&alice),
			ProviderChoice::Explicit(
				BoundedVec::try_from(vec![accused.stash.clone(), other.stash.clone()])
					.expect("two providers fit")
			),
			round,
			3,
			PriceModel::PerRound { price },
			BoundedVec::try_from(vec![Sr25519Keyring::Alice.public()]).expect("one key fits"),
		));
		let id = pallet_policy_escrow::NextPolicyId::<Runtime>::get() - 1;
		assert_eq!(api!(policy(id + 1)), Err(MarketApiError::UnknownPolicy { policy: id + 1 }));
		let fresh = |account: &AccountId| PolicyProvider {
			account: account.clone(),
			next_round: 2,
			claimable: 0,
			refundable: 0,
			settleable_rounds: 0,
		};
		assert_eq!(
			api!(policy(id)),
			Ok(PolicyInfo {
				id,
				owner: alice.clone(),
				start: 2,
				end: 5,
				price: Price::PerRound { price },
				requesters: vec![H256(Sr25519Keyring::Alice.public().0)],
				revoked: false,
				max_cost: 6 * price,
				paid: 0,
				refunded: 0,
				held: 6 * price,
				providers: vec![fresh(&accused.stash), fresh(&other.stash)],
				owner_refundable: 0,
				// Revoking in round 2 keeps round 2 and releases rounds 3 and 4.
				revocation_refund: Some(4 * price),
				reapable_from: 5 + MaxReportAge::get() + 8,
			})
		);

		// Gateways holding 43 of the 64 seats prove the accused unavailable
		// in round 2.
		let statement = UnavailabilityStatement {
			provider: accused.stash.clone(),
			round,
			complaint_hash: [7; 32],
		};
		let payload = statement_payload(&Availability::signing_domain(), &statement);
		let mut seats = 0;
		let signatures: Vec<(u32, sr25519::Signature)> = gateways
			.iter()
			.enumerate()
			.take_while(|(_, (_, held))| {
				let needed = seats < 43;
				seats += held;
				needed
			})
			.map(|(index, (gateway, _))| {
				let signer =
					providers.iter().find(|p| &p.stash == gateway).expect("a known provider");
				(index as u32, signer.operator.sign(&payload))
			})
			.collect();
		let stake_before = staked(&accused.stash);
		assert_ok!(Availability::report_unavailable(
			signed(&Sr25519Keyring::Bob.to_account_id()),
			statement,
			BoundedVec::try_from(signatures).expect("at most 64 signatures"),
		));
		let slashed = stake_before - staked(&accused.stash);
		assert!(slashed > 0);
		let info = api!(provider(accused.stash.clone())).unwrap();
		assert_eq!(info.unavailability, vec![UnavailabilityMark { round: 2, slashed }]);
		assert_eq!(info.active_stake, stake_before - slashed);
		assert_eq!(info.operator_key, Some(H256(accused.operator.public().0)));
		assert_eq!(info.locked_until, 100);
		assert_eq!(
			info.committed_rounds,
			vec![CommittedRound { round: 1, stake: S }, CommittedRound { round: 2, stake: S }]
		);
		assert_eq!(info.claimable_rewards, None);

		// Once rounds 2..=4 have settled: the accused earned rounds 3 and 4,
		// the other provider all three; round 2 of the accused goes back.
		while ProviderStaking::current_round() <= round + 2 + MaxReportAge::get() {
			next_round(&stashes);
		}
		let info = api!(policy(id)).unwrap();
		let settle = |account: &AccountId, claimable, refundable| PolicyProvider {
			account: account.clone(),
			next_round: 2,
			claimable,
			refundable,
			settleable_rounds: 3,
		};
		assert_eq!(
			info.providers,
			vec![settle(&accused.stash, 2 * price, price), settle(&other.stash, 3 * price, 0)]
		);
		assert_eq!(info.owner_refundable, price);
		assert_eq!(info.revocation_refund, None, "no round is left to revoke");

		// What the calls then move is exactly that.
		let (accused_free, other_free, alice_free) =
			(free(&accused.stash), free(&other.stash), free(&alice));
		assert_ok!(PolicyEscrow::refund_unearned(signed(&alice), id, accused.stash.clone()));
		assert_ok!(PolicyEscrow::claim_fees(signed(&other.stash), id));
		assert_eq!(free(&accused.stash), accused_free + 2 * price);
		assert_eq!(free(&other.stash), other_free + 3 * price);
		assert_eq!(free(&alice), alice_free + price);
		let info = api!(policy(id)).unwrap();
		assert_eq!((info.paid, info.refunded, info.held), (5 * price, price, 0));
		assert!(info.providers.iter().all(|p| p.next_round == 5 && p.claimable == 0));

		// The accused's inflation: rounds 1..=4 are settled, round 2 pays
		// nothing; `claim_rewards` mints exactly the preview.
		let claim = api!(provider(accused.stash.clone()))
			.unwrap()
			.claimable_rewards
			.expect("settled rounds to claim");
		let expected: Balance = [1, 3, 4]
			.iter()
			.map(|r| pallet_provider_staking::Pallet::<Runtime>::reward_of(&accused.stash, *r))
			.sum();
		assert_eq!(claim, RewardsClaim { from: 1, to: 4, amount: expected });
		assert!(expected > 0);
		let before = free(&accused.stash);
		assert_ok!(ProviderStaking::claim_rewards(signed(&alice), accused.stash.clone()));
		assert_eq!(free(&accused.stash), before + expected);
		assert_eq!(api!(provider(accused.stash.clone())).unwrap().claimable_rewards, None);
	});
}

#[test]
fn a_ticket_sender_what_it_can_pay_and_its_tickets() {
	use market_primitives::tickets::{
		client::{evaluate_vrf, sign_ticket},
		signing_domain, Ticket, WinProbability,
	};
	development_ext().execute_with(|| {
		let alice = Sr25519Keyring::Alice;
		let charlie = Sr25519Keyring::Charlie;
		let (sender, provider) = (alice.to_account_id(), charlie.to_account_id());
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(api!(ticket_sender(sender.clone())), Err(MarketApiError::UnknownSender));
		assert_eq!(
			api!(max_payable(sender.clone(), provider.clone())),
			Err(MarketApiError::UnknownSender)
		);
		assert_ok!(Tickets::fund(signed(&sender), 100 * UNIT, 40 * UNIT));
		assert_eq!(
			api!(ticket_sender(sender.clone())),
			Ok(SenderInfo {
				deposit: 100 * UNIT,
				reserve: 40 * UNIT,
				unlock_at: None,
				frozen_until: None,
				withdrawable: false,
				overdrawn_in: None,
			})
		);
		// Charlie is one of the round's 4 providers: a quarter of the reserve.
		assert_eq!(
			api!(max_payable(sender.clone(), provider.clone())),
			Ok(Payable { from_deposit: 100 * UNIT, from_reserve: 10 * UNIT, total: 110 * UNIT })
		);
		assert_eq!(
			api!(max_payable(sender.clone(), bob.clone())),
			Ok(Payable { from_deposit: 100 * UNIT, from_reserve: 0, total: 100 * UNIT })
		);
		assert_eq!(
			api!(max_payable(sender.clone(), sender.clone())),
			Err(MarketApiError::SelfPayment)
		);

		// A winning ticket of 105 MKT takes the deposit and 5 of Charlie's share.
		let ticket = Ticket {
			domain: signing_domain(System::block_hash(0).0),
			sender: sender.clone(),
			recipient: provider.clone(),
			face_value: 105 * UNIT,
			win_probability: WinProbability::ALWAYS,
			index: 1,
			expiry: System::block_number() + 50,
			aux: None,
		};
		let expiry = ticket.expiry;
		let hash = sp_core::H256(ticket.hash());
		let other = sp_core::H256(Ticket { index: 2, ..ticket.clone() }.hash());
		assert_eq!(api!(ticket_state(hash, expiry)), TicketState::Unused);
		let signature = sign_ticket(&alice.pair(), &ticket);
		let vrf = evaluate_vrf(&charlie.pair(), &ticket.hash());
		assert_ok!(Tickets::redeem_winning_ticket(
			signed(&provider),
			ticket,
			signature,
			vrf,
			false
		));
		assert_eq!(
			api!(max_payable(sender.clone(), provider.clone())),
			Ok(Payable { from_deposit: 0, from_reserve: 5 * UNIT, total: 5 * UNIT })
		);
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_eq!(api!(max_payable(sender.clone(), dave)).map(|p| p.total), Ok(10 * UNIT));
		assert_eq!(api!(ticket_state(hash, expiry)), TicketState::Used);
		assert_eq!(api!(ticket_state(other, expiry)), TicketState::Unused);
		assert_eq!(api!(ticket_state(hash, expiry + 1)), TicketState::Unused);
		let now = System::block_number();
		assert_eq!(api!(ticket_state(other, now)), TicketState::Expired);

		// The deposit fell short: an overdraft of this round.
		let round = ProviderStaking::current_round();
		assert_eq!(api!(ticket_sender(sender.clone())).unwrap().overdrawn_in, Some(round));
		// An unlock: withdrawable from its end on, once the overdraft's round
		// is over (the rest of the reserve is then burned, not released).
		assert_ok!(Tickets::unlock(signed(&sender)));
		let info = api!(ticket_sender(sender.clone())).unwrap();
		let unlock_at = info.unlock_at.expect("unlocking");
		assert_eq!(unlock_at, now + 200);
		assert!(!info.withdrawable);
		System::set_block_number(unlock_at);
		assert!(!api!(ticket_sender(sender.clone())).unwrap().withdrawable, "overdrawn");
		start_next_round();
		System::set_block_number(unlock_at.max(System::block_number()));
		assert!(api!(ticket_sender(sender.clone())).unwrap().withdrawable);
		assert_eq!(api!(ticket_state(hash, expiry)), TicketState::Expired);
		let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
		assert_ok!(Tickets::withdraw(signed(&sender)));
		assert_eq!(pallet_balances::TotalIssuance::<Runtime>::get(), issuance - 35 * UNIT);
		assert_eq!(api!(ticket_sender(sender)), Err(MarketApiError::UnknownSender));
	});
}

#[test]
fn a_commitment_and_its_challenges() {
	development_ext().execute_with(|| {
		let stashes = genesis_stashes();
		let alice = Sr25519Keyring::Alice.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		// A per-request policy of round 0, held by Charlie.
		assert_ok!(PolicyEscrow::create_policy(
			signed(&alice),
			ProviderChoice::Explicit(BoundedVec::try_from(vec![charlie.clone()]).expect("fits")),
			0,
			1,
			PriceModel::PerRequest { price: UNIT, cap: 1_000 },
			BoundedVec::try_from(vec![Sr25519Keyring::Alice.public()]).expect("one key fits"),
		));
		let id = pallet_policy_escrow::NextPolicyId::<Runtime>::get() - 1;
		assert_eq!(api!(commitment(id, charlie.clone(), 0)), Err(MarketApiError::NoCommitment));
		// Round 0 settles at round MaxReportAge + 1.
		while ProviderStaking::current_round() <= MaxReportAge::get() {
			next_round(&stashes);
		}
		let current = ProviderStaking::current_round();
		let root = [9u8; 32];
		assert_ok!(ServiceClaims::commit_claim(signed(&charlie), id, 0, root, 100));
		let seed_block = System::block_number() + crate::configs::ChallengeBlocks::get() + 1;
		// Not drawn until the blocks after the commitment are published.
		for n in System::block_number() + 1..seed_block {
			System::set_block_number(n);
			ProviderStaking::on_initialize(n);
			ServiceClaims::on_initialize(n);
			assert_eq!(
				api!(commitment(id, charlie.clone(), 0)),
				Err(MarketApiError::ChallengeNotDrawn { seed_block: seed_block.into() })
			);
		}
		System::set_block_number(seed_block);
		ProviderStaking::on_initialize(seed_block);
		ServiceClaims::on_initialize(seed_block);
		let info = api!(commitment(id, charlie.clone(), 0)).unwrap();
		let seed = pallet_service_claims::ChallengeSeeds::<Runtime>::get(seed_block)
			.and_then(|s| s.seed)
			.expect("drawn");
		let count = pallet_service_claims::Params::<Runtime>::get().challenge_count;
		assert_eq!(
			info,
			CommitmentInfo {
				root: H256(root),
				served: 100,
				committed_at: current,
				open_from: current + 1,
				open_until: current + crate::configs::ClaimOpenDeadline::get(),
				seed_block,
				challenges: market_primitives::claims::challenge_indices(
					&seed,
					&(id, &charlie, 0 as RoundIndex, 100u32),
					100,
					count,
				),
				failed: false,
			}
		);
		assert_eq!(info.challenges.len(), count.min(100) as usize);
		// Another round or provider has none.
		assert_eq!(api!(commitment(id, charlie, 1)), Err(MarketApiError::NoCommitment));
		assert_eq!(api!(commitment(id, alice, 0)), Err(MarketApiError::NoCommitment));
	});
}
