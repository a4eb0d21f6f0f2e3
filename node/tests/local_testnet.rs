//! `scripts/local-testnet.sh` with four validators (Alice, Bob, Charlie,
//! Dave as the genesis authorities): finality advances; with Dave killed it
//! still advances on three of four GRANDPA votes; Dave restarted on the same
//! base path keeps what it had finalized and catches up with the others;
//! `stop` ends every node. With two of the four killed, blocks are still
//! authored but finality stops (two votes of four are not more than 2/3),
//! and it resumes, finalizing what was authored meanwhile, once both
//! return; their state at the blocks they had finalized survives the
//! kill; a new node started later with `--sync warp` reaches the finalized
//! head and serves its state.

mod common;

use common::*;
use jsonrpsee::ws_client::WsClient;
use jsonrpsee::{core::client::ClientT, rpc_params};
use sp_core::H256;
use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
	time::{Duration, Instant},
};

const VALIDATORS: [&str; 4] = ["alice", "bob", "charlie", "dave"];

/// A network started by the script in a temporary state directory; dropping
/// it runs `stop`, so a failing test leaves no nodes behind.
struct Testnet {
	state: tempfile::TempDir,
	rpc_port: u16,
}

impl Testnet {
	fn script() -> PathBuf {
		Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/local-testnet.sh")
	}

	/// Runs the script with `args` against this network's state directory
	/// and the node binary under test (so it never builds one).
	fn run(state: &Path, args: &[&str]) -> Output {
		Command::new("bash")
			.arg(Self::script())
			.args(args)
			.env("MARKET_TESTNET_DIR", state)
			.env("MARKET_NODE", node_binary())
			.output()
			.expect("bash runs scripts/local-testnet.sh")
	}

	fn run_ok(&self, args: &[&str]) -> String {
		let out = Self::run(self.state.path(), args);
		let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
		assert!(
			out.status.success(),
			"local-testnet.sh {args:?} failed ({}):\n{stdout}\n{}",
			out.status,
			String::from_utf8_lossy(&out.stderr)
		);
		stdout
	}

	fn start(validators: u16) -> Testnet {
		let state = tempfile::tempdir().expect("temp dir");
		// Three runs of free ports that do not overlap each other.
		let mut firsts: Vec<u16> = Vec::new();
		while firsts.len() < 3 {
			let first = free_port_range(validators);
			if firsts.iter().all(|f| first.abs_diff(*f) >= validators) {
				firsts.push(first);
			}
		}
		let testnet = Testnet { state, rpc_port: firsts[0] };
		let count = validators.to_string();
		let rpc = firsts[0].to_string();
		let p2p = firsts[1].to_string();
		let prometheus = firsts[2].to_string();
		let stdout = testnet.run_ok(&[
			"start",
			"-n",
			&count,
			"--detach",
			"--p2p-port",
			&p2p,
			"--rpc-port",
			&rpc,
			"--prometheus-port",
			&prometheus,
			"--timeout",
			"240",
		]);
		for i in 0..validators {
			let endpoint = format!("ws://127.0.0.1:{}", testnet.rpc_port + i);
			assert!(stdout.contains(&endpoint), "the script prints {endpoint}:\n{stdout}");
		}
		testnet
	}

	/// The pid the script recorded for `name`.
	fn pid(&self, name: &str) -> u32 {
		let file = self.state.path().join(name).join("node.pid");
		std::fs::read_to_string(&file)
			.unwrap_or_else(|e| panic!("{}: {e}", file.display()))
			.trim()
			.parse()
			.expect("pid file holds a number")
	}

	async fn client(&self, index: usize) -> WsClient {
		connect_url(&format!("ws://127.0.0.1:{}", self.rpc_port + index as u16)).await
	}
}

impl Drop for Testnet {
	fn drop(&mut self) {
		let _ = Self::run(self.state.path(), &["stop"]);
	}
}

/// Kills `name` with SIGKILL by the pid the script recorded and waits
/// until the process is gone.
async fn kill(net: &Testnet, name: &str) {
	let pid = net.pid(name);
	assert!(process_alive(pid), "{name} runs");
	// SAFETY: `kill` with the pid of a node this test's script started.
	assert_eq!(unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) }, 0);
	wait_until(&format!("{name} gone"), Duration::from_secs(10), || async { !process_alive(pid) })
		.await;
}

/// Restarts `name` on its base path and connects once its RPC is back.
async fn restart(net: &Testnet, name: &str, index: usize) -> WsClient {
	net.run_ok(&["restart", name]);
	let pid = net.pid(name);
	let url = format!("ws://127.0.0.1:{}", net.rpc_port + index as u16);
	let mut attempts = 0;
	loop {
		match jsonrpsee::ws_client::WsClientBuilder::default().build(&url).await {
			Ok(client) => return client,
			Err(e) => {
				attempts += 1;
				assert!(attempts < 240, "{name}'s RPC did not come back: {e}");
				assert!(process_alive(pid), "restarted {name} exited");
				tokio::time::sleep(Duration::from_millis(500)).await;
			},
		}
	}
}

