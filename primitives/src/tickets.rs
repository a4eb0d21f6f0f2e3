//! Probabilistic micropayments: the lottery ticket a sender signs, the VRF
//! input its recipient evaluates, and the win check.
//!
//! # Ticket
//!
//! A [`Ticket`] names the chain's [`SigningDomain`] (genesis hash, pallet tag
//! [`TICKETS_TAG`], version [`TICKET_PAYLOAD_VERSION`]), the sender, the
//! recipient, a face value, a [`WinProbability`], a per-sender index, an
//! expiry block and an optional auxiliary hash (e.g. a request id).
//!
//! SCALE layout for 32-byte accounts, 16-byte balances and 4-byte blocks
//! (what [`Ticket::encode`] produces and the JavaScript test-vector generator
//! builds by hand):
//!
//! | bytes     | field                                   |
//! |-----------|-----------------------------------------|
//! | 0..32     | `domain.genesis_hash`                   |
//! | 32..40    | `domain.pallet` (`b"tickets_"`)         |
//! | 40        | `domain.version`                        |
//! | 41..73    | `sender`                                |
//! | 73..105   | `recipient`                             |
//! | 105..121  | `face_value` (u128, little endian)      |
//! | 121..137  | `win_probability` (u128, little endian) |
//! | 137..145  | `index` (u64, little endian)            |
//! | 145..149  | `expiry` (u32, little endian)           |
//! | 149       | `aux` tag: `0` none, `1` some           |
//! | 150..182  | `aux` (only if the tag is `1`)          |
//!
//! 150 bytes without `aux`, 182 with.
//!
//! # Signatures
//!
//! - The **sender** signs the ticket's SCALE encoding with its account key: a
//!   [`MultiSignature`](sp_runtime::MultiSignature), so sr25519, ed25519 and
//!   ecdsa accounts all work. polkadot.js `pair.sign(encoded)` produces it
//!   for an sr25519 pair (schnorrkel context `b"substrate"`).
//! - The **recipient** evaluates its schnorrkel VRF on the ticket with its
//!   account's own sr25519 key (so recipients must be sr25519 accounts): the
//!   input is the signing-context transcript
//!   `signing_context(TICKET_VRF_CONTEXT).bytes(ticket_hash)`, exactly what
//!   polkadot.js `sr25519VrfSign(ticket_hash, pair, TICKET_VRF_CONTEXT)`
//!   (default, empty `extra`) evaluates. The result is 96 bytes: a 32-byte
//!   pre-output (the VRF output point) followed by a 64-byte DLEQ proof
//!   `(c, s)`, [`VrfSignatureBytes`]. The sender's signature is not part of
//!   the input, so it cannot be varied to re-roll the lottery.
//!
//! # Win check
//!
//! `win_value = first 16 bytes of blake2_256(TICKET_WIN_TAG ++ ticket_hash ++
//! pre_output)`, read as a little-endian `u128`; the ticket wins iff
//! `win_value < win_probability`. The pre-output is unique for the
//! (recipient key, ticket) pair and proven by the DLEQ proof, so the hash is
//! a proper VRF output: the sender cannot predict it (it does not know the
//! recipient's secret key), and the recipient cannot choose it (its key is
//! its account, fixed before the ticket exists, and the VRF is
//! deterministic: re-evaluating a losing ticket yields the same pre-output).
//! A JavaScript client computes it from the 96 bytes with blake2 alone.

use crate::domain::{SigningDomain, TICKETS_TAG};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::sr25519::{
	self,
	vrf::{VrfPreOutput, VrfProof, VrfSignData, VrfSignature, VrfTranscript},
};

/// Version of the ticket format, bumped when its fields change.
pub const TICKET_PAYLOAD_VERSION: u8 = 1;

/// schnorrkel signing context of the recipient's VRF.
pub const TICKET_VRF_CONTEXT: &[u8] = b"market/ticket-vrf";

/// Prefix of the hash that turns a VRF pre-output into the win value.
pub const TICKET_WIN_TAG: &[u8] = b"market/ticket-win";

