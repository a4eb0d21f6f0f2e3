//! Service-activity claims (the paper's "confirm service activity"
//! solutions): what a committee signs, what a requester signs, the sorted
//! range Merkle tree a provider commits to, and the challenge indices.
//!
//! A claim says: provider `P` served `w` distinct requests of policy `X` in
//! round `r`. It is proven in one of two ways.
//!
//! # Committee attestation
//!
//! The committee attesting `P`'s claims for round `r` holds
//! `committee_size` seats drawn *with replacement* from `r`'s seed over
//! `r`'s snapshot **without `P`**, with the [`COMMITTEE`] domain tag
//! ([`committee_seats`], stake-weighted like the gateways). A member drawn
//! `m` times holds `m` seats and its one signature counts for all of them.
//! Members sign, with their sr25519 operator keys, [`statement_payload`]:
//! `SCALE(CLAIM_STATEMENT_CONTEXT, domain, ClaimStatement)` where the domain
//! is the chain's [`SigningDomain`] with tag [`SERVICE_CLAIMS_TAG`]. A claim
//! needs signatures holding `committee_threshold` seats. Both are
//! parameters of the service-claims pallet (set at genesis and by Root; the
//! threshold must be a strict majority of the seats). Since `P` is never
//! drawn, a committee exists at every market size with two providers or
//! more, the development chain's four included.
//!
//! With an adversary holding a fraction `f` of the stake other than
//! `P`'s, its seats are exactly binomial `B(n, f)`, however it splits that
//! stake (see [`crate::sampling`]). Its own claimant's stake leaves it less
//! of the committee ([`crate::quorum::committee_adversary_share`]: `1/9` of
//! it at 4 equal providers for a third of all stake), so `f` itself bounds
//! the share at every market size. With the defaults `n = 16`, `t = 11`:
//!
//! | f    | forgery `P[X ≥ 11]` | liveness failure `P[X ≥ 6]` |
//! |------|---------------------|-----------------------------|
//! | 1/10 | 2.70e-8             | 3.30e-3                     |
//! | 1/5  | 3.26e-5             | 8.17e-2                     |
//! | 1/3  | 4.04e-3             | 4.53e-1                     |
//!
//! At every market size, for an adversary with a third of all stake whose
//! claimant holds an equal share (`N` providers): 8.14e-8 at `N = 4`,
//! 4.03e-4 at 10, 3.37e-3 at 100 and 4.03e-3 at 10,000 (checked by the
//! tests); the `f = 1/3` row above bounds them all.
//!
//! A forged attestation costs a policy owner at most one provider-round's
//! budget (`cap * price`), and the commit/challenge/open path remains for a
//! provider whose committee fails, so a smaller committee than the
//! gateways' (whose forgery slashes stake) is acceptable.
//!
//! # Receipts and the range tree
//!
//! A requester (a key the policy authorizes) signs a [`Receipt`] once the
//! provider has answered a request: policy, round, **provider**, requester
//! key, request nonce, request hash and **response hash**, over
//! [`receipt_payload`] in the same domain. A receipt therefore pays only
//! the provider it names, and only for a request that was answered: a
//! provider that received requests but never responded holds no receipt,
//! and receipts given to one provider of a policy are worthless to the
//! others (`open_claim` refuses a leaf naming another provider). Its
//! [`SortKey`] is `requester ‖ u64_be(nonce)` (40 bytes), whose byte order
//! is the order of `(requester, nonce)`; one provider claims a `(policy,
//! round)` once, so one receipt pays one provider once.
//!
//! The provider sorts its receipts strictly by key and builds a **range
//! tree**: a binary Merkle tree whose every node carries, besides its
//! digest, the smallest and largest key below it ([`RangeNode`]):
//!
//! ```text
//! leaf   = (blake2_256(0x00 ‖ SCALE(receipt)), key, key)
//! parent = (blake2_256(0x01 ‖ L.digest ‖ L.min ‖ L.max ‖ R.digest ‖ R.min ‖ R.max),
//!           L.min, R.max)
//! ```
//!
//! Levels pair nodes left to right; an odd last node is promoted unchanged
//! to the next level (the layout of polkadot-sdk's `binary-merkle-tree`), so
//! node `p` of level `l` covers leaves `[p·2^l, min((p+1)·2^l, w))`. The
//! provider commits the root digest and `w`.
//!
//! A leaf is *opened* with its receipt, the requester's signature and the
//! siblings on its path. [`verify_opening`] recomputes the path and checks,
//! at every level, that the left node's `max` is strictly below the right
//! node's `min` and that the given sibling has `min ≤ max`.
//!
//! ## Why not `binary-merkle-tree` with neighbour checks
//!
//! The issue proposes plain Merkle proofs of a challenged leaf and its
//! right-hand neighbour, checking that the leaf sorts strictly before the
//! neighbour. That check only detects *descents* (places where the order
//! breaks), and an inflated claim needs very few: a provider with `g`
//! genuine records can commit them twice, `1..g, 1..g`, claiming `w = 2g`
//! with a single descent, caught with probability `1/(w-1)` per challenge.
//! Also checking the challenged leaves against each other still lets block
//! arrangements escape with probability that grows with `w` (about 3/4 for
//! doubling a claim of `2^20` leaves with 32 challenges). The range labels
//! close this: `binary-merkle-tree` hashes nodes as `H(left ‖ right)` and
//! cannot carry them, so this module has its own tree (a few dozen lines,
//! same layout). One path per challenge also halves the proofs and
//! signatures of the neighbour scheme.
//!
//! ## Soundness (normative for the chosen `challenge_count`)
//!
//! Call leaf `i` *good* if it has an opening that [`verify_opening`] accepts
//! (its record is signed, authorized, of the right policy and round, and its
//! path is consistent). Assuming blake2 is collision resistant, every node
//! position has at most one label the provider can open, so for good leaves
//! `i < j` the lowest common ancestor has one left child `L` (above `i`) and
//! one right child `R` (above `j`) with `L.max < R.min`; by induction along a
//! checked path `key(i) ∈ [L.min, L.max]` and `key(j) ∈ [R.min, R.max]`, so
//! `key(i) < key(j)`. The good leaves are therefore distinct records: if the
//! provider holds only `g = (1 - f)·w` distinct valid records, at least
//! `f·w` leaves are not good, whatever the tree. Challenges are
//! `k = min(challenge_count, w)` distinct uniform indices drawn from
//! randomness fixed after the commitment, so the claim escapes with
//! probability at most `C((1-f)w, k) / C(w, k) ≤ (1 - f)^k`.
//!
//! | k  | f = 5%  | f = 10%  | f = 20%  |
//! |----|---------|----------|----------|
//! | 32 | 1.94e-1 | 3.43e-2  | 7.92e-4  |
//! | 64 | 3.75e-2 | 1.18e-3  | 6.28e-7  |
//!
//! Default [`DEFAULT_CHALLENGE_COUNT`] = 64: one path (at most 20 sibling
//! nodes for `2^20` leaves) and one signature check per challenge.
//!
//! Expected value: a caught claim pays nothing and is slashed `S`. Claiming
//! `w` instead of `g = (1 - f)·w` pays at most `(1 - f)^k · w · price − (1 −
//! (1 - f)^k) · S` in expectation, against `(1 - f) · w · price` when honest.
//! Since `(1 - f)^k ≤ 1 - f`, inflation never pays for any `S ≥ 0` and
//! `k ≥ 1`; the slash (`S > 0`) makes it strictly worse and also punishes a
//! provider who commits and never opens. The pallet slashes `claim_slash +
//! w · price`.
//!
//! # Challenge indices
//!
//! [`challenge_indices`]: `min(count, w)` distinct indices in `0..w`, by a
//! partial Fisher–Yates shuffle of `0..w` driven by iterated hashing:
//!
//! ```text
//! for j in 0 .. min(count, w):
//!     h := blake2_256(CHALLENGE_CONTEXT ‖ seed ‖ SCALE(identity) ‖ u32_le(j))
//!     x := j + u128_le(h[0..16]) mod (w - j)
//!     swap(a[j], a[x]); output a[j]       // a = 0..w, swaps kept sparse
//! ```
//!
//! Exactly `min(count, w)` hashes: no rejection loop, so termination is
//! trivial, and the indices are distinct and uniform without replacement
//! (up to a modulo bias below `2^-96`).

