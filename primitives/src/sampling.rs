//! Stake-weighted draws from a round's snapshot.
//!
//! Two kinds of draw are made from a round's seed, each with its own
//! domain tag:
//!
//! - **Seats** ([`draw_seats`]): `n` independent draws *with replacement*.
//!   A provider drawn `m` times holds `m` seats, its one signature counts
//!   for all of them, and quorum thresholds are counted in seats. The
//!   number of seats an adversary gets is binomial `B(n, f)` in its stake
//!   fraction `f`, however the stake is split over identities: splitting
//!   gains nothing. The round's gateways and committees are drawn this
//!   way, always from the snapshot *without* the provider they judge (the
//!   accused, the claimant), so that nobody is its own judge.
//! - **Distinct providers** ([`sample`]): successive draws *without*
//!   replacement, for policies, which must be held by distinct providers.
//!   Sampling without replacement favours many small identities when `n`
//!   is close to the number of identities (an adversary with `k`
//!   identities gets at least `n - H` of `n` picks against `H` honest
//!   ones), which is why no quorum uses it; for a policy it only moves fee
//!   income, never a security decision.
//!
//! The runtime runs these functions over the snapshot kept in storage; a
//! client runs the same functions over an in-memory [`MemoryTree`] (or the
//! plain [`sample_linear`] / [`draw_seats_linear`] references) and gets
//! the same providers.
//!
//! # Snapshot layout
//!
//! A round's snapshot is a list of slots `1..=len` in the order providers
//! joined it, each with a weight (its stake, `0` once it left). The weights
//! are kept in a Fenwick (binary indexed) tree of `capacity` nodes, a power
//! of two at least `len`: node `i` holds the sum of the weights of slots
//! `(i - lowbit(i), i]`, where `lowbit(i) = i & -i`. Node `capacity` holds
//! the total. Updating one slot touches `log2(capacity) + 1` nodes and
//! finding a slot by prefix sum reads as many.
//!
//! # Seats (normative: clients must reproduce it bit for bit)
//!
//! Input: the round seed (32 bytes), a domain tag (8 bytes), `n`, and the
//! excluded slot `e` (the accused or the claimant; none for a plain draw).
//!
//! ```text
//! R := sum of all weights − weight(e)
//! seats := []
//! for i in 0 .. n:
//!     if R == 0: stop                 // nobody but `e` has stake
//!     h := blake2b_256(seed ‖ domain ‖ u32_le(i))   // 32 + 8 + 4 = 44 bytes
//!     x := u128_le(h[0..16]) mod R
//!     s := the smallest slot other than e such that the sum of the weights
//!          of the slots 1..=s other than e is greater than x
//!     seats.push(s)
//! return seats                        // in draw order, repeats included
//! ```
//!
//! [`group_seats`] turns the seats into the distinct providers in order of
//! first draw, each with its number of seats: signers of a quorum are named
//! by their index in that list.
//!
//! # Distinct providers (normative)
//!
//! ```text
//! drawn := []                         // slots already drawn
//! R := sum of all weights
//! for i in 0 .. n:
//!     if R == 0: stop                 // fewer than n providers with stake
//!     h := blake2b_256(seed ‖ domain ‖ u32_le(i))
//!     x := u128_le(h[0..16]) mod R
//!     s := the smallest slot not in `drawn` such that the sum of the weights
//!          of the slots 1..=s that are not in `drawn` is greater than x
//!     drawn.push(s); R := R - weight(s)
//! return drawn                        // in draw order
//! ```
//!
//! No draw is ever rejected, so the result of `n` draws is the first `n` of
//! `n + 1` draws (prefix-stable), for both kinds. Slots of weight 0 are
//! never drawn. The modulo bias is at most `R / 2^128`, negligible for any
//! token supply.
//!
//! The runtime finds `s` by descending the tree from the root, subtracting
//! the weights of the excluded or already drawn slots that fall under each
//! node (an in-memory overlay of at most `n` entries): `n` times
//! `log2(capacity) + 1` node reads in all, plus as many slot look-ups to map
//! slots to accounts.

