//! Proofs of unavailability (the paper's "confirm availability" solution):
//! the round's gateway set, the statement the gateways sign, and the
//! arithmetic behind the gateway quorum.
//!
//! # Gateway set
//!
//! Round `r`'s gateways are the first [`DEFAULT_GATEWAYS_PER_ROUND`] (a
//! runtime parameter) distinct providers drawn from `r`'s seed over `r`'s
//! snapshot with the domain tag [`GATEWAYS`], by the iterated hashing of
//! [`crate::sampling`]: [`gateway_slots`]. Anyone can recompute it for any
//! round whose seed and snapshot are still in the history.
//!
//! Unlike the paper, which maps each hash to a provider *index* uniformly,
//! each draw picks a provider with probability proportional to its stake.
//! With uniform draws an adversary could split its stake into many minimal
//! identities (Sybils) and win most gateway seats with little stake; with
//! stake-weighted draws splitting a stake into `k` identities leaves its
//! chance of being drawn unchanged, so it gains nothing.
//!
//! # Statement
//!
//! The gateways sign, each with its sr25519 operator key,
//! [`statement_payload`]: `SCALE(UNAVAILABILITY_CONTEXT, domain, statement)`
//! where the domain is the chain's [`SigningDomain`] with tag
//! [`AVAILABILITY_TAG`] and version [`AVAILABILITY_PAYLOAD_VERSION`], and the
//! statement is an [`UnavailabilityStatement`] (accused provider, round,
//! hash of the requester's complaint).
//!
//! # Quorum size
//!
//! With `n` gateways and a threshold of `t` signatures, an adversary holding
//! a fraction `f` of the stake draws on average `f·n` gateways. Treating the
//! draws as independent (exact for draws with replacement, and close to the
//! stake-weighted draws without replacement as long as no single provider
//! holds a large share of the stake), the number `X` of adversarial
//! gateways is binomial `B(n, f)`, and:
//!
//! - forgery (the adversary alone signs a false proof against an honest
//!   provider): `P[X ≥ t]`, see [`forgery_probability`];
//! - liveness failure (honest gateways cannot reach `t` signatures because
//!   more than `n − t` gateways are adversarial or offline):
//!   `P[X ≥ n − t + 1]`, see [`liveness_failure_probability`].
//!
//! A forged proof slashes an honest provider, while a failed proof only lets
//! an unavailable provider escape for one round (it can be reported again
//! for the next one), so the defaults favour safety: `n = 32`, `t = 21`
//! (about two thirds).
//!
//! | f    | forgery `P[X ≥ 21]` | liveness failure `P[X ≥ 12]` |
//! |------|---------------------|------------------------------|
//! | 1/10 | 4.29e-14            | 3.30e-5                      |
//! | 1/5  | 2.65e-8             | 1.67e-2                      |
//! | 1/3  | 1.88e-4             | 3.70e-1                      |
//!
//! The values are checked by this module's tests to 3 significant digits.

extern crate alloc;
pub use crate::sampling::GATEWAYS;
use crate::{
	domain::{SigningDomain, AVAILABILITY_TAG},
	sampling::{self, StakeTree},
	RoundIndex,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Version of the availability pallet's signed payloads.
pub const AVAILABILITY_PAYLOAD_VERSION: u8 = 1;

/// Context string of an unavailability statement: 21 raw bytes (no length
/// prefix in SCALE).
pub const UNAVAILABILITY_CONTEXT: [u8; 21] = *b"market/unavailability";

/// Suggested number of gateways per round (see the module docs).
pub const DEFAULT_GATEWAYS_PER_ROUND: u32 = 32;

/// Suggested number of gateway signatures a proof needs (see the module docs).
pub const DEFAULT_GATEWAY_THRESHOLD: u32 = 21;

/// What a quorum of gateways signs: `provider` did not answer a request in
/// `round`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct UnavailabilityStatement<AccountId> {
	/// The accused provider (its stash account).
	pub provider: AccountId,
	/// The round in which it did not answer.
	pub round: RoundIndex,
	/// `blake2_256` of the requester's complaint (the request forwarded to
	/// the gateways), binding the proof to one complaint.
	pub complaint_hash: [u8; 32],
}

/// The availability signing domain on the chain of `genesis_hash`.
pub const fn signing_domain(genesis_hash: [u8; 32]) -> SigningDomain {
	SigningDomain::new(genesis_hash, AVAILABILITY_TAG, AVAILABILITY_PAYLOAD_VERSION)
}

/// Bytes a gateway signs: `SCALE(UNAVAILABILITY_CONTEXT, domain, statement)`.
///
/// For a 32-byte account id this is 21 + 41 + 32 + 4 + 32 = 130 bytes.
pub fn statement_payload<AccountId: Encode>(
	domain: &SigningDomain,
	statement: &UnavailabilityStatement<AccountId>,
) -> Vec<u8> {
	domain.signing_payload(&UNAVAILABILITY_CONTEXT, statement)
}

