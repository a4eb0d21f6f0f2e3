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
//! For batches the recipient submits the same evaluation in schnorrkel's
//! batchable form, [`VrfBatchableBytes`]: the pre-output followed by the
//! proof `(R, Hr, s)` (128 bytes), which [`verify_vrf_batch`] checks for
//! many tickets at once. [`client::to_batchable`] converts the 96-byte form
//! off-chain (verifying it recomputes `R` and `Hr`).
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

extern crate alloc;

use crate::domain::{SigningDomain, TICKETS_TAG};
use alloc::vec::Vec;
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

/// The recipient's VRF evaluation in schnorrkel's batchable form: the
/// 32-byte pre-output followed by the proof `(R, Hr, s)` (two compressed
/// Ristretto points and a scalar, schnorrkel's `VRFProofBatchable`).
pub type VrfBatchableBytes = [u8; 128];

/// Label of the transcript the batch's delinearization scalars are drawn
/// from.
pub const VRF_BATCH_TAG: &[u8] = b"market/ticket-vrf-batch";

/// The pre-output: the first 32 bytes of a batchable VRF evaluation.
pub fn batchable_pre_output(vrf: &VrfBatchableBytes) -> [u8; 32] {
	let mut pre = [0u8; 32];
	pre.copy_from_slice(&vrf[..32]);
	pre
}

/// Whether a ticket with hash `ticket_hash`, whose (verified) batchable VRF
/// evaluation is `vrf`, wins with `probability`.
pub fn is_winning_batchable(
	ticket_hash: &[u8; 32],
	vrf: &VrfBatchableBytes,
	probability: WinProbability,
) -> bool {
	win_value(ticket_hash, &batchable_pre_output(vrf)) < probability.0
}