extern crate alloc;
use alloc::vec::Vec;
use codec::Encode;
use sp_crypto_hashing::blake2_256;

/// Eight-byte tag separating the random choices made from one round seed.
pub type DomainTag = [u8; 8];

/// Providers that a policy asks to be sampled for it (policy escrow).
pub const POLICY_SAMPLING: DomainTag = *b"policies";
/// The round's gateways (availability).
pub const GATEWAYS: DomainTag = *b"gateways";
/// The round's service committee (service claims).
pub const COMMITTEE: DomainTag = *b"committe";

/// Read access to a Fenwick tree of stakes (see the module docs).
pub trait StakeTree {
	/// Number of nodes: a power of two, at least the number of slots.
	/// `0` for an empty tree.
	fn capacity(&self) -> u32;

	/// Node `index` (1-based): the sum of the weights of slots
	/// `(index - lowbit(index), index]`. `0` for a node never written.
	fn node(&self, index: u32) -> u128;

	/// The sum of all weights.
	fn total(&self) -> u128 {
		match self.capacity() {
			0 => 0,
			capacity => self.node(capacity),
		}
	}
}

/// The lowest set bit of `i` (`0` for `0`).
pub const fn lowbit(i: u32) -> u32 {
	i & i.wrapping_neg()
}

/// Tree capacity for snapshots of at most `max_slots` slots: the next power
/// of two (at least 1, at most `2^31`).
pub const fn capacity_for(max_slots: u32) -> u32 {
	match max_slots.checked_next_power_of_two() {
		Some(0) | None => 1 << 31,
		Some(c) => c,
	}
}

/// The nodes to update when the weight of `slot` changes, in increasing
/// order: `slot, slot + lowbit(slot), …` while at most `capacity`.
pub fn update_path(slot: u32, capacity: u32) -> impl Iterator<Item = u32> {
	let first = if slot == 0 || slot > capacity { None } else { Some(slot) };
	core::iter::successors(first, move |&i| {
		i.checked_add(lowbit(i)).filter(|next| *next <= capacity)
	})
}

/// The random point of draw `i`: `u128_le(blake2_256(seed ‖ domain ‖ u32_le(i))[0..16])`.
pub fn draw_point(seed: &[u8; 32], domain: &DomainTag, draw: u32) -> u128 {
	let hash = blake2_256(&(seed, domain, draw).encode());
	let mut low = [0u8; 16];
	for (dst, src) in low.iter_mut().zip(hash.iter()) {
		*dst = *src;
	}
	u128::from_le_bytes(low)
}

/// The weight of a single slot, from the tree: node `slot` minus the nodes
/// it is the sum of.
pub fn slot_weight<T: StakeTree + ?Sized>(tree: &T, slot: u32) -> u128 {
	if slot == 0 || slot > tree.capacity() {
		return 0;
	}
	let mut weight = tree.node(slot);
	let stop = slot - lowbit(slot);
	let mut child = slot - 1;
	while child > stop {
		weight = weight.saturating_sub(tree.node(child));
		child -= lowbit(child);
	}
	weight
}

/// The smallest slot not in `drawn` whose prefix sum over undrawn slots is
/// greater than `x`, with its weight; `None` if `x` is not below the
/// undrawn total.
fn find_slot<T: StakeTree + ?Sized>(
	tree: &T,
	x: u128,
	drawn: &[(u32, u128)],
) -> Option<(u32, u128)> {
	let capacity = tree.capacity();
	if capacity == 0 || !capacity.is_power_of_two() {
		return None;
	}
	let mut pos = 0u32;
	let mut rest = x;
	let mut step = capacity;
	while step > 0 {
		if let Some(next) = pos.checked_add(step).filter(|next| *next <= capacity) {
			// Node `next` covers exactly the slots `(pos, next]`.
			let mut weight = tree.node(next);
			for (slot, w) in drawn {
				if *slot > pos && *slot <= next {
					weight = weight.saturating_sub(*w);
				}
			}
			if weight <= rest {
				pos = next;
				rest -= weight;
			}
		}
		step >>= 1;
	}
	let slot = pos.checked_add(1).filter(|s| *s <= capacity)?;
	let weight = slot_weight(tree, slot);
	(weight > 0 && drawn.iter().all(|(s, _)| *s != slot)).then_some((slot, weight))
}

