//! Every `market_*` JSON-RPC method on a running development node, checked
//! against state this test creates through extrinsics, and the off-chain
//! toolkit's payloads accepted on chain: a ticket the toolkit signed and
//! evaluated is redeemed, committee statements it signed pay an attested
//! claim, gateway statements it signed prove a provider unavailable, and the
//! openings it built for the RPC's challenge indices pay a committed claim.
//!
//! The node seals blocks on demand (`--sealing manual`), so the dozen rounds
//! the story needs take seconds.

mod common;

use codec::{Decode, Encode};
use common::*;
use jsonrpsee::{
	core::{client::ClientT, ClientError},
	rpc_params,
	ws_client::WsClient,
};
use market_primitives::{escrow::PriceModel, RoundIndex};
use market_runtime::{
	AccountId, Balance, Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic, UNIT,
};
use market_runtime_api::{
	CommitmentInfo, Payable, PolicyInfo, ProviderInfo, RoundInfo, RoundMember, RoundMembers,
	SenderInfo, SnapshotSummary, TicketState,
};
use serde_json::Value;
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use std::{
	collections::{BTreeSet, HashMap},
	process::Command,
};

/// Providers bonded by the test on top of the four genesis ones: more than
/// the 32 gateways a round draws, so that some provider is not a gateway
/// and can be accused.
const NEW_PROVIDERS: u32 = 40;
const STAKE: Balance = 10_000 * UNIT;
const LOCK_ROUNDS: u32 = 60;
const ROUND_LENGTH: u32 = 10;
const GENESIS_OPERATORS: [&str; 4] =
	["//Charlie//stash", "//Dave//stash", "//Eve//stash", "//Ferdie//stash"];

fn pair(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).expect("valid dev URI")
}

/// A provider the test controls: stash key, operator key and their URIs.
struct Provider {
	stash: sr25519::Pair,
	operator_uri: String,
	operator: sr25519::Pair,
}

impl Provider {
	fn account(&self) -> AccountId {
		self.stash.public().into()
	}
}

/// A development node sealing on demand, and what the test tracks of it.
struct Chain {
	client: WsClient,
	genesis: H256,
	nonces: HashMap<AccountId, u32>,
}

impl Chain {
	async fn next_nonce(&mut self, who: &AccountId) -> u32 {
		if let Some(nonce) = self.nonces.get_mut(who) {
			*nonce += 1;
			return *nonce;
		}
		let nonce: u32 = self
			.client
			.request("system_accountNextIndex", rpc_params![who.to_string()])
			.await
			.expect("system_accountNextIndex");
		self.nonces.insert(who.clone(), nonce);
		nonce
	}

	async fn seal(&self) -> H256 {
		let created: Value = self
			.client
			.request("engine_createBlock", rpc_params![true, true, Option::<H256>::None])
			.await
			.expect("engine_createBlock");
		serde_json::from_value(created["hash"].clone()).expect("created block hash")
	}

	async fn best(&self) -> u32 {
		best_number(&self.client).await
	}

