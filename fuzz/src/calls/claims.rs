//! Service claims: attested claims signed by the drawn committee, Merkle
//! commitments (honest or inflated) opened against their challenges or
//! left to expire, and Root's claim parameters.

use super::{quorum, root, signed, Gen, Step};
use crate::actors::{keys, Actor};
use arbitrary::Result;
use frame_support::BoundedVec;
use market_primitives::{
	claims::{
		client::{sign_receipt, SignedReceipt},
		sort_receipts, statement_payload, ClaimStatement, RangeTree,
	},
	escrow::{PolicyId, PriceModel},
	RoundIndex,
};
use market_runtime::{AccountId, Runtime, RuntimeCall, ServiceClaims, UNIT};
use pallet_service_claims::{Call, Opening, Parameters};
use sp_core::Pair;

/// A commitment the fuzzer made, with the receipts behind its root.
#[derive(Clone)]
pub struct Committed {
	/// The policy.
	pub policy: PolicyId,
	/// The committing provider.
	pub provider: AccountId,
	/// The round served.
	pub round: RoundIndex,
	/// The signed receipts, sorted, as the tree's leaves.
	pub receipts: Vec<SignedReceipt<AccountId>>,
	/// The tree over them.
	pub tree: RangeTree,
}

pub(super) fn next(g: &mut Gen) -> Result<Step> {
	Ok(match g.u.int_in_range(0..=19u8)? {
		0..=4 => attested(g)?,
		5..=10 => commit(g)?,
		11..=16 => open(g)?,
		17 | 18 => {
			let (policy, provider, round) = match remembered(g)? {
				Some(c) => (c.policy, c.provider, c.round),
				None => (g.policy()?, g.provider()?.account.clone(), g.round()?),
			};
			let who = g.actor()?;
			signed(
				&who.account,
				RuntimeCall::ServiceClaims(Call::expire_claim { policy, provider, round }),
			)
		},
		_ => parameters(g)?,
	})
}

/// A per-request policy that exists, with a round of it whose report
/// window has closed (claims are paid only then) most of the time, or any
/// round of it that has started; any policy and round otherwise. Also
/// returns the policy's cap (requests paid per provider and round).
fn policy_and_round(g: &mut Gen) -> Result<(PolicyId, RoundIndex, u32)> {
	let current = g.current_round();
	let live: Vec<(PolicyId, RoundIndex, RoundIndex, u32)> = pallet_policy_escrow::Policies::<
		Runtime,
	>::iter()
	.filter(|(_, p)| p.start <= current)
	.filter_map(|(id, p)| match p.price {
		PriceModel::PerRequest { cap, .. } => Some((id, p.start, p.end.min(current + 1), cap)),
		PriceModel::PerRound { .. } => None,
	})
	.collect();
	if live.is_empty() || g.chance(15)? {
		return Ok((g.policy()?, g.round()?, 100));
	}
	let (id, start, end, cap) = *g.u.choose(&live)?;
	let settled = current
		.saturating_sub(<Runtime as pallet_provider_staking::Config>::MaxReportAge::get() + 1);
	let last = if g.chance(70)? { end.min(settled + 1) } else { end };
	let round = if last > start { g.u.int_in_range(start..=last - 1)? } else { start };
	Ok((id, round, cap))
}

/// A provider of `policy` mostly, any provider otherwise.
fn claimant(g: &mut Gen, policy: PolicyId) -> Result<&'static Actor> {
	let of_policy = pallet_policy_escrow::Policies::<Runtime>::get(policy)
		.map(|p| p.providers.into_iter().map(|p| p.account).collect::<Vec<_>>())
		.unwrap_or_default();
	let known: Vec<&'static Actor> =
		of_policy.iter().filter_map(|a| keys().index.get(a).map(|&i| &keys().actors[i])).collect();
	if known.is_empty() || g.chance(10)? {
		g.provider()
	} else {
		g.u.choose(&known).copied()
	}
}

/// A claim of `served` requests attested by the claimant's committee.
fn attested(g: &mut Gen) -> Result<Step> {
	let (policy, round, cap) = policy_and_round(g)?;
	let provider = claimant(g, policy)?;
	let served = g.count(cap)?;
	let members = if round <= g.current_round() {
		ServiceClaims::committee(round, &provider.account)
	} else {
		Vec::new()
	};
	// Sometimes the committee signs a smaller count than the one claimed.
	let attested = if g.chance(8)? { served / 2 } else { served };
	let statement =
		ClaimStatement { policy, provider: provider.account.clone(), round, served: attested };
	let domain = ServiceClaims::signing_domain();
	let threshold = ServiceClaims::parameters().committee_threshold;
	let list = quorum::signatures(g, &members, threshold, |pair| {
		pair.sign(&statement_payload(&domain, &statement))
	})?;
	Ok(signed(
		&provider.account,
		RuntimeCall::ServiceClaims(Call::submit_attested_claim {
			policy,
			round,
			served,
			signatures: BoundedVec::truncate_from(list),
		}),
	))
}