/// Whether every `(ticket_hash, vrf)` of `items` is `key`'s VRF evaluation
/// of that ticket hash, checked together (`true` for no items).
///
/// # The check
///
/// For ticket `i` with VRF input point `H_i` (the hash of
/// [`vrf_transcript`] bound to `key`, as schnorrkel's non-malleable VRF
/// does), pre-output `O_i` and proof `(R_i, Hr_i, s_i)`, the DLEQ challenge
/// `c_i` is schnorrkel's (`shorten_dleq` with the `b"VRF"` extra transcript
/// and the Kusama ordering sp-core uses), and the proof is valid iff
///
/// ```text
/// R_i  = s_i B   + c_i PK
/// Hr_i = s_i H_i + c_i O_i
/// ```
///
/// The batch checks the single random linear combination
///
/// ```text
/// (Σ z_i s_i) B + (Σ z_i c_i) PK + Σ [ -z_i R_i - w_i Hr_i + w_i s_i H_i + w_i c_i O_i ] = 0
/// ```
///
/// with one multiscalar multiplication of `4n + 2` points: the public key's
/// terms of all tickets collapse into one coefficient (one recipient, one
/// key) and so do the basepoint's.
///
/// # Why deterministic scalars are sound
///
/// schnorrkel's `dleq_verify_batch` seeds the scalars `z_i, w_i` with
/// system randomness, which the runtime does not have. Here they are 128-bit
/// challenges of a merlin transcript ([`VRF_BATCH_TAG`]) to which *every*
/// input of the check was committed first: the key, the number of tickets
/// and, per ticket, the input point, the pre-output and the proof's `R`,
/// `Hr` and `s` (the `c_i` are functions of these). If some proof is
/// invalid, the combination is a nonzero linear form in the `z_i, w_i`
/// over the prime-order Ristretto group: for a fixed batch at most one
/// value of the scalar at an invalid position makes it vanish, so a
/// transcript that behaves as a random oracle makes it vanish with
/// probability at most `2^-128`. Changing any input changes the scalars, so
/// a prover cannot choose proofs whose errors cancel; grinding batches is
/// `2^128` work. This is the argument of schnorrkel's
/// `verify_batch_deterministic` for signatures. The two equations get
/// independent scalars `z_i` and `w_i` (one shared scalar would let an
/// error in one equation cancel an error in the other).
///
/// Malformed input (a pre-output or proof point that is not a canonical
/// Ristretto encoding, an identity pre-output, a non-canonical `s`, a key
/// that is not a point) makes the whole batch fail; the caller then checks
/// the tickets one by one with [`verify_vrf_batchable`].
pub fn verify_vrf_batch(key: &sr25519::Public, items: &[([u8; 32], &VrfBatchableBytes)]) -> bool {
	use curve25519_dalek::{
		constants::RISTRETTO_BASEPOINT_POINT,
		ristretto::{CompressedRistretto, RistrettoPoint},
		scalar::Scalar,
		traits::{IsIdentity, VartimeMultiscalarMul},
	};
	use schnorrkel::{
		context::SigningTranscript,
		vrf::{VRFPreOut, VRFProofBatchable},
		PublicKey,
	};

	if items.is_empty() {
		return true;
	}
	let Ok(public) = PublicKey::from_bytes(&key.0) else { return false };
	let mut transcript = merlin::Transcript::new(VRF_BATCH_TAG);
	transcript.append_message(b"pk", &key.0);
	transcript.append_u64(b"n", items.len() as u64);
	// Per ticket: (s_i, c_i, R_i, Hr_i, H_i, O_i).
	let mut prepared = Vec::with_capacity(items.len());
	for (ticket_hash, vrf) in items {
		let (pre_output, proof) = vrf.split_at(32);
		let mut pre = [0u8; 32];
		pre.copy_from_slice(pre_output);
		let Ok(inout) = VRFPreOut(pre).attach_input_hash(&public, schnorrkel_input(ticket_hash))
		else {
			return false;
		};
		let Ok(batchable) = VRFProofBatchable::from_bytes(proof) else { return false };
		// sp-core's VRF: `b"VRF"` extra transcript, Kusama ordering.
		let short = batchable.shorten_dleq(merlin::Transcript::new(b"VRF"), &public, &inout, true);
		let mut c = [0u8; 32];
		c.copy_from_slice(&short.to_bytes()[..32]);
		let c = Scalar::from_bytes_mod_order(c);
		let (r, rest) = proof.split_at(32);
		let (hr, s) = rest.split_at(32);
		let (Ok(r), Ok(hr), Ok(s)) =
			(<[u8; 32]>::try_from(r), <[u8; 32]>::try_from(hr), <[u8; 32]>::try_from(s))
		else {
			return false;
		};
		let (Some(r_point), Some(hr_point)) =
			(CompressedRistretto(r).decompress(), CompressedRistretto(hr).decompress())
		else {
			return false;
		};
		let Some(s) = Option::<Scalar>::from(Scalar::from_canonical_bytes(s)) else {
			return false;
		};
		transcript.commit_point(b"vrf:h", inout.input.as_compressed());
		transcript.append_message(b"vrf:h^sk", &pre);
		transcript.append_message(b"vrf:R=g^r", &r);
		transcript.append_message(b"vrf:h^r", &hr);
		transcript.append_message(b"vrf:s", s.as_bytes());
		prepared.push((s, c, r_point, hr_point, *inout.input.as_point(), *inout.output.as_point()));
	}
	let mut scalars = Vec::with_capacity(4 * prepared.len() + 2);
	let mut points = Vec::with_capacity(4 * prepared.len() + 2);
	let mut basepoint = Scalar::ZERO;
	let mut key_coefficient = Scalar::ZERO;
	for (s, c, r, hr, input, output) in prepared {
		let mut bytes = [0u8; 32];
		transcript.challenge_bytes(b"delinearize", &mut bytes);
		let (z, w) = bytes.split_at(16);
		let (Ok(z), Ok(w)) = (<[u8; 16]>::try_from(z), <[u8; 16]>::try_from(w)) else {
			return false;
		};
		let z = Scalar::from(u128::from_le_bytes(z));
		let w = Scalar::from(u128::from_le_bytes(w));
		basepoint += z * s;
		key_coefficient += z * c;
		scalars.extend([-z, -w, w * s, w * c]);
		points.extend([r, hr, input, output]);
	}
	scalars.extend([basepoint, key_coefficient]);
	points.extend([RISTRETTO_BASEPOINT_POINT, *public.as_point()]);
	RistrettoPoint::vartime_multiscalar_mul(scalars, points).is_identity()
}

/// Whether `vrf` is `key`'s batchable VRF evaluation of the ticket with hash
/// `ticket_hash`: [`verify_vrf_batch`] of one ticket.
pub fn verify_vrf_batchable(
	key: &sr25519::Public,
	ticket_hash: &[u8; 32],
	vrf: &VrfBatchableBytes,
) -> bool {
	verify_vrf_batch(key, &[(*ticket_hash, vrf)])
}