	/// Submits the calls, seals one block with them and returns each call's
	/// events; panics naming the error if one failed.
	async fn submit_all(
		&mut self,
		calls: Vec<(&sr25519::Pair, RuntimeCall)>,
	) -> Vec<Vec<RuntimeEvent>> {
		let mut sent: Vec<(UncheckedExtrinsic, String)> = Vec::new();
		for (signer, call) in calls {
			let who: AccountId = signer.public().into();
			let nonce = self.next_nonce(&who).await;
			let what = format!("{call:?}");
			let xt = signed_extrinsic(call, signer, nonce, self.genesis);
			let _: H256 = self
				.client
				.request("author_submitExtrinsic", rpc_params![to_hex(&xt)])
				.await
				.unwrap_or_else(|e| panic!("the pool refused {what}: {e}"));
			sent.push((xt, what));
		}
		// A transaction the pool took just after a block was sealed may not
		// be ready for the next proposal yet (the pool revalidates against
		// the new block in the background): seal again until all are in.
		let mut results: Vec<Option<Vec<RuntimeEvent>>> = vec![None; sent.len()];
		for _attempt in 0..5 {
			let block = self.seal().await;
			let body: Value = self
				.client
				.request("chain_getBlock", rpc_params![block])
				.await
				.expect("chain_getBlock");
			let included: Vec<String> = body["block"]["extrinsics"]
				.as_array()
				.expect("extrinsics")
				.iter()
				.map(|x| x.as_str().expect("hex").to_string())
				.collect();
			let records = self.events(block).await;
			for ((xt, what), result) in sent.iter().zip(results.iter_mut()) {
				let hex = sp_core::bytes::to_hex(&xt.encode(), false);
				let Some(index) = included.iter().position(|x| *x == hex) else { continue };
				let events: Vec<RuntimeEvent> = records
					.iter()
					.filter(|r| r.phase == frame_system::Phase::ApplyExtrinsic(index as u32))
					.map(|r| r.event.clone())
					.collect();
				if let Some(RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
					dispatch_error,
					..
				})) = events.last()
				{
					panic!("{what} failed: {dispatch_error:?}");
				}
				*result = Some(events);
			}
			if results.iter().all(Option::is_some) {
				break;
			}
		}
		sent.iter()
			.zip(results)
			.map(|((_, what), events)| {
				events.unwrap_or_else(|| panic!("{what} was not included in 5 blocks"))
			})
			.collect()
	}

	async fn submit(&mut self, signer: &sr25519::Pair, call: RuntimeCall) -> Vec<RuntimeEvent> {
		self.submit_all(vec![(signer, call)]).await.remove(0)
	}

	async fn events(&self, block: H256) -> Vec<frame_system::EventRecord<RuntimeEvent, H256>> {
		// `System::Events` (its storage type is private to frame-system).
		let key =
			[sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"Events")].concat();
		let raw: Option<sp_core::Bytes> = self
			.client
			.request("state_getStorage", rpc_params![sp_core::Bytes(key), block])
			.await
			.expect("state_getStorage");
		raw.map(|b| Decode::decode(&mut &b[..]).expect("events decode")).unwrap_or_default()
	}

	async fn rpc<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: jsonrpsee::core::params::ArrayParams,
	) -> T {
		self.client
			.request(method, params)
			.await
			.unwrap_or_else(|e| panic!("{method} answers: {e}"))
	}

	/// The error code and message a `market_*` call is refused with.
	async fn refusal(
		&self,
		method: &str,
		params: jsonrpsee::core::params::ArrayParams,
	) -> (i32, String) {
		match self.client.request::<Value, _>(method, params).await {
			Err(ClientError::Call(error)) => (error.code(), error.message().to_string()),
			other => panic!("{method} was expected to be refused, got {other:?}"),
		}
	}

	async fn current_round(&self) -> RoundInfo<u32> {
		self.rpc("market_currentRound", rpc_params![]).await
	}

	/// Every provider commits to the next round (except those in `skip`),
	/// then blocks are sealed until that round starts.
	async fn next_round(&mut self, providers: &[Provider], skip: &[AccountId]) -> RoundIndex {
		let round = self.current_round().await.index;
		let commits: Vec<(&sr25519::Pair, RuntimeCall)> = providers
			.iter()
			.filter(|p| !skip.contains(&p.account()))
			.map(|p| {
				(
					&p.stash,
					RuntimeCall::ProviderStaking(
						pallet_provider_staking::Call::commit_to_next_round {},
					),
				)
			})
			.collect();
		self.submit_all(commits).await;
		while self.current_round().await.index == round {
			self.seal().await;
		}
		round + 1
	}

	/// Runs the toolkit and returns its JSON.
	fn toolkit(&self, args: &[&str]) -> Value {
		let genesis = format!("{:?}", self.genesis);
		let mut all: Vec<&str> = args.to_vec();
		let takes_genesis = !matches!(args[0], "evaluate-ticket" | "collect-signatures");
		if takes_genesis {
			all.extend(["--genesis-hash", &genesis]);
		}
		let output = Command::new(node_binary())
			.arg("toolkit")
			.args(&all)
			.output()
			.expect("market-node toolkit runs");
		assert!(
			output.status.success(),
			"toolkit {args:?} failed: {}",
			String::from_utf8_lossy(&output.stderr)
		);
		serde_json::from_slice(&output.stdout).expect("the toolkit prints JSON")
	}
}

fn hex_arg<T: Decode>(value: &Value) -> T {
	let text = value.as_str().expect("a hex string");
	let bytes = sp_core::bytes::from_hex(text).expect("valid hex");
	T::decode(&mut &bytes[..]).expect("decodes as the call's argument")
}

fn staking(call: pallet_provider_staking::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::ProviderStaking(call)
}

