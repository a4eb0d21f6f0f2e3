//! The arithmetic of seat quorums (gateways and committees), in floating
//! point for documentation, clients and tests: the runtime never calls it.
//!
//! Seats are drawn with replacement ([`crate::sampling::draw_seats`]), so
//! the seats of an adversary holding a fraction `f` of the stake in the
//! draw are exactly binomial `B(n, f)`, however that stake is split over
//! identities. A quorum of `t` of `n` seats is forged with probability
//! `P[B(n, f) ≥ t]` ([`binomial_tail_f64`]).
//!
//! The drawn stake excludes the judged provider (the accused for gateways,
//! the claimant for committees), which changes the adversary's share:
//!
//! - gateways judge an honest accused: the adversary's share of the rest
//!   is `f / (1 − a)` for an accused holding `a` of the stake; with `N`
//!   providers of equal stake, [`gateway_adversary_share`];
//! - a committee attests the adversary's own claimant: its share of the
//!   rest is `(f − c) / (1 − c)` for a claimant holding `c`, at most `f`
//!   ([`committee_adversary_share`]).

/// `P[X ≥ k]` for `X ~ B(n, p)`.
pub fn binomial_tail_f64(n: u32, k: u32, p: f64) -> f64 {
	if k == 0 {
		return 1.0;
	}
	if k > n {
		return 0.0;
	}
	let q = 1.0 - p;
	let mut total = 0.0;
	// C(n, i) p^i q^(n-i), built term by term.
	let mut choose = 1.0f64;
	for i in 0..=n {
		if i >= k {
			let mut term = choose;
			for _ in 0..i {
				term *= p;
			}
			for _ in 0..(n - i) {
				term *= q;
			}
			total += term;
		}
		choose = choose * f64::from(n - i) / f64::from(i + 1);
	}
	total.min(1.0)
}

/// The share of the gateways' stake held by an adversary with a fraction
/// `f` of all stake when an honest provider is accused, among `providers`
/// of equal stake: `f · N / (N − 1)` (at most 1).
pub fn gateway_adversary_share(f: f64, providers: u32) -> f64 {
	if providers <= 1 {
		return 1.0;
	}
	let n = f64::from(providers);
	(f * n / (n - 1.0)).min(1.0)
}

/// The share of a committee's stake held by an adversary with a fraction
/// `f` of all stake when its own provider holding `claimant` of the stake
/// claims: `(f − c) / (1 − c)`, at most `f`.
pub fn committee_adversary_share(f: f64, claimant: f64) -> f64 {
	if claimant >= 1.0 {
		return 0.0;
	}
	((f - claimant) / (1.0 - claimant)).clamp(0.0, f)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn sig3(x: f64) -> f64 {
		let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
		(x * scale).round() / scale
	}

	#[test]
	fn tails_match_the_exact_fractions() {
		for (n, k, num, den) in [(32u32, 21u32, 1u128, 3u128), (16, 11, 1, 5), (4, 3, 1, 2)] {
			let (a, b) = crate::availability::binomial_tail(n, k, num, den).unwrap();
			let exact = a as f64 / b as f64;
			let float = binomial_tail_f64(n, k, num as f64 / den as f64);
			assert!((exact - float).abs() <= exact * 1e-9, "{n} {k}: {exact} {float}");
		}
		assert_eq!(binomial_tail_f64(8, 0, 0.3), 1.0);
		assert_eq!(binomial_tail_f64(8, 9, 0.3), 0.0);
	}

	#[test]
	fn shares_at_every_market_size() {
		assert_eq!(sig3(gateway_adversary_share(1.0 / 3.0, 4)), 0.444);
		assert_eq!(gateway_adversary_share(0.9, 2), 1.0);
		// The adversary's own claimant leaves it less of the committee.
		assert_eq!(sig3(committee_adversary_share(1.0 / 3.0, 0.25)), 0.111);
		assert_eq!(committee_adversary_share(1.0 / 3.0, 0.0), 1.0 / 3.0);
		assert_eq!(committee_adversary_share(0.1, 0.25), 0.0);
	}
}