/// Keys whose values every block changes, that hold the chain's money, or
/// that name its runtime:
/// `Timestamp::Now`, `System::LastRuntimeUpgrade`, `Balances::TotalIssuance`, Alice's
/// account.
fn state_keys() -> Vec<sp_core::Bytes> {
	let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
	vec![
		pallet_timestamp::Now::<market_runtime::Runtime>::hashed_key().to_vec(),
		frame_system::LastRuntimeUpgrade::<market_runtime::Runtime>::hashed_key().to_vec(),
		pallet_balances::TotalIssuance::<market_runtime::Runtime>::hashed_key().to_vec(),
		frame_system::Account::<market_runtime::Runtime>::hashed_key_for(alice),
	]
	.into_iter()
	.map(sp_core::Bytes)
	.collect()
}

/// The state root and the values of [`state_keys`] at block `at`, as
/// `client`'s database holds them.
async fn state_at(client: &WsClient, at: H256) -> (H256, Vec<Option<sp_core::Bytes>>) {
	let header: serde_json::Value =
		client.request("chain_getHeader", rpc_params![at]).await.expect("the header");
	let root = serde_json::from_value(header["stateRoot"].clone()).expect("a state root");
	let mut values = Vec::new();
	for key in state_keys() {
		let value: Option<sp_core::Bytes> = client
			.request("state_getStorage", rpc_params![key, at])
			.await
			.expect("state at the block");
		values.push(value);
	}
	(root, values)
}

async fn min_finalized(clients: &[&WsClient]) -> u32 {
	let mut min = u32::MAX;
	for client in clients {
		min = min.min(finalized_number(client).await);
	}
	min
}

