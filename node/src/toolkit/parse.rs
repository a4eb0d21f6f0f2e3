//! Reading the toolkit's inputs (hex, accounts, numbers) and writing its
//! JSON (0x hex for bytes, SS58 for accounts, decimal strings for 64- and
//! 128-bit numbers, which JavaScript's numbers cannot hold exactly).

use super::{Error, Result};
use market_primitives::{
	claims::{RangeNode, Receipt},
	AccountId,
};
use serde_json::{json, Value};
use sp_core::{
	crypto::{AccountId32, Ss58AddressFormat, Ss58Codec},
	sr25519,
};

/// Bytes of a hex string, with or without `0x`.
pub fn hex_bytes(text: &str, what: &str) -> Result<Vec<u8>> {
	let digits = text.trim().strip_prefix("0x").unwrap_or(text.trim());
	// `from_str_radix` alone would take a sign (`+1`).
	if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
		return Err(Error::new(format!("{what}: not hex ({text:?})")));
	}
	if !digits.len().is_multiple_of(2) {
		return Err(Error::new(format!("{what}: odd number of hex digits")));
	}
	(0..digits.len())
		.step_by(2)
		.map(|i| {
			digits
				.get(i..i + 2)
				.and_then(|pair| u8::from_str_radix(pair, 16).ok())
				.ok_or_else(|| Error::new(format!("{what}: not hex ({text:?})")))
		})
		.collect()
}

/// Exactly `N` bytes of hex.
pub fn hex_array<const N: usize>(text: &str, what: &str) -> Result<[u8; N]> {
	let bytes = hex_bytes(text, what)?;
	let len = bytes.len();
	bytes
		.try_into()
		.map_err(|_| Error::new(format!("{what}: expected {N} bytes of hex, got {len}")))
}

/// A 32-byte hash given as hex (clap value parser).
pub fn hash(text: &str) -> Result<[u8; 32]> {
	hex_array(text, "expected a 32-byte 0x hex hash")
}

/// An account: SS58 (any network prefix) or 32 bytes of 0x hex (clap value
/// parser).
pub fn account(text: &str) -> Result<AccountId32> {
	let text = text.trim();
	if text.starts_with("0x") {
		return hex_array::<32>(text, "account").map(AccountId32::new);
	}
	AccountId32::from_ss58check_with_version(text)
		.map(|(account, _)| account)
		.map_err(|e| Error::new(format!("not an SS58 address or 0x public key ({e:?})")))
}

/// An sr25519 public key: SS58 or 0x hex.
pub fn public_key(text: &str) -> Result<sr25519::Public> {
	account(text)
		.map(|a| sr25519::Public::from_raw(a.into()))
		.map_err(|e| Error::new(format!("--public: {e}")))
}

/// `bytes` as 0x hex.
pub fn hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + 2 * bytes.len());
	out.push_str("0x");
	for b in bytes {
		out.push_str(&format!("{b:02x}"));
	}
	out
}

/// An account in the chain's SS58 format.
pub fn ss58(account: &AccountId32) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(market_primitives::SS58_PREFIX))
}

/// An sr25519 public key in the chain's SS58 format.
pub fn ss58_public(key: &sr25519::Public) -> String {
	ss58(&AccountId32::new(key.0))
}

/// A receipt's fields.
pub fn receipt_json(receipt: &Receipt<AccountId>) -> Value {
	json!({
		"policy": receipt.policy.to_string(),
		"round": receipt.round,
		"provider": ss58(&receipt.provider),
		"requester": ss58_public(&receipt.requester),
		"requesterPublic": hex(&receipt.requester.0),
		"nonce": receipt.nonce.to_string(),
		"requestHash": hex(&receipt.request_hash),
		"responseHash": hex(&receipt.response_hash),
	})
}

/// A range-tree node's fields.
pub fn node_json(node: &RangeNode) -> Value {
	json!({ "digest": hex(&node.digest), "min": hex(&node.min), "max": hex(&node.max) })
}

/// A `u64` written as a JSON number or decimal string.
pub fn json_u64(value: &Value, what: &str) -> Result<u64> {
	match value {
		Value::Number(n) => n.as_u64(),
		Value::String(s) => s.parse().ok(),
		_ => None,
	}
	.ok_or_else(|| Error::new(format!("{what}: expected an unsigned integer, got {value}")))
}

/// A `u32` written as a JSON number or decimal string.
pub fn json_u32(value: &Value, what: &str) -> Result<u32> {
	u32::try_from(json_u64(value, what)?)
		.map_err(|_| Error::new(format!("{what}: {value} does not fit in 32 bits")))
}

/// A string field of `object`.
pub fn json_str<'a>(object: &'a Value, field: &str, what: &str) -> Result<&'a str> {
	object
		.get(field)
		.and_then(Value::as_str)
		.ok_or_else(|| Error::new(format!("{what}: no string field {field:?}")))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex_is_strict() {
		assert_eq!(hex_bytes("0x0aff", "x").unwrap(), vec![0x0a, 0xff]);
		assert_eq!(hex_bytes("0AFF", "x").unwrap(), vec![0x0a, 0xff]);
		assert_eq!(hex_bytes("", "x").unwrap(), Vec::<u8>::new());
		assert!(hex_bytes("0xabc", "x").is_err());
		assert!(hex_bytes("0xzz", "x").is_err());
		assert!(hex_bytes("0x+1", "x").is_err());
		assert!(hex_bytes("0xé0", "x").is_err());
		assert!(hex_array::<2>("0x0102", "x").is_ok());
		assert!(hex_array::<2>("0x010203", "x").is_err());
		assert_eq!(hex(&[0, 1, 0xab]), "0x0001ab");
	}

	#[test]
	fn accounts_in_both_forms() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let key = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(account(alice).unwrap(), account(key).unwrap());
		assert_eq!(ss58(&account(key).unwrap()), alice);
		assert!(account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQX").is_err());
		assert!(account("0xd435").is_err());
	}

	#[test]
	fn json_numbers_in_both_forms() {
		assert_eq!(json_u64(&json!(7), "x").unwrap(), 7);
		assert_eq!(json_u64(&json!("18446744073709551615"), "x").unwrap(), u64::MAX);
		assert!(json_u64(&json!(-1), "x").is_err());
		assert!(json_u64(&json!("1.5"), "x").is_err());
		assert!(json_u32(&json!(1u64 << 32), "x").is_err());
	}
}
