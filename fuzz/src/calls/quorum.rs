//! Signature lists of a drawn quorum (availability's gateways, service
//! claims' committee), honest or tampered with.

use super::Gen;
use crate::actors::keys;
use arbitrary::Result;
use market_runtime::{AccountId, Runtime};
use sp_core::sr25519;

/// `(index, signature)` pairs for the drawn `members` (account and seats,
/// in draw order), each signed by the member's registered operator key
/// when the fuzzer holds it. Mostly every member signs; otherwise members
/// are dropped until the seats are just short of `threshold`, one
/// signature is corrupted, an index repeats, or the order is reversed.
pub(super) fn signatures(
	g: &mut Gen,
	members: &[(AccountId, u32)],
	threshold: u32,
	sign: impl Fn(&sr25519::Pair) -> sr25519::Signature,
) -> Result<Vec<(u32, sr25519::Signature)>> {
	let mut list: Vec<(u32, sr25519::Signature, u32)> = Vec::new();
	for (index, (member, seats)) in members.iter().enumerate() {
		let Some(key) = pallet_provider_staking::OperatorKeys::<Runtime>::get(member) else {
			continue;
		};
		let Some(pair) = keys().operators.get(&AccountId::from(key)) else { continue };
		list.push((index as u32, sign(pair), *seats));
	}
	match g.u.int_in_range(0..=9u8)? {
		// Just short of the threshold.
		0 => {
			let mut seats: u32 = list.iter().map(|(_, _, s)| s).sum();
			while seats >= threshold {
				match list.pop() {
					Some((_, _, s)) => seats -= s,
					None => break,
				}
			}
		},
		1 => {
			if let Some(entry) = list.first_mut() {
				entry.1 = sr25519::Signature::from_raw(g.u.arbitrary()?);
			}
		},
		2 => {
			if let Some(first) = list.first().cloned() {
				list.push(first);
			}
		},
		3 => list.reverse(),
		// A signer index past the list.
		4 => {
			if let Some(entry) = list.last_mut() {
				entry.0 = members.len() as u32;
			}
		},
		_ => {},
	}
	Ok(list.into_iter().map(|(i, s, _)| (i, s)).collect())
}
