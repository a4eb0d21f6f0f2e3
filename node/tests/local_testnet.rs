//! `scripts/local-testnet.sh` with four validators (Alice, Bob, Charlie,
//! Dave as the genesis authorities): finality advances; with Dave killed it
//! still advances on three of four GRANDPA votes; Dave restarted on the same
//! base path keeps what it had finalized and catches up with the others;
//! `stop` ends every node.

mod common;

use common::*;
use jsonrpsee::ws_client::WsClient;
use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
	time::Duration,
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
	net.run_ok(&["restart", "dave"]);
	let new_dave_pid = net.pid("dave");
	assert_ne!(new_dave_pid, dave_pid);
	let dave = {
		let url = format!("ws://127.0.0.1:{}", net.rpc_port + 3);
		let mut attempts = 0;
		loop {
			match jsonrpsee::ws_client::WsClientBuilder::default().build(&url).await {
				Ok(client) => break client,
				Err(e) => {
					attempts += 1;
					assert!(attempts < 240, "Dave's RPC did not come back: {e}");
					assert!(process_alive(new_dave_pid), "restarted Dave exited");
					tokio::time::sleep(Duration::from_millis(500)).await;
				},
			}
		}
	};
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