/// The snapshot slots of a round's `n` gateways, in draw order, from the
/// round's stake tree and seed: [`sampling::sample`] with the [`GATEWAYS`]
/// tag. Fewer if fewer providers have stake.
pub fn gateway_slots<T: StakeTree + ?Sized>(tree: &T, seed: &[u8; 32], n: u32) -> Vec<u32> {
	sampling::sample(tree, seed, &GATEWAYS, n)
}

/// `P[X ≥ k]` for `X ~ B(n, num/den)`, exactly, as the fraction
/// `(numerator, den^n)`; `None` on overflow (`den^n` must fit in a `u128`:
/// e.g. `n ≤ 38` for `den = 10`) or if `num > den`.
pub fn binomial_tail(n: u32, k: u32, num: u128, den: u128) -> Option<(u128, u128)> {
	if num > den || den == 0 {
		return None;
	}
	let denominator = den.checked_pow(n)?;
	let rest = den.checked_sub(num)?;
	let mut numerator = 0u128;
	let mut choose = 1u128; // C(n, i)
	for i in 0..=n {
		if i >= k {
			let term = choose
				.checked_mul(num.checked_pow(i)?)?
				.checked_mul(rest.checked_pow(n.checked_sub(i)?)?)?;
			numerator = numerator.checked_add(term)?;
		}
		// C(n, i + 1) = C(n, i) * (n - i) / (i + 1), exact.
		choose = choose.checked_mul(u128::from(n.saturating_sub(i)))? / u128::from(i + 1);
	}
	Some((numerator, denominator))
}

/// Probability, as a fraction, that an adversary with stake fraction
/// `num/den` holds at least `threshold` of `gateways` seats and can sign a
/// proof alone.
pub fn forgery_probability(
	gateways: u32,
	threshold: u32,
	num: u128,
	den: u128,
) -> Option<(u128, u128)> {
	binomial_tail(gateways, threshold, num, den)
}

/// Probability, as a fraction, that more than `gateways − threshold` seats
/// are adversarial (or offline, for a fraction `num/den` of offline stake),
/// so the honest gateways cannot reach `threshold`.
pub fn liveness_failure_probability(
	gateways: u32,
	threshold: u32,
	num: u128,
	den: u128,
) -> Option<(u128, u128)> {
	binomial_tail(gateways, gateways.checked_sub(threshold)?.checked_add(1)?, num, den)
}

/// Client helpers: a gateway signing statements with its operator key, and
/// the signature list a report carries.
#[cfg(feature = "std")]
pub mod client {
	use super::*;
	use sp_core::{sr25519, Pair};

	/// `operator`'s signature of `statement` in `domain`: what a gateway
	/// contributes to a proof of unavailability.
	pub fn sign_statement<AccountId: Encode>(
		operator: &sr25519::Pair,
		domain: &SigningDomain,
		statement: &UnavailabilityStatement<AccountId>,
	) -> sr25519::Signature {
		operator.sign(&statement_payload(domain, statement))
	}

	/// Whether `signature` is `key`'s signature of `statement` in `domain`:
	/// the check `report_unavailable` makes for each gateway.
	pub fn verify_statement<AccountId: Encode>(
		key: &sr25519::Public,
		domain: &SigningDomain,
		statement: &UnavailabilityStatement<AccountId>,
		signature: &sr25519::Signature,
	) -> bool {
		sr25519::Pair::verify(signature, statement_payload(domain, statement), key)
	}

	/// Two signatures claim the same signer index.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub struct RepeatedIndex(pub u32);

