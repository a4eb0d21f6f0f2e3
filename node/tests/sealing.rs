//! `--sealing`: blocks on demand with the BABE data the runtime expects.
//! Manual sealing makes blocks only when asked, one slot apart, and rounds
//! pass with them; instant sealing makes a finalized block for a
//! transaction; a node without the authority key refuses to seal.

mod common;

use codec::Decode;
use common::*;
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use market_primitives::SLOT_DURATION;
use market_runtime::{RuntimeCall, UNIT};
use serde_json::Value;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use std::{process::Command, time::Duration};

fn start_sealing_node(dir: &tempfile::TempDir, mode: &str) -> Node {
	let prometheus = free_port().to_string();
	Node::start(
		&format!("sealing-{mode}"),
		dir.path(),
		free_port(),
		&["--dev", "--sealing", mode, "--prometheus-port", &prometheus],
	)
}

async fn create_block(client: &WsClient, finalize: bool) -> H256 {
	let created: Value = client
		.request("engine_createBlock", rpc_params![true, finalize, Option::<H256>::None])
		.await
		.expect("engine_createBlock");
	serde_json::from_value(created["hash"].clone()).expect("created block hash")
}

/// A storage value of the runtime at `at`, SCALE-decoded.
async fn storage_at<T: Decode>(client: &WsClient, key: Vec<u8>, at: H256) -> Option<T> {
	let raw: Option<sp_core::Bytes> = client
		.request("state_getStorage", rpc_params![sp_core::Bytes(key), at])
		.await
		.expect("state_getStorage");
	raw.map(|bytes| T::decode(&mut &bytes[..]).expect("storage value decodes"))
}

#[tokio::test(flavor = "multi_thread")]
async fn manual_sealing_makes_blocks_only_when_asked_one_slot_apart() {
	let dir = tempfile::tempdir().expect("temp dir");
	let mut node = start_sealing_node(&dir, "manual");
	let client = connect(&node).await;

	// More than a slot passes and nothing is sealed unasked.
	tokio::time::sleep(Duration::from_millis(SLOT_DURATION + 1_000)).await;
	assert_eq!(best_number(&client).await, 0);

	// Twelve blocks on request, far faster than one per slot; the first is
	// left unfinalized, the rest finalized.
	let first = create_block(&client, false).await;
	assert_eq!(block_number(&client, Some(first)).await, 1);
	assert_eq!(finalized_number(&client).await, 0);
	let mut hashes = vec![first];
	for _ in 1..12 {
		hashes.push(create_block(&client, true).await);
	}
	assert_eq!(best_number(&client).await, 12);
	assert_eq!(finalized_head(&client).await, hashes[11]);

	// Each block's time is its parent's plus one slot, and BABE's current
	// slot agrees with it.
	let now_key = pallet_timestamp::Now::<market_runtime::Runtime>::hashed_key().to_vec();
	let slot_key = pallet_babe::CurrentSlot::<market_runtime::Runtime>::hashed_key().to_vec();
	let mut previous: Option<u64> = None;
	for hash in &hashes {
		let now: u64 = storage_at(&client, now_key.clone(), *hash).await.expect("time is set");
		let slot: u64 = storage_at(&client, slot_key.clone(), *hash).await.expect("slot is set");
		assert_eq!(now, slot * SLOT_DURATION, "block time is its slot's start");
		if let Some(previous) = previous {
			assert_eq!(now, previous + SLOT_DURATION);
		}
		previous = Some(now);
	}

	// Rounds are ten blocks: block 12 is in round 1, with a seed fixed.
	let round_key =
		pallet_provider_staking::CurrentRound::<market_runtime::Runtime>::hashed_key().to_vec();
	let round: u32 = storage_at(&client, round_key, hashes[11]).await.expect("round is set");
	assert_eq!(round, 1);
	let seed_key =
		pallet_provider_staking::RoundSeeds::<market_runtime::Runtime>::hashed_key_for(1u32);
	let seed: Option<[u8; 32]> = storage_at(&client, seed_key, hashes[11]).await;
	assert!(seed.is_some(), "round 1 has its seed");

	node.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn instant_sealing_seals_and_finalizes_a_block_for_a_transaction() {
	let dir = tempfile::tempdir().expect("temp dir");
	let mut node = start_sealing_node(&dir, "instant");
	let client = connect(&node).await;
	assert_eq!(best_number(&client).await, 0);

	let alice = Sr25519Keyring::Alice;
	let bob = Sr25519Keyring::Bob;
	let genesis = genesis_hash(&client).await;
	let bob_before = account(&client, &bob.to_account_id()).await;
	let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: bob.to_account_id().into(),
		value: 3 * UNIT,
	});
	let xt = signed_extrinsic(call, &alice.pair(), 0, genesis);
	let block = submit_and_wait_in_block(&client, &xt).await;

	assert_eq!(block_number(&client, Some(block)).await, 1);
	wait_until("the block is finalized", Duration::from_secs(30), || async {
		finalized_head(&client).await == block
	})
	.await;
	assert_eq!(
		account(&client, &bob.to_account_id()).await.data.free,
		bob_before.data.free + 3 * UNIT
	);

	// Blocks can still be asked for.
	create_block(&client, true).await;
	assert_eq!(best_number(&client).await, 2);

	node.stop();
}

#[test]
fn sealing_without_the_authority_key_is_refused() {
	let dir = tempfile::tempdir().expect("temp dir");
	// The local testnet's authorities are Alice and Bob; this node has
	// neither key.
	let output = Command::new(node_binary())
		.args(["--chain", "local", "--sealing", "manual", "--no-mdns", "--no-prometheus"])
		.args(["--rpc-port", "0", "--listen-addr", "/ip4/127.0.0.1/tcp/0", "--base-path"])
		.arg(dir.path())
		.output()
		.expect("market-node runs");
	assert!(!output.status.success());
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(
		stderr.contains("--sealing needs the first BABE authority's key in the keystore"),
		"unclear refusal: {stderr}"
	);
}