/// The recipient's VRF evaluation as polkadot.js returns it: 32-byte
/// pre-output followed by the 64-byte proof.
pub type VrfSignatureBytes = [u8; 96];

/// The signing domain of tickets on the chain of `genesis_hash`.
pub const fn signing_domain(genesis_hash: [u8; 32]) -> SigningDomain {
	SigningDomain::new(genesis_hash, TICKETS_TAG, TICKET_PAYLOAD_VERSION)
}

/// A ticket's probability of winning: `numerator / 2^128`.
///
/// 128 bits of precision. `0` never wins; `1.0` is not representable,
/// [`WinProbability::ALWAYS`] (`u128::MAX`) is the closest (it loses with
/// probability `2^-128`).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Default,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct WinProbability(pub u128);

impl WinProbability {
	/// The closest to certainty: `(2^128 - 1) / 2^128`.
	pub const ALWAYS: Self = Self(u128::MAX);

	/// `1 / n` rounded down (`0` for `n = 0`, [`Self::ALWAYS`] for `n = 1`).
	pub const fn one_in(n: u128) -> Self {
		match n {
			0 => Self(0),
			1 => Self::ALWAYS,
			n => Self(u128::MAX / n),
		}
	}
}

/// A lottery ticket: a promise of `face_value` from `sender` to `recipient`
/// if the recipient's VRF on it wins with `win_probability`.
#[derive(
	Encode, Decode, DecodeWithMemTracking, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Ticket<AccountId, Balance, BlockNumber> {
	/// The chain and pallet the ticket is valid on.
	pub domain: SigningDomain,
	/// Who pays, from its deposit (and reserve).
	pub sender: AccountId,
	/// Who is paid; its account key is the VRF key.
	pub recipient: AccountId,
	/// Amount paid if the ticket wins.
	pub face_value: Balance,
	/// Probability of winning.
	pub win_probability: WinProbability,
	/// Per-sender index: a sender signing two different tickets with the
	/// same index is provable fraud.
	pub index: u64,
	/// First block at which the ticket can no longer be redeemed.
	pub expiry: BlockNumber,
	/// Optional data the ticket commits to (e.g. a request id).
	pub aux: Option<[u8; 32]>,
}

impl<AccountId: Encode, Balance: Encode, BlockNumber: Encode>
	Ticket<AccountId, Balance, BlockNumber>
{
	/// `blake2_256(SCALE(ticket))`: the ticket's identity and VRF message.
	pub fn hash(&self) -> [u8; 32] {
		ticket_hash(self)
	}
}

/// `blake2_256(SCALE(ticket))`.
pub fn ticket_hash<T: Encode>(ticket: &T) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(&ticket.encode())
}

/// The VRF input of the ticket with hash `ticket_hash`: schnorrkel's
/// `signing_context(TICKET_VRF_CONTEXT).bytes(ticket_hash)`.
pub fn vrf_transcript(ticket_hash: &[u8; 32]) -> VrfTranscript {
	VrfTranscript::new(
		b"SigningContext",
		&[(b"", TICKET_VRF_CONTEXT), (b"sign-bytes", &ticket_hash[..])],
	)
}

/// The data the recipient's VRF signs: [`vrf_transcript`], with the default
/// (empty) extra transcript of polkadot.js and schnorrkel's `vrf_sign`.
pub fn vrf_sign_data(ticket_hash: &[u8; 32]) -> VrfSignData {
	VrfSignData::new(vrf_transcript(ticket_hash))
}

/// Decodes the 96 bytes of a VRF evaluation; `None` if the pre-output or
/// the proof's scalars are malformed.
pub fn decode_vrf_signature(bytes: &VrfSignatureBytes) -> Option<VrfSignature> {
	let mut input = &bytes[..];
	let pre_output = VrfPreOutput::decode(&mut input).ok()?;
	let proof = VrfProof::decode(&mut input).ok()?;
	Some(VrfSignature { pre_output, proof })
}

