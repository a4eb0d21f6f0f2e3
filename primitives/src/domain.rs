//! Signing domains: what every off-chain payload signed for this chain is
//! bound to, so that a signature made for one chain, pallet or payload
//! version cannot be replayed on another.
//!
//! A signed payload is `SCALE(context, SigningDomain, payload…)`: a fixed
//! context string (a byte array, encoded without a length prefix), the
//! domain, then the payload's own fields.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

extern crate alloc;
use alloc::vec::Vec;

/// Eight-byte tag naming the pallet a payload is meant for.
pub type PalletTag = [u8; 8];

/// Tag of the provider staking pallet (operator proofs of possession).
pub const STAKING_TAG: PalletTag = *b"staking_";
/// Tag of the policy escrow pallet.
pub const POLICY_ESCROW_TAG: PalletTag = *b"escrow__";
/// Tag of the tickets pallet (probabilistic micropayments).
pub const TICKETS_TAG: PalletTag = *b"tickets_";
/// Tag of the availability pallet (gateway statements).
pub const AVAILABILITY_TAG: PalletTag = *b"availabl";
/// Tag of the service-claims pallet (committee statements, receipts).
pub const SERVICE_CLAIMS_TAG: PalletTag = *b"svclaims";

/// Version of the staking pallet's signed payloads.
pub const STAKING_PAYLOAD_VERSION: u8 = 1;

/// Context string of an operator key's proof of possession.
///
/// A 19-byte array: SCALE encodes it as its raw bytes, with no length prefix.
pub const OPERATOR_POP_CONTEXT: [u8; 19] = *b"market/operator-pop";

/// The domain every signed off-chain payload of the chain is bound to.
///
/// SCALE encoding: 32 bytes of genesis hash, 8 bytes of pallet tag, 1 byte
/// of version (41 bytes in all).
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
pub struct SigningDomain {
	/// Hash of the chain's genesis block: separates chains, including forks
	/// with a new genesis and test networks.
	pub genesis_hash: [u8; 32],
	/// The pallet the payload is meant for.
	pub pallet: PalletTag,
	/// Version of the payload format, bumped when its fields change.
	pub version: u8,
}

impl SigningDomain {
	/// A domain for `pallet`, payload `version`, on the chain of `genesis_hash`.
	pub const fn new(genesis_hash: [u8; 32], pallet: PalletTag, version: u8) -> Self {
		Self { genesis_hash, pallet, version }
	}

	/// The bytes to sign for `payload` under `context` in this domain:
	/// `SCALE(context, self, payload)`.
	pub fn signing_payload<C: Encode, P: Encode>(&self, context: &C, payload: &P) -> Vec<u8> {
		(context, self, payload).encode()
	}
}

/// A block hash as the 32 bytes a [`SigningDomain`] carries (zero-padded if
/// shorter, truncated if longer), for pallets that read the genesis hash
/// from `frame_system`.
pub fn genesis_hash_bytes(hash: &impl AsRef<[u8]>) -> [u8; 32] {
	let mut bytes = [0u8; 32];
	for (dst, src) in bytes.iter_mut().zip(hash.as_ref().iter()) {
		*dst = *src;
	}
	bytes
}

/// Bytes an operator key signs to prove that it consents to act for `stash`:
/// `SCALE(OPERATOR_POP_CONTEXT, domain, stash)`.
///
/// For a 32-byte account id this is 19 + 41 + 32 = 92 bytes.
pub fn operator_pop_payload<AccountId: Encode>(
	domain: &SigningDomain,
	stash: &AccountId,
) -> Vec<u8> {
	domain.signing_payload(&OPERATOR_POP_CONTEXT, stash)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn pop_payload_layout_is_stable() {
		let domain = SigningDomain::new([7u8; 32], STAKING_TAG, 1);
		let stash = [9u8; 32];
		let bytes = operator_pop_payload(&domain, &stash);
		assert_eq!(bytes.len(), 92);
		assert_eq!(&bytes[..19], b"market/operator-pop");
		assert_eq!(&bytes[19..51], &[7u8; 32]);
		assert_eq!(&bytes[51..59], b"staking_");
		assert_eq!(bytes[59], 1);
		assert_eq!(&bytes[60..], &[9u8; 32]);
	}
}
