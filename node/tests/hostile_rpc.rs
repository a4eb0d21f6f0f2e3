//! What a hostile client sends a public node, and what it gets back.
//!
//! One development node (`--sealing manual`, so the chain only changes if
//! something gets in) listens on all interfaces with `--rpc-external` and
//! `--rpc-methods safe`, as a public RPC node would; market-node then caps
//! batches at 64 calls and each connection at 1,200 calls per minute
//! (`public_rpc`). Every request of the catalogue below must get a clear
//! JSON-RPC or HTTP error, the node must keep answering other clients
//! while it happens, and at the end the best block, its state root, Alice's
//! account and the transaction pool must be as they were.
//!
//! The catalogue (also in the README, "RPC limits"): malformed JSON, wrong
//! JSON-RPC envelopes, unknown and unsafe methods, wrong arity and wrong
//! types for every `market_*` method, out-of-range numbers, deep nesting,
//! oversized strings, bodies and extrinsics, garbage and badly signed
//! extrinsics, empty and oversized batches, too many subscriptions and
//! connections, and a flood of invalid extrinsics from one connection.

mod common;

use common::*;
use jsonrpsee::{
	core::client::{ClientT, SubscriptionClientT},
	rpc_params,
	ws_client::WsClient,
};
use market_runtime::{RuntimeCall, UncheckedExtrinsic};
use serde_json::{json, Value};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Preamble, MultiSignature};
use std::{
	io::{Read, Write},
	net::TcpStream,
	time::Duration,
};

/// The node's `--rpc-max-connections` and
/// `--rpc-max-subscriptions-per-connection` in this test.
const MAX_CONNECTIONS: usize = 24;
const MAX_SUBSCRIPTIONS: usize = 16;
/// market-node's batch cap on a public endpoint (`public_rpc`).
const PUBLIC_MAX_BATCH_LEN: usize = 64;

/// An HTTP POST of `body` to the node's RPC port: (status, response body).
/// The connection is closed after one request.
fn http_post(port: u16, body: &[u8]) -> (u16, Vec<u8>) {
	let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the RPC port accepts");
	stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout set");
	let head = format!(
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
		 Content-Length: {}\r\nConnection: close\r\n\r\n",
		body.len()
	);
	// The server may answer and close before reading an oversized body; the
	// answer is still there to read.
	let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body));
	let mut raw = Vec::new();
	let _ = stream.read_to_end(&mut raw);
	let split = raw
		.windows(4)
		.position(|w| w == b"\r\n\r\n")
		.unwrap_or_else(|| panic!("an HTTP answer, got {:?}", String::from_utf8_lossy(&raw)));
	let headers = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
	let status = headers
		.split_whitespace()
		.nth(1)
		.and_then(|s| s.parse().ok())
		.expect("an HTTP status line");
	let mut payload = raw[split + 4..].to_vec();
	if headers.contains("transfer-encoding: chunked") {
		payload = dechunk(&payload);
	}
	(status, payload)
}

/// The body of a chunked HTTP answer.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
	let mut out = Vec::new();
	while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
		let size = usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16)
			.expect("a chunk size");
		if size == 0 {
			break;
		}
		out.extend_from_slice(&raw[end + 2..end + 2 + size]);
		raw = &raw[end + 2 + size + 2..];
	}
	out
}

/// The JSON-RPC error code of an answer, or `None` if it is a result.
fn error_code(answer: &Value) -> Option<i64> {
	answer.get("error").map(|e| e["code"].as_i64().expect("an error has a numeric code"))
}

fn request(method: &str, params: Value) -> Vec<u8> {
	json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params })
		.to_string()
		.into_bytes()
}

