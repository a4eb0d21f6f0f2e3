//! Starts `market-node` processes on loopback for the node tests, talks to
//! them over JSON-RPC, and stops them by pid.

#![allow(dead_code)]

use codec::{Decode, Encode};
use jsonrpsee::{
	core::client::{ClientT, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use market_runtime::{
	AccountId, Balance, Nonce, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION,
};
use serde_json::Value;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{generic::Era, MultiSignature};
use std::{
	io::{BufRead, BufReader},
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// Path of the node binary cargo built for these tests.
pub fn node_binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_market-node"))
}

/// A free TCP port on loopback. The port is released before it is used, so
/// another process could take it in between; the node then fails to start
/// and the test says so.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// A running `market-node` process. Dropping it kills the process.
pub struct Node {
	pub name: String,
	child: Option<Child>,
	logs: Arc<Mutex<Vec<String>>>,
	pub rpc_port: u16,
	pub p2p_port: u16,
	pub base_path: PathBuf,
}

impl Node {
	/// Starts the node with `args` plus loopback-only networking, the given
	/// base path, a free p2p port and an OS-assigned RPC port, and waits
	/// until its RPC server is up.
	pub fn start(name: &str, base_path: &Path, p2p_port: u16, args: &[&str]) -> Node {
		let listen = format!("/ip4/127.0.0.1/tcp/{p2p_port}");
		let mut cmd = Command::new(node_binary());
		cmd.args(args)
			.arg("--base-path")
			.arg(base_path)
			.args(["--listen-addr", &listen, "--rpc-port", "0"])
			.args(["--no-mdns", "--no-telemetry"])
			.args(["--log", "info"])
			.stdout(Stdio::null())
			.stderr(Stdio::piped());
		let mut child = cmd.spawn().expect("market-node starts");
		let logs = Arc::new(Mutex::new(Vec::new()));
		let stderr = child.stderr.take().expect("stderr is piped");
		let sink = logs.clone();
		let prefix = name.to_string();
		std::thread::spawn(move || {
			for line in BufReader::new(stderr).lines().map_while(Result::ok) {
				if std::env::var_os("MARKET_TEST_NODE_LOGS").is_some() {
					eprintln!("[{prefix}] {line}");
				}
				sink.lock().map(|mut l| l.push(line)).ok();
			}
		});
		let mut node = Node {
			name: name.into(),
			child: Some(child),
			logs,
			rpc_port: 0,
			p2p_port,
			base_path: base_path.to_path_buf(),
		};
		let line = node.wait_for_log("Running JSON-RPC server: addr=", Duration::from_secs(120));
		node.rpc_port = parse_rpc_port(&line)
			.unwrap_or_else(|| panic!("{}: no port in RPC log line {line:?}", node.name));
		node
	}

	pub fn pid(&self) -> Option<u32> {
		self.child.as_ref().map(|c| c.id())
	}

	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// All log lines so far.
	pub fn logs(&self) -> Vec<String> {
		self.logs.lock().map(|l| l.clone()).unwrap_or_default()
	}

	/// Waits for a log line containing `needle` and returns it.
	pub fn wait_for_log(&mut self, needle: &str, timeout: Duration) -> String {
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(line) = self.logs().into_iter().find(|l| l.contains(needle)) {
				return line;
			}
			if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
				panic!(
					"{} exited with {status} before logging {needle:?}:\n{}",
					self.name,
					self.tail()
				);
			}
			if Instant::now() > deadline {
				panic!("{} did not log {needle:?} in {timeout:?}:\n{}", self.name, self.tail());
			}
			std::thread::sleep(Duration::from_millis(200));
		}
	}

	fn tail(&self) -> String {
		let logs = self.logs();
		logs[logs.len().saturating_sub(40)..].join("\n")
	}

	/// Stops the node with SIGTERM by its pid and waits for it to exit
	/// (SIGKILL after 30 s).
	pub fn stop(&mut self) {
		let Some(mut child) = self.child.take() else { return };
		// SAFETY: `kill` with a pid this process spawned and still owns.
		unsafe {
			libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
		}
		let deadline = Instant::now() + Duration::from_secs(30);
		while Instant::now() < deadline {
			if let Ok(Some(_)) = child.try_wait() {
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

fn parse_rpc_port(line: &str) -> Option<u16> {
	let addrs = line.split("addr=").nth(1)?;
	let first = addrs.split([',', ' ']).next()?;
	first.rsplit(':').next()?.trim().parse().ok()
}

/// A JSON-RPC client over WebSocket.
pub async fn connect(node: &Node) -> WsClient {
	WsClientBuilder::default()
		.request_timeout(Duration::from_secs(60))
		.build(node.ws_url())
		.await
		.expect("RPC server accepts a WebSocket connection")
}

pub async fn block_number(client: &WsClient, hash: Option<H256>) -> u32 {
	let header: Value =
		client.request("chain_getHeader", rpc_params![hash]).await.expect("chain_getHeader");
	let number = header["number"].as_str().expect("header has a number");
	u32::from_str_radix(number.trim_start_matches("0x"), 16).expect("hex block number")
}

pub async fn best_number(client: &WsClient) -> u32 {
	block_number(client, None).await
}

pub async fn finalized_head(client: &WsClient) -> H256 {
	client.request("chain_getFinalizedHead", rpc_params![]).await.expect("finalized head")
}

pub async fn finalized_number(client: &WsClient) -> u32 {
	let head = finalized_head(client).await;
	block_number(client, Some(head)).await
}

pub async fn block_hash(client: &WsClient, number: u32) -> Option<H256> {
	client.request("chain_getBlockHash", rpc_params![number]).await.expect("chain_getBlockHash")
}

/// Polls `check` every half second until it holds or `timeout` passes.
pub async fn wait_until<F, Fut>(what: &str, timeout: Duration, mut check: F)
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = bool>,
{
	let deadline = Instant::now() + timeout;
	while !check().await {
		assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// `System::Account` of `who` at the best block, read with `state_getStorage`.
pub async fn account(
	client: &WsClient,
	who: &AccountId,
) -> frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>> {
	let key = frame_system::Account::<market_runtime::Runtime>::hashed_key_for(who);
	let raw: Option<sp_core::Bytes> = client
		.request("state_getStorage", rpc_params![sp_core::Bytes(key)])
		.await
		.expect("state_getStorage");
	raw.map(|bytes| Decode::decode(&mut &bytes[..]).expect("AccountInfo decodes"))
		.unwrap_or_default()
}

pub async fn genesis_hash(client: &WsClient) -> H256 {
	block_hash(client, 0).await.expect("genesis exists")
}

/// A signed, immortal extrinsic from `signer` with the given `nonce`,
/// not committing to the metadata hash (`CheckMetadataHash` disabled; the
/// end-to-end suite signs with it enabled).
pub fn signed_extrinsic(
	call: RuntimeCall,
	signer: &sr25519::Pair,
	nonce: Nonce,
	genesis: H256,
) -> UncheckedExtrinsic {
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let implicit = (
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis,
		genesis,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let signer_account: AccountId = signer.public().into();
	UncheckedExtrinsic::new_signed(
		call,
		signer_account.into(),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// Hex of an extrinsic's SCALE encoding, as `author_submitExtrinsic` takes it.
pub fn to_hex(xt: &impl Encode) -> sp_core::Bytes {
	sp_core::Bytes(xt.encode())
}

/// Submits `xt` with `author_submitAndWatchExtrinsic` and returns the hash
/// of the block it was included in.
pub async fn submit_and_wait_in_block(client: &WsClient, xt: &UncheckedExtrinsic) -> H256 {
	let mut sub = client
		.subscribe::<Value, _>(
			"author_submitAndWatchExtrinsic",
			rpc_params![to_hex(xt)],
			"author_unwatchExtrinsic",
		)
		.await
		.expect("the pool accepts the extrinsic");
	let deadline = Instant::now() + Duration::from_secs(120);
	loop {
		let left = deadline.saturating_duration_since(Instant::now());
		let status = tokio::time::timeout(left, sub.next())
			.await
			.expect("extrinsic included within 120 s")
			.expect("subscription open")
			.expect("status decodes");
		if let Some(hash) = status.get("inBlock").or_else(|| status.get("finalized")) {
			return serde_json::from_value(hash.clone()).expect("block hash");
		}
		if let Some(reason) = ["invalid", "dropped", "usurped"]
			.iter()
			.find(|k| status.get(**k).is_some() || status.as_str() == Some(**k))
		{
			panic!("extrinsic {reason}: {status}");
		}
	}
}

/// A JSON-RPC client over WebSocket to `url`, for nodes this test did not
/// start itself (e.g. those of `scripts/local-testnet.sh`).
pub async fn connect_url(url: &str) -> WsClient {
	WsClientBuilder::default()
		.request_timeout(Duration::from_secs(60))
		.build(url)
		.await
		.unwrap_or_else(|e| panic!("RPC server at {url} accepts a WebSocket connection: {e}"))
}

/// The first of `count` consecutive ports that are free on loopback now.
/// Like [`free_port`], they may be taken before they are used.
pub fn free_port_range(count: u16) -> u16 {
	for _ in 0..100 {
		let first = free_port();
		if first.checked_add(count).is_none() {
			continue;
		}
		if (first..first + count).all(|p| TcpListener::bind(("127.0.0.1", p)).is_ok()) {
			return first;
		}
	}
	panic!("no run of {count} free ports on loopback in 100 tries")
}

/// Whether `pid` is a live process: not gone and not a zombie (an exited
/// process whose parent has not reaped it, as orphans of a container's
/// init may stay).
pub fn process_alive(pid: u32) -> bool {
	let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
	// The state follows the parenthesised command name, which may hold spaces.
	let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
	!matches!(state, None | Some('Z') | Some('X'))
}