/// Draws up to `n` distinct slots, each with probability proportional to
/// its weight, from `seed` and `domain` (see the module docs). Returns the
/// slots in draw order; fewer than `n` only if fewer than `n` slots have
/// weight.
pub fn sample<T: StakeTree + ?Sized>(
	tree: &T,
	seed: &[u8; 32],
	domain: &DomainTag,
	n: u32,
) -> Vec<u32> {
	let mut drawn: Vec<(u32, u128)> = Vec::new();
	let mut remaining = tree.total();
	for i in 0..n {
		if remaining == 0 {
			break;
		}
		let x = draw_point(seed, domain, i) % remaining;
		let Some((slot, weight)) = find_slot(tree, x, &drawn) else { break };
		drawn.push((slot, weight));
		remaining = remaining.saturating_sub(weight);
	}
	drawn.into_iter().map(|(slot, _)| slot).collect()
}

/// `n` seats drawn with replacement, each slot with probability
/// proportional to its weight, never `excluded` (see the module docs).
/// Returns the slot of each seat in draw order, repeats included; empty if
/// no slot but `excluded` has weight.
pub fn draw_seats<T: StakeTree + ?Sized>(
	tree: &T,
	seed: &[u8; 32],
	domain: &DomainTag,
	n: u32,
	excluded: Option<u32>,
) -> Vec<u32> {
	let overlay: Vec<(u32, u128)> =
		excluded.map(|slot| (slot, slot_weight(tree, slot))).into_iter().collect();
	let remaining =
		overlay.iter().fold(tree.total(), |total, (_, weight)| total.saturating_sub(*weight));
	let mut seats = Vec::new();
	if remaining == 0 {
		return seats;
	}
	for i in 0..n {
		let x = draw_point(seed, domain, i) % remaining;
		let Some((slot, _)) = find_slot(tree, x, &overlay) else { break };
		seats.push(slot);
	}
	seats
}

/// Reference implementation of [`draw_seats`] over plain weights
/// (`weights[k]` is slot `k + 1`), in `O(n * len)`.
pub fn draw_seats_linear(
	weights: &[u128],
	seed: &[u8; 32],
	domain: &DomainTag,
	n: u32,
	excluded: Option<u32>,
) -> Vec<u32> {
	let weight_of = |k: usize| -> u128 {
		let slot = u32::try_from(k).unwrap_or(u32::MAX).saturating_add(1);
		if Some(slot) == excluded {
			0
		} else {
			weights.get(k).copied().unwrap_or(0)
		}
	};
	let remaining: u128 = (0..weights.len()).fold(0u128, |acc, k| acc.saturating_add(weight_of(k)));
	let mut seats = Vec::new();
	if remaining == 0 {
		return seats;
	}
	for i in 0..n {
		let x = draw_point(seed, domain, i) % remaining;
		let mut acc = 0u128;
		let found = (0..weights.len()).find(|k| {
			acc = acc.saturating_add(weight_of(*k));
			acc > x
		});
		let Some(k) = found else { break };
		seats.push(u32::try_from(k).unwrap_or(u32::MAX).saturating_add(1));
	}
	seats
}