async fn max_of(clients: &[&WsClient], finalized: bool) -> u32 {
	let mut max = 0;
	for client in clients {
		let n = if finalized { finalized_number(client).await } else { best_number(client).await };
		max = max.max(n);
	}
	max
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_finalize_without_one_and_it_catches_up() {
	let net = Testnet::start(4);
	let alice = net.client(0).await;
	let bob = net.client(1).await;
	let charlie = net.client(2).await;
	let dave = net.client(3).await;
	let all = [&alice, &bob, &charlie, &dave];
	let rest = [&alice, &bob, &charlie];

	// The script returned once finality advanced; all four agree on it.
	wait_until("block 2 finalized on all four", Duration::from_secs(120), || async {
		min_finalized(&all).await >= 2
	})
	.await;
	let agreed = min_finalized(&all).await;
	let agreed_hash = block_hash(&alice, agreed).await;
	for client in all {
		assert_eq!(block_hash(client, agreed).await, agreed_hash, "same block {agreed}");
	}

	// Kill Dave outright (no graceful shutdown), by the pid the script wrote.
	let dave_pid = net.pid("dave");
	assert!(process_alive(dave_pid));
	drop(dave);
	// SAFETY: `kill` with the pid of a node this test's script started.
	assert_eq!(unsafe { libc::kill(dave_pid as libc::pid_t, libc::SIGKILL) }, 0);
	wait_until("Dave gone", Duration::from_secs(10), || async { !process_alive(dave_pid) }).await;
	let status = net.run_ok(&["status"]);
	assert!(
		status.lines().any(|l| l.starts_with("dave") && l.contains("stopped")),
		"status reports Dave stopped:\n{status}"
	);

	// Three of four GRANDPA votes are more than 2/3: finality goes on.
	let finalized_without_dave = max_of(&rest, true).await;
	wait_until("finality advances without Dave", Duration::from_secs(150), || async {
		min_finalized(&rest).await >= finalized_without_dave + 3
	})
	.await;

	// Dave comes back on the same base path, keys and ports.
	let dave = restart(&net, "dave", 3).await;
	assert_ne!(net.pid("dave"), dave_pid);
	assert_eq!(
		block_hash(&dave, agreed).await,
		agreed_hash,
		"what Dave had finalized survives the kill"
	);
	let others_best = max_of(&rest, false).await;
	let others_finalized = max_of(&rest, true).await;
	wait_until("Dave catches up", Duration::from_secs(150), || async {
		best_number(&dave).await >= others_best && finalized_number(&dave).await >= others_finalized
	})
	.await;
	let height = finalized_number(&dave).await.min(min_finalized(&rest).await);
	let expected = block_hash(&alice, height).await;
	for client in [&bob, &charlie, &dave] {
		assert_eq!(block_hash(client, height).await, expected, "same finalized block {height}");
	}

	// `stop` ends every node.
	let pids: Vec<u32> = VALIDATORS.iter().map(|name| net.pid(name)).collect();
	assert!(pids.iter().all(|pid| process_alive(*pid)));
	drop((alice, bob, charlie, dave));
	net.run_ok(&["stop"]);
	for (name, pid) in VALIDATORS.iter().zip(pids) {
		assert!(!process_alive(pid), "{name} (pid {pid}) still runs after stop");
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn finality_stops_without_two_of_four_resumes_when_they_return_and_a_new_node_warp_syncs() {
	let net = Testnet::start(4);
	let alice = net.client(0).await;
	let bob = net.client(1).await;
	let (charlie, dave) = (net.client(2).await, net.client(3).await);
	let all = [&alice, &bob, &charlie, &dave];
	wait_until("block 3 finalized on all four", Duration::from_secs(120), || async {
		min_finalized(&all).await >= 3
	})
	.await;
	// The state of a block every node has finalized, before the kill.
	let kept = min_finalized(&all).await;
	drop((charlie, dave));
	let kept_hash = block_hash(&alice, kept).await.expect("finalized block");
	let kept_state = state_at(&alice, kept_hash).await;
	assert!(kept_state.1.iter().all(Option::is_some), "every key has a value");

	// Charlie and Dave die without a shutdown.
	kill(&net, "charlie").await;
	kill(&net, "dave").await;
	let killed_at = Instant::now();
	// Votes in flight may still finalize a block or two; then nothing.
	tokio::time::sleep(Duration::from_secs(15)).await;
	let stalled = max_of(&[&alice, &bob], true).await;
	let best_then = max_of(&[&alice, &bob], false).await;
	wait_until("Alice and Bob author 4 more blocks", Duration::from_secs(180), || async {
		max_of(&[&alice, &bob], false).await >= best_then + 4
	})
	.await;
	let best_during = max_of(&[&alice, &bob], false).await;
	let finalized_during = max_of(&[&alice, &bob], true).await;
	assert_eq!(
		finalized_during, stalled,
		"two of four GRANDPA votes finalize nothing (best went {best_then} -> {best_during})"
	);
	println!(
		"two validators down for {:?}: best {best_then} -> {best_during}, finalized stays {stalled}",
		killed_at.elapsed()
	);

	// Both return on their base paths; finality resumes past what was
	// authored while they were away.
	let charlie = restart(&net, "charlie", 2).await;
	let dave = restart(&net, "dave", 3).await;
	let returned_at = Instant::now();
	let all = [&alice, &bob, &charlie, &dave];
	wait_until(
		"finality passes the blocks authored meanwhile",
		Duration::from_secs(240),
		|| async { min_finalized(&all).await >= best_during },
	)
	.await;
	println!(
		"finality resumed: block {best_during} finalized on all four {:?} after the restarts",
		returned_at.elapsed()
	);
	// No finalized block was lost and the killed nodes' state at the block
	// they had finalized is what the others hold.
	for (name, client) in [("charlie", &charlie), ("dave", &dave)] {
		assert_eq!(block_hash(client, kept).await, Some(kept_hash), "{name} keeps block {kept}");
		assert_eq!(state_at(client, kept_hash).await, kept_state, "{name}'s state at {kept}");
		for n in (kept..=best_during).step_by(3) {
			assert_eq!(block_hash(client, n).await, block_hash(&alice, n).await, "{name}: #{n}");
		}
	}

	// A node that was never there joins with warp sync (GRANDPA finality
	// proofs, then the state at the finalized head) and serves that state.
	// Alice's own listen address, with her peer id.
	let addresses: Vec<String> = alice
		.request("system_localListenAddresses", rpc_params![])
		.await
		.expect("Alice's listen addresses");
	let bootnode = addresses
		.into_iter()
		.find(|a| a.starts_with("/ip4/127.0.0.1/") && a.contains("/p2p/"))
		.expect("a loopback address with a peer id");
	let chain = net.state.path().join("chain-spec.json");
	let eve_dir = tempfile::tempdir().expect("temp dir");
	let target = min_finalized(&all).await;
	let joined_at = Instant::now();
	let mut eve = Node::start(
		"eve",
		eve_dir.path(),
		free_port(),
		&[
			"--chain",
			chain.to_str().expect("utf-8 path"),
			"--sync",
			"warp",
			"--bootnodes",
			&bootnode,
			"--no-prometheus",
		],
	);
	let eve_client = connect(&eve).await;
	wait_until("Eve reaches the finalized head", Duration::from_secs(240), || async {
		finalized_number(&eve_client).await >= target
	})
	.await;
	let head = finalized_head(&eve_client).await;
	let number = block_number(&eve_client, Some(head)).await;
	println!("warp sync: finalized #{number} (network at #{target}) in {:?}", joined_at.elapsed());
	assert_eq!(block_hash(&alice, number).await, Some(head), "Eve's head is the network's");
	assert_eq!(state_at(&eve_client, head).await, state_at(&alice, head).await, "Eve's state");
	// It warped: the sync engine says so (a full sync would not).
	let warp: Vec<String> = eve.logs().into_iter().filter(|l| l.contains("arp")).collect();
	println!("Eve's warp sync log:\n{}", warp.join("\n"));
	assert!(warp.iter().any(|l| l.contains("Warp sync is complete")), "Eve warp-synced");
	drop(eve_client);
	eve.stop();
}
