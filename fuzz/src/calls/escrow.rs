//! Policy escrow: creating policies (explicit or sampled providers, either
//! price model), claiming fees, refunds, revocation and reaping.

use super::{signed, Gen, Step};
use crate::actors::keys;
use arbitrary::Result;
use frame_support::BoundedVec;
use market_primitives::{
	escrow::{PolicyId, PriceModel},
	RoundIndex,
};
use market_runtime::{AccountId, Balance, Runtime, RuntimeCall, UNIT};
use pallet_policy_escrow::{Call, ProviderChoice};
use sp_core::Pair;

type Policy = pallet_policy_escrow::Policy<Runtime>;

pub(super) fn next(g: &mut Gen) -> Result<Step> {
	let step = match g.u.int_in_range(0..=9u8)? {
		0..=3 => create(g)?,
		4 | 5 => {
			let policy = g.policy()?;
			let who = match read(policy) {
				Some(p) if !p.providers.is_empty() && g.chance(80)? => {
					g.pick(&p.providers)?.account
				},
				_ => g.provider()?.account.clone(),
			};
			signed(&who, RuntimeCall::PolicyEscrow(Call::claim_fees { policy }))
		},
		6 => {
			let policy = g.policy()?;
			let (who, provider) = match read(policy) {
				Some(p) if !p.providers.is_empty() && g.chance(80)? => {
					let owner = if g.chance(70)? { p.owner.clone() } else { g.account()? };
					(owner, g.pick(&p.providers)?.account)
				},
				_ => (g.account()?, g.account()?),
			};
			signed(&who, RuntimeCall::PolicyEscrow(Call::refund_unearned { policy, provider }))
		},
		7 => {
			let policy = g.policy()?;
			let who = owner_or_anyone(g, policy)?;
			signed(&who, RuntimeCall::PolicyEscrow(Call::revoke_policy { policy }))
		},
		_ => {
			let policy = g.policy()?;
			let who = owner_or_anyone(g, policy)?;
			signed(&who, RuntimeCall::PolicyEscrow(Call::reap_policy { policy }))
		},
	};
	Ok(step)
}

fn read(policy: PolicyId) -> Option<Policy> {
	pallet_policy_escrow::Policies::<Runtime>::get(policy)
}

fn owner_or_anyone(g: &mut Gen, policy: PolicyId) -> Result<AccountId> {
	match read(policy) {
		Some(p) if g.chance(75)? => Ok(p.owner),
		_ => g.account(),
	}
}

/// A policy: half the time a plausible one (a funded owner, providers in
/// the current round, a short policy starting next round, a modest price,
/// requester keys), so that claims, settlements and refunds have policies
/// to work on; otherwise one with arguments from anywhere in their range:
/// repeated or unknown providers, sampled counts past the bound, starts in
/// the past, lengths from zero to `MAX`, prices from zero to `MAX`.
fn create(g: &mut Gen) -> Result<Step> {
	if g.chance(50)? {
		plausible(g)
	} else {
		wild(g)
	}
}

fn plausible(g: &mut Gen) -> Result<Step> {
	let rich: Vec<_> = keys().actors.iter().filter(|a| a.free() > 10_000 * UNIT).collect();
	let owner = if rich.is_empty() { g.actor()? } else { *g.u.choose(&rich)? };
	let current = g.current_round();
	let in_round: Vec<AccountId> = keys()
		.actors
		.iter()
		.filter(|a| market_runtime::ProviderStaking::stake_in(&a.account, current) > 0)
		.map(|a| a.account.clone())
		.collect();
	let providers = if in_round.is_empty() || g.chance(25)? {
		ProviderChoice::Sampled(g.u.int_in_range(1..=3)?)
	} else {
		let n = g.u.int_in_range(1..=in_round.len().min(3))?;
		let start = g.u.int_in_range(0..=in_round.len() - n)?;
		ProviderChoice::Explicit(BoundedVec::truncate_from(in_round[start..start + n].to_vec()))
	};
	let start = current + g.u.int_in_range(0..=1)?;
	let rounds = g.u.int_in_range(1..=6)?;
	let price = if g.chance(50)? {
		PriceModel::PerRound { price: g.pick(&[UNIT / 100, UNIT / 10, UNIT])? }
	} else {
		PriceModel::PerRequest { price: UNIT / 100, cap: g.pick(&[10, 50, 100])? }
	};
	let n = g.u.int_in_range(1..=keys().requesters.len())?;
	Ok(create_call(&owner.account, providers, start, rounds, price, n))
}

fn wild(g: &mut Gen) -> Result<Step> {
	let owner = g.actor()?;
	let max_providers = <Runtime as pallet_policy_escrow::Config>::MaxPolicyProviders::get();
	let providers = if g.chance(70)? {
		let n = g.u.int_in_range(1..=5usize)?;
		let mut chosen = Vec::with_capacity(n);
		for _ in 0..n {
			chosen.push(if g.chance(90)? { g.provider()?.account.clone() } else { g.account()? });
		}
		ProviderChoice::Explicit(BoundedVec::truncate_from(chosen))
	} else {
		ProviderChoice::Sampled(g.pick(&[0, 1, 2, 3, 4, max_providers, max_providers + 1])?)
	};
	let current = g.current_round();
	let start = match g.u.int_in_range(0..=5u8)? {
		0 => current,
		1 | 2 => current + 1,
		3 => current + 2,
		_ => g.round()?,
	};
	let max_rounds = <Runtime as pallet_policy_escrow::Config>::MaxPolicyRounds::get();
	let rounds = g.pick(&[0, 1, 2, 3, 8, max_rounds, max_rounds + 1, u32::MAX])?;
	let price = if g.chance(50)? {
		PriceModel::PerRound { price: price(g)? }
	} else {
		PriceModel::PerRequest { price: price(g)?, cap: g.pick(&[0, 1, 10, 100, u32::MAX])? }
	};
	let n = g.u.int_in_range(0..=keys().requesters.len())?;
	Ok(create_call(&owner.account, providers, start, rounds, price, n))
}

/// `create_policy` by `owner`, authorizing the first `requesters` of the
/// fuzzer's requester keys.
fn create_call(
	owner: &AccountId,
	providers: ProviderChoice<
		AccountId,
		<Runtime as pallet_policy_escrow::Config>::MaxPolicyProviders,
	>,
	start: RoundIndex,
	rounds: u32,
	price: PriceModel<Balance>,
	requesters: usize,
) -> Step {
	let requesters = BoundedVec::truncate_from(
		keys().requesters.iter().take(requesters).map(|p| p.public()).collect::<Vec<_>>(),
	);
	signed(
		owner,
		RuntimeCall::PolicyEscrow(Call::create_policy {
			providers,
			start,
			rounds,
			price,
			requesters,
		}),
	)
}

fn price(g: &mut Gen) -> Result<Balance> {
	g.pick(&[0, 1, UNIT / 1_000, UNIT / 10, UNIT, 1_000 * UNIT, Balance::MAX])
}