	impl core::fmt::Display for RepeatedIndex {
		fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
			write!(f, "signer index {} appears twice", self.0)
		}
	}

	impl std::error::Error for RepeatedIndex {}

	/// `(signer index, signature)` pairs in the order the pallets demand
	/// (strictly increasing index), for `report_unavailable` and
	/// service-claims' `submit_attested_claim` alike. Identical repeated
	/// pairs are merged; two signatures for one index are refused, since
	/// the pallet would refuse them.
	pub fn signature_list(
		mut signatures: Vec<(u32, sr25519::Signature)>,
	) -> Result<Vec<(u32, sr25519::Signature)>, RepeatedIndex> {
		signatures.sort_by_key(|(index, _)| *index);
		signatures.dedup();
		match signatures.windows(2).find(|pair| pair[0].0 == pair[1].0) {
			Some(pair) => Err(RepeatedIndex(pair[0].0)),
			None => Ok(signatures),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::sampling::MemoryTree;

	fn ratio((num, den): (u128, u128)) -> f64 {
		num as f64 / den as f64
	}

	/// Rounds to 3 significant digits.
	fn sig3(x: f64) -> f64 {
		let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
		(x * scale).round() / scale
	}

	#[test]
	fn documented_quorum_probabilities() {
		let (n, t) = (DEFAULT_GATEWAYS_PER_ROUND, DEFAULT_GATEWAY_THRESHOLD);
		// (f, forgery, liveness failure) as in the module docs.
		let table =
			[((1, 10), 4.29e-14, 3.30e-5), ((1, 5), 2.65e-8, 1.67e-2), ((1, 3), 1.88e-4, 3.70e-1)];
		for ((num, den), forge, live) in table {
			let f = forgery_probability(n, t, num, den).map(ratio);
			let l = liveness_failure_probability(n, t, num, den).map(ratio);
			assert_eq!(f.map(sig3), Some(forge), "forgery at {num}/{den}: {f:?}");
			assert_eq!(l.map(sig3), Some(live), "liveness at {num}/{den}: {l:?}");
		}
	}

	#[test]
	fn binomial_tail_edges() {
		assert_eq!(binomial_tail(4, 0, 1, 2), Some((16, 16)));
		assert_eq!(binomial_tail(4, 5, 1, 2), Some((0, 16)));
		// P[X >= 3] for B(4, 1/2) = (4 + 1) / 16.
		assert_eq!(binomial_tail(4, 3, 1, 2), Some((5, 16)));
		assert_eq!(binomial_tail(4, 1, 3, 2), None);
		assert_eq!(binomial_tail(60, 1, 1, 10), None);
	}

	#[test]
	fn statement_payload_layout_is_stable() {
		let domain = signing_domain([7u8; 32]);
		let statement =
			UnavailabilityStatement { provider: [9u8; 32], round: 5, complaint_hash: [3u8; 32] };
		let bytes = statement_payload(&domain, &statement);
		assert_eq!(bytes.len(), 130);
		assert_eq!(&bytes[..21], b"market/unavailability");
		assert_eq!(&bytes[21..53], &[7u8; 32]);
		assert_eq!(&bytes[53..61], b"availabl");
		assert_eq!(bytes[61], AVAILABILITY_PAYLOAD_VERSION);
		assert_eq!(&bytes[62..94], &[9u8; 32]);
		assert_eq!(&bytes[94..98], &5u32.to_le_bytes());
		assert_eq!(&bytes[98..], &[3u8; 32]);
	}

	#[test]
	fn gateways_use_their_own_domain() {
		let weights: Vec<u128> = (1..=50).map(|k| k * 10).collect();
		let tree = MemoryTree::from_weights(&weights);
		let seed = [4u8; 32];
		let gateways = gateway_slots(&tree, &seed, 8);
		assert_eq!(gateways, sampling::sample_linear(&weights, &seed, &GATEWAYS, 8));
		assert_ne!(gateways, sampling::sample(&tree, &seed, &sampling::COMMITTEE, 8));
	}

	#[test]
	fn signed_statements_pass_the_pallets_check() {
		use client::*;
		use sp_core::{sr25519, Pair};
		let gateway = sr25519::Pair::from_seed(&[1u8; 32]);
		let domain = signing_domain([7u8; 32]);
		let statement =
			UnavailabilityStatement { provider: [9u8; 32], round: 5, complaint_hash: [3u8; 32] };
		let signature = sign_statement(&gateway, &domain, &statement);
		// `report_unavailable` verifies with `sr25519_verify` over the payload.
		let payload = statement_payload(&domain, &statement);
		assert!(sr25519::Pair::verify(&signature, &payload, &gateway.public()));
		assert!(verify_statement(&gateway.public(), &domain, &statement, &signature));
		// Bound to the key, every field and the chain.
		let other = sr25519::Pair::from_seed(&[2u8; 32]);
		assert!(!verify_statement(&other.public(), &domain, &statement, &signature));
		for changed in [
			UnavailabilityStatement { round: 6, ..statement.clone() },
			UnavailabilityStatement { provider: [8u8; 32], ..statement.clone() },
			UnavailabilityStatement { complaint_hash: [4u8; 32], ..statement.clone() },
		] {
			assert!(!verify_statement(&gateway.public(), &domain, &changed, &signature));
		}
		let other_chain = signing_domain([6u8; 32]);
		assert!(!verify_statement(&gateway.public(), &other_chain, &statement, &signature));
	}

	#[test]
	fn signature_lists_are_strictly_increasing() {
		use client::*;
		use sp_core::{sr25519, Pair};
		let sig = |seed: u8| sr25519::Pair::from_seed(&[seed; 32]).sign(b"x");
		let (a, b, c) = (sig(1), sig(2), sig(3));
		let list = signature_list(vec![(7, c), (2, a), (5, b), (2, a)]).unwrap();
		assert_eq!(list, vec![(2, a), (5, b), (7, c)]);
		assert_eq!(signature_list(vec![(4, a), (4, b)]), Err(RepeatedIndex(4)));
		assert_eq!(signature_list(vec![]), Ok(vec![]));
	}
}
