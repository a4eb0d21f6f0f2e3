//! The committed raw chain spec `chain-specs/local-raw.json` is what this
//! `market-node` exports for `--chain local --raw`, so operators hand out
//! the chain the current runtime defines.

mod common;

use common::node_binary;
use serde_json::Value;
use std::{collections::BTreeSet, path::Path, process::Command};

const REGENERATE: &str = "regenerate it with scripts/export-chain-specs.sh and commit it";

/// Keys of `genesis.raw.top` whose values differ between `a` and `b`.
fn differing_storage(a: &Value, b: &Value) -> Vec<String> {
	let top = |v: &Value| v["genesis"]["raw"]["top"].as_object().cloned().unwrap_or_default();
	let (a, b) = (top(a), top(b));
	let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
	keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
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

	if current != committed {
		let storage = differing_storage(&current, &committed);
		let fields: Vec<&String> = current
			.as_object()
			.into_iter()
			.flat_map(|o| o.keys())
			.filter(|k| current[k.as_str()] != committed[k.as_str()])
			.collect();
		// `:code` alone differs when the runtime changed, or when the same
		// source was compiled by another wasm toolchain (the blob is
		// reproducible only with the same compiler).
		let code_only = storage == [format!("0x{}", hex_of(b":code"))];
		panic!(
			"{} is not what this market-node exports (differing fields {fields:?}; {} genesis \
			 storage keys differ{}): {REGENERATE}",
			path.display(),
			storage.len(),
			if code_only { ", only the runtime code" } else { "" },
		);
	}
}

fn hex_of(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
