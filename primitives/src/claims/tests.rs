//! Tests of the claims primitives: the range tree, receipts, challenges,
//! the documented probabilities and the client helpers.

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
			assert_eq!(verify_opening(&tree.root(), n as u32, i as u32, &leaf(r), &proof), Ok(()));
			// Wrong index, wrong leaf. (The number of leaves is not
			// bound by the root: it fixes the path's shape, and the
			// soundness argument holds for the shape of the claimed `w`.)
			if n > 1 {
				let other = ((i + 1) % n as usize) as u32;
				assert!(verify_opening(&tree.root(), n as u32, other, &leaf(r), &proof).is_err());
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
	for (providers, forge) in [(4u32, 8.14e-8), (10, 4.03e-4), (100, 3.37e-3), (10_000, 4.03e-3)] {
		let share = crate::quorum::committee_adversary_share(1.0 / 3.0, 1.0 / f64::from(providers));
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
			let keys: Vec<SortKey> = tree.receipts().iter().map(|s| s.receipt.sort_key()).collect();
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
					assert!(matches!(check(3, 5, PROVIDER, other), Err(OpeningError::BadProof(_))));
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