/// The distinct slots of `seats`, in order of first draw, each with its
/// number of seats. Signers of a quorum are named by their index in this
/// list.
pub fn group_seats(seats: &[u32]) -> Vec<(u32, u32)> {
	let mut grouped: Vec<(u32, u32)> = Vec::new();
	for slot in seats {
		match grouped.iter_mut().find(|(s, _)| s == slot) {
			Some((_, count)) => *count = count.saturating_add(1),
			None => grouped.push((*slot, 1)),
		}
	}
	grouped
}

/// Reference implementation of [`sample`] over plain weights (`weights[k]`
/// is slot `k + 1`), in `O(n * len)`: what a client without a tree does.
pub fn sample_linear(weights: &[u128], seed: &[u8; 32], domain: &DomainTag, n: u32) -> Vec<u32> {
	let mut taken: Vec<bool> = weights.iter().map(|_| false).collect();
	let mut drawn = Vec::new();
	let mut remaining: u128 = weights.iter().fold(0u128, |acc, w| acc.saturating_add(*w));
	for i in 0..n {
		if remaining == 0 {
			break;
		}
		let x = draw_point(seed, domain, i) % remaining;
		let mut acc = 0u128;
		let mut found = None;
		for (k, (w, t)) in weights.iter().zip(taken.iter_mut()).enumerate() {
			if *t || *w == 0 {
				continue;
			}
			acc = acc.saturating_add(*w);
			if acc > x {
				*t = true;
				found = Some((k, *w));
				break;
			}
		}
		let Some((k, w)) = found else { break };
		drawn.push(u32::try_from(k).unwrap_or(u32::MAX).saturating_add(1));
		remaining = remaining.saturating_sub(w);
	}
	drawn
}

/// A Fenwick tree in memory, for clients and tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryTree {
	/// `nodes[i]` is node `i`; `nodes[0]` is unused.
	nodes: Vec<u128>,
}

impl MemoryTree {
	/// An empty tree with room for `max_slots` slots.
	pub fn with_max_slots(max_slots: u32) -> Self {
		let capacity = capacity_for(max_slots) as usize;
		Self { nodes: alloc::vec![0; capacity.saturating_add(1)] }
	}

	/// The tree of `weights`, `weights[k]` being slot `k + 1`.
	pub fn from_weights(weights: &[u128]) -> Self {
		let mut tree = Self::with_max_slots(u32::try_from(weights.len()).unwrap_or(u32::MAX));
		for (k, w) in weights.iter().enumerate() {
			tree.add(u32::try_from(k).unwrap_or(u32::MAX).saturating_add(1), *w);
		}
		tree
	}

	/// Adds `amount` to the weight of `slot`.
	pub fn add(&mut self, slot: u32, amount: u128) {
		let capacity = self.capacity();
		for i in update_path(slot, capacity) {
			if let Some(node) = self.nodes.get_mut(i as usize) {
				*node = node.saturating_add(amount);
			}
		}
	}

	/// Subtracts `amount` from the weight of `slot`.
	pub fn sub(&mut self, slot: u32, amount: u128) {
		let capacity = self.capacity();
		for i in update_path(slot, capacity) {
			if let Some(node) = self.nodes.get_mut(i as usize) {
				*node = node.saturating_sub(amount);
			}
		}
	}
}

impl StakeTree for MemoryTree {
	fn capacity(&self) -> u32 {
		u32::try_from(self.nodes.len().saturating_sub(1)).unwrap_or(0)
	}