extern crate alloc;
pub use crate::sampling::COMMITTEE;
use crate::{
	domain::{SigningDomain, SERVICE_CLAIMS_TAG},
	escrow::PolicyId,
	sampling::{self, StakeTree},
	RoundIndex,
};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::sr25519;
use sp_crypto_hashing::blake2_256;

/// Version of the service-claims pallet's signed payloads.
pub const SERVICE_CLAIMS_PAYLOAD_VERSION: u8 = 2;

/// Context of a committee statement: 20 raw bytes (no length prefix).
pub const CLAIM_STATEMENT_CONTEXT: [u8; 20] = *b"market/service-claim";

/// Context of a receipt: 22 raw bytes (no length prefix).
pub const RECEIPT_CONTEXT: [u8; 22] = *b"market/service-receipt";

/// Context of the challenge derivation: 22 raw bytes.
pub const CHALLENGE_CONTEXT: [u8; 22] = *b"market/claim-challenge";

/// Suggested committee size (see the module docs).
pub const DEFAULT_COMMITTEE_SIZE: u32 = 16;

/// Suggested number of committee signatures (see the module docs).
pub const DEFAULT_COMMITTEE_THRESHOLD: u32 = 11;

/// Suggested number of challenged leaves (see the module docs).
pub const DEFAULT_CHALLENGE_COUNT: u32 = 64;

/// Most sibling nodes on a path: trees have at most `2^32 - 1` leaves.
pub const MAX_PROOF_DEPTH: u32 = 32;

/// Prefix of a leaf digest's preimage.
const LEAF_PREFIX: u8 = 0;
/// Prefix of an inner node digest's preimage.
const NODE_PREFIX: u8 = 1;

/// Sort key of a receipt: `requester ‖ u64_be(nonce)`.
pub type SortKey = [u8; 40];

/// What the committee signs: `provider` served `served` distinct requests
/// of `policy` in `round`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct ClaimStatement<AccountId> {
	/// The policy served.
	pub policy: PolicyId,
	/// The provider (stash account).
	pub provider: AccountId,
	/// The round served in.
	pub round: RoundIndex,
	/// Distinct requests served.
	pub served: u32,
}

/// A receipt: the requester's signed acknowledgement, given *after* the
/// response arrived, that `provider` served one request. It names the
/// provider, so it pays that provider only, and it covers the response's
/// hash, so a provider that never answered holds no receipt to claim.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Receipt<AccountId> {
	/// The policy the request was made under.
	pub policy: PolicyId,
	/// The round it was served in.
	pub round: RoundIndex,
	/// The provider (stash account) that served it.
	pub provider: AccountId,
	/// The requester's key (one the policy authorizes).
	pub requester: sr25519::Public,
	/// The requester's nonce; `(requester, nonce)` identifies the request.
	pub nonce: u64,
	/// `blake2_256` of the request.
	pub request_hash: [u8; 32],
	/// `blake2_256` of the provider's response.
	pub response_hash: [u8; 32],
}

impl<AccountId> Receipt<AccountId> {
	/// The receipt's sort key: `requester ‖ u64_be(nonce)`.
	pub fn sort_key(&self) -> SortKey {
		sort_key(&self.requester, self.nonce)
	}
}

/// The sort key of `(requester, nonce)`.
pub fn sort_key(requester: &sr25519::Public, nonce: u64) -> SortKey {
	let mut key = [0u8; 40];
	for (dst, src) in key.iter_mut().zip(requester.0.iter().chain(nonce.to_be_bytes().iter())) {
		*dst = *src;
	}
	key
}

/// A node of the range tree: its digest and the key range below it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct RangeNode {
	/// Digest of the subtree.
	pub digest: [u8; 32],
	/// Smallest key below the node.
	pub min: SortKey,
	/// Largest key below the node.
	pub max: SortKey,
}

/// The service-claims signing domain on the chain of `genesis_hash`.
pub const fn signing_domain(genesis_hash: [u8; 32]) -> SigningDomain {
	SigningDomain::new(genesis_hash, SERVICE_CLAIMS_TAG, SERVICE_CLAIMS_PAYLOAD_VERSION)
}

/// Bytes a committee member signs:
/// `SCALE(CLAIM_STATEMENT_CONTEXT, domain, statement)`.
pub fn statement_payload<AccountId: Encode>(
	domain: &SigningDomain,
	statement: &ClaimStatement<AccountId>,
) -> Vec<u8> {
	domain.signing_payload(&CLAIM_STATEMENT_CONTEXT, statement)
}

/// Bytes a requester signs: `SCALE(RECEIPT_CONTEXT, domain, receipt)`.
pub fn receipt_payload<AccountId: Encode>(
	domain: &SigningDomain,
	receipt: &Receipt<AccountId>,
) -> Vec<u8> {
	domain.signing_payload(&RECEIPT_CONTEXT, receipt)
}

/// The committee attesting the claims of the provider in slot `claimant`:
/// the distinct slots holding its `seats` seats, in order of first draw,
/// each with its number of seats ([`sampling::draw_seats`] with the
/// [`COMMITTEE`] tag and `claimant` excluded, grouped by
/// [`sampling::group_seats`]). A signature is submitted with its signer's
/// index in this list. Empty if nobody but the claimant has stake.
pub fn committee_seats<T: StakeTree + ?Sized>(
	tree: &T,
	seed: &[u8; 32],
	seats: u32,
	claimant: u32,
) -> Vec<(u32, u32)> {
	sampling::group_seats(&sampling::draw_seats(tree, seed, &COMMITTEE, seats, Some(claimant)))
}

/// The leaf of `receipt`.
pub fn leaf<AccountId: Encode>(receipt: &Receipt<AccountId>) -> RangeNode {
	let key = receipt.sort_key();
	RangeNode { digest: blake2_256(&(LEAF_PREFIX, receipt).encode()), min: key, max: key }
}

