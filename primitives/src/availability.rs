//! Proofs of unavailability (the paper's "confirm availability" solution):
//! the gateway seats that judge an accused provider, the statement the
//! gateways sign, and the arithmetic behind the gateway quorum.
//!
//! # Gateway seats
//!
//! The gateways that judge provider `A` in round `r` hold `seats` seats
//! (a runtime parameter, [`DEFAULT_GATEWAY_SEATS`] by default) drawn *with
//! replacement* from `r`'s seed over `r`'s snapshot **without `A`**, with
//! the domain tag [`GATEWAYS`]: [`gateway_seats`], i.e.
//! [`sampling::draw_seats`]. A provider drawn `m` times holds `m` seats and
//! its one signature counts for all of them; a proof needs signatures
//! holding at least `threshold` seats. Anyone can recompute the seats for
//! any accused and any round whose seed and snapshot are still in the
//! history. Every accused has judges as soon as one other provider has
//! stake, so a market of any size, the development chain's four providers
//! included, can prove unavailability, and nobody is ever its own judge.
//!
//! The draw points do not depend on the accused: two accused providers of
//! a round are judged by nearly the same gateways, which lets a gateway
//! know its role for the whole round (only the seats that would have gone
//! to the accused move).
//!
//! Unlike the paper, which maps each hash to a provider *index* uniformly,
//! each seat goes to a provider with probability proportional to its stake,
//! and unlike distinct draws, the seats of an adversary are binomial in its
//! stake share whatever the number of identities it splits into: Sybils
//! gain nothing (see [`crate::sampling`]).
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
//! With `n` seats and a threshold of `t` seats, an adversary holding a
//! fraction `f` of the stake other than the accused's holds `X ~ B(n, f)`
//! seats, exactly (independent draws). So:
//!
//! - forgery (the adversary alone signs a false proof against an honest
//!   provider): `P[X ≥ t]`, see [`forgery_probability`];
//! - liveness failure (honest gateways cannot reach `t` seats because
//!   more than `n − t` seats are adversarial or offline):
//!   `P[X ≥ n − t + 1]`, see [`liveness_failure_probability`].
//!
//! A forged proof slashes an honest provider, while a failed proof only lets
//! an unavailable provider escape for one round (it can be reported again
//! for the next one), so the defaults favour safety: `n = 64`, `t = 43`
//! (two thirds).
//!
//! | f    | forgery `P[X ≥ 43]` | liveness failure `P[X ≥ 22]` |
//! |------|---------------------|------------------------------|
//! | 1/10 | 4.75e-28            | 1.20e-7                      |
//! | 1/5  | 3.78e-16            | 5.09e-3                      |
//! | 1/3  | 3.28e-8             | 4.76e-1                      |
//!
//! ## At every market size
//!
//! The accused's own stake is taken out of the draw, which raises an
//! adversary's share among the judges when the market is small: with `N`
//! providers of equal stake, an honest accused and an adversary holding a
//! third of all stake, the adversary holds `f' = (1/3) · N / (N − 1)` of the
//! judges' stake. Forgery probabilities with the default 64 seats and
//! threshold 43 (computed by [`crate::quorum`], checked by its tests):
//!
//! | providers `N` | adversary's share `f'` | forgery `P[B(64, f') ≥ 43]` |
//! |---------------|------------------------|-----------------------------|
//! | 4             | 0.444                  | 2.03e-4                     |
//! | 10            | 0.370                  | 9.66e-7                     |
//! | 100           | 0.337                  | 4.56e-8                     |
//! | 10,000        | 0.333                  | 3.29e-8                     |
//!
//! With 32 seats and threshold 21 (the parameters before seats were drawn
//! with replacement) the same column reads 1.29e-2, 9.66e-4, 2.20e-4 and
//! 1.88e-4. The values are checked by this module's and
//! [`crate::quorum`]'s tests to 3 significant digits.

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

/// Suggested number of gateway seats per accused (see the module docs).
pub const DEFAULT_GATEWAY_SEATS: u32 = 64;

/// Suggested number of seats whose signatures a proof needs (see the
/// module docs): two thirds of [`DEFAULT_GATEWAY_SEATS`].
pub const DEFAULT_GATEWAY_THRESHOLD: u32 = 43;

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

