//! The committed raw chain spec `chain-specs/local-raw.json` is what this
//! `market-node` exports for `--chain local --raw`, so operators hand out
//! the chain the current runtime defines.
//!
//! Every field and every genesis storage item must be equal, except the
//! runtime's wasm bytes: they depend on the directory the runtime was built
//! from (cargo hashes the absolute paths of the runtime's crates into their
//! symbols, which reorders the code), so a clone elsewhere compiles the same
//! source to a different blob. For the code, the committed runtime must
//! declare the same version and runtime APIs and return the same metadata
//! (every call, event, error, storage item, constant and type) as the
//! current one. Genesis storage is built by the current runtime's presets,
//! so any change to them shows as a storage difference.

mod common;

use codec::Decode;
use common::node_binary;
use sc_executor::RuntimeVersion;
use sc_executor_common::runtime_blob::RuntimeBlob;
use serde_json::Value;
use sp_core::OpaqueMetadata;
use std::{collections::BTreeSet, path::Path, process::Command};

const REGENERATE: &str = "regenerate it with scripts/export-chain-specs.sh and commit it";

/// Storage key of the runtime code, `:code`, as the spec writes it.
const CODE_KEY: &str = "0x3a636f6465";

/// Keys of `genesis.raw.top` whose values differ between `a` and `b`.
fn differing_storage(a: &Value, b: &Value) -> Vec<String> {
	let top = |v: &Value| v["genesis"]["raw"]["top"].as_object().cloned().unwrap_or_default();
	let (a, b) = (top(a), top(b));
	let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
	keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

/// A runtime's embedded version (with its API list) and its metadata.
fn runtime_facts(spec: &Value, which: &str) -> (RuntimeVersion, Vec<u8>) {
	let hex = spec["genesis"]["raw"]["top"][CODE_KEY]
		.as_str()
		.unwrap_or_else(|| panic!("the {which} spec has no runtime code"));
	let code = sp_core::bytes::from_hex(hex).expect("the code is hex");
	let blob = RuntimeBlob::uncompress_if_needed(&code).expect("the code is a wasm runtime");
	let version = sc_executor::read_embedded_version(&blob)
		.expect("the version section decodes")
		.unwrap_or_else(|| panic!("the {which} runtime embeds its version"));
	let executor = sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let mut externalities = sp_io::TestExternalities::default();
	let encoded = executor
		.uncached_call(blob, &mut externalities.ext(), false, "Metadata_metadata", &[])
		.unwrap_or_else(|e| panic!("the {which} runtime returns its metadata: {e}"));
	let metadata = OpaqueMetadata::decode(&mut &encoded[..]).expect("metadata decodes");
	(version, metadata.to_vec())
}

/// The version with its API list sorted: the runtime lists its APIs in an
/// order that also depends on the build directory.
fn normalized(version: RuntimeVersion) -> RuntimeVersion {
	let mut apis = version.apis.to_vec();
	apis.sort();
	RuntimeVersion { apis: apis.into(), ..version }
}

#[test]
fn committed_local_raw_spec_matches_the_runtime() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("node/ is in the workspace");
	let path = root.join("chain-specs/local-raw.json");
	let committed =
		std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", path.display()));
	let committed: Value = serde_json::from_slice(&committed)
		.unwrap_or_else(|e| panic!("{} is not JSON ({e}); {REGENERATE}", path.display()));

	let out = Command::new(node_binary())
		.args(["export-chain-spec", "--chain", "local", "--raw"])
		.output()
		.expect("market-node export-chain-spec runs");
	assert!(
		out.status.success(),
		"export-chain-spec failed: {}",
		String::from_utf8_lossy(&out.stderr)
	);
	let current: Value = serde_json::from_slice(&out.stdout).expect("the export is JSON");
	assert!(
		current["genesis"]["raw"]["top"].as_object().is_some_and(|top| !top.is_empty()),
		"the export is a raw spec"
	);

	// Everything but the code: names, ids, properties, boot nodes, and
	// every genesis storage item.
	let fields: Vec<&String> = current
		.as_object()
		.into_iter()
		.flat_map(|o| o.keys())
		.filter(|k| k.as_str() != "genesis" && current[k.as_str()] != committed[k.as_str()])
		.collect();
	let storage: Vec<String> =
		differing_storage(&current, &committed).into_iter().filter(|k| k != CODE_KEY).collect();
	assert!(
		fields.is_empty() && storage.is_empty(),
		"{} is not what this market-node exports (differing fields {fields:?}, genesis storage \
		 keys {storage:?}): {REGENERATE}",
		path.display(),
	);

	// The code: same version, APIs and metadata.
	let (current_version, current_metadata) = runtime_facts(&current, "current");
	let (committed_version, committed_metadata) = runtime_facts(&committed, "committed");
	assert_eq!(
		normalized(committed_version),
		normalized(current_version),
		"{} carries another runtime version: {REGENERATE}",
		path.display()
	);
	assert!(
		committed_metadata == current_metadata,
		"{} carries a runtime with other calls, events, storage, constants or types: {REGENERATE}",
		path.display()
	);
}