/// The parent of `left` and `right` (no order check).
pub fn parent(left: &RangeNode, right: &RangeNode) -> RangeNode {
	let preimage =
		(NODE_PREFIX, left.digest, left.min, left.max, right.digest, right.min, right.max).encode();
	RangeNode { digest: blake2_256(&preimage), min: left.min, max: right.max }
}

/// Why an opening is rejected by [`verify_opening`].
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ProofError {
	/// The index is not below the number of leaves.
	IndexOutOfRange,
	/// The path has fewer or more siblings than the tree's shape needs.
	WrongLength,
	/// A left node's largest key is not strictly below the right node's
	/// smallest key, or a sibling's range is inverted.
	NotSorted,
	/// The recomputed root differs from the committed one.
	RootMismatch,
}

/// Checks that `leaf` is leaf `index` of the range tree of `leaves` leaves
/// whose root digest is `root`, with sibling path `proof` (bottom up), and
/// that every level on the path is strictly sorted (see the module docs).
pub fn verify_opening(
	root: &[u8; 32],
	leaves: u32,
	index: u32,
	leaf: &RangeNode,
	proof: &[RangeNode],
) -> Result<(), ProofError> {
	if index >= leaves {
		return Err(ProofError::IndexOutOfRange);
	}
	let mut node = *leaf;
	let mut pos = index;
	let mut width = leaves;
	let mut siblings = proof.iter();
	while width > 1 {
		let has_right = pos.checked_add(1).is_some_and(|next| next < width);
		if pos % 2 == 1 || has_right {
			let sibling = siblings.next().ok_or(ProofError::WrongLength)?;
			if sibling.min > sibling.max {
				return Err(ProofError::NotSorted);
			}
			let (left, right) = if pos % 2 == 1 { (sibling, &node) } else { (&node, sibling) };
			if left.max >= right.min {
				return Err(ProofError::NotSorted);
			}
			node = parent(left, right);
		}
		pos /= 2;
		width = width.div_ceil(2);
	}
	if siblings.next().is_some() {
		return Err(ProofError::WrongLength);
	}
	if node.digest != *root {
		return Err(ProofError::RootMismatch);
	}
	Ok(())
}

/// A whole range tree in memory, for providers building their commitment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeTree {
	/// `levels[0]` are the leaves, the last level is the root.
	levels: Vec<Vec<RangeNode>>,
}

impl RangeTree {
	/// The tree over `leaves`, in the given order (sort them with
	/// [`sort_receipts`] first; the tree of unsorted leaves is built as is,
	/// and its openings are rejected). `None` if empty or longer than
	/// `u32::MAX`.
	pub fn from_leaves(leaves: Vec<RangeNode>) -> Option<Self> {
		if leaves.is_empty() || u32::try_from(leaves.len()).is_err() {
			return None;
		}
		let mut levels = alloc::vec![leaves];
		while let Some(last) = levels.last().filter(|l| l.len() > 1) {
			let next: Vec<RangeNode> = last
				.chunks(2)
				.filter_map(|pair| match (pair.first(), pair.get(1)) {
					(Some(left), Some(right)) => Some(parent(left, right)),
					(single, _) => single.copied(),
				})
				.collect();
			levels.push(next);
		}
		Some(Self { levels })
	}

	/// The tree over `receipts`, in the given order.
	pub fn from_receipts<AccountId: Encode>(receipts: &[Receipt<AccountId>]) -> Option<Self> {
		Self::from_leaves(receipts.iter().map(leaf).collect())
	}

	/// Number of leaves.
	pub fn len(&self) -> u32 {
		self.levels.first().map(|l| l.len() as u32).unwrap_or(0)
	}

	/// Whether the tree has no leaves (never, once built).
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// The root digest, to commit.
	pub fn root(&self) -> [u8; 32] {
		self.levels.last().and_then(|l| l.first()).map(|n| n.digest).unwrap_or_default()
	}

	/// Leaf `index`'s sibling path, bottom up; `None` if out of range.
	pub fn proof(&self, index: u32) -> Option<Vec<RangeNode>> {
		let mut pos = index as usize;
		if pos >= self.len() as usize {
			return None;
		}
		let mut proof = Vec::new();
		for level in self.levels.iter().take(self.levels.len().saturating_sub(1)) {
			let sibling = if pos % 2 == 1 { pos.checked_sub(1) } else { pos.checked_add(1) };
			if let Some(node) = sibling.and_then(|s| level.get(s)) {
				proof.push(*node);
			}
			pos /= 2;
		}
		Some(proof)
	}
}

/// Sorts `receipts` by key and drops repeated keys (keeping the first), as
/// an honest provider does before building its tree.
pub fn sort_receipts<AccountId>(receipts: &mut Vec<Receipt<AccountId>>) {
	receipts.sort_by_key(|r| r.sort_key());
	receipts.dedup_by_key(|r| r.sort_key());
}

/// Root and openings of a tree of `leaves` leaves of which only `known`
/// (index, leaf) are real; every subtree without a known leaf is replaced by
/// `filler(first, last)` for the leaves `first..=last` it covers. For
/// benchmarks and tests that need a large tree whose challenged leaves open
/// correctly: the fillers must carry key ranges that keep the known leaves'
/// paths sorted. Returns the root digest and the path of each known leaf,
/// in `known`'s order; `None` if `leaves` is 0 or a known index is out of range.
pub fn sparse_tree(
	leaves: u32,
	known: &[(u32, RangeNode)],
	filler: &impl Fn(u32, u32) -> RangeNode,
) -> Option<([u8; 32], Vec<Vec<RangeNode>>)> {
	if leaves == 0 || known.iter().any(|(i, _)| *i >= leaves) {
		return None;
	}
	let sorted: BTreeMap<u32, RangeNode> = known.iter().copied().collect();
	let mut depth = 0u32;
	let mut width = leaves;
	while width > 1 {
		width = width.div_ceil(2);
		depth = depth.saturating_add(1);
	}
	// Node `pos` of `level` covers leaves `pos << level ..` (see module docs).
	fn node(
		level: u32,
		pos: u32,
		leaves: u32,
		known: &BTreeMap<u32, RangeNode>,
		filler: &impl Fn(u32, u32) -> RangeNode,
	) -> RangeNode {
		let first = u64::from(pos) << level;
		let end = (u64::from(pos).saturating_add(1) << level).min(u64::from(leaves));
		let (first, end) = (first as u32, end as u32);
		if known.range(first..end).next().is_none() {
			return filler(first, end.saturating_sub(1));
		}
		let Some(below) = level.checked_sub(1) else {
			return known.get(&first).copied().unwrap_or_else(|| filler(first, first));
		};
		let left_pos = pos.saturating_mul(2);
		let left = node(below, left_pos, leaves, known, filler);
		let right_pos = left_pos.saturating_add(1);
		if (u64::from(right_pos) << below) < u64::from(leaves) {
			let right = node(below, right_pos, leaves, known, filler);
			parent(&left, &right)
		} else {
			left
		}
	}
	let root = node(depth, 0, leaves, &sorted, filler).digest;
	let proofs = known
		.iter()
		.map(|(index, _)| {
			let mut proof = Vec::new();
			let mut pos = *index;
			let mut width = leaves;
			let mut level = 0u32;
			while width > 1 {
				let sibling = if pos % 2 == 1 { pos.checked_sub(1) } else { pos.checked_add(1) };
				if let Some(s) = sibling.filter(|s| *s < width) {
					proof.push(node(level, s, leaves, &sorted, filler));
				}
				pos /= 2;
				width = width.div_ceil(2);
				level = level.saturating_add(1);
			}
			proof
		})
		.collect();
	Some((root, proofs))
}

