//! Provider staking: bonding, locks, operator keys, round commitments,
//! unbonding and reward claims.

use super::{signed, Gen, Step};
use arbitrary::Result;
use market_primitives::{domain::operator_pop_payload, RoundIndex};
use market_runtime::{ProviderStaking, Runtime, RuntimeCall};
use pallet_provider_staking::Call;
use sp_core::{sr25519, Pair};

pub(super) fn next(g: &mut Gen) -> Result<Step> {
	let who = g.actor()?;
	let active = pallet_provider_staking::Ledgers::<Runtime>::get(&who.account)
		.map(|l| l.active)
		.unwrap_or_default();
	let call = match g.u.int_in_range(0..=11u8)? {
		0 | 1 => Call::bond { amount: g.amount(who.free())?, lock_rounds: lock(g)? },
		2 => Call::bond_extra { amount: g.amount(who.free())? },
		3 => Call::extend_lock { lock_rounds: lock(g)? },
		4 => {
			let (key, proof) = operator_proof(g, who)?;
			Call::set_operator { key, proof }
		},
		5 | 6 => Call::commit_to_next_round {},
		7 => Call::commit_displacing { displace: g.provider()?.account.clone() },
		8 => Call::chill {},
		9 => Call::unbond { amount: g.amount(active)? },
		10 => Call::withdraw_unbonded {},
		_ => Call::claim_rewards { provider: g.provider()?.account.clone() },
	};
	Ok(signed(&who.account, RuntimeCall::ProviderStaking(call)))
}

/// Lock lengths around the minimum, the genesis providers' lock and the
/// longest policies, and absurd ones.
fn lock(g: &mut Gen) -> Result<RoundIndex> {
	let min = <Runtime as pallet_provider_staking::Config>::MinLockRounds::get();
	let max_policy = <Runtime as pallet_policy_escrow::Config>::MaxPolicyRounds::get();
	g.pick(&[0, min - 1, min, min + 1, 100, max_policy + min, RoundIndex::MAX])
}

/// A key and its proof of possession: mostly the caller's own operator key
/// with a valid proof; sometimes another actor's key (already registered
/// to someone else, or proving for the wrong stash) or a bad signature.
fn operator_proof(
	g: &mut Gen,
	who: &crate::actors::Actor,
) -> Result<(sr25519::Public, sr25519::Signature)> {
	let domain = ProviderStaking::signing_domain();
	let owner = if g.chance(75)? { who } else { g.actor()? };
	let key = owner.operator.public();
	let proof = match g.u.int_in_range(0..=9u8)? {
		// Proves the key for another stash: must not register.
		0 => owner.operator.sign(&operator_pop_payload(&domain, &g.actor()?.account)),
		// Signed by the stash key instead of the operator key.
		1 => who.pair.sign(&operator_pop_payload(&domain, &who.account)),
		2 => sr25519::Signature::from_raw(g.u.arbitrary()?),
		_ => owner.operator.sign(&operator_pop_payload(&domain, &who.account)),
	};
	Ok((key, proof))
}
