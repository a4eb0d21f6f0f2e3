//! Starts `market-node --dev` and checks blocks, finality, Prometheus
//! metrics, a signed transfer, and that malformed or badly signed
//! extrinsics are refused over JSON-RPC without changing state.

mod common;

use common::*;
use jsonrpsee::{core::client::ClientT, rpc_params};
use market_runtime::{RuntimeCall, UNIT};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use std::{
	io::{Read, Write},
	time::Duration,
};

fn start_dev_node(dir: &tempfile::TempDir, prometheus_port: u16) -> Node {
	let prometheus = prometheus_port.to_string();
	Node::start("dev", dir.path(), free_port(), &["--dev", "--prometheus-port", &prometheus])
}

fn transfer(dest: Sr25519Keyring, value: u128) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: dest.to_account_id().into(),
		value,
	})
}

fn scrape_metrics(port: u16) -> String {
	let mut stream =
		std::net::TcpStream::connect(("127.0.0.1", port)).expect("Prometheus endpoint is up");
	stream.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("request sent");
	let mut body = String::new();
	stream.read_to_string(&mut body).expect("response read");
	body
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_produces_finalizes_and_applies_a_transfer() {
	let dir = tempfile::tempdir().expect("temp dir");
	let prometheus_port = free_port();
	let mut node = start_dev_node(&dir, prometheus_port);
	let client = connect(&node).await;

	// Blocks are produced and finalized.
	wait_until("block 2 finalized", Duration::from_secs(120), || async {
		finalized_number(&client).await >= 2
	})
	.await;
	let finalized = finalized_head(&client).await;
	let finalized_at = block_number(&client, Some(finalized)).await;
	assert!(finalized_at >= 2);
	assert!(best_number(&client).await >= finalized_at);
	assert_eq!(block_hash(&client, finalized_at).await, Some(finalized));

	// Chain properties are what wallets need.
	let properties: Value =
		client.request("system_properties", rpc_params![]).await.expect("properties");
	assert_eq!(properties["tokenSymbol"], "MKT");
	assert_eq!(properties["tokenDecimals"], 12);
	assert_eq!(properties["ss58Format"], 42);

	// Prometheus reports the chain's height.
	let metrics = scrape_metrics(prometheus_port);
	assert!(metrics.contains("substrate_block_height"), "metrics: {metrics}");

	// A signed transfer lands in a block and moves the balance.
	let alice = Sr25519Keyring::Alice;
	let bob = Sr25519Keyring::Bob;
	let genesis = genesis_hash(&client).await;
	let alice_before = account(&client, &alice.to_account_id()).await;
	let bob_before = account(&client, &bob.to_account_id()).await;
	let value = 7 * UNIT;
	let xt = signed_extrinsic(transfer(bob, value), &alice.pair(), alice_before.nonce, genesis);

	let block = submit_and_wait_in_block(&client, &xt).await;
	let body: Value =
		client.request("chain_getBlock", rpc_params![block]).await.expect("chain_getBlock");
	let ours = format!("0x{}", hex_of(&xt));
	let extrinsics = body["block"]["extrinsics"].as_array().expect("extrinsics");
	assert!(extrinsics.iter().any(|x| x.as_str() == Some(ours.as_str())));

	wait_until("transfer applied at best block", Duration::from_secs(60), || async {
		account(&client, &bob.to_account_id()).await.data.free == bob_before.data.free + value
	})
	.await;
	let alice_after = account(&client, &alice.to_account_id()).await;
	assert_eq!(alice_after.nonce, alice_before.nonce + 1);
	// Alice paid the value plus a fee, which is burned.
	assert!(alice_after.data.free < alice_before.data.free - value);

	node.stop();
}

fn hex_of(xt: &impl codec::Encode) -> String {
	xt.encode().iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_and_badly_signed_extrinsics_are_refused() {
	let dir = tempfile::tempdir().expect("temp dir");
	let mut node = start_dev_node(&dir, free_port());
	let client = connect(&node).await;
	wait_until("block 1", Duration::from_secs(120), || async { best_number(&client).await >= 1 })
		.await;

	let alice = Sr25519Keyring::Alice;
	let bob = Sr25519Keyring::Bob;
	let genesis = genesis_hash(&client).await;
	let alice_before = account(&client, &alice.to_account_id()).await;
	let bob_before = account(&client, &bob.to_account_id()).await;

	// Bytes that are not an extrinsic.
	let err = client
		.request::<Value, _>("author_submitExtrinsic", rpc_params!["0x0102deadbeef"])
		.await
		.expect_err("garbage is refused");
	let message = err.to_string();
	assert!(message.contains("decode"), "unclear error for garbage: {message}");

	// A transfer from Alice signed by Bob's key.
	let mut xt = signed_extrinsic(transfer(bob, UNIT), &alice.pair(), alice_before.nonce, genesis);
	let forged = signed_extrinsic(transfer(bob, UNIT), &bob.pair(), alice_before.nonce, genesis);
	if let (
		sp_runtime::generic::Preamble::Signed(_, ref mut signature, _),
		sp_runtime::generic::Preamble::Signed(_, forged_signature, _),
	) = (&mut xt.preamble, forged.preamble)
	{
		*signature = forged_signature;
	} else {
		panic!("both extrinsics are signed");
	}
	let err = client
		.request::<Value, _>("author_submitExtrinsic", rpc_params![to_hex(&xt)])
		.await
		.expect_err("a bad signature is refused");
	let message = err.to_string();
	assert!(message.contains("bad signature"), "unclear error for bad signature: {message}");

	// A transfer signed for another chain (different genesis hash).
	let other_chain = signed_extrinsic(
		transfer(bob, UNIT),
		&alice.pair(),
		alice_before.nonce,
		sp_core::H256::repeat_byte(7),
	);
	let err = client
		.request::<Value, _>("author_submitExtrinsic", rpc_params![to_hex(&other_chain)])
		.await
		.expect_err("an extrinsic for another chain is refused");
	assert!(err.to_string().contains("bad signature"), "{err}");

	// A transfer from an account that cannot pay the fee.
	let pauper = Sr25519Keyring::One;
	assert_eq!(account(&client, &pauper.to_account_id()).await.data.free, 0);
	let unpaid = signed_extrinsic(transfer(bob, UNIT), &pauper.pair(), 0, genesis);
	let err = client
		.request::<Value, _>("author_submitExtrinsic", rpc_params![to_hex(&unpaid)])
		.await
		.expect_err("an extrinsic whose fee cannot be paid is refused");
	assert!(err.to_string().contains("Inability to pay some fees"), "{err}");

	// Nothing changed, several blocks later.
	let now = best_number(&client).await;
	wait_until("two more blocks", Duration::from_secs(60), || async {
		best_number(&client).await >= now + 2
	})
	.await;
	assert_eq!(account(&client, &alice.to_account_id()).await, alice_before);
	assert_eq!(account(&client, &bob.to_account_id()).await, bob_before);
	let pending: Vec<Value> =
		client.request("author_pendingExtrinsics", rpc_params![]).await.expect("pending");
	assert!(pending.is_empty(), "refused extrinsics stay out of the pool: {pending:?}");

	node.stop();
}