/// `min(count, leaves)` distinct challenge indices in `0..leaves`, from
/// `seed` and the claim's `identity` (see the module docs).
pub fn challenge_indices<I: Encode>(
	seed: &[u8; 32],
	identity: &I,
	leaves: u32,
	count: u32,
) -> Vec<u32> {
	let n = count.min(leaves);
	let mut swapped: BTreeMap<u32, u32> = BTreeMap::new();
	let mut out = Vec::with_capacity(n as usize);
	let identity = identity.encode();
	for j in 0..n {
		let hash = blake2_256(&(CHALLENGE_CONTEXT, seed, &identity[..], j).encode());
		let mut low = [0u8; 16];
		for (dst, src) in low.iter_mut().zip(hash.iter()) {
			*dst = *src;
		}
		// `j < n <= leaves`, so `leaves - j >= 1`.
		let span = u128::from(leaves.saturating_sub(j)).max(1);
		let offset = (u128::from_le_bytes(low) % span) as u32;
		let x = j.saturating_add(offset);
		let at_x = swapped.get(&x).copied().unwrap_or(x);
		let at_j = swapped.get(&j).copied().unwrap_or(j);
		swapped.insert(x, at_j);
		out.push(at_x);
	}
	out
}

/// Client helpers: requesters signing receipts, committee members signing
/// statements, and providers building their tree and openings.
#[cfg(feature = "std")]
pub mod client {
	use super::*;
	pub use crate::availability::client::{signature_list, RepeatedIndex};
	use sp_core::Pair;

	/// `operator`'s signature of `statement` in `domain`: what a committee
	/// member contributes to an attested claim.
	pub fn sign_statement<AccountId: Encode>(
		operator: &sr25519::Pair,
		domain: &SigningDomain,
		statement: &ClaimStatement<AccountId>,
	) -> sr25519::Signature {
		operator.sign(&statement_payload(domain, statement))
	}

	/// Whether `signature` is `key`'s signature of `statement` in `domain`:
	/// the check `submit_attested_claim` makes for each member.
	pub fn verify_statement<AccountId: Encode>(
		key: &sr25519::Public,
		domain: &SigningDomain,
		statement: &ClaimStatement<AccountId>,
		signature: &sr25519::Signature,
	) -> bool {
		sr25519::Pair::verify(signature, statement_payload(domain, statement), key)
	}

