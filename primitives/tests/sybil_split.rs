//! Issue 14, sequence 3: does splitting stake over many identities win more
//! seats than the stake's share? A Monte-Carlo run over the draws a client
//! and the runtime make ([`draw_seats`], with replacement, for gateways and
//! committees) against the distinct draws used before ([`sample`], without
//! replacement).
//!
//! An adversary holds a fraction `f` of the stake split evenly over `k`
//! identities; honest stake is split evenly over `H` identities. Over
//! `TRIALS` seeds, the adversary's average number of the `n` seats must be
//! `f · n` within five standard errors, for every `f`, `k` and `H`.
//!
//! `cargo test -p market-primitives --release --test sybil_split -- --nocapture`
//! prints the table before (distinct draws) and after (seats).

use market_primitives::sampling::{draw_seats, sample, MemoryTree, GATEWAYS};

const TRIALS: u32 = 400;
/// Total stake: divisible by every split below.
const TOTAL: u128 = 3_000_000_000_000_000;

fn seed(trial: u32) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(&trial.to_le_bytes())
}

/// Weights of `k` adversarial identities (slots `1..=k`) holding `f` of
/// the stake, then `h` honest ones.
fn weights(f_num: u128, f_den: u128, k: u32, h: u32) -> Vec<u128> {
	let adversary = TOTAL * f_num / f_den;
	let honest = TOTAL - adversary;
	let mut w = vec![adversary / u128::from(k); k as usize];
	w.extend(vec![honest / u128::from(h); h as usize]);
	w
}

/// Average adversarial seats with seats drawn with replacement, and with
/// distinct draws.
fn average_seats(tree: &MemoryTree, k: u32, n: u32) -> (f64, f64) {
	let (mut seats, mut distinct) = (0u64, 0u64);
	for trial in 0..TRIALS {
		let s = seed(trial);
		seats += draw_seats(tree, &s, &GATEWAYS, n, None).iter().filter(|slot| **slot <= k).count()
			as u64;
		distinct += sample(tree, &s, &GATEWAYS, n).iter().filter(|slot| **slot <= k).count() as u64;
	}
	(seats as f64 / f64::from(TRIALS), distinct as f64 / f64::from(TRIALS))
}

#[test]
fn splitting_stake_wins_no_seats() {
	let n = 32u32;
	eprintln!("n = {n} seats, {TRIALS} seeds per row");
	eprintln!("  f     k     H  | share f·n | before (distinct) | after (seats)");
	for (f_num, f_den) in [(1u128, 10u128), (1, 5), (1, 3)] {
		let f = f_num as f64 / f_den as f64;
		let share = f * f64::from(n);
		let stderr = (f64::from(n) * f * (1.0 - f) / f64::from(TRIALS)).sqrt();
		for h in [1u32, 5, 15, 100] {
			for k in [1u32, 10, 100, 1_000] {
				let tree = MemoryTree::from_weights(&weights(f_num, f_den, k, h));
				let (after, before) = average_seats(&tree, k, n);
				eprintln!("{f:5.3} {k:5} {h:4}  | {share:9.2} | {before:17.2} | {after:13.2}");
				assert!(
					(after - share).abs() <= 5.0 * stderr,
					"f {f} k {k} H {h}: {after} seats against a share of {share}"
				);
				// Before: with fewer honest identities than seats, the
				// adversary got at least every seat the honest ones could
				// not fill, far above its share.
				if k + h > n && h < n {
					assert!(before >= f64::from(n - h) - 1e-9, "f {f} k {k} H {h}: {before}");
				}
			}
		}
	}
}

/// The committee's 16 seats, the same way.
#[test]
fn splitting_stake_wins_no_committee_seats() {
	let n = 16u32;
	for (f_num, f_den) in [(1u128, 5u128), (1, 3)] {
		let f = f_num as f64 / f_den as f64;
		let stderr = (f64::from(n) * f * (1.0 - f) / f64::from(TRIALS)).sqrt();
		for (k, h) in [(1u32, 5u32), (1_000, 5), (1_000, 15), (100, 100)] {
			let tree = MemoryTree::from_weights(&weights(f_num, f_den, k, h));
			let (after, _) = average_seats(&tree, k, n);
			assert!((after - f * f64::from(n)).abs() <= 5.0 * stderr, "f {f} k {k} H {h}: {after}");
		}
	}
}
