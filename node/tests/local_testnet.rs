//! Two validators, Alice and Bob, on `--chain local`: both import the same
//! chain and finality advances; Bob is stopped and restarted on the same
//! base path, catches up, and nothing finalized before is lost.

mod common;

use common::*;
use std::{path::Path, process::Command, time::Duration};

/// Generates a node key in `dir` and returns the file and its peer id.
fn node_key(dir: &Path) -> (String, String) {
	let file = dir.join("node-key");
	let status = Command::new(node_binary())
		.args(["key", "generate-node-key", "--file"])
		.arg(&file)
		.stderr(std::process::Stdio::null())
		.status()
		.expect("key generate-node-key runs");
	assert!(status.success());
	let out = Command::new(node_binary())
		.args(["key", "inspect-node-key", "--file"])
		.arg(&file)
		.output()
		.expect("key inspect-node-key runs");
	assert!(out.status.success());
	let peer_id = String::from_utf8(out.stdout).expect("utf-8").trim().to_string();
	(file.display().to_string(), peer_id)
}

fn start_validator(name: &str, base: &Path, port: u16, key_file: &str, bootnode: &str) -> Node {
	let mut args = vec!["--chain", "local", "--validator", "--node-key-file", key_file];
	let flag = format!("--{name}");
	args.push(&flag);
	if bootnode.is_empty() {
		// The bootnode keeps authoring when it has no peers (a validator
		// otherwise waits for the network), so that the chain moves on while
		// the other validator is down.
		args.push("--force-authoring");
	} else {
		args.extend(["--bootnodes", bootnode]);
	}
	args.push("--prometheus-port");
	let prometheus = free_port().to_string();
	args.push(&prometheus);
	Node::start(name, base, port, &args)
}

#[tokio::test(flavor = "multi_thread")]
async fn two_validators_agree_and_a_restarted_one_catches_up() {
	let alice_dir = tempfile::tempdir().expect("temp dir");
	let bob_dir = tempfile::tempdir().expect("temp dir");
	let (alice_key, alice_peer) = node_key(alice_dir.path());
	let (bob_key, _) = node_key(bob_dir.path());
	let alice_port = free_port();
	let bootnode = format!("/ip4/127.0.0.1/tcp/{alice_port}/p2p/{alice_peer}");

	let mut alice = start_validator("alice", alice_dir.path(), alice_port, &alice_key, "");
	let mut bob = start_validator("bob", bob_dir.path(), free_port(), &bob_key, &bootnode);
	let alice_rpc = connect(&alice).await;
	let bob_rpc = connect(&bob).await;

	// GRANDPA needs both votes (2 of 2 > 2/3): finality proves they agree.
	wait_until("block 3 finalized on both", Duration::from_secs(180), || async {
		finalized_number(&alice_rpc).await >= 3 && finalized_number(&bob_rpc).await >= 3
	})
	.await;
	let common_height = finalized_number(&alice_rpc).await.min(finalized_number(&bob_rpc).await);
	for n in 0..=common_height {
		assert_eq!(
			block_hash(&alice_rpc, n).await,
			block_hash(&bob_rpc, n).await,
			"both import the same block {n}"
		);
	}

	// Stop Bob; remember what was finalized.
	let finalized_before = finalized_number(&bob_rpc).await;
	let finalized_hash = finalized_head(&bob_rpc).await;
	drop(bob_rpc);
	bob.stop();

	// Alice alone keeps authoring but cannot finalize with half the votes.
	let best_without_bob = best_number(&alice_rpc).await;
	wait_until("Alice authors alone", Duration::from_secs(120), || async {
		best_number(&alice_rpc).await >= best_without_bob + 2
	})
	.await;

	// Bob comes back on the same base path.
	let mut bob = start_validator("bob", bob_dir.path(), free_port(), &bob_key, &bootnode);
	let bob_rpc = connect(&bob).await;
	assert_eq!(
		block_hash(&bob_rpc, finalized_before).await,
		Some(finalized_hash),
		"Bob's finalized block survives the restart"
	);
	assert!(finalized_number(&bob_rpc).await >= finalized_before);

	let alice_best = best_number(&alice_rpc).await;
	wait_until("Bob catches up with Alice", Duration::from_secs(180), || async {
		best_number(&bob_rpc).await >= alice_best
	})
	.await;
	wait_until("finality advances again", Duration::from_secs(180), || async {
		finalized_number(&bob_rpc).await > alice_best
			&& finalized_number(&alice_rpc).await > alice_best
	})
	.await;
	let height = finalized_number(&bob_rpc).await.min(finalized_number(&alice_rpc).await);
	assert_eq!(block_hash(&alice_rpc, height).await, block_hash(&bob_rpc, height).await);
	assert_eq!(block_hash(&alice_rpc, finalized_before).await, Some(finalized_hash));

	bob.stop();
	alice.stop();
}