/// Each `market_*` method with valid-looking arguments, `at` left out.
fn market_methods() -> Vec<(&'static str, Vec<Value>)> {
	let alice = Sr25519Keyring::Alice.to_account_id().to_string();
	let bob = Sr25519Keyring::Bob.to_account_id().to_string();
	let hash = format!("0x{}", "11".repeat(32));
	vec![
		("market_currentRound", vec![]),
		("market_roundSnapshot", vec![json!(0)]),
		("market_gateways", vec![json!(0), json!(alice)]),
		("market_committee", vec![json!(0), json!(alice)]),
		("market_sample", vec![json!(0), json!("gateways"), json!(4)]),
		("market_provider", vec![json!(alice)]),
		("market_policy", vec![json!(0)]),
		("market_ticketSender", vec![json!(alice)]),
		("market_maxPayable", vec![json!(alice), json!(bob)]),
		("market_ticketState", vec![json!(hash), json!(100)]),
		("market_commitment", vec![json!(0), json!(alice), json!(0)]),
	]
}

/// What a hostile request must get back.
#[derive(Debug)]
enum Expect {
	/// A JSON-RPC error with this code.
	Code(i64),
	/// An HTTP error status (the request never reached a method).
	Status(u16),
}

/// The single-request part of the catalogue, sent over HTTP.
fn catalogue() -> Vec<(String, Vec<u8>, Expect)> {
	use Expect::*;
	let alice = Sr25519Keyring::Alice.to_account_id().to_string();
	let mut list: Vec<(String, Vec<u8>, Expect)> = vec![
		("truncated JSON".into(), b"{\"jsonrpc\":\"2.0\",\"id\":1,".to_vec(), Code(-32700)),
		("empty body".into(), Vec::new(), Code(-32700)),
		("not JSON".into(), b"\x00\xff\xfe garbage".to_vec(), Code(-32700)),
		("a bare string".into(), b"\"system_health\"".to_vec(), Code(-32700)),
		("no method".into(), br#"{"jsonrpc":"2.0","id":1}"#.to_vec(), Code(-32600)),
		("method not a string".into(), br#"{"jsonrpc":"2.0","id":1,"method":42}"#.to_vec(), Code(-32600)),
		(
			"JSON-RPC 1.0".into(),
			br#"{"jsonrpc":"1.0","id":1,"method":"system_health"}"#.to_vec(),
			Code(-32600),
		),
		("unknown method".into(), request("market_mintMeMoney", json!([])), Code(-32601)),
		(
			"unsafe method on a safe endpoint".into(),
			request("author_insertKey", json!(["babe", "//Alice", format!("0x{}", "00".repeat(32))])),
			Code(-32601),
		),
		("params a string".into(), request("market_roundSnapshot", json!("0")), Code(-32602)),
		("round negative".into(), request("market_roundSnapshot", json!([-1])), Code(-32602)),
		("round above u32".into(), request("market_roundSnapshot", json!([4294967296u64])), Code(-32602)),
		("round 1e40".into(), b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"market_roundSnapshot\",\"params\":[1e40]}".to_vec(), Code(-32602)),
		("round u32::MAX (not started)".into(), request("market_roundSnapshot", json!([u32::MAX])), Code(8005)),
		("sample n = 2^64".into(), b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"market_sample\",\"params\":[0,\"gateways\",18446744073709551616]}".to_vec(), Code(-32602)),
		("sample n = 65".into(), request("market_sample", json!([0, "gateways", 65])), Code(8006)),
		("sample domain of 9 bytes".into(), request("market_sample", json!([0, "gatewayss", 4])), Code(-32602)),
		("account of 63 hex digits".into(), request("market_provider", json!([format!("0x{}", "a".repeat(63))])), Code(-32602)),
		("account that is 1 MiB of text".into(), request("market_provider", json!(["1".repeat(1 << 20)])), Code(-32602)),
		(
			"system_accountNextIndex with 1 MiB of text".into(),
			request("system_accountNextIndex", json!(["1".repeat(1 << 20)])),
			Code(-32602),
		),
		(
			"account_nextIndex (its alias) with 1 MiB of text".into(),
			request("account_nextIndex", json!(["1".repeat(1 << 20)])),
			Code(-32602),
		),
		("sample domain of 1 MiB".into(), request("market_sample", json!([0, "x".repeat(1 << 20), 4])), Code(-32602)),
		("policy id above u64".into(), request("market_policy", json!(["0x1ffffffffffffffff"])), Code(-32602)),
		("policy id negative string".into(), request("market_policy", json!(["-5"])), Code(-32602)),
		("ticket hash of 31 bytes".into(), request("market_ticketState", json!([format!("0x{}", "11".repeat(31)), 100])), Code(-32602)),
		("paying oneself".into(), request("market_maxPayable", json!([alice, alice])), Code(8006)),
		(
			"at an unknown block".into(),
			request("market_currentRound", json!([format!("0x{}", "ee".repeat(32))])),
			Code(8000),
		),
		(
			"params nested 100,000 deep".into(),
			format!(
				"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"market_policy\",\"params\":{}{}}}",
				"[".repeat(100_000),
				"]".repeat(100_000)
			)
			.into_bytes(),
			Code(-32602),
		),
		("body over 15 MiB".into(), vec![b' '; 16 << 20], Status(413)),
		("extrinsic of garbage bytes".into(), request("author_submitExtrinsic", json!(["0xdeadbeef"])), Code(1040)),
		(
			"4 MiB extrinsic of garbage".into(),
			request("author_submitExtrinsic", json!([format!("0x{}", "ab".repeat(4 << 20))])),
			Code(1040),
		),
		("empty batch".into(), b"[]".to_vec(), Code(-32600)),
	];
	// Every market method without its last required argument, and with its
	// first argument of the wrong type. (Arguments past `at` are ignored, as
	// by every jsonrpsee method: they are not part of the catalogue.)
	for (method, args) in market_methods() {
		if let Some((_, required)) = args.split_last() {
			list.push((
				format!("{method}: a required argument missing"),
				request(method, json!(required)),
				Code(-32602),
			));
		}
		let mut wrong = args.clone();
		match wrong.first_mut() {
			Some(first) => *first = json!({ "nested": [true] }),
			None => wrong.push(json!({ "nested": [true] })),
		}
		list.push((
			format!("{method}: an object for its first argument"),
			request(method, json!(wrong)),
			Code(-32602),
		));
	}
	list
}

/// What the test checks is unchanged: best block, its state root, Alice's
/// nonce and free balance, the pool.
async fn observed(client: &WsClient) -> (u32, H256, u32, u128, usize) {
	let header: Value = client.request("chain_getHeader", rpc_params![]).await.expect("a header");
	let root: H256 = serde_json::from_value(header["stateRoot"].clone()).expect("a state root");
	let alice = account(client, &Sr25519Keyring::Alice.to_account_id()).await;
	let pending: Vec<Value> =
		client.request("author_pendingExtrinsics", rpc_params![]).await.expect("the pool");
	(best_number(client).await, root, alice.nonce, alice.data.free, pending.len())
}

/// A correctly signed extrinsic from Alice: `System::remark` of `len` bytes.
fn signed_remark(len: usize, nonce: u32, genesis: H256) -> UncheckedExtrinsic {
	let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![7; len] });
	signed_extrinsic(call, &Sr25519Keyring::Alice.pair(), nonce, genesis)
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_rpc_input_gets_clear_errors_and_changes_nothing() {
	let dir = tempfile::tempdir().expect("temporary directory");
	let max_connections = MAX_CONNECTIONS.to_string();
	let max_subscriptions = MAX_SUBSCRIPTIONS.to_string();
	let mut node = Node::start(
		"public",
		dir.path(),
		free_port(),
		&[
			"--dev",
			"--sealing",
			"manual",
			"--rpc-external",
			"--rpc-methods",
			"safe",
			"--rpc-max-connections",
			&max_connections,
			"--rpc-max-subscriptions-per-connection",
			&max_subscriptions,
			"--no-prometheus",
		],
	);
	let limits = node.wait_for_log("public RPC endpoint 0.0.0.0:", Duration::from_secs(10));
	assert!(limits.contains("batches of at most 64 calls"), "{limits}");
	assert!(limits.contains("1200 calls per minute per connection"), "{limits}");
	let port = node.rpc_port;
	let watcher = connect(&node).await;
	let before = observed(&watcher).await;
	let genesis = genesis_hash(&watcher).await;

	// 1. Single requests over HTTP, each on its own connection.
	let mut failures = Vec::new();
	let list = catalogue();
	let count = list.len();
	for (name, body, expect) in list {
		let (status, answer) = http_post(port, &body);
		let got = match (&expect, serde_json::from_slice::<Value>(&answer)) {
			(Expect::Status(want), _) => {
				(status == *want).then_some(()).ok_or_else(|| format!("HTTP {status}"))
			},
			(Expect::Code(want), Ok(json)) => match error_code(&json) {
				Some(code) if code == *want => Ok(()),
				_ => Err(format!("HTTP {status}: {json}")),
			},
			(Expect::Code(_), Err(_)) => {
				Err(format!("HTTP {status}: {:?}", String::from_utf8_lossy(&answer)))
			},
		};
		match got {
			Ok(()) => println!("ok   {name}: {expect:?}"),
			Err(seen) => failures.push(format!("{name}: expected {expect:?}, got {seen}")),
		}
	}
	// The guarded `system_accountNextIndex` still answers well-formed
	// accounts, in SS58 and in hex, under both names.
	let alice = Sr25519Keyring::Alice.to_account_id();
	// An `H256` serializes as `0x` and 64 hex digits.
	let alice_hex = json!(H256(alice.clone().into()));
	for (method, who) in
		[("system_accountNextIndex", json!(alice.to_string())), ("account_nextIndex", alice_hex)]
	{
		let nonce: u32 =
			watcher.request(method, rpc_params![who]).await.expect("the nonce of a valid account");
		assert_eq!(nonce, before.2, "{method}");
	}

	// 2. Extrinsics that decode but are refused: too big for any block, a
	// bad signature, an unfunded signer.
	let huge = signed_remark(6 << 20, before.2, genesis);
	let mut forged = signed_remark(10, before.2, genesis);
	match &mut forged.preamble {
		Preamble::Signed(_, MultiSignature::Sr25519(signature), _) => {
			AsMut::<[u8]>::as_mut(signature)[0] ^= 1
		},
		_ => panic!("signed_extrinsic makes a signed extrinsic"),
	}
	let nobody = sr25519::Pair::from_seed(&[42; 32]);
	let unfunded = signed_extrinsic(
		RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }),
		&nobody,
		0,
		genesis,
	);
	for (name, xt) in [
		("signed remark of 6 MiB (over the block length)", &huge),
		("remark with a forged signature", &forged),
		("remark from an account without funds", &unfunded),
	] {
		let (status, answer) =
			http_post(port, &request("author_submitExtrinsic", json!([to_hex(xt)])));
		let json: Value = serde_json::from_slice(&answer).unwrap_or_default();
		match error_code(&json) {
			Some(1010) => println!("ok   {name}: Code(1010) {}", json["error"]["data"]),
			_ => failures.push(format!("{name}: expected Code(1010), got HTTP {status}: {json}")),
		}
	}
	// 3. Batches: a full one is answered call by call, one call more is refused.
	let batch = |n: usize| {
		Value::Array(
			(0..n).map(|i| json!({"jsonrpc":"2.0","id":i,"method":"system_health"})).collect(),
		)
		.to_string()
		.into_bytes()
	};
	let (_, answer) = http_post(port, &batch(PUBLIC_MAX_BATCH_LEN));
	let answers: Value = serde_json::from_slice(&answer).expect("a batch answer");
	assert_eq!(answers.as_array().map(Vec::len), Some(PUBLIC_MAX_BATCH_LEN), "{answers}");
	let (status, answer) = http_post(port, &batch(PUBLIC_MAX_BATCH_LEN + 1));
	let refused: Value = serde_json::from_slice(&answer).unwrap_or_default();
	match error_code(&refused) {
		Some(code) => println!(
			"ok   batch of {} calls: Code({code}) {}",
			PUBLIC_MAX_BATCH_LEN + 1,
			refused["error"]["message"]
		),
		None => failures
			.push(format!("oversized batch: expected an error, got HTTP {status}: {refused}")),
	}
	let mixed = format!(
		"[{},{{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"market_nope\"}},{{\"id\":3}}]",
		json!({"jsonrpc":"2.0","id":1,"method":"system_health"})
	);
	let (_, answer) = http_post(port, mixed.as_bytes());
	let answers: Vec<Value> = serde_json::from_slice(&answer).expect("a batch answer");
	let codes: Vec<Option<i64>> = answers.iter().map(error_code).collect();
	assert_eq!(codes, vec![None, Some(-32601), Some(-32600)], "mixed batch: {answers:?}");

	// 4. Subscriptions: the cap per connection holds, the connection stays usable.
	let subscriber = connect(&node).await;
	let mut subscriptions = Vec::new();
	for _ in 0..MAX_SUBSCRIPTIONS {
		subscriptions.push(
			subscriber
				.subscribe::<Value, _>(
					"chain_subscribeNewHeads",
					rpc_params![],
					"chain_unsubscribeNewHeads",
				)
				.await
				.expect("a subscription under the cap"),
		);
	}
	let over = subscriber
		.subscribe::<Value, _>(
			"chain_subscribeNewHeads",
			rpc_params![],
			"chain_unsubscribeNewHeads",
		)
		.await;
	match over {
		Err(e) => println!("ok   subscription {}: {e}", MAX_SUBSCRIPTIONS + 1),
		Ok(_) => failures.push(format!("subscription {} accepted", MAX_SUBSCRIPTIONS + 1)),
	}
	let health: Value =
		subscriber.request("system_health", rpc_params![]).await.expect("still served");
	assert!(health.get("peers").is_some());
	drop(subscriptions);

	// 5. Connections: past the cap a new one is refused, the open ones are served.
	let mut open = vec![];
	let mut refused_at = None;
	for i in 0..MAX_CONNECTIONS + 4 {
		match jsonrpsee::ws_client::WsClientBuilder::default().build(node.ws_url()).await {
			Ok(client) => open.push(client),
			Err(e) => {
				refused_at = Some((i, e.to_string()));
				break;
			},
		}
	}
	match refused_at {
		Some((i, e)) => println!("ok   connection refused after {i} more: {e}"),
		None => failures.push(format!("{} connections accepted", MAX_CONNECTIONS + 4)),
	}
	let health: Value = watcher.request("system_health", rpc_params![]).await.expect("served");
	assert!(health.get("peers").is_some());
	drop(open);
	drop(subscriber);
	tokio::time::sleep(Duration::from_secs(1)).await;

	// 6. A flood of invalid extrinsics from one connection: every call gets
	// an error (invalid, or over the connection's rate), and another client
	// is served meanwhile.
	let flooder = connect(&node).await;
	let flood = 3_000;
	let calls = (0..flood).map(|i: u32| {
		let flooder = &flooder;
		async move {
			let garbage = sp_core::Bytes(i.to_le_bytes().repeat(8));
			flooder.request::<Value, _>("author_submitExtrinsic", rpc_params![garbage]).await
		}
	});
	let (results, health) = tokio::join!(futures::future::join_all(calls), async {
		tokio::time::sleep(Duration::from_millis(200)).await;
		let other = connect(&node).await;
		other.request::<Value, _>("system_health", rpc_params![]).await
	});
	assert!(health.is_ok(), "another client is served during the flood: {health:?}");
	let accepted = results.iter().filter(|r| r.is_ok()).count();
	let rate_limited = results
		.iter()
		.filter(|r| matches!(r, Err(e) if e.to_string().contains("rate limit")))
		.count();
	println!(
		"ok   flood of {flood} garbage extrinsics: {accepted} accepted, {rate_limited} over the rate, {} invalid",
		flood as usize - accepted - rate_limited
	);
	if accepted > 0 {
		failures.push(format!("{accepted} garbage extrinsics accepted"));
	}
	if rate_limited == 0 {
		failures.push("the flood never met the rate limit".into());
	}

	// Nothing changed, and the node still answers.
	let after = observed(&watcher).await;
	assert_eq!(after, before, "(best, state root, Alice's nonce and free, pool size)");
	assert!(
		failures.is_empty(),
		"{} of {count}+ hostile requests misanswered:\n{}",
		failures.len(),
		failures.join("\n")
	);
	assert!(process_alive(node.pid().expect("running")));
	node.stop();
}