fn escrow(call: pallet_policy_escrow::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::PolicyEscrow(call)
}

fn claims(call: pallet_service_claims::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::ServiceClaims(call)
}

fn write_json(dir: &std::path::Path, name: &str, value: &Value) -> String {
	let path = dir.join(name);
	std::fs::write(&path, serde_json::to_vec(value).expect("JSON")).expect("file written");
	path.display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn market_rpc_answers_match_the_state_extrinsics_made() {
	let dir = tempfile::tempdir().expect("temp dir");
	let prometheus = free_port().to_string();
	let mut node = Node::start(
		"market-rpc",
		dir.path(),
		free_port(),
		&["--dev", "--sealing", "manual", "--prometheus-port", &prometheus],
	);
	let client = connect(&node).await;
	let genesis = genesis_hash(&client).await;
	let mut chain = Chain { client, genesis, nonces: HashMap::new() };
	let files = tempfile::tempdir().expect("temp dir for toolkit files");
	let alice = Sr25519Keyring::Alice.pair();

	// --- market_currentRound at genesis: round 0 and its stored seed.
	let round = chain.current_round().await;
	assert_eq!((round.index, round.first_block, round.length), (0, 0, ROUND_LENGTH));
	let seed_key = pallet_provider_staking::RoundSeeds::<Runtime>::hashed_key_for(0u32);
	let stored: Option<sp_core::Bytes> =
		chain.rpc("state_getStorage", rpc_params![sp_core::Bytes(seed_key)]).await;
	let stored: [u8; 32] =
		Decode::decode(&mut &stored.expect("round 0 has a seed")[..]).expect("a seed is 32 bytes");
	assert_eq!(round.seed, H256(stored));

	// --- Forty providers bond with operator keys and commit; the four
	// genesis providers are already committed to rounds 0 and 1.
	let mut providers: Vec<Provider> = ["//Charlie", "//Dave", "//Eve", "//Ferdie"]
		.iter()
		.zip(GENESIS_OPERATORS)
		.map(|(stash, operator)| Provider {
			stash: pair(stash),
			operator_uri: operator.to_string(),
			operator: pair(operator),
		})
		.collect();
	let new: Vec<Provider> = (0..NEW_PROVIDERS)
		.map(|i| {
			let operator_uri = format!("//Provider{i}//operator");
			Provider {
				stash: pair(&format!("//Provider{i}")),
				operator: pair(&operator_uri),
				operator_uri,
			}
		})
		.collect();
	chain
		.submit_all(
			new.iter()
				.map(|p| {
					(
						&alice,
						RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
							dest: p.account().into(),
							value: STAKE + 100 * UNIT,
						}),
					)
				})
				.collect(),
		)
		.await;
	let domain = market_primitives::domain::SigningDomain::new(
		genesis.0,
		market_primitives::domain::STAKING_TAG,
		market_primitives::domain::STAKING_PAYLOAD_VERSION,
	);
	let mut joins = Vec::new();
	for p in &new {
		let proof = p
			.operator
			.sign(&market_primitives::domain::operator_pop_payload(&domain, &p.account()));
		joins.push((
			&p.stash,
			staking(pallet_provider_staking::Call::bond {
				amount: STAKE,
				lock_rounds: LOCK_ROUNDS,
			}),
		));
		joins.push((
			&p.stash,
			staking(pallet_provider_staking::Call::set_operator {
				key: p.operator.public(),
				proof,
			}),
		));
		joins.push((&p.stash, staking(pallet_provider_staking::Call::commit_to_next_round {})));
	}
	chain.submit_all(joins).await;
	providers.extend(new);

	// --- market_provider: what bond, set_operator and commit stored.
	let joined = &providers[4];
	let info: ProviderInfo<Balance> =
		chain.rpc("market_provider", rpc_params![joined.account().to_string()]).await;
	assert_eq!(info.active_stake, STAKE);
	assert!(info.unlocking.is_empty());
	assert_eq!(info.locked_until, LOCK_ROUNDS);
	assert_eq!(info.operator_key, Some(H256(joined.operator.public().0)));
	assert_eq!(
		info.committed_rounds.iter().map(|c| (c.round, c.stake)).collect::<Vec<_>>(),
		vec![(1, STAKE)]
	);
	assert!(info.unavailability.is_empty());
	let (code, message) = chain
		.refusal("market_provider", rpc_params![Sr25519Keyring::One.to_account_id().to_string()])
		.await;
	assert_eq!(code, 8002, "{message}");
	assert!(message.contains("unknown provider"), "{message}");

	// --- Round 1 (everyone is committed to it already), then round 2 with
	// all 44 providers in the snapshot.
	while chain.current_round().await.index == 0 {
		chain.seal().await;
	}
	let round1 = chain.current_round().await;
	assert_eq!((round1.index, round1.first_block), (1, ROUND_LENGTH));
	assert_eq!(chain.next_round(&providers, &[]).await, 2);
	let snapshot: SnapshotSummary<Balance, u32> =
		chain.rpc("market_roundSnapshot", rpc_params![2]).await;
	assert_eq!(snapshot.providers, 44);
	assert_eq!(snapshot.total_stake, 44 * STAKE);
	assert_eq!(snapshot.first_block, 2 * ROUND_LENGTH);
	assert_eq!(snapshot.seed, chain.current_round().await.seed);
	let (code, message) = chain.refusal("market_roundSnapshot", rpc_params![3]).await;
	assert_eq!(code, 8005, "{message}");

	// --- market_gateways and market_committee: distinct providers of the
	// snapshot with the operator keys they set.
	let operator_of: HashMap<AccountId, H256> =
		providers.iter().map(|p| (p.account(), H256(p.operator.public().0))).collect();
	let check_members = |members: &RoundMembers<AccountId, Balance>, size: usize| {
		assert_eq!(members.members.len(), size);
		let distinct: BTreeSet<_> = members.members.iter().map(|m| m.account.clone()).collect();
		assert_eq!(distinct.len(), size, "members are distinct");
		for m in &members.members {
			assert_eq!(m.stake, STAKE);
			assert_eq!(m.operator_key, operator_of.get(&m.account).copied(), "{}", m.account);
		}
	};
	let gateways: RoundMembers<AccountId, Balance> =
		chain.rpc("market_gateways", rpc_params![2]).await;
	assert_eq!((gateways.round, gateways.threshold), (2, 21));
	check_members(&gateways, 32);
	let committee: RoundMembers<AccountId, Balance> =
		chain.rpc("market_committee", rpc_params![2]).await;
	assert_eq!(committee.threshold, 3);
	check_members(&committee, 4);

	// --- market_sample: bad sizes are refused; the preview for the next
	// policy's domain is what create_policy then draws.
	for n in [0u32, 65] {
		let (code, message) = chain.refusal("market_sample", rpc_params![2, "policies", n]).await;
		assert_eq!(code, 8006, "{message}");
	}
	let next_policy: u64 = {
		let key = pallet_policy_escrow::NextPolicyId::<Runtime>::hashed_key().to_vec();
		let raw: Option<sp_core::Bytes> =
			chain.rpc("state_getStorage", rpc_params![sp_core::Bytes(key)]).await;
		raw.map(|b| u64::decode(&mut &b[..]).expect("u64")).unwrap_or_default()
	};
	let tag = market_primitives::escrow::policy_sampling_domain(next_policy);
	let preview: Vec<RoundMember<AccountId, Balance>> =
		chain.rpc("market_sample", rpc_params![2, sp_core::bytes::to_hex(&tag, false), 3]).await;
	assert_eq!(preview.len(), 3);
	let price = 5 * UNIT;
	chain
		.submit(
			&alice,
			escrow(pallet_policy_escrow::Call::create_policy {
				providers: pallet_policy_escrow::ProviderChoice::Sampled(3),
				start: 3,
				rounds: 2,
				price: PriceModel::PerRound { price },
				requesters: vec![Sr25519Keyring::Alice.public()].try_into().expect("one fits"),
			}),
		)
		.await;
	let per_round_policy = next_policy;
	let policy: PolicyInfo<AccountId, Balance> =
		chain.rpc("market_policy", rpc_params![per_round_policy]).await;
	assert_eq!(
		policy.providers.iter().map(|p| p.account.clone()).collect::<Vec<_>>(),
		preview.iter().map(|m| m.account.clone()).collect::<Vec<_>>(),
		"the policy holds the previewed sample"
	);
	assert_eq!(policy.owner, Sr25519Keyring::Alice.to_account_id());
	assert_eq!((policy.start, policy.end), (3, 5));
	assert_eq!(policy.max_cost, 3 * 2 * price);
	assert_eq!(policy.held, 3 * 2 * price);
	assert!(policy.providers.iter().all(|p| p.claimable == 0));
	let (code, message) = chain.refusal("market_policy", rpc_params![999]).await;
	assert_eq!(code, 8001, "{message}");
	assert!(message.contains("unknown policy 999"), "{message}");

	// A per-request policy for round 3, held by two providers that are not
	// in the sampled one; Alice signs the requests.
	let sampled: Vec<AccountId> = policy.providers.iter().map(|p| p.account.clone()).collect();
	let mut others = providers.iter().filter(|p| !sampled.contains(&p.account()));
	let attested = others.next().expect("a provider outside the sample");
	let committed = others.next().expect("another provider outside the sample");
	let per_request_policy = next_policy + 1;
	chain
		.submit(
			&alice,
			escrow(pallet_policy_escrow::Call::create_policy {
				providers: pallet_policy_escrow::ProviderChoice::Explicit(
					vec![attested.account(), committed.account()].try_into().expect("two fit"),
				),
				start: 3,
				rounds: 1,
				price: PriceModel::PerRequest { price: UNIT, cap: 10 },
				requesters: vec![Sr25519Keyring::Alice.public()].try_into().expect("one fits"),
			}),
		)
		.await;

	// --- Tickets: Alice funds; market_ticketSender and market_maxPayable.
	chain
		.submit(
			&alice,
			RuntimeCall::Tickets(pallet_tickets::Call::fund {
				deposit: 100 * UNIT,
				reserve: 44 * UNIT,
			}),
		)
		.await;
	let sender: SenderInfo<Balance, u32> = chain
		.rpc("market_ticketSender", rpc_params![Sr25519Keyring::Alice.to_account_id().to_string()])
		.await;
	assert_eq!((sender.deposit, sender.reserve), (100 * UNIT, 44 * UNIT));
	assert_eq!(sender.unlock_at, None);
	assert!(!sender.withdrawable);
	let (code, message) = chain
		.refusal(
			"market_ticketSender",
			rpc_params![Sr25519Keyring::Bob.to_account_id().to_string()],
		)
		.await;
	assert_eq!(code, 8003, "{message}");
	let recipient = &providers[5];
	let payable: Payable<Balance> = chain
		.rpc(
			"market_maxPayable",
			rpc_params![
				Sr25519Keyring::Alice.to_account_id().to_string(),
				recipient.account().to_string()
			],
		)
		.await;
	// The reserve is shared among the round's 44 providers.
	assert_eq!(payable.from_deposit, 100 * UNIT);
	assert_eq!(payable.from_reserve, UNIT);
	assert_eq!(payable.total, 101 * UNIT);
	let alice_ss58 = Sr25519Keyring::Alice.to_account_id().to_string();
	let (code, _) = chain
		.refusal("market_maxPayable", rpc_params![alice_ss58.clone(), alice_ss58.clone()])
		.await;
	assert_eq!(code, 8006);

	// A ticket the toolkit signs for Alice and evaluates for the recipient
	// is redeemed on chain; market_ticketState sees it used.
	let expiry = chain.best().await + 50;
	let recipient_ss58 = recipient.account().to_string();
	let stash_uri = format!("//Provider{}", 1);
	assert_eq!(pair(&stash_uri).public(), recipient.stash.public());
	let ticket = chain.toolkit(&[
		"sign-ticket",
		"--suri",
		"//Alice",
		"--recipient",
		&recipient_ss58,
		"--face-value",
		&(10 * UNIT).to_string(),
		"--win-probability",
		"1",
		"--index",
		"7",
		"--expiry",
		&expiry.to_string(),
	]);
	let evaluation = chain.toolkit(&[
		"evaluate-ticket",
		"--suri",
		&stash_uri,
		"--ticket",
		ticket["encoded"].as_str().expect("encoded ticket"),
		"--signature",
		ticket["signature"].as_str().expect("signature"),
	]);
	assert_eq!(evaluation["wins"], true);
	let state: TicketState =
		chain.rpc("market_ticketState", rpc_params![alice_ss58.clone(), 7, expiry]).await;
	assert_eq!(state, TicketState::Unused);
	let before_redemption = block_hash(&chain.client, chain.best().await).await;
	let events = chain
		.submit(
			&recipient.stash,
			RuntimeCall::Tickets(pallet_tickets::Call::redeem_winning_ticket {
				ticket: hex_arg(&ticket["encoded"]),
				signature: hex_arg(&ticket["signature"]),
				vrf: hex_arg(&evaluation["vrf"]),
				allow_partial: false,
			}),
		)
		.await;
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::Tickets(pallet_tickets::Event::TicketRedeemed { index: 7, from_deposit, .. })
			if *from_deposit == 10 * UNIT
	)));
	let state: TicketState =
		chain.rpc("market_ticketState", rpc_params![alice_ss58.clone(), 7, expiry]).await;
	assert_eq!(state, TicketState::Used);
	// Asked at the block before, the answer is that block's.
	let state: TicketState = chain
		.rpc("market_ticketState", rpc_params![alice_ss58.clone(), 7, expiry, before_redemption])
		.await;
	assert_eq!(state, TicketState::Unused);
	let sender: SenderInfo<Balance, u32> =
		chain.rpc("market_ticketSender", rpc_params![alice_ss58.clone()]).await;
	assert_eq!(sender.deposit, 90 * UNIT);

	// --- Rounds 3 and 4. The sampled policy's first provider skips round 4,
	// so its fee for that round goes back to Alice.
	let skipper = sampled[0].clone();
	assert_eq!(chain.next_round(&providers, &[]).await, 3);
	assert_eq!(chain.next_round(&providers, std::slice::from_ref(&skipper)).await, 4);

	// A provider outside round 3's gateways is proven unavailable for it by
	// 21 gateways whose statements the toolkit signed.
	let gateways3: RoundMembers<AccountId, Balance> =
		chain.rpc("market_gateways", rpc_params![3]).await;
	let gateway_accounts: Vec<AccountId> =
		gateways3.members.iter().map(|m| m.account.clone()).collect();
	let accused = providers
		.iter()
		.find(|p| {
			!gateway_accounts.contains(&p.account())
				&& !sampled.contains(&p.account())
				&& p.account() != attested.account()
				&& p.account() != committed.account()
		})
		.expect("12 providers are not gateways");
	let accused_ss58 = accused.account().to_string();
	let mut statement_files = Vec::new();
	for (index, member) in gateways3.members.iter().enumerate().take(21) {
		let signer = providers.iter().find(|p| p.account() == member.account).expect("ours");
		let signed = chain.toolkit(&[
			"sign-unavailability",
			"--suri",
			&signer.operator_uri,
			"--provider",
			&accused_ss58,
			"--round",
			"3",
			"--complaint-hash",
			&format!("0x{}", "42".repeat(32)),
			"--gateway-index",
			&index.to_string(),
		]);
		statement_files.push(write_json(files.path(), &format!("gateway{index}.json"), &signed));
	}
	let mut collect_args = vec!["collect-signatures"];
	collect_args.extend(statement_files.iter().map(String::as_str));
	let collected = chain.toolkit(&collect_args);
	let events = chain
		.submit(
			&Sr25519Keyring::Bob.pair(),
			RuntimeCall::Availability(pallet_availability::Call::report_unavailable {
				statement: hex_arg(&collected["encoded"]),
				signatures: hex_arg(&collected["signatures"]),
			}),
		)
		.await;
	let slashed = events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Availability(pallet_availability::Event::ProviderUnavailable {
				round: 3,
				slashed,
				..
			}) => Some(*slashed),
			_ => None,
		})
		.expect("the proof is accepted");
	assert!(slashed > 0);
	let info: ProviderInfo<Balance> =
		chain.rpc("market_provider", rpc_params![accused_ss58.clone()]).await;
	assert_eq!(
		info.unavailability.iter().map(|m| (m.round, m.slashed)).collect::<Vec<_>>(),
		vec![(3, slashed)]
	);
	assert_eq!(info.active_stake, STAKE - slashed);

	// --- Service claims for round 3 settle once no proof can reach it.
	while chain.current_round().await.index < 11 {
		chain.next_round(&providers, &[]).await;
	}

	// A committee-attested claim, with statements the toolkit signed.
	let committee3: RoundMembers<AccountId, Balance> =
		chain.rpc("market_committee", rpc_params![3]).await;
	let attested_ss58 = attested.account().to_string();
	let mut member_files = Vec::new();
	for (index, member) in committee3.members.iter().enumerate() {
		if member.account == attested.account() || member_files.len() == 3 {
			continue;
		}
		let signer = providers.iter().find(|p| p.account() == member.account).expect("ours");
		let signed = chain.toolkit(&[
			"sign-committee-statement",
			"--suri",
			&signer.operator_uri,
			"--policy",
			&per_request_policy.to_string(),
			"--provider",
			&attested_ss58,
			"--round",
			"3",
			"--served",
			"4",
			"--member-index",
			&index.to_string(),
		]);
		member_files.push(write_json(files.path(), &format!("member{index}.json"), &signed));
	}
	assert_eq!(member_files.len(), 3, "three members besides the claimant");
	let mut collect_args = vec!["collect-signatures"];
	collect_args.extend(member_files.iter().map(String::as_str));
	let collected = chain.toolkit(&collect_args);
	let events = chain
		.submit(
			&attested.stash,
			claims(pallet_service_claims::Call::submit_attested_claim {
				policy: per_request_policy,
				round: 3,
				served: 4,
				signatures: hex_arg(&collected["signatures"]),
			}),
		)
		.await;
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::ServiceClaims(pallet_service_claims::Event::ClaimPaid { served: 4, amount, .. })
			if *amount == 4 * UNIT
	)));

	// A committed claim: Alice's five signed requests, the toolkit's tree,
	// the RPC's challenge indices and the toolkit's openings for them.
	let committed_ss58 = committed.account().to_string();
	let mut record_files = Vec::new();
	for nonce in 1..=5u8 {
		let record = chain.toolkit(&[
			"sign-request-record",
			"--suri",
			"//Alice",
			"--policy",
			&per_request_policy.to_string(),
			"--round",
			"3",
			"--nonce",
			&nonce.to_string(),
			"--request-hash",
			&sp_core::bytes::to_hex(&[nonce; 32], false),
		]);
		record_files.push(write_json(files.path(), &format!("record{nonce}.json"), &record));
	}
	let mut tree_args = vec!["build-claim-tree", "--records"];
	tree_args.extend(record_files.iter().map(String::as_str));
	let tree = chain.toolkit(&tree_args);
	assert_eq!(tree["served"], 5);
	let root: [u8; 32] = hex_arg(&tree["root"]);
	let (code, message) = chain
		.refusal("market_commitment", rpc_params![per_request_policy, committed_ss58.clone(), 3])
		.await;
	assert_eq!(code, 8007, "{message}");
	let events = chain
		.submit(
			&committed.stash,
			claims(pallet_service_claims::Call::commit_claim {
				policy: per_request_policy,
				round: 3,
				root,
				served: 5,
			}),
		)
		.await;
	let (open_until, seed_block) = events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::ServiceClaims(pallet_service_claims::Event::ClaimCommitted {
				open_until,
				seed_block,
				..
			}) => Some((*open_until, *seed_block)),
			_ => None,
		})
		.expect("the commitment is stored");
	let (code, message) = chain
		.refusal("market_commitment", rpc_params![per_request_policy, committed_ss58.clone(), 3])
		.await;
	assert_eq!(code, 8008, "{message}");
	while chain.best().await < seed_block {
		chain.seal().await;
	}
	let commitment: CommitmentInfo<u32> = chain
		.rpc("market_commitment", rpc_params![per_request_policy, committed_ss58.clone(), 3])
		.await;
	assert_eq!(commitment.root, H256(root));
	assert_eq!((commitment.served, commitment.open_until), (5, open_until));
	assert_eq!(commitment.seed_block, seed_block);
	assert_eq!(commitment.open_from, commitment.committed_at + 1);
	// Openings are taken from the round after the commitment's.
	while chain.current_round().await.index < commitment.open_from {
		chain.next_round(&providers, &[]).await;
	}
	let mut drawn = commitment.challenges.clone();
	drawn.sort();
	assert_eq!(drawn, vec![0, 1, 2, 3, 4], "all five leaves are challenged");
	let indices = commitment.challenges.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
	let mut open_args = vec!["build-claim-tree", "--indices", &indices, "--records"];
	open_args.extend(record_files.iter().map(String::as_str));
	let opened = chain.toolkit(&open_args);
	let events = chain
		.submit(
			&committed.stash,
			claims(pallet_service_claims::Call::open_claim {
				policy: per_request_policy,
				round: 3,
				openings: hex_arg(&opened["openings"]),
			}),
		)
		.await;
	assert!(events.iter().any(|e| matches!(
		e,
		RuntimeEvent::ServiceClaims(pallet_service_claims::Event::ClaimPaid { served: 5, amount, .. })
			if *amount == 5 * UNIT
	)));
	let (code, _) = chain
		.refusal("market_commitment", rpc_params![per_request_policy, committed_ss58, 3])
		.await;
	assert_eq!(code, 8007, "an opened claim leaves no commitment");

	// --- Fees of the sampled policy: what market_policy says each provider
	// can claim is what settling pays it, and what the owner can get back
	// is what settling refunds (the skipped round). Alice settles the
	// skipper's slots with refund_unearned; the others claim_fees.
	let policy: PolicyInfo<AccountId, Balance> =
		chain.rpc("market_policy", rpc_params![per_round_policy]).await;
	assert_eq!(policy.owner_refundable, price);
	let alice_account = Sr25519Keyring::Alice.to_account_id();
	for entry in &policy.providers {
		let skipped = entry.account == skipper;
		assert_eq!(entry.claimable, if skipped { price } else { 2 * price }, "{}", entry.account);
		assert_eq!(entry.refundable, if skipped { price } else { 0 }, "{}", entry.account);
		let provider = providers.iter().find(|p| p.account() == entry.account).expect("ours");
		let (signer, call) = if skipped {
			(
				&alice,
				pallet_policy_escrow::Call::refund_unearned {
					policy: per_round_policy,
					provider: skipper.clone(),
				},
			)
		} else {
			(&provider.stash, pallet_policy_escrow::Call::claim_fees { policy: per_round_policy })
		};
		let events = chain.submit(signer, escrow(call)).await;
		let (mut paid, mut refunded) = (0, 0);
		for event in &events {
			match event {
				RuntimeEvent::PolicyEscrow(pallet_policy_escrow::Event::FeesPaid {
					provider,
					amount,
					..
				}) if *provider == entry.account => paid += amount,
				RuntimeEvent::PolicyEscrow(pallet_policy_escrow::Event::Refunded {
					owner,
					amount,
					..
				}) if *owner == alice_account => refunded += amount,
				_ => {},
			}
		}
		assert_eq!((paid, refunded), (entry.claimable, entry.refundable), "{}", entry.account);
	}
	let policy: PolicyInfo<AccountId, Balance> =
		chain.rpc("market_policy", rpc_params![per_round_policy]).await;
	assert!(policy.providers.iter().all(|p| p.claimable == 0 && p.refundable == 0));
	assert_eq!(policy.owner_refundable, 0);

	// --- Inflation rewards: what market_provider says is claimable is what
	// claim_rewards pays, for a provider in every round and the accused.
	let steady = providers[4..]
		.iter()
		.find(|p| p.account() != accused.account() && p.account() != skipper)
		.expect("a provider in every round");
	for who in [steady, accused] {
		let info: ProviderInfo<Balance> =
			chain.rpc("market_provider", rpc_params![who.account().to_string()]).await;
		let claim = info.claimable_rewards.expect("settled rounds to claim");
		assert!(claim.amount > 0);
		let events = chain
			.submit(
				&who.stash,
				staking(pallet_provider_staking::Call::claim_rewards { provider: who.account() }),
			)
			.await;
		let paid =
			events
				.iter()
				.find_map(|e| match e {
					RuntimeEvent::ProviderStaking(
						pallet_provider_staking::Event::RewardsClaimed { from, to, amount, .. },
					) => Some((*from, *to, *amount)),
					_ => None,
				})
				.expect("rewards paid");
		assert_eq!(paid, (claim.from, claim.to, claim.amount));
		// Everything settled was claimed in one call (fewer rounds than
		// MaxClaimRounds).
		let info: ProviderInfo<Balance> =
			chain.rpc("market_provider", rpc_params![who.account().to_string()]).await;
		assert!(info.claimable_rewards.as_ref().is_none_or(|c| c.amount == 0), "{info:?}");
	}

	// --- Rounds leave the history: 32 rounds are kept.
	let oldest_needed = chain.current_round().await.index + 1;
	while chain.current_round().await.index < 34 {
		chain.seal().await;
	}
	assert!(oldest_needed <= 34);
	let (code, message) = chain.refusal("market_roundSnapshot", rpc_params![1]).await;
	assert_eq!(code, 8004, "{message}");
	assert!(message.contains("out of history"), "{message}");
	let (code, _) = chain.refusal("market_gateways", rpc_params![1]).await;
	assert_eq!(code, 8004);

	node.stop();
}