/// [`vrf_transcript`] as schnorrkel's transcript type.
fn schnorrkel_input(ticket_hash: &[u8; 32]) -> merlin::Transcript {
	schnorrkel::signing_context(TICKET_VRF_CONTEXT).bytes(&ticket_hash[..])
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

	/// The recipient's VRF evaluation of the ticket with hash `ticket_hash`
	/// in the batchable form ([`VrfBatchableBytes`]) that batches carry.
	pub fn evaluate_vrf_batchable(
		recipient: &sr25519::Pair,
		ticket_hash: &[u8; 32],
	) -> VrfBatchableBytes {
		let keypair: &schnorrkel::Keypair = recipient.as_ref();
		let (inout, _, batchable) = keypair.vrf_sign(schnorrkel_input(ticket_hash));
		let mut bytes = [0u8; 128];
		bytes[..32].copy_from_slice(&inout.to_preout().to_bytes());
		bytes[32..].copy_from_slice(&batchable.to_bytes());
		bytes
	}

	/// Converts a 96-byte evaluation (e.g. polkadot.js `sr25519VrfSign`'s)
	/// into the batchable form, off-chain: verifying the short proof
	/// recomputes `R` and `Hr`. `None` if it is not `key`'s valid
	/// evaluation of the ticket.
	pub fn to_batchable(
		key: &sr25519::Public,
		ticket_hash: &[u8; 32],
		vrf: &VrfSignatureBytes,
	) -> Option<VrfBatchableBytes> {
		let public = schnorrkel::PublicKey::from_bytes(&key.0).ok()?;
		let pre_output = schnorrkel::vrf::VRFPreOut::from_bytes(&vrf[..32]).ok()?;
		let proof = schnorrkel::vrf::VRFProof::from_bytes(&vrf[32..]).ok()?;
		let (_, batchable) = public
			.vrf_verify_extra(
				schnorrkel_input(ticket_hash),
				&pre_output,
				&proof,
				merlin::Transcript::new(b"VRF"),
			)
			.ok()?;
		let mut bytes = [0u8; 128];
		bytes[..32].copy_from_slice(&vrf[..32]);
		bytes[32..].copy_from_slice(&batchable.to_bytes());
		Some(bytes)
	}

	/// Converts a batchable evaluation into the 96-byte form (the reverse
	/// of [`to_batchable`]; it does not verify the proof). `None` if the
	/// bytes are malformed.
	pub fn to_short(
		key: &sr25519::Public,
		ticket_hash: &[u8; 32],
		vrf: &VrfBatchableBytes,
	) -> Option<VrfSignatureBytes> {
		let public = schnorrkel::PublicKey::from_bytes(&key.0).ok()?;
		let pre_output = schnorrkel::vrf::VRFPreOut::from_bytes(&vrf[..32]).ok()?;
		let batchable = schnorrkel::vrf::VRFProofBatchable::from_bytes(&vrf[32..]).ok()?;
		let proof =
			batchable.shorten_vrf(&public, schnorrkel_input(ticket_hash), &pre_output).ok()?;
		let mut bytes = [0u8; 96];
		bytes[..32].copy_from_slice(&vrf[..32]);
		bytes[32..].copy_from_slice(&proof.to_bytes());
		Some(bytes)
	}

	/// Why [`win_probability_from_decimal`] refuses its input.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub enum ProbabilityError {
		/// Not a decimal number (digits with at most one `.`).
		NotADecimal,
		/// Above 1.
		AboveOne,
		/// More than 38 significant fractional digits (beyond `u128`).
		TooPrecise,
	}

	impl core::fmt::Display for ProbabilityError {
		fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
			f.write_str(match self {
				Self::NotADecimal => "not a decimal fraction such as 0.25",
				Self::AboveOne => "a probability is at most 1",
				Self::TooPrecise => "at most 38 fractional digits",
			})
		}
	}

	impl std::error::Error for ProbabilityError {}

	/// The [`WinProbability`] of a decimal fraction in `[0, 1]` (`"0.25"`,
	/// `".001"`, `"1"`): `floor(p · 2^128)`, exactly, and
	/// [`WinProbability::ALWAYS`] for `1` (which is not representable).
	pub fn win_probability_from_decimal(text: &str) -> Result<WinProbability, ProbabilityError> {
		let text = text.trim();
		let (int, frac) = text.split_once('.').unwrap_or((text, ""));
		let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
		if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
			return Err(ProbabilityError::NotADecimal);
		}
		let frac = frac.trim_end_matches('0');
		match int.trim_start_matches('0') {
			"" => {},
			"1" if frac.is_empty() => return Ok(WinProbability::ALWAYS),
			_ => return Err(ProbabilityError::AboveOne),
		}
		// p = a / 10^k with a < 10^k <= 10^38 < 2^127, so doubling the
		// remainder below never overflows.
		let k = u32::try_from(frac.len()).map_err(|_| ProbabilityError::TooPrecise)?;
		if k > 38 {
			return Err(ProbabilityError::TooPrecise);
		}
		if k == 0 {
			return Ok(WinProbability(0));
		}
		let denominator = 10u128.pow(k);
		let mut remainder: u128 = frac.parse().map_err(|_| ProbabilityError::NotADecimal)?;
		// Binary long division: the 128 bits of a / 10^k after the point.
		let mut numerator = 0u128;
		for _ in 0..128 {
			remainder <<= 1;
			numerator <<= 1;
			if remainder >= denominator {
				remainder -= denominator;
				numerator |= 1;
			}
		}
		Ok(WinProbability(numerator))
	}

	/// A recipient's evaluation of one ticket, in both forms the pallet takes.
	#[derive(Clone, PartialEq, Eq, Debug)]
	pub struct Evaluation {
		/// The ticket's hash, the VRF message.
		pub ticket_hash: [u8; 32],
		/// The 96-byte evaluation `redeem_winning_ticket` takes.
		pub vrf: VrfSignatureBytes,
		/// The same evaluation in the 128-byte batchable form
		/// `redeem_winning_tickets` takes.
		pub vrf_batchable: VrfBatchableBytes,
		/// The ticket's win value (see the module docs).
		pub win_value: u128,
		/// Whether the win value is below the ticket's win probability.
		pub wins: bool,
	}

	/// Why [`evaluate_ticket`] refuses.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	pub enum EvaluationError {
		/// The key is not the ticket's recipient: its proof would not verify
		/// on chain.
		NotRecipient,
		/// The key's own evaluation did not convert to the batchable form
		/// (not expected for a valid sr25519 key).
		Conversion,
	}

	impl core::fmt::Display for EvaluationError {
		fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
			f.write_str(match self {
				Self::NotRecipient => "the key is not the ticket's recipient",
				Self::Conversion => "the VRF evaluation did not convert to the batchable form",
			})
		}
	}

	impl std::error::Error for EvaluationError {}

	/// `recipient`'s evaluation of `ticket`: both proof forms (one
	/// evaluation, so both carry the same pre-output), the win value and the
	/// outcome. Refused unless `recipient` is the ticket's recipient
	/// (compared by SCALE encoding, which for 32-byte accounts is the key).
	pub fn evaluate_ticket<AccountId: Encode, Balance: Encode, BlockNumber: Encode>(
		recipient: &sr25519::Pair,
		ticket: &Ticket<AccountId, Balance, BlockNumber>,
	) -> Result<Evaluation, EvaluationError> {
		let key = recipient.public();
		if ticket.recipient.encode() != key.0 {
			return Err(EvaluationError::NotRecipient);
		}
		let ticket_hash = ticket.hash();
		let vrf = evaluate_vrf(recipient, &ticket_hash);
		let vrf_batchable =
			to_batchable(&key, &ticket_hash, &vrf).ok_or(EvaluationError::Conversion)?;
		let win_value = win_value(&ticket_hash, &pre_output(&vrf));
		Ok(Evaluation {
			ticket_hash,
			vrf,
			vrf_batchable,
			win_value,
			wins: win_value < ticket.win_probability.0,
		})
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

	/// `n` tickets to `recipient` with their batchable evaluations.
	fn batch_of(recipient: &sr25519::Pair, n: u64) -> Vec<([u8; 32], VrfBatchableBytes)> {
		(0..n)
			.map(|i| {
				let hash = sample_ticket(recipient, i).hash();
				(hash, evaluate_vrf_batchable(recipient, &hash))
			})
			.collect()
	}

	fn refs(batch: &[([u8; 32], VrfBatchableBytes)]) -> Vec<([u8; 32], &VrfBatchableBytes)> {
		batch.iter().map(|(h, v)| (*h, v)).collect()
	}

	/// The indices the one-by-one fallback refuses.
	fn invalid(key: &sr25519::Public, batch: &[([u8; 32], VrfBatchableBytes)]) -> Vec<usize> {
		(0..batch.len()).filter(|&i| !verify_vrf_batchable(key, &batch[i].0, &batch[i].1)).collect()
	}

	#[test]
	fn a_batch_of_valid_proofs_verifies() {
		let recipient = sr25519::Pair::from_seed(&[7u8; 32]);
		let key = recipient.public();
		let batch = batch_of(&recipient, 16);
		assert!(verify_vrf_batch(&key, &refs(&batch)));
		assert!(invalid(&key, &batch).is_empty());
		assert!(verify_vrf_batch(&key, &[]));
		// A batch of one.
		assert!(verify_vrf_batch(&key, &refs(&batch[3..4])));
		// The batchable form carries the same pre-output as the short one.
		for (hash, vrf) in &batch {
			assert_eq!(batchable_pre_output(vrf), pre_output(&evaluate_vrf(&recipient, hash)));
		}
	}

	#[test]
	fn a_forged_proof_fails_the_batch_and_the_fallback_finds_it() {
		let recipient = sr25519::Pair::from_seed(&[7u8; 32]);
		let key = recipient.public();
		let other = sr25519::Pair::from_seed(&[8u8; 32]);
		let valid = batch_of(&recipient, 8);
		let bad = 5;
		let forgeries: Vec<(&str, VrfBatchableBytes)> = {
			let (hash, vrf) = valid[bad];
			let mut swapped = vrf;
			swapped[..32].copy_from_slice(&valid[2].1[..32]);
			let mut r_tweaked = vrf;
			r_tweaked[32..64].copy_from_slice(&valid[2].1[32..64]);
			let mut hr_tweaked = vrf;
			hr_tweaked[64..96].copy_from_slice(&valid[2].1[64..96]);
			let mut s_tweaked = vrf;
			s_tweaked[96] ^= 1;
			let mut not_a_point = vrf;
			not_a_point[32..64].copy_from_slice(&[0xffu8; 32]);
			vec![
				("pre-output swapped", swapped),
				("R tweaked", r_tweaked),
				("Hr tweaked", hr_tweaked),
				("s tweaked", s_tweaked),
				("R not a point", not_a_point),
				("wrong key", evaluate_vrf_batchable(&other, &hash)),
				("other ticket", valid[2].1),
			]
		};
		for (what, forged) in forgeries {
			let mut batch = valid.clone();
			batch[bad].1 = forged;
			assert!(!verify_vrf_batch(&key, &refs(&batch)), "{what}");
			// Deterministic: the same batch, the same result.
			assert!(!verify_vrf_batch(&key, &refs(&batch)), "{what}");
			assert_eq!(invalid(&key, &batch), vec![bad], "{what}");
			assert!(!verify_vrf_batch(&key, &refs(&batch[bad..=bad])), "{what}");
		}
		// The whole valid batch under another key fails.
		assert!(!verify_vrf_batch(&other.public(), &refs(&valid)));
		// Two valid proofs presented for each other's tickets fail.
		let mut crossed = valid.clone();
		crossed[0].0 = valid[1].0;
		crossed[1].0 = valid[0].0;
		assert!(!verify_vrf_batch(&key, &refs(&crossed)));
		assert_eq!(invalid(&key, &crossed), vec![0, 1]);
	}

	#[test]
	fn batched_and_single_verification_agree() {
		let bytes = |i: u32, tag: &[u8]| sp_crypto_hashing::blake2_256(&(i, tag).encode());
		for i in 0..24u32 {
			let pair = sr25519::Pair::from_seed(&bytes(i, b"key"));
			let key = pair.public();
			let hash = bytes(i, b"ticket");
			let other_hash = bytes(i, b"other");
			// A polkadot.js-style evaluation, converted off-chain.
			let short = evaluate_vrf(&pair, &hash);
			let batchable = to_batchable(&key, &hash, &short).unwrap();
			assert!(verify_vrf(&key, &hash, &short));
			assert!(verify_vrf_batchable(&key, &hash, &batchable));
			assert_eq!(batchable_pre_output(&batchable), pre_output(&short));
			// And back: the batchable form shortens to a valid short proof.
			let native = evaluate_vrf_batchable(&pair, &hash);
			assert!(verify_vrf_batchable(&key, &hash, &native));
			assert!(verify_vrf(&key, &hash, &to_short(&key, &hash, &native).unwrap()));
			assert!(verify_vrf(&key, &hash, &to_short(&key, &hash, &batchable).unwrap()));
			// Both refuse the evaluation on another ticket.
			assert!(!verify_vrf(&key, &other_hash, &short));
			assert!(!verify_vrf_batchable(&key, &other_hash, &batchable));
			assert!(to_batchable(&key, &other_hash, &short).is_none());
			assert_eq!(
				is_winning_batchable(&hash, &batchable, WinProbability::one_in(3)),
				is_winning(&hash, &short, WinProbability::one_in(3))
			);
		}
	}

	#[test]
	fn polkadot_js_vectors_convert_to_the_batchable_form() {
		let vectors = vectors();
		for v in vectors["vectors"].as_array().unwrap() {
			let ticket = ticket_of(v);
			let hash = ticket.hash();
			let vrf: VrfSignatureBytes = array(v["vrf"].as_str().unwrap());
			let key = sr25519::Public::from_raw(ticket.recipient.clone().into());
			let batchable = to_batchable(&key, &hash, &vrf).unwrap();
			assert!(verify_vrf_batchable(&key, &hash, &batchable));
			assert_eq!(
				win_value(&hash, &batchable_pre_output(&batchable)),
				u128_of(&v["winValue"])
			);
		}
		let bad = &vectors["wrongKey"];
		let ticket = ticket_of(bad);
		let vrf: VrfSignatureBytes = array(bad["vrf"].as_str().unwrap());
		let recipient = sr25519::Public::from_raw(ticket.recipient.clone().into());
		assert!(to_batchable(&recipient, &ticket.hash(), &vrf).is_none());
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

	#[test]
	fn decimal_probabilities_are_exact() {
		let parse = |s: &str| win_probability_from_decimal(s).map(|p| p.0);
		assert_eq!(parse("0.5"), Ok(1u128 << 127));
		assert_eq!(parse("0.25"), Ok(1u128 << 126));
		assert_eq!(parse(".75"), Ok(3u128 << 126));
		assert_eq!(parse("0.7500"), Ok(3u128 << 126));
		assert_eq!(parse("0"), Ok(0));
		assert_eq!(parse("0.000"), Ok(0));
		assert_eq!(parse("1"), Ok(u128::MAX));
		assert_eq!(parse("1.000"), Ok(u128::MAX));
		// 10^k does not divide 2^128, so floor(2^128 / 10^k) equals
		// floor((2^128 - 1) / 10^k).
		for k in 1..=38u32 {
			let text = format!("0.{}1", "0".repeat(k as usize - 1));
			assert_eq!(parse(&text), Ok(u128::MAX / 10u128.pow(k)), "{text}");
		}
		let third = parse("0.3333333333").unwrap() as f64 / 2f64.powi(128);
		assert!((third - 0.3333333333).abs() < 1e-15);
		assert_eq!(parse("1.5"), Err(ProbabilityError::AboveOne));
		assert_eq!(parse("2"), Err(ProbabilityError::AboveOne));
		assert_eq!(parse("1.01"), Err(ProbabilityError::AboveOne));
		for bad in ["", ".", "abc", "0.2.5", "-0.5", "0,5", "1e-3", "0x10"] {
			assert_eq!(parse(bad), Err(ProbabilityError::NotADecimal), "{bad}");
		}
		assert_eq!(parse(&format!("0.{}1", "0".repeat(38))), Err(ProbabilityError::TooPrecise));
	}

	#[test]
	fn evaluation_passes_the_pallets_checks() {
		let recipient = sr25519::Pair::from_seed(&[7u8; 32]);
		let key = recipient.public();
		let mut wins = 0;
		for i in 0..16 {
			let ticket = sample_ticket(&recipient, i);
			let hash = ticket.hash();
			let evaluation = evaluate_ticket(&recipient, &ticket).unwrap();
			assert_eq!(evaluation.ticket_hash, hash);
			// What `redeem_winning_ticket` and `redeem_winning_tickets` check.
			assert!(verify_vrf(&key, &hash, &evaluation.vrf));
			assert!(verify_vrf_batch(&key, &[(hash, &evaluation.vrf_batchable)]));
			assert_eq!(evaluation.wins, is_winning(&hash, &evaluation.vrf, ticket.win_probability));
			assert_eq!(
				evaluation.wins,
				is_winning_batchable(&hash, &evaluation.vrf_batchable, ticket.win_probability)
			);
			assert_eq!(evaluation.win_value, win_value(&hash, &pre_output(&evaluation.vrf)));
			wins += usize::from(evaluation.wins);
		}
		// One in two wins: both outcomes occur among 16 tickets.
		assert!(wins > 0 && wins < 16, "{wins}");
		let other = sr25519::Pair::from_seed(&[8u8; 32]);
		assert_eq!(
			evaluate_ticket(&other, &sample_ticket(&recipient, 0)),
			Err(EvaluationError::NotRecipient)
		);
	}
}