	fn node(&self, index: u32) -> u128 {
		self.nodes.get(index as usize).copied().unwrap_or(0)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn seed(b: u8) -> [u8; 32] {
		[b; 32]
	}

	#[test]
	fn update_path_and_capacity() {
		assert_eq!(capacity_for(0), 1);
		assert_eq!(capacity_for(1), 1);
		assert_eq!(capacity_for(10_000), 16_384);
		assert_eq!(update_path(1, 16).collect::<Vec<_>>(), vec![1, 2, 4, 8, 16]);
		assert_eq!(update_path(5, 8).collect::<Vec<_>>(), vec![5, 6, 8]);
		assert_eq!(update_path(0, 8).count(), 0);
		assert_eq!(update_path(9, 8).count(), 0);
	}

	#[test]
	fn slot_weights_roundtrip() {
		let weights: Vec<u128> = (1..=37).map(|k| (k * 7 % 11) as u128).collect();
		let tree = MemoryTree::from_weights(&weights);
		assert_eq!(tree.total(), weights.iter().sum::<u128>());
		for (k, w) in weights.iter().enumerate() {
			assert_eq!(slot_weight(&tree, k as u32 + 1), *w);
		}
	}

	#[test]
	fn tree_sampling_matches_linear_reference() {
		for len in [1usize, 2, 3, 5, 16, 17, 100, 257] {
			let weights: Vec<u128> =
				(0..len).map(|k| ((k as u128 * 2_654_435_761) % 1_000) * (k as u128 % 3)).collect();
			let tree = MemoryTree::from_weights(&weights);
			for s in 0..5u8 {
				for n in [0u32, 1, 4, 16, 300] {
					let a = sample(&tree, &seed(s), &COMMITTEE, n);
					let b = sample_linear(&weights, &seed(s), &COMMITTEE, n);
					assert_eq!(a, b, "len {len} seed {s} n {n}");
					let nonzero = weights.iter().filter(|w| **w > 0).count();
					assert_eq!(a.len(), nonzero.min(n as usize));
				}
			}
		}
	}

	#[test]
	fn draws_are_distinct_nonzero_and_prefix_stable() {
		let weights: Vec<u128> = vec![0, 5, 0, 1, 100, 7, 0, 3];
		let tree = MemoryTree::from_weights(&weights);
		let all = sample(&tree, &seed(1), &GATEWAYS, 10);
		assert_eq!(all.len(), 5);
		let mut sorted = all.clone();
		sorted.sort();
		assert_eq!(sorted, vec![2, 4, 5, 6, 8]);
		for n in 0..5 {
			assert_eq!(sample(&tree, &seed(1), &GATEWAYS, n)[..], all[..n as usize]);
		}
		// Other domains give other draws from the same seed.
		let other: Vec<_> = (0..20u8).map(|s| sample(&tree, &seed(s), &GATEWAYS, 2)).collect();
		let other2: Vec<_> = (0..20u8).map(|s| sample(&tree, &seed(s), &COMMITTEE, 2)).collect();
		assert_ne!(other, other2);
	}

	#[test]
	fn empty_and_zero_trees_sample_nothing() {
		assert!(sample(&MemoryTree::default(), &seed(0), &GATEWAYS, 3).is_empty());
		let zeros = MemoryTree::from_weights(&[0, 0, 0]);
		assert!(sample(&zeros, &seed(0), &GATEWAYS, 3).is_empty());
	}

	#[test]
	fn frequency_is_proportional_to_stake() {
		let weights: Vec<u128> = vec![1, 3, 6];
		let tree = MemoryTree::from_weights(&weights);
		let mut hits = [0u32; 3];
		for s in 0..3000u32 {
			let mut sd = [0u8; 32];
			sd[..4].copy_from_slice(&s.to_le_bytes());
			let slot = sample(&tree, &sd, &POLICY_SAMPLING, 1)[0];
			hits[slot as usize - 1] += 1;
		}
		// Expected 300, 900, 1800.
		assert!((200..400).contains(&hits[0]), "{hits:?}");
		assert!((780..1020).contains(&hits[1]), "{hits:?}");
		assert!((1650..1950).contains(&hits[2]), "{hits:?}");
	}

	#[test]
	fn huge_weights_do_not_overflow() {
		let weights = vec![u128::MAX / 4, u128::MAX / 4, 1];
		let tree = MemoryTree::from_weights(&weights);
		let a = sample(&tree, &seed(3), &GATEWAYS, 3);
		assert_eq!(a, sample_linear(&weights, &seed(3), &GATEWAYS, 3));
		assert_eq!(a.len(), 3);
	}
}
