//! Where the toolkit's signing key comes from: a secret URI or a keystore
//! directory.
//!
//! The keystore is read file by file in sc-keystore's `LocalKeystore`
//! layout (what `market-node key insert` writes): one file per key, named
//! `hex(key type) ++ hex(public key)`, holding the secret URI as a JSON
//! string; the keystore password is the URI's password. sc-keystore's own
//! API hands out key pairs only for application key types fixed at compile
//! time (`LocalKeystore::key_pair::<AppPair>`), while operators keep
//! operator, gateway and committee keys under types of their choosing
//! (`--key-type`), and the toolkit needs the pair itself (the batchable VRF
//! form is not among the `Keystore` trait's operations).

use super::{parse::public_key, Error, Result};
use sp_core::{crypto::KeyTypeId, sr25519, Pair};
use std::path::{Path, PathBuf};

/// The key that signs or evaluates: `--suri` or `--keystore-path`.
#[derive(Debug, Clone, clap::Args)]
pub struct KeyArgs {
	/// Secret URI of the sr25519 key: a dev name (`//Alice`), a mnemonic
	/// phrase with optional `//hard/soft` derivations, or a 0x hex seed.
	#[arg(
		long,
		value_name = "SECRET_URI",
		conflicts_with = "keystore_path",
		required_unless_present = "keystore_path"
	)]
	pub suri: Option<String>,

	/// Password of the secret URI, or of the keystore's keys.
	#[arg(long, conflicts_with = "password_filename")]
	pub password: Option<String>,

	/// File holding the password (its first line), instead of `--password`.
	#[arg(long, value_name = "PATH")]
	pub password_filename: Option<PathBuf>,

	/// Keystore directory in sc-keystore's layout, e.g.
	/// `<base-path>/chains/<chain id>/keystore` of a node, or the directory
	/// given to `market-node key insert --keystore-path`.
	#[arg(long, value_name = "DIR", requires = "key_type")]
	pub keystore_path: Option<PathBuf>,

	/// Public key of the keystore's key (SS58 or 0x hex). May be left out
	/// when the keystore holds exactly one key of `--key-type`.
	#[arg(long, value_name = "PUBLIC", requires = "keystore_path")]
	pub public: Option<String>,

	/// The key's type in the keystore: four characters, as given to
	/// `market-node key insert --key-type`.
	#[arg(long, value_name = "TYPE", requires = "keystore_path")]
	pub key_type: Option<String>,
}

impl KeyArgs {
	/// The sr25519 key pair the arguments name.
	pub fn pair(&self) -> Result<sr25519::Pair> {
		let password = self.password()?;
		match (&self.suri, &self.keystore_path) {
			(Some(suri), _) => sr25519::Pair::from_string(suri, password.as_deref())
				.map_err(|e| Error::new(format!("--suri: not a valid secret URI ({e:?})"))),
			(None, Some(dir)) => {
				// clap enforces `--key-type` with `--keystore-path`.
				let key_type = key_type(self.key_type.as_deref().unwrap_or_default())?;
				let public = self.public.as_deref().map(public_key).transpose()?;
				from_keystore(dir, key_type, public, password.as_deref())
			},
			(None, None) => Err(Error::new("give the key with --suri or --keystore-path")),
		}
	}

	fn password(&self) -> Result<Option<String>> {
		match &self.password_filename {
			Some(path) => {
				let text = std::fs::read_to_string(path).map_err(|e| {
					Error::new(format!("--password-filename {}: {e}", path.display()))
				})?;
				Ok(Some(text.lines().next().unwrap_or_default().to_string()))
			},
			None => Ok(self.password.clone()),
		}
	}
}

/// A four-character key type.
fn key_type(text: &str) -> Result<KeyTypeId> {
	KeyTypeId::try_from(text)
		.map_err(|_| Error::new(format!("--key-type {text:?}: expected four characters")))
}

fn hex_name(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Public keys of `key_type` in the keystore at `dir`, from the file names.
fn public_keys(dir: &Path, key_type: KeyTypeId) -> Result<Vec<sr25519::Public>> {
	let prefix = hex_name(&key_type.0);
	let entries = std::fs::read_dir(dir)
		.map_err(|e| Error::new(format!("--keystore-path {}: {e}", dir.display())))?;
	let mut keys = Vec::new();
	for entry in entries {
		let entry = entry.map_err(|e| Error::new(format!("{}: {e}", dir.display())))?;
		let name = entry.file_name();
		let Some(public) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
			continue;
		};
		// Other key types' and foreign files are skipped, as sc-keystore does.
		if let Ok(public) = super::parse::hex_array::<32>(public, "key file name") {
			keys.push(sr25519::Public::from_raw(public));
		}
	}
	Ok(keys)
}

/// The pair of `public` (or of the only key of `key_type`) in the
/// keystore at `dir`.
fn from_keystore(
	dir: &Path,
	key_type: KeyTypeId,
	public: Option<sr25519::Public>,
	password: Option<&str>,
) -> Result<sr25519::Pair> {
	let type_name = String::from_utf8_lossy(&key_type.0).into_owned();
	let public = match public {
		Some(public) => public,
		None => match public_keys(dir, key_type)?.as_slice() {
			[only] => *only,
			keys => {
				return Err(Error::new(format!(
					"the keystore {} holds {} keys of type {type_name:?}: choose one with --public",
					dir.display(),
					keys.len()
				)))
			},
		},
	};
	let path = dir.join(format!("{}{}", hex_name(&key_type.0), hex_name(&public.0)));
	let text = std::fs::read_to_string(&path).map_err(|e| {
		Error::new(format!(
			"no key 0x{} of type {type_name:?} in the keystore ({}: {e})",
			hex_name(&public.0),
			path.display()
		))
	})?;
	let phrase: String = serde_json::from_str(&text).map_err(|e| {
		Error::new(format!("{}: not a keystore key file (a JSON string): {e}", path.display()))
	})?;
	let pair = sr25519::Pair::from_string(&phrase, password)
		.map_err(|e| Error::new(format!("{}: invalid secret ({e:?})", path.display())))?;
	if pair.public() != public {
		return Err(Error::new(format!(
			"{}: the secret does not give public key 0x{} (wrong --password?)",
			path.display(),
			hex_name(&public.0)
		)));
	}
	Ok(pair)
}
