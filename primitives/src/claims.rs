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
mod tests;