/// The gateways judging the provider in slot `accused` of a round: the
/// distinct slots holding its `seats` seats, in order of first draw, each
/// with its number of seats ([`sampling::draw_seats`] with the
/// [`GATEWAYS`] tag and `accused` excluded, grouped by
/// [`sampling::group_seats`]). A signature is submitted with its signer's
/// index in this list. Empty if nobody but the accused has stake.
pub fn gateway_seats<T: StakeTree + ?Sized>(
	tree: &T,
	seed: &[u8; 32],
	seats: u32,
	accused: u32,
) -> Vec<(u32, u32)> {
	sampling::group_seats(&sampling::draw_seats(tree, seed, &GATEWAYS, seats, Some(accused)))
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
	use crate::sampling::{MemoryTree, COMMITTEE};

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
		let (n, t) = (DEFAULT_GATEWAY_SEATS, DEFAULT_GATEWAY_THRESHOLD);
		// (f, forgery, liveness failure) as in the module docs.
		let table =
			[(0.1, 4.75e-28, 1.20e-7), (0.2, 3.78e-16, 5.09e-3), (1.0 / 3.0, 3.28e-8, 4.76e-1)];
		for (f, forge, live) in table {
			let forged = crate::quorum::binomial_tail_f64(n, t, f);
			let failed = crate::quorum::binomial_tail_f64(n, n - t + 1, f);
			assert_eq!(sig3(forged), forge, "forgery at {f}: {forged}");
			assert_eq!(sig3(failed), live, "liveness at {f}: {failed}");
		}
		// The exact rational form agrees where it fits in a u128.
		let exact = forgery_probability(32, 21, 1, 3).map(ratio).map(sig3);
		assert_eq!(exact, Some(1.88e-4));
	}

	#[test]
	fn documented_probabilities_at_every_market_size() {
		let (n, t) = (DEFAULT_GATEWAY_SEATS, DEFAULT_GATEWAY_THRESHOLD);
		let rows = [
			(4u32, 0.444, 2.03e-4, 1.29e-2),
			(10, 0.370, 9.66e-7, 9.66e-4),
			(100, 0.337, 4.56e-8, 2.20e-4),
			(10_000, 0.333, 3.29e-8, 1.88e-4),
		];
		for (providers, share, forge, forge_before) in rows {
			let f = crate::quorum::gateway_adversary_share(1.0 / 3.0, providers);
			assert_eq!((f * 1000.0).round() / 1000.0, share, "share at {providers}");
			assert_eq!(sig3(crate::quorum::binomial_tail_f64(n, t, f)), forge, "{providers}");
			assert_eq!(sig3(crate::quorum::binomial_tail_f64(32, 21, f)), forge_before);
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
	fn gateways_exclude_the_accused_and_use_their_own_domain() {
		let weights: Vec<u128> = (1..=50).map(|k| k * 10).collect();
		let tree = MemoryTree::from_weights(&weights);
		let seed = [4u8; 32];
		for accused in [1u32, 17, 50] {
			let gateways = gateway_seats(&tree, &seed, 64, accused);
			let linear = sampling::draw_seats_linear(&weights, &seed, &GATEWAYS, 64, Some(accused));
			assert_eq!(gateways, sampling::group_seats(&linear));
			assert!(gateways.iter().all(|(slot, _)| *slot != accused));
			assert_eq!(gateways.iter().map(|(_, seats)| seats).sum::<u32>(), 64);
			let committee = sampling::draw_seats(&tree, &seed, &COMMITTEE, 64, Some(accused));
			assert_ne!(linear, committee);
		}
		// Four providers, as in the development preset: the three others
		// hold every seat.
		let four = MemoryTree::from_weights(&[10, 10, 10, 10]);
		let judges = gateway_seats(&four, &seed, 64, 2);
		assert_eq!(judges.iter().map(|(_, seats)| seats).sum::<u32>(), 64);
		let mut slots: Vec<u32> = judges.iter().map(|(slot, _)| *slot).collect();
		slots.sort();
		assert_eq!(slots, vec![1, 3, 4]);
		// Alone in the snapshot, nobody judges.
		assert!(gateway_seats(&MemoryTree::from_weights(&[10]), &seed, 64, 1).is_empty());
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