	/// A receipt with its requester's signature.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct SignedReceipt<AccountId> {
		/// The receipt.
		pub receipt: Receipt<AccountId>,
		/// The requester's signature over [`receipt_payload`].
		pub signature: sr25519::Signature,
	}

	impl<AccountId: Encode> SignedReceipt<AccountId> {
		/// Whether the signature is the receipt's requester's, in `domain`.
		pub fn verify(&self, domain: &SigningDomain) -> bool {
			sr25519::Pair::verify(
				&self.signature,
				receipt_payload(domain, &self.receipt),
				&self.receipt.requester,
			)
		}
	}

	/// What `requester` signs once `provider` has answered its request
	/// `nonce` of `policy` in `round`: the receipt over the request's and
	/// the response's hashes, signed in `domain`. A requester signs a
	/// receipt only after checking the response, and only for the provider
	/// that sent it.
	#[allow(clippy::too_many_arguments)]
	pub fn sign_receipt<AccountId: Encode>(
		requester: &sr25519::Pair,
		domain: &SigningDomain,
		policy: PolicyId,
		round: RoundIndex,
		provider: AccountId,
		nonce: u64,
		request_hash: [u8; 32],
		response_hash: [u8; 32],
	) -> SignedReceipt<AccountId> {
		let receipt = Receipt {
			policy,
			round,
			provider,
			requester: requester.public(),
			nonce,
			request_hash,
			response_hash,
		};
		let signature = requester.sign(&receipt_payload(domain, &receipt));
		SignedReceipt { receipt, signature }
	}

	/// One opened leaf, encoded exactly as pallet-service-claims' `Opening`
	/// (receipt, signature, sibling path): a `Vec` of these is the SCALE
	/// form of `open_claim`'s `openings`.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct Opening<AccountId> {
		/// The receipt at the challenged index.
		pub receipt: Receipt<AccountId>,
		/// The requester's signature over [`receipt_payload`].
		pub signature: sr25519::Signature,
		/// The leaf's sibling path, bottom up.
		pub proof: Vec<RangeNode>,
	}

	/// Why an opening fails [`check_opening`]: the pallet's
	/// `OpeningFailure`s that can be checked without chain state.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub enum OpeningError {
		/// The receipt is of another policy.
		WrongPolicy,
		/// The receipt is of another round.
		WrongRound,
		/// The receipt names another provider than the claimant.
		WrongProvider,
		/// The requester's signature does not verify.
		BadSignature,
		/// The path does not lead to the root (see [`verify_opening`]).
		BadProof(ProofError),
	}

	/// The checks `open_claim` makes of the opening of leaf `index` of
	/// `provider`'s commitment to `root` and `served` leaves for `policy`
	/// and `round`, in its order, except the one that needs chain state
	/// (that the policy authorizes the requester).
	#[allow(clippy::too_many_arguments)]
	pub fn check_opening<AccountId: Encode + PartialEq>(
		domain: &SigningDomain,
		policy: PolicyId,
		round: RoundIndex,
		provider: &AccountId,
		root: &[u8; 32],
		served: u32,
		index: u32,
		opening: &Opening<AccountId>,
	) -> Result<(), OpeningError> {
		let receipt = &opening.receipt;
		if receipt.policy != policy {
			return Err(OpeningError::WrongPolicy);
		}
		if receipt.round != round {
			return Err(OpeningError::WrongRound);
		}
		if receipt.provider != *provider {
			return Err(OpeningError::WrongProvider);
		}
		if !sr25519::Pair::verify(
			&opening.signature,
			receipt_payload(domain, receipt),
			&receipt.requester,
		) {
			return Err(OpeningError::BadSignature);
		}
		verify_opening(root, served, index, &leaf(receipt), &opening.proof)
			.map_err(OpeningError::BadProof)
	}

	/// Why [`ClaimTree::build`] or [`ClaimTree::openings`] refuses.
	#[derive(Clone, PartialEq, Eq, Debug)]
	pub enum ClaimTreeError {
		/// No receipts.
		Empty,
		/// More receipts than a tree holds (`u32::MAX`).
		TooManyReceipts,
		/// Receipt `index` (in input order) is of another policy, round or
		/// provider than the first receipt: a claim covers one policy and
		/// round of one provider.
		MixedClaim {
			/// Position in the input.
			index: usize,
		},
		/// Receipt `index`'s signature does not verify in the domain.
		BadSignature {
			/// Position in the input.
			index: usize,
		},
		/// Two different receipts share a requester and nonce: only one of
		/// them can be a leaf.
		ConflictingReceipts {
			/// The requester.
			requester: sr25519::Public,
			/// The nonce.
			nonce: u64,
		},
		/// A requested opening is not below the number of leaves.
		IndexOutOfRange {
			/// The index.
			index: u32,
			/// The number of leaves.
			leaves: u32,
		},
	}

	impl core::fmt::Display for ClaimTreeError {
		fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
			match self {
				Self::Empty => write!(f, "no receipts"),
				Self::TooManyReceipts => write!(f, "more receipts than a tree holds"),
				Self::MixedClaim { index } => write!(
					f,
					"receipt {index} is of another policy, round or provider than receipt 0 \
					 (a claim covers one policy and round of one provider)"
				),
				Self::BadSignature { index } => {
					write!(f, "receipt {index}: the requester's signature does not verify")
				},
				Self::ConflictingReceipts { requester, nonce } => write!(
					f,
					"two different receipts of requester 0x{} with nonce {nonce}",
					sp_core::hexdisplay::HexDisplay::from(&requester.0)
				),
				Self::IndexOutOfRange { index, leaves } => {
					write!(f, "index {index} is not below the number of leaves ({leaves})")
				},
			}
		}
	}

	impl std::error::Error for ClaimTreeError {}

	/// A provider's claim: its signed receipts of one policy and round,
	/// sorted by key, and their range tree.
	#[derive(Clone, Debug)]
	pub struct ClaimTree<AccountId> {
		receipts: Vec<SignedReceipt<AccountId>>,
		tree: RangeTree,
		merged: u32,
	}

	impl<AccountId: Encode + Clone + PartialEq> ClaimTree<AccountId> {
		/// Checks `receipts` (one policy, round and provider, signatures
		/// valid in `domain`), sorts them by key, merges repeated copies of
		/// one receipt (keeping the first signature) and builds the tree.
		pub fn build(
			domain: &SigningDomain,
			mut receipts: Vec<SignedReceipt<AccountId>>,
		) -> Result<Self, ClaimTreeError> {
			let first = receipts.first().ok_or(ClaimTreeError::Empty)?.receipt.clone();
			for (index, signed) in receipts.iter().enumerate() {
				let r = &signed.receipt;
				if (r.policy, r.round) != (first.policy, first.round)
					|| r.provider != first.provider
				{
					return Err(ClaimTreeError::MixedClaim { index });
				}
				if !signed.verify(domain) {
					return Err(ClaimTreeError::BadSignature { index });
				}
			}
			// Stable: of equal receipts the first one's signature is kept.
			receipts.sort_by_key(|signed| signed.receipt.sort_key());
			let before = receipts.len();
			receipts.dedup_by(|later, earlier| later.receipt == earlier.receipt);
			let merged = u32::try_from(before - receipts.len())
				.map_err(|_| ClaimTreeError::TooManyReceipts)?;
			if let Some(pair) =
				receipts.windows(2).find(|p| p[0].receipt.sort_key() == p[1].receipt.sort_key())
			{
				let receipt = &pair[0].receipt;
				return Err(ClaimTreeError::ConflictingReceipts {
					requester: receipt.requester,
					nonce: receipt.nonce,
				});
			}
			let leaves: Vec<RangeNode> = receipts.iter().map(|s| leaf(&s.receipt)).collect();
			let tree = RangeTree::from_leaves(leaves).ok_or(ClaimTreeError::TooManyReceipts)?;
			Ok(Self { receipts, tree, merged })
		}

		/// The policy claimed for.
		pub fn policy(&self) -> PolicyId {
			self.receipts.first().map(|s| s.receipt.policy).unwrap_or_default()
		}

		/// The round claimed for.
		pub fn round(&self) -> RoundIndex {
			self.receipts.first().map(|s| s.receipt.round).unwrap_or_default()
		}

		/// The provider the receipts name: the only account that can claim
		/// them.
		pub fn provider(&self) -> Option<&AccountId> {
			self.receipts.first().map(|s| &s.receipt.provider)
		}

		/// `w`: the number of leaves, i.e. of distinct receipts.
		pub fn served(&self) -> u32 {
			self.tree.len()
		}

		/// The root digest `commit_claim` takes.
		pub fn root(&self) -> [u8; 32] {
			self.tree.root()
		}

		/// The leaves' receipts, in tree order.
		pub fn receipts(&self) -> &[SignedReceipt<AccountId>] {
			&self.receipts
		}

		/// How many repeated copies of a receipt were merged.
		pub fn merged(&self) -> u32 {
			self.merged
		}

		/// The opening of leaf `index`; `None` if out of range.
		pub fn opening(&self, index: u32) -> Option<Opening<AccountId>> {
			let signed = self.receipts.get(index as usize)?;
			let proof = self.tree.proof(index)?;
			Some(Opening { receipt: signed.receipt.clone(), signature: signed.signature, proof })
		}

		/// The openings of `indices`, in their order: `open_claim`'s
		/// `openings` when `indices` are the commitment's challenges.
		pub fn openings(&self, indices: &[u32]) -> Result<Vec<Opening<AccountId>>, ClaimTreeError> {
			indices
				.iter()
				.map(|&index| {
					self.opening(index)
						.ok_or(ClaimTreeError::IndexOutOfRange { index, leaves: self.served() })
				})
				.collect()
		}

		/// The challenge indices of this claim once the chain fixed `seed`:
		/// [`challenge_indices`] with the pallet's identity `(policy,
		/// provider, round, served)`, `count` the commitment's challenge
		/// count. Empty for an empty tree (never built).
		pub fn challenge_indices(&self, seed: &[u8; 32], count: u32) -> Vec<u32> {
			let Some(provider) = self.provider() else { return Vec::new() };
			let identity = (self.policy(), provider, self.round(), self.served());
			challenge_indices(seed, &identity, self.served(), count)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::availability::{forgery_probability, liveness_failure_probability};

	type TestReceipt = Receipt<[u8; 32]>;

	fn record(requester: u8, nonce: u64) -> TestReceipt {
		Receipt {
			policy: 1,
			round: 2,
			provider: [4; 32],
			requester: sr25519::Public::from_raw([requester; 32]),
			nonce,
			request_hash: [nonce as u8; 32],
			response_hash: [!(nonce as u8); 32],
		}
	}

	fn records(n: u64) -> Vec<TestReceipt> {
		(0..n).map(|i| record(1 + (i % 3) as u8, i)).collect()
	}

	#[test]
	fn proofs_round_trip_for_every_size() {
		for n in [1u64, 2, 3, 4, 5, 7, 8, 9, 16, 33] {
			let mut recs = records(n);
			sort_receipts(&mut recs);
			let tree = RangeTree::from_receipts(&recs).unwrap();
			assert_eq!(tree.len() as u64, n);
			for (i, r) in recs.iter().enumerate() {
				let proof = tree.proof(i as u32).unwrap();
				assert_eq!(
					verify_opening(&tree.root(), n as u32, i as u32, &leaf(r), &proof),
					Ok(())
				);
				// Wrong index, wrong leaf. (The number of leaves is not
				// bound by the root: it fixes the path's shape, and the
				// soundness argument holds for the shape of the claimed `w`.)
				if n > 1 {
					let other = ((i + 1) % n as usize) as u32;
					assert!(
						verify_opening(&tree.root(), n as u32, other, &leaf(r), &proof).is_err()
					);
				}
				let mut forged = r.clone();
				forged.request_hash = [0xee; 32];
				assert_eq!(
					verify_opening(&tree.root(), n as u32, i as u32, &leaf(&forged), &proof),
					Err(ProofError::RootMismatch)
				);
			}
			assert_eq!(
				verify_opening(&tree.root(), n as u32, n as u32, &leaf(&recs[0]), &[]),
				Err(ProofError::IndexOutOfRange)
			);
		}
	}

	#[test]
	fn sort_key_orders_by_requester_then_nonce() {
		assert!(record(1, 500).sort_key() < record(2, 0).sort_key());
		assert!(record(1, 255).sort_key() < record(1, 256).sort_key());
		let mut recs = vec![record(2, 1), record(1, 9), record(1, 9), record(1, 2)];
		sort_receipts(&mut recs);
		assert_eq!(recs, vec![record(1, 2), record(1, 9), record(2, 1)]);
	}

	#[test]
	fn duplicate_or_unsorted_leaves_do_not_open() {
		// An honest-looking tree over records containing a duplicate.
		let mut recs = records(8);
		sort_receipts(&mut recs);
		recs[5] = recs[4].clone();
		let tree = RangeTree::from_receipts(&recs).unwrap();
		let proof = tree.proof(5).unwrap();
		assert_eq!(
			verify_opening(&tree.root(), 8, 5, &leaf(&recs[5]), &proof),
			Err(ProofError::NotSorted)
		);
		// Out of order.
		let mut recs = records(8);
		sort_receipts(&mut recs);
		recs.swap(1, 6);
		let tree = RangeTree::from_receipts(&recs).unwrap();
		assert_eq!(
			verify_opening(&tree.root(), 8, 1, &leaf(&recs[1]), &tree.proof(1).unwrap()),
			Err(ProofError::NotSorted)
		);
	}

	/// The attack that defeats neighbour checks: the records twice, `1..g,
	/// 1..g`, one descent in `2g - 1` pairs. With honest labels every leaf
	/// fails (the root's children overlap); with a lying label on the root's
	/// right child the first copy opens, but no leaf of the second copy can:
	/// half the leaves fail, as the soundness argument says.
	#[test]
	fn repeated_block_fails_on_half_the_leaves_at_least() {
		let mut recs = records(8);
		sort_receipts(&mut recs);
		let g = recs.len() as u32;
		let w = 2 * g;
		let mut doubled = recs.clone();
		doubled.extend(recs.iter().cloned());
		let honest = RangeTree::from_receipts(&doubled).unwrap();
		for i in 0..w {
			assert_eq!(
				verify_opening(
					&honest.root(),
					w,
					i,
					&leaf(&doubled[i as usize]),
					&honest.proof(i).unwrap()
				),
				Err(ProofError::NotSorted)
			);
		}

		let copy = RangeTree::from_receipts(&recs).unwrap();
		let mut above = recs.last().unwrap().sort_key();
		above[39] = above[39].wrapping_add(1);
		let fake_right = RangeNode { digest: [7; 32], min: above, max: [0xff; 40] };
		let left = RangeNode {
			digest: copy.root(),
			min: recs[0].sort_key(),
			max: recs.last().unwrap().sort_key(),
		};
		let root = parent(&left, &fake_right).digest;
		for i in 0..g {
			let mut proof = copy.proof(i).unwrap();
			proof.push(fake_right);
			assert_eq!(verify_opening(&root, w, i, &leaf(&recs[i as usize]), &proof), Ok(()));
		}
		for i in g..w {
			let mut proof = copy.proof(i - g).unwrap();
			proof.push(left);
			assert!(verify_opening(&root, w, i, &leaf(&recs[(i - g) as usize]), &proof).is_err());
		}
	}

	#[test]
	fn sparse_tree_matches_full_tree() {
		let mut recs = records(13);
		sort_receipts(&mut recs);
		let full = RangeTree::from_receipts(&recs).unwrap();
		let known: Vec<(u32, RangeNode)> =
			recs.iter().enumerate().map(|(i, r)| (i as u32, leaf(r))).collect();
		let (root, proofs) = sparse_tree(13, &known, &|_, _| unreachable!()).unwrap();
		assert_eq!(root, full.root());
		for (i, proof) in proofs.iter().enumerate() {
			assert_eq!(proof, &full.proof(i as u32).unwrap());
		}
	}

	#[test]
	fn sparse_tree_of_a_million_leaves_opens_its_known_leaves() {
		let w = 1u32 << 20;
		let requester = sr25519::Public::from_raw([5; 32]);
		let known: Vec<(u32, RangeNode)> = [3u32, 77, 500_000, w - 1]
			.iter()
			.map(|i| {
				let r = Receipt {
					policy: 0,
					round: 0,
					provider: [4u8; 32],
					requester,
					nonce: u64::from(*i),
					request_hash: [1; 32],
					response_hash: [2; 32],
				};
				(*i, leaf(&r))
			})
			.collect();
		let filler = |first: u32, last: u32| RangeNode {
			digest: [9; 32],
			min: sort_key(&requester, u64::from(first)),
			max: sort_key(&requester, u64::from(last)),
		};
		let (root, proofs) = sparse_tree(w, &known, &filler).unwrap();
		for ((i, node), proof) in known.iter().zip(proofs.iter()) {
			assert_eq!(proof.len(), 20);
			assert_eq!(verify_opening(&root, w, *i, node, proof), Ok(()));
		}
	}

	#[test]
	fn wrong_path_lengths_are_rejected() {
		let recs = records(5);
		let mut sorted = recs.clone();
		sort_receipts(&mut sorted);
		let tree = RangeTree::from_receipts(&sorted).unwrap();
		let mut proof = tree.proof(4).unwrap();
		// Leaf 4 of 5 is promoted twice: one sibling only.
		assert_eq!(proof.len(), 1);
		proof.push(proof[0]);
		assert_eq!(
			verify_opening(&tree.root(), 5, 4, &leaf(&sorted[4]), &proof),
			Err(ProofError::WrongLength)
		);
		assert_eq!(
			verify_opening(&tree.root(), 5, 0, &leaf(&sorted[0]), &[]),
			Err(ProofError::WrongLength)
		);
	}

	#[test]
	fn challenge_indices_are_distinct_in_range_and_deterministic() {
		let identity = (7u64, [1u8; 32], 3u32, 1000u32);
		for (w, k) in [(1u32, 64u32), (2, 64), (5, 3), (64, 64), (1000, 64), (1 << 20, 64)] {
			let a = challenge_indices(&[1; 32], &identity, w, k);
			assert_eq!(a.len() as u32, k.min(w));
			assert!(a.iter().all(|i| *i < w));
			let mut sorted = a.clone();
			sorted.sort();
			sorted.dedup();
			assert_eq!(sorted.len(), a.len(), "distinct for w {w}");
			assert_eq!(a, challenge_indices(&[1; 32], &identity, w, k));
			if w == k {
				assert_eq!(sorted, (0..w).collect::<Vec<_>>());
			}
		}
		let w = 1 << 20;
		assert_ne!(
			challenge_indices(&[1; 32], &identity, w, 8),
			challenge_indices(&[2; 32], &identity, w, 8)
		);
		assert_ne!(
			challenge_indices(&[1; 32], &identity, w, 8),
			challenge_indices(&[1; 32], &(8u64, [1u8; 32], 3u32, 1000u32), w, 8)
		);
		// A prefix of a longer draw.
		assert_eq!(
			challenge_indices(&[1; 32], &identity, w, 8)[..],
			challenge_indices(&[1; 32], &identity, w, 16)[..8]
		);
		assert!(challenge_indices(&[1; 32], &identity, 0, 8).is_empty());
	}

	#[test]
	fn challenge_indices_are_uniform() {
		let mut hits = [0u32; 10];
		for s in 0..2000u32 {
			let mut seed = [0u8; 32];
			seed[..4].copy_from_slice(&s.to_le_bytes());
			for i in challenge_indices(&seed, &0u8, 10, 3) {
				hits[i as usize] += 1;
			}
		}
		// 600 expected per index.
		assert!(hits.iter().all(|h| (500..700).contains(h)), "{hits:?}");
	}

	fn ratio((num, den): (u128, u128)) -> f64 {
		num as f64 / den as f64
	}

	fn sig3(x: f64) -> f64 {
		let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
		(x * scale).round() / scale
	}

	#[test]
	fn documented_committee_probabilities() {
		let (n, t) = (DEFAULT_COMMITTEE_SIZE, DEFAULT_COMMITTEE_THRESHOLD);
		let table =
			[((1, 10), 2.70e-8, 3.30e-3), ((1, 5), 3.26e-5, 8.17e-2), ((1, 3), 4.04e-3, 4.53e-1)];
		for ((num, den), forge, live) in table {
			let f = forgery_probability(n, t, num, den).map(ratio).map(sig3);
			let l = liveness_failure_probability(n, t, num, den).map(ratio).map(sig3);
			assert_eq!(f, Some(forge), "forgery at {num}/{den}");
			assert_eq!(l, Some(live), "liveness at {num}/{den}");
		}
	}

	#[test]
	fn documented_escape_probabilities() {
		let table = [
			(32, [1.94e-1, 3.43e-2, 7.92e-4]),
			(DEFAULT_CHALLENGE_COUNT as i32, [3.75e-2, 1.18e-3, 6.28e-7]),
		];
		for (k, row) in table {
			for (f, expected) in [0.05f64, 0.1, 0.2].iter().zip(row) {
				assert_eq!(sig3((1.0 - f).powi(k)), expected, "k {k} f {f}");
			}
		}
	}

	#[test]
	fn payload_layouts_are_stable() {
		let domain = signing_domain([7u8; 32]);
		let statement = ClaimStatement { policy: 3, provider: [9u8; 32], round: 5, served: 11 };
		let bytes = statement_payload(&domain, &statement);
		assert_eq!(bytes.len(), 20 + 41 + 8 + 32 + 4 + 4);
		assert_eq!(&bytes[..20], b"market/service-claim");
		assert_eq!(&bytes[20..52], &[7u8; 32]);
		assert_eq!(&bytes[52..60], b"svclaims");
		assert_eq!(bytes[60], SERVICE_CLAIMS_PAYLOAD_VERSION);
		let receipt = record(4, 6);
		let bytes = receipt_payload(&domain, &receipt);
		assert_eq!(bytes.len(), 22 + 41 + 8 + 4 + 32 + 32 + 8 + 32 + 32);
		assert_eq!(&bytes[..22], b"market/service-receipt");
		assert_eq!(&bytes[63..71], &1u64.to_le_bytes());
		assert_eq!(&bytes[75..107], &[4u8; 32], "the provider follows the round");
	}

	#[test]
	fn committee_excludes_the_claimant_and_uses_its_own_domain() {
		let weights: Vec<u128> = (1..=50).map(|k| k * 10).collect();
		let tree = sampling::MemoryTree::from_weights(&weights);
		let seed = [4u8; 32];
		let committee = committee_seats(&tree, &seed, 16, 9);
		let linear = sampling::draw_seats_linear(&weights, &seed, &COMMITTEE, 16, Some(9));
		assert_eq!(committee, sampling::group_seats(&linear));
		assert!(committee.iter().all(|(slot, _)| *slot != 9));
		assert_eq!(committee.iter().map(|(_, seats)| seats).sum::<u32>(), 16);
		let gateways = crate::availability::gateway_seats(&tree, &seed, 16, 9);
		assert_ne!(committee, gateways);
		// Two providers: the other one holds every seat.
		let two = sampling::MemoryTree::from_weights(&[5, 7]);
		assert_eq!(committee_seats(&two, &seed, 16, 1), vec![(2, 16)]);
	}

	#[test]
	fn documented_committee_probabilities_at_every_market_size() {
		// (providers, forgery for a third of the stake with a claimant of
		// equal stake, the bound f itself)
		for (providers, forge) in
			[(4u32, 8.14e-8), (10, 4.03e-4), (100, 3.37e-3), (10_000, 4.03e-3)]
		{
			let share =
				crate::quorum::committee_adversary_share(1.0 / 3.0, 1.0 / f64::from(providers));
			let p = crate::quorum::binomial_tail_f64(16, 11, share);
			assert_eq!(sig3(p), forge, "{providers}");
			assert!(p <= crate::quorum::binomial_tail_f64(16, 11, 1.0 / 3.0));
		}
	}

	mod client_helpers {
		use super::super::{client::*, *};
		use sp_core::Pair;

		fn requester(seed: u8) -> sr25519::Pair {
			sr25519::Pair::from_seed(&[seed; 32])
		}

		fn domain() -> SigningDomain {
			signing_domain([7u8; 32])
		}

		const PROVIDER: [u8; 32] = [4u8; 32];

		fn receipt_of(
			requester: &sr25519::Pair,
			round: RoundIndex,
			provider: [u8; 32],
			nonce: u64,
			request_hash: [u8; 32],
		) -> SignedReceipt<[u8; 32]> {
			sign_receipt(requester, &domain(), 3, round, provider, nonce, request_hash, [9; 32])
		}

		/// `n` receipts of policy 3, round 5, for [`PROVIDER`], by three
		/// requesters, unsorted.
		fn signed(n: u64) -> Vec<SignedReceipt<[u8; 32]>> {
			let keys = [requester(1), requester(2), requester(3)];
			(0..n)
				.rev()
				.map(|i| receipt_of(&keys[(i % 3) as usize], 5, PROVIDER, i, [i as u8; 32]))
				.collect()
		}

		#[test]
		fn committee_statements_pass_the_pallets_check() {
			let member = requester(9);
			let statement = ClaimStatement { policy: 3, provider: [4u8; 32], round: 5, served: 11 };
			let signature = sign_statement(&member, &domain(), &statement);
			let payload = statement_payload(&domain(), &statement);
			assert!(sr25519::Pair::verify(&signature, &payload, &member.public()));
			assert!(verify_statement(&member.public(), &domain(), &statement, &signature));
			assert!(!verify_statement(&requester(8).public(), &domain(), &statement, &signature));
			for changed in [
				ClaimStatement { served: 12, ..statement.clone() },
				ClaimStatement { policy: 4, ..statement.clone() },
				ClaimStatement { round: 6, ..statement.clone() },
				ClaimStatement { provider: [5u8; 32], ..statement.clone() },
			] {
				assert!(!verify_statement(&member.public(), &domain(), &changed, &signature));
			}
			let other_chain = signing_domain([6u8; 32]);
			assert!(!verify_statement(&member.public(), &other_chain, &statement, &signature));
		}

		#[test]
		fn every_opening_passes_the_pallets_checks() {
			for n in [1u64, 2, 3, 7, 8, 13] {
				let tree = ClaimTree::build(&domain(), signed(n)).unwrap();
				assert_eq!(tree.served() as u64, n);
				assert_eq!((tree.policy(), tree.round()), (3, 5));
				let keys: Vec<SortKey> =
					tree.receipts().iter().map(|s| s.receipt.sort_key()).collect();
				assert!(keys.windows(2).all(|k| k[0] < k[1]));
				let all: Vec<u32> = (0..tree.served()).collect();
				let openings = tree.openings(&all).unwrap();
				for (index, opening) in all.iter().zip(openings.iter()) {
					let check = |policy, round, provider: [u8; 32], index| {
						check_opening(
							&domain(),
							policy,
							round,
							&provider,
							&tree.root(),
							tree.served(),
							index,
							opening,
						)
					};
					assert_eq!(check(3, 5, PROVIDER, *index), Ok(()));
					assert_eq!(check(4, 5, PROVIDER, *index), Err(OpeningError::WrongPolicy));
					assert_eq!(check(3, 6, PROVIDER, *index), Err(OpeningError::WrongRound));
					// Another provider's receipts pay nobody but it.
					assert_eq!(check(3, 5, [5; 32], *index), Err(OpeningError::WrongProvider));
					if n > 1 {
						let other = (index + 1) % tree.served();
						assert!(matches!(
							check(3, 5, PROVIDER, other),
							Err(OpeningError::BadProof(_))
						));
					}
					let mut forged = opening.clone();
					forged.signature = requester(9).sign(b"forged");
					assert_eq!(
						check_opening(
							&domain(),
							3,
							5,
							&PROVIDER,
							&tree.root(),
							tree.served(),
							*index,
							&forged
						),
						Err(OpeningError::BadSignature)
					);
				}
				assert_eq!(
					tree.openings(&[0, tree.served()]).unwrap_err(),
					ClaimTreeError::IndexOutOfRange { index: tree.served(), leaves: tree.served() }
				);
			}
		}

		#[test]
		fn opening_encodes_as_receipt_signature_path() {
			let tree = ClaimTree::build(&domain(), signed(5)).unwrap();
			let opening = tree.opening(2).unwrap();
			let bytes = opening.encode();
			let mut expected = opening.receipt.encode();
			expected.extend_from_slice(&opening.signature.0);
			expected.extend(opening.proof.encode());
			assert_eq!(bytes, expected);
			assert_eq!(Opening::decode(&mut &bytes[..]).unwrap(), opening);
		}

		#[test]
		fn building_refuses_what_the_pallet_would() {
			assert_eq!(
				ClaimTree::<[u8; 32]>::build(&domain(), vec![]).unwrap_err(),
				ClaimTreeError::Empty
			);
			let mut records = signed(4);
			records[2] = receipt_of(&requester(1), 6, PROVIDER, 99, [0; 32]);
			assert_eq!(
				ClaimTree::build(&domain(), records).unwrap_err(),
				ClaimTreeError::MixedClaim { index: 2 }
			);
			let mut records = signed(4);
			records[3] = receipt_of(&requester(1), 5, [5; 32], 99, [0; 32]);
			assert_eq!(
				ClaimTree::build(&domain(), records).unwrap_err(),
				ClaimTreeError::MixedClaim { index: 3 }
			);
			let mut records = signed(4);
			records[1].signature = requester(9).sign(b"forged");
			assert_eq!(
				ClaimTree::build(&domain(), records).unwrap_err(),
				ClaimTreeError::BadSignature { index: 1 }
			);
			// Signed for another chain.
			assert_eq!(
				ClaimTree::build(&signing_domain([6u8; 32]), signed(2)).unwrap_err(),
				ClaimTreeError::BadSignature { index: 0 }
			);
			let mut records = signed(4);
			records.push(receipt_of(&requester(1), 5, PROVIDER, 3, [0xee; 32]));
			assert_eq!(
				ClaimTree::build(&domain(), records).unwrap_err(),
				ClaimTreeError::ConflictingReceipts { requester: requester(1).public(), nonce: 3 }
			);
		}

		#[test]
		fn repeated_records_are_merged() {
			let mut records = signed(6);
			let copy = records[4].clone();
			// The same receipt signed again: another (randomized) signature.
			let resigned = receipt_of(
				&requester((copy.receipt.nonce % 3 + 1) as u8),
				5,
				PROVIDER,
				copy.receipt.nonce,
				copy.receipt.request_hash,
			);
			assert_eq!(resigned.receipt, copy.receipt);
			records.extend([copy, resigned]);
			let tree = ClaimTree::build(&domain(), records).unwrap();
			assert_eq!((tree.served(), tree.merged()), (6, 2));
			assert_eq!(tree.root(), ClaimTree::build(&domain(), signed(6)).unwrap().root());
		}

		#[test]
		fn challenges_use_the_pallets_identity() {
			let tree = ClaimTree::build(&domain(), signed(100)).unwrap();
			let provider = PROVIDER;
			let seed = [1u8; 32];
			let indices = tree.challenge_indices(&seed, 8);
			// `Pallet::challenges`: identity (policy, provider, round, served).
			assert_eq!(indices, challenge_indices(&seed, &(3u64, &provider, 5u32, 100u32), 100, 8));
			assert_eq!(indices.len(), 8);
			for (index, opening) in indices.iter().zip(tree.openings(&indices).unwrap()) {
				assert_eq!(
					check_opening(&domain(), 3, 5, &provider, &tree.root(), 100, *index, &opening),
					Ok(())
				);
			}
			let other: Vec<SignedReceipt<[u8; 32]>> =
				(0..100).map(|i| receipt_of(&requester(1), 5, [5; 32], i, [i as u8; 32])).collect();
			let other = ClaimTree::build(&domain(), other).unwrap();
			assert_ne!(indices, other.challenge_indices(&seed, 8));
		}
	}
}
