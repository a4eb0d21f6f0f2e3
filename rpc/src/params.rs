//! Parameters parsed leniently, the way the ecosystem's clients send them.

// The chain's `market_primitives::AccountId`, named directly: impls over the
// type projection it is defined as would not pass coherence checks.
use market_runtime_api::DomainTag;
use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};
use sp_runtime::AccountId32 as AccountId;
use std::str::FromStr;

/// An account id: an SS58 address (any registered network format) or the
/// 32-byte public key in `0x` hex, as polkadot.js and subxt print them.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AccountParam(pub AccountId);

/// The longest text an account can be given as: `0x` and 64 hex digits.
/// An SS58 address of a 32-byte account is at most 50 characters (a 2-byte
/// network prefix and a 2-byte checksum).
pub const MAX_ACCOUNT_TEXT_LEN: usize = 66;

impl FromStr for AccountParam {
	type Err = String;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		// Checked before decoding: base58 decoding takes time quadratic in
		// the length: a 1 MiB string had no answer after 60 s.
		if s.len() > MAX_ACCOUNT_TEXT_LEN {
			return Err(format!(
				"invalid account id of {} bytes: expected an SS58 address or 0x and 64 hex \
				 digits (at most {MAX_ACCOUNT_TEXT_LEN} characters)",
				s.len()
			));
		}
		AccountId::from_str(s).map(Self).map_err(|reason| {
			format!("invalid account id {s:?} ({reason}): expected an SS58 address or 0x and 64 hex digits")
		})
	}
}

impl<'de> Deserialize<'de> for AccountParam {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		String::deserialize(deserializer)?.parse().map_err(D::Error::custom)
	}
}

impl Serialize for AccountParam {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		self.0.serialize(serializer)
	}
}

impl From<AccountId> for AccountParam {
	fn from(account: AccountId) -> Self {
		Self(account)
	}
}

impl core::fmt::Display for AccountParam {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}", self.0)
	}
}

/// A sampling domain tag: `0x` and 16 hex digits, or its 8 ASCII characters
/// (`"gateways"`, `"committe"`, `"policies"`, ...).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DomainParam(pub DomainTag);

impl FromStr for DomainParam {
	type Err = String;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		// Long input is refused before it is decoded or echoed in the error.
		if s.len() > 2 + 2 * core::mem::size_of::<DomainTag>() {
			return Err(format!(
				"a domain tag is 8 bytes (0x and 16 hex digits, or 8 characters), got a string of \
				 {} bytes",
				s.len()
			));
		}
		let bytes = match s.strip_prefix("0x") {
			Some(hex) => decode_hex(hex).ok_or_else(|| format!("invalid hex in domain {s:?}"))?,
			None => s.as_bytes().to_vec(),
		};
		let tag: DomainTag = bytes.try_into().map_err(|bytes: Vec<u8>| {
			format!(
				"a domain tag is 8 bytes (0x and 16 hex digits, or 8 characters), got {} in {s:?}",
				bytes.len()
			)
		})?;
		Ok(Self(tag))
	}
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
	if !hex.len().is_multiple_of(2) {
		return None;
	}
	(0..hex.len())
		.step_by(2)
		.map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
		.collect()
}

impl<'de> Deserialize<'de> for DomainParam {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		String::deserialize(deserializer)?.parse().map_err(D::Error::custom)
	}
}

impl Serialize for DomainParam {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		let hex: String = self.0.iter().map(|b| format!("{b:02x}")).collect();
		serializer.serialize_str(&format!("0x{hex}"))
	}
}

/// A `u64` (policy id, ticket index): a JSON number, or a decimal or `0x`
/// hex string for values beyond JavaScript's 2^53.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct U64Param(pub u64);