/// Whether `signature` is `key`'s VRF evaluation on the ticket with hash
/// `ticket_hash`.
pub fn verify_vrf(
	key: &sr25519::Public,
	ticket_hash: &[u8; 32],
	signature: &VrfSignatureBytes,
) -> bool {
	use sp_core::crypto::VrfPublic;
	match decode_vrf_signature(signature) {
		Some(signature) => key.vrf_verify(&vrf_sign_data(ticket_hash), &signature),
		None => false,
	}
}

/// The win value of a ticket: the first 16 bytes of
/// `blake2_256(TICKET_WIN_TAG ++ ticket_hash ++ pre_output)`, little endian.
pub fn win_value(ticket_hash: &[u8; 32], pre_output: &[u8; 32]) -> u128 {
	let mut data = [0u8; TICKET_WIN_TAG.len() + 64];
	let (tag, rest) = data.split_at_mut(TICKET_WIN_TAG.len());
	tag.copy_from_slice(TICKET_WIN_TAG);
	let (hash, pre) = rest.split_at_mut(32);
	hash.copy_from_slice(ticket_hash);
	pre.copy_from_slice(pre_output);
	let digest = sp_crypto_hashing::blake2_256(&data);
	let mut low = [0u8; 16];
	low.copy_from_slice(&digest[..16]);
	u128::from_le_bytes(low)
}

/// The pre-output: the first 32 bytes of a VRF evaluation.
pub fn pre_output(signature: &VrfSignatureBytes) -> [u8; 32] {
	let mut pre = [0u8; 32];
	pre.copy_from_slice(&signature[..32]);
	pre
}

/// Whether a ticket with hash `ticket_hash`, whose (verified) VRF evaluation
/// is `signature`, wins with `probability`.
pub fn is_winning(
	ticket_hash: &[u8; 32],
	signature: &VrfSignatureBytes,
	probability: WinProbability,
) -> bool {
	win_value(ticket_hash, &pre_output(signature)) < probability.0
}

/// Client helpers: signing and evaluating tickets with key pairs.
#[cfg(feature = "std")]
pub mod client {
	use super::*;
	use sp_core::{crypto::VrfSecret, Pair};

	/// The sender's sr25519 signature of `ticket` (its SCALE encoding).
	pub fn sign_ticket<T: Encode>(
		sender: &sr25519::Pair,
		ticket: &T,
	) -> sp_runtime::MultiSignature {
		sender.sign(&ticket.encode()).into()
	}

	/// The recipient's VRF evaluation of the ticket with hash `ticket_hash`,
	/// as the 96 bytes polkadot.js returns.
	pub fn evaluate_vrf(recipient: &sr25519::Pair, ticket_hash: &[u8; 32]) -> VrfSignatureBytes {
		let signature = recipient.vrf_sign(&vrf_sign_data(ticket_hash));
		let mut bytes = [0u8; 96];
		bytes.copy_from_slice(&signature.encode());
		bytes
	}
}

#[cfg(test)]
mod tests {
	use super::{client::*, *};
	use sp_core::{crypto::Ss58Codec, Pair};
	use sp_runtime::{traits::Verify, AccountId32, MultiSignature};

	type TestTicket = Ticket<AccountId32, u128, u32>;