/// A commitment to receipts the fuzzer signs with the policy's requester
/// keys (or keys the policy does not authorize), claiming their number or
/// more (an inflated claim its challenges should catch).
fn commit(g: &mut Gen) -> Result<Step> {
	let (policy, round, cap) = policy_and_round(g)?;
	let provider = claimant(g, policy)?;
	let authorized = pallet_policy_escrow::Policies::<Runtime>::get(policy)
		.map(|p| p.requesters.into_inner())
		.unwrap_or_default();
	let domain = ServiceClaims::signing_domain();
	let n = g.u.int_in_range(1..=u64::from(cap.clamp(1, 24)))?;
	let authorized: Vec<_> =
		keys().requesters.iter().filter(|p| authorized.contains(&p.public())).collect();
	let mut receipts = Vec::with_capacity(n as usize);
	for nonce in 0..n {
		let requester = if !authorized.is_empty() && g.chance(95)? {
			*g.u.choose(&authorized)?
		} else {
			g.u.choose(&keys().requesters)?
		};
		receipts.push(sign_receipt(
			requester,
			&domain,
			policy,
			round,
			provider.account.clone(),
			nonce,
			[nonce as u8; 32],
			[nonce as u8 ^ 0xff; 32],
		));
	}
	let mut plain: Vec<_> = receipts.iter().map(|r| r.receipt.clone()).collect();
	sort_receipts(&mut plain);
	receipts.sort_by_key(|r| r.receipt.sort_key());
	let Some(tree) = RangeTree::from_receipts(&plain) else {
		return Ok(Step::EndBlock);
	};
	let honest = tree.len();
	let served = match g.u.int_in_range(0..=9u8)? {
		0 => honest * 2,
		1 => honest + 1,
		2 => 0,
		3 => u32::MAX,
		_ => honest,
	};
	let committed_root = if g.chance(5)? { g.bytes32()? } else { tree.root() };
	Gen::remember(
		&mut g.memory.commitments,
		Committed { policy, provider: provider.account.clone(), round, receipts, tree },
	);
	Ok(signed(
		&provider.account,
		RuntimeCall::ServiceClaims(Call::commit_claim {
			policy,
			round,
			root: committed_root,
			served,
		}),
	))
}

fn remembered(g: &mut Gen) -> Result<Option<Committed>> {
	if g.memory.commitments.is_empty() || g.chance(10)? {
		return Ok(None);
	}
	let commitments = g.memory.commitments.clone();
	Ok(Some(g.pick(&commitments)?))
}

/// Openings of a remembered commitment at the challenged indices (once
/// drawn): each receipt with its path, a leaf past the tree (an inflated
/// claim) opened with the last one, and now and then an opening dropped,
/// a path cut short or the openings swapped.
fn open(g: &mut Gen) -> Result<Step> {
	let Some(c) = remembered(g)? else {
		let who = g.provider()?;
		let (policy, round) = (g.policy()?, g.round()?);
		return Ok(signed(
			&who.account,
			RuntimeCall::ServiceClaims(Call::open_claim {
				policy,
				round,
				openings: BoundedVec::new(),
			}),
		));
	};
	let challenges =
		pallet_service_claims::Commitments::<Runtime>::get((c.policy, &c.provider, c.round))
			.and_then(|commitment| {
				ServiceClaims::challenges(c.policy, &c.provider, c.round, &commitment)
			})
			.unwrap_or_else(|| vec![0]);
	let mut openings = Vec::with_capacity(challenges.len());
	for index in challenges {
		let leaf = index.min(c.tree.len().saturating_sub(1));
		let Some(signed_receipt) = c.receipts.get(leaf as usize) else { continue };
		let proof = c.tree.proof(leaf).unwrap_or_default();
		openings.push(Opening {
			receipt: signed_receipt.receipt.clone(),
			signature: signed_receipt.signature,
			proof: BoundedVec::truncate_from(proof),
		});
	}
	match g.u.int_in_range(0..=9u8)? {
		0 => {
			openings.pop();
		},
		1 => {
			if let Some(o) = openings.first_mut() {
				let mut proof = o.proof.clone().into_inner();
				proof.pop();
				o.proof = BoundedVec::truncate_from(proof);
			}
		},
		2 => openings.reverse(),
		_ => {},
	}
	let caller = if g.chance(92)? { c.provider.clone() } else { g.account()? };
	Ok(signed(
		&caller,
		RuntimeCall::ServiceClaims(Call::open_claim {
			policy: c.policy,
			round: c.round,
			openings: BoundedVec::truncate_from(openings),
		}),
	))
}

/// Claim parameters around their valid ranges (see the pallet's
/// `Parameters`).
fn parameters(g: &mut Gen) -> Result<Step> {
	let size_bound = <Runtime as pallet_service_claims::Config>::CommitteeSize::get();
	let committee_size = g.pick(&[0, 1, 3, 16, size_bound, size_bound + 1])?;
	let committee_threshold = g.pick(&[
		0,
		committee_size / 2,
		committee_size / 2 + 1,
		committee_size * 2 / 3 + 1,
		committee_size,
		committee_size + 1,
	])?;
	let count_bound = <Runtime as pallet_service_claims::Config>::ChallengeCount::get();
	let challenge_count = g.pick(&[0, 1, 8, count_bound, count_bound + 1])?;
	let open_deadline = g.pick(&[0, 1, 4, 8, 100, RoundIndex::MAX])?;
	let claim_slash = g.pick(&[0, UNIT, 1_000 * UNIT, u128::MAX])?;
	Ok(root(RuntimeCall::ServiceClaims(Call::set_parameters {
		parameters: Parameters {
			committee_size,
			committee_threshold,
			challenge_count,
			open_deadline,
			claim_slash,
		},
	})))
}