impl<'de> Deserialize<'de> for U64Param {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		#[derive(Deserialize)]
		#[serde(untagged)]
		enum NumberOrString {
			Number(u64),
			String(String),
		}
		match NumberOrString::deserialize(deserializer)
			.map_err(|_| D::Error::custom("expected an unsigned 64-bit integer"))?
		{
			NumberOrString::Number(n) => Ok(Self(n)),
			NumberOrString::String(s) => match s.strip_prefix("0x") {
				Some(hex) => u64::from_str_radix(hex, 16),
				None => s.parse(),
			}
			.map(Self)
			.map_err(|_| D::Error::custom(format!("invalid unsigned 64-bit integer {s:?}"))),
		}
	}
}

impl Serialize for U64Param {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_u64(self.0)
	}
}

impl From<u64> for U64Param {
	fn from(n: u64) -> Self {
		Self(n)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::{from_value, json, to_value};

	#[test]
	fn accounts_in_ss58_or_hex() {
		let raw = [0xd4u8; 32];
		let account = AccountId::new(raw);
		let hex = format!("0x{}", "d4".repeat(32));
		let ss58 = account.to_string();
		assert_eq!(from_value::<AccountParam>(json!(hex)).unwrap().0, account);
		assert_eq!(from_value::<AccountParam>(json!(ss58)).unwrap().0, account);
		// The same key under the Polkadot prefix is accepted too.
		use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
		let polkadot = account.to_ss58check_with_version(Ss58AddressFormat::custom(0));
		assert_eq!(from_value::<AccountParam>(json!(polkadot)).unwrap().0, account);
		assert_eq!(to_value(AccountParam(account.clone())).unwrap(), json!(ss58));
		let error = from_value::<AccountParam>(json!("5Nope")).unwrap_err().to_string();
		assert!(error.contains("invalid account id \"5Nope\""), "{error}");
		assert!(from_value::<AccountParam>(json!(7)).is_err());
		assert!(from_value::<AccountParam>(json!(format!("0x{}", "d4".repeat(31)))).is_err());
		// Longer than any account text: refused without decoding (base58 of
		// a megabyte takes more than a minute) and without echoing the input.
		let error = from_value::<AccountParam>(json!("1".repeat(1 << 20))).unwrap_err().to_string();
		assert!(error.contains("invalid account id of 1048576 bytes"), "{error}");
		assert!(error.len() < 200, "{error}");
		// The longest address (a two-byte network prefix) fits the bound.
		let longest = account.to_ss58check_with_version(Ss58AddressFormat::custom(16_383));
		assert!(longest.len() <= MAX_ACCOUNT_TEXT_LEN, "{longest}");
	}

	#[test]
	fn domains_in_hex_or_ascii() {
		assert_eq!(from_value::<DomainParam>(json!("gateways")).unwrap().0, *b"gateways");
		assert_eq!(
			from_value::<DomainParam>(json!("0x0102030405060708")).unwrap().0,
			[1, 2, 3, 4, 5, 6, 7, 8]
		);
		assert_eq!(to_value(DomainParam(*b"gateways")).unwrap(), json!("0x6761746577617973"));
		for bad in ["gateway", "0x01020304050607", "0x01020304050607zz", "committee"] {
			assert!(from_value::<DomainParam>(json!(bad)).is_err(), "{bad}");
		}
		let error = from_value::<DomainParam>(json!("short")).unwrap_err().to_string();
		assert!(error.contains("8 bytes"), "{error}");
		let error = from_value::<DomainParam>(json!("x".repeat(1 << 20))).unwrap_err().to_string();
		assert!(error.contains("a string of 1048576 bytes") && error.len() < 200, "{error}");
	}

	#[test]
	fn u64_as_number_or_string() {
		assert_eq!(from_value::<U64Param>(json!(7)).unwrap().0, 7);
		assert_eq!(from_value::<U64Param>(json!("18446744073709551615")).unwrap().0, u64::MAX);
		assert_eq!(from_value::<U64Param>(json!("0xff")).unwrap().0, 255);
		for bad in [json!(-1), json!(1.5), json!("seven"), json!("18446744073709551616")] {
			assert!(from_value::<U64Param>(bad.clone()).is_err(), "{bad}");
		}
	}
}