	fn hex(s: &str) -> Vec<u8> {
		let s = s.trim_start_matches("0x");
		(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
	}

	fn array<const N: usize>(s: &str) -> [u8; N] {
		hex(s).try_into().unwrap()
	}

	fn account(v: &serde_json::Value) -> AccountId32 {
		AccountId32::from_ss58check(v.as_str().unwrap()).unwrap()
	}

	fn u128_of(v: &serde_json::Value) -> u128 {
		v.as_str().unwrap().parse().unwrap()
	}

	const VECTORS: &str = include_str!("../../pallets/tickets/test-vectors/vectors.json");

	fn vectors() -> serde_json::Value {
		serde_json::from_str(VECTORS).unwrap()
	}

	fn ticket_of(v: &serde_json::Value) -> TestTicket {
		let t = &v["ticket"];
		Ticket {
			domain: SigningDomain::new(
				array(t["genesisHash"].as_str().unwrap()),
				array(t["pallet"].as_str().unwrap()),
				t["version"].as_u64().unwrap() as u8,
			),
			sender: account(&t["sender"]),
			recipient: account(&t["recipient"]),
			face_value: u128_of(&t["faceValue"]),
			win_probability: WinProbability(u128_of(&t["winProbability"])),
			index: t["index"].as_str().unwrap().parse().unwrap(),
			expiry: t["expiry"].as_u64().unwrap() as u32,
			aux: t["aux"].as_str().map(array),
		}
	}

	#[test]
	fn layout_matches_the_documented_table() {
		let ticket = TestTicket {
			domain: signing_domain([1u8; 32]),
			sender: AccountId32::new([2u8; 32]),
			recipient: AccountId32::new([3u8; 32]),
			face_value: 4,
			win_probability: WinProbability(5),
			index: 6,
			expiry: 7,
			aux: None,
		};
		let bytes = ticket.encode();
		assert_eq!(bytes.len(), 150);
		assert_eq!(&bytes[32..40], b"tickets_");
		assert_eq!(bytes[40], TICKET_PAYLOAD_VERSION);
		assert_eq!(&bytes[41..73], &[2u8; 32]);
		assert_eq!(bytes[105], 4);
		assert_eq!(bytes[121], 5);
		assert_eq!(bytes[137], 6);
		assert_eq!(bytes[145], 7);
		assert_eq!(bytes[149], 0);
		let with_aux = TestTicket { aux: Some([8u8; 32]), ..ticket };
		assert_eq!(with_aux.encode().len(), 182);
		assert_eq!(TestTicket::max_encoded_len(), 182);
	}

	#[test]
	fn polkadot_js_vectors_verify_in_rust() {
		let vectors = vectors();
		let list = vectors["vectors"].as_array().unwrap();
		assert!(list.len() >= 3);
		for v in list {
			let ticket = ticket_of(v);
			let encoded = ticket.encode();
			assert_eq!(encoded, hex(v["encoded"].as_str().unwrap()), "encoding");
			let hash = ticket.hash();
			assert_eq!(hash.to_vec(), hex(v["hash"].as_str().unwrap()), "hash");
			let signature: [u8; 64] = array(v["senderSignature"].as_str().unwrap());
			let signature = MultiSignature::Sr25519(sr25519::Signature::from_raw(signature));
			assert!(signature.verify(&encoded[..], &ticket.sender), "sender signature");
			let vrf: VrfSignatureBytes = array(v["vrf"].as_str().unwrap());
			let key = sr25519::Public::from_raw(ticket.recipient.clone().into());
			assert!(verify_vrf(&key, &hash, &vrf), "vrf proof");
			let win = win_value(&hash, &pre_output(&vrf));
			assert_eq!(win, u128_of(&v["winValue"]), "win value");
			for case in v["outcomes"].as_array().unwrap() {
				let probability = WinProbability(u128_of(&case["probability"]));
				assert_eq!(
					is_winning(&hash, &vrf, probability),
					case["wins"].as_bool().unwrap(),
					"outcome"
				);
			}
			// Rust's own evaluation has the same pre-output (the proof is
			// randomized, the output is not).
			let recipient =
				sr25519::Pair::from_string(v["recipientUri"].as_str().unwrap(), None).unwrap();
			assert_eq!(recipient.public(), key);
			assert_eq!(pre_output(&evaluate_vrf(&recipient, &hash)), pre_output(&vrf));
		}
	}

	#[test]
	fn polkadot_js_vrf_by_another_key_is_refused() {
		let vectors = vectors();
		let bad = &vectors["wrongKey"];
		let ticket = ticket_of(bad);
		let hash = ticket.hash();
		let vrf: VrfSignatureBytes = array(bad["vrf"].as_str().unwrap());
		let recipient = sr25519::Public::from_raw(ticket.recipient.clone().into());
		assert!(!verify_vrf(&recipient, &hash, &vrf));
		// It is a valid evaluation, only by the signer's key.
		let signer = sr25519::Public::from_raw(account(&bad["vrfSigner"]).into());
		assert!(verify_vrf(&signer, &hash, &vrf));
	}

	fn sample_ticket(recipient: &sr25519::Pair, index: u64) -> TestTicket {
		TestTicket {
			domain: signing_domain([9u8; 32]),
			sender: AccountId32::new([1u8; 32]),
			recipient: recipient.public().into(),
			face_value: 1_000,
			win_probability: WinProbability::one_in(2),
			index,
			expiry: 100,
			aux: None,
		}
	}

	#[test]
	fn a_swapped_key_cannot_make_a_losing_ticket_win() {
		let recipient = sr25519::Pair::from_seed(&[7u8; 32]);
		// A losing ticket under the recipient's key.
		let (ticket, hash) = (0..64)
			.map(|i| sample_ticket(&recipient, i))
			.map(|t| {
				let h = t.hash();
				(t, h)
			})
			.find(|(_, h)| !is_winning(h, &evaluate_vrf(&recipient, h), WinProbability::one_in(2)))
			.unwrap();
		let key = sr25519::Public::from_raw(ticket.recipient.clone().into());
		// Re-evaluating never changes the outcome: the pre-output is unique.
		for _ in 0..4 {
			let again = evaluate_vrf(&recipient, &hash);
			assert!(verify_vrf(&key, &hash, &again));
			assert!(!is_winning(&hash, &again, ticket.win_probability));
		}
		// Another key (e.g. an operator key) may win on the same ticket, but
		// its proof does not verify against the recipient's account key.
		let winning_other = (0u8..64)
			.map(|i| sr25519::Pair::from_seed(&[i.wrapping_add(100); 32]))
			.map(|p| evaluate_vrf(&p, &hash))
			.find(|vrf| is_winning(&hash, vrf, ticket.win_probability))
			.unwrap();
		assert!(!verify_vrf(&key, &hash, &winning_other));
		// A pre-output from the other key with the recipient's proof fails too.
		let mut spliced = evaluate_vrf(&recipient, &hash);
		spliced[..32].copy_from_slice(&winning_other[..32]);
		assert!(!verify_vrf(&key, &hash, &spliced));
	}

	#[test]
	fn vrf_is_bound_to_the_ticket() {
		let recipient = sr25519::Pair::from_seed(&[7u8; 32]);
		let a = sample_ticket(&recipient, 1);
		let b = sample_ticket(&recipient, 2);
		let key = recipient.public();
		let vrf_a = evaluate_vrf(&recipient, &a.hash());
		assert!(verify_vrf(&key, &a.hash(), &vrf_a));
		assert!(!verify_vrf(&key, &b.hash(), &vrf_a));
		// Garbage bytes are refused, not a panic.
		assert!(!verify_vrf(&key, &a.hash(), &[0xffu8; 96]));
	}

	#[test]
	fn sender_signature_covers_every_field() {
		let sender = sr25519::Pair::from_seed(&[1u8; 32]);
		let recipient = sr25519::Pair::from_seed(&[7u8; 32]);
		let mut ticket = sample_ticket(&recipient, 1);
		ticket.sender = sender.public().into();
		let signature = sign_ticket(&sender, &ticket);
		assert!(signature.verify(&ticket.encode()[..], &ticket.sender));
		let changed = TestTicket { face_value: 1_001, ..ticket.clone() };
		assert!(!signature.verify(&changed.encode()[..], &ticket.sender));
		let changed = TestTicket { domain: signing_domain([8u8; 32]), ..ticket.clone() };
		assert!(!signature.verify(&changed.encode()[..], &ticket.sender));
	}

	#[test]
	fn win_probability_bounds() {
		let hash = [3u8; 32];
		let vrf = [5u8; 96];
		assert!(!is_winning(&hash, &vrf, WinProbability(0)));
		let value = win_value(&hash, &pre_output(&vrf));
		assert!(is_winning(&hash, &vrf, WinProbability(value + 1)));
		assert!(!is_winning(&hash, &vrf, WinProbability(value)));
		assert_eq!(WinProbability::one_in(1), WinProbability::ALWAYS);
		assert_eq!(WinProbability::one_in(2).0, u128::MAX / 2);
		assert_eq!(WinProbability::one_in(0).0, 0);
	}
}
