//! Every `market_*` JSON-RPC method on a running development node, checked
//! against state this test creates through extrinsics, and the off-chain
//! toolkit's payloads accepted on chain: a ticket the toolkit signed and
//! evaluated is redeemed, committee statements it signed pay an attested
//! claim, gateway statements it signed prove a provider unavailable, and the
//! openings it built for the RPC's challenge indices pay a committed claim.
//!
//! The node seals blocks on demand (`--sealing manual`), so the dozen rounds
//! the story needs take seconds. Round `r + 1`'s snapshot closes
//! `SeedBlocks` (4) blocks before `r + 1` starts, so every commit to the
//! next round lands in one of the first six blocks of a round
//! (`Chain::commit_next` checks it).

mod common;

use codec::{Decode, Encode};
use common::*;
use jsonrpsee::{
	core::{client::ClientT, ClientError},
	rpc_params,
	ws_client::WsClient,
};
use market_primitives::{availability, escrow::PriceModel, sampling, RoundIndex};
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

/// Providers bonded by the test on top of the four genesis ones (which are
/// enough for proofs and attestations: nobody judges itself). Two, so that
/// a policy sampled from the six leaves three providers outside it (the
/// accused and the two claimants), and so that `market_provider` is checked
/// on a provider whose bond, operator key and commit the test made.
const NEW_PROVIDERS: u32 = 2;
/// Providers in every round from round 2 on.
const PROVIDERS: u32 = 4 + NEW_PROVIDERS;
const STAKE: Balance = 10_000 * UNIT;
const LOCK_ROUNDS: u32 = 60;
const ROUND_LENGTH: u32 = 10;
/// The runtime's `SeedBlocks`: round `r + 1`'s snapshot closes this many
/// blocks before `r + 1` starts, so a commit must land in a block `n` with
/// `n % ROUND_LENGTH < ROUND_LENGTH - SEED_BLOCKS`.
const SEED_BLOCKS: u32 = 4;
/// The runtime's `ChallengeBlocks`: the challenges of a commitment made in
/// block `b` are fixed at block `b + CHALLENGE_BLOCKS + 1`.
const CHALLENGE_BLOCKS: u32 = 4;
/// The development preset's gateway quorum (`pallet_availability::Params`)
/// and service-claims committee, in seats.
const GATEWAY_SEATS: u32 = 64;
const GATEWAY_THRESHOLD: u32 = 43;
const COMMITTEE_SEATS: u32 = 16;
const COMMITTEE_THRESHOLD: u32 = 11;
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
			// The pool validates against its view of the best block, which
			// may still be the parent of a block that just funded the
			// signer: a refusal for funds is retried briefly before it
			// counts.
			let mut attempts = 0;
			loop {
				let submitted: Result<H256, _> =
					self.client.request("author_submitExtrinsic", rpc_params![to_hex(&xt)]).await;
				match submitted {
					Ok(_) => break,
					Err(e) if attempts < 50 && e.to_string().contains("Inability to pay") => {
						attempts += 1;
						tokio::time::sleep(std::time::Duration::from_millis(100)).await;
					},
					Err(e) => panic!("the pool refused {what}: {e}"),
				}
			}
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

	/// Every provider commits to the next round (except those in `skip`).
	/// Panics if the commits would land after the next round's snapshot
	/// closed (`SEED_BLOCKS` blocks before that round starts).
	async fn commit_next(&mut self, providers: &[Provider], skip: &[AccountId]) {
		let block = self.best().await + 1;
		assert!(
			block % ROUND_LENGTH < ROUND_LENGTH - SEED_BLOCKS,
			"commits in block {block} would come after the next round's snapshot closed: \
			 commit earlier in the round"
		);
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
	}

	/// Seals blocks until `round` has started.
	async fn seal_until_round(&self, round: RoundIndex) {
		while self.current_round().await.index < round {
			self.seal().await;
		}
	}

	/// Every provider commits to the next round (except those in `skip`),
	/// then blocks are sealed until that round starts.
	async fn next_round(&mut self, providers: &[Provider], skip: &[AccountId]) -> RoundIndex {
		let round = self.current_round().await.index;
		self.commit_next(providers, skip).await;
		self.seal_until_round(round + 1).await;
		round + 1
	}

	/// A storage value at block `at` (default: the best block), SCALE-decoded.
	async fn storage<T: Decode>(&self, key: Vec<u8>, at: Option<H256>) -> Option<T> {
		let raw: Option<sp_core::Bytes> =
			self.rpc("state_getStorage", rpc_params![sp_core::Bytes(key), at]).await;
		raw.map(|bytes| T::decode(&mut &bytes[..]).expect("the storage value decodes"))
	}

	/// The slots `1..=len` of `round`'s snapshot as stored
	/// (`SnapshotMembers`): account and stake, in slot order.
	async fn snapshot_slots(&self, round: RoundIndex, len: u32) -> Vec<(AccountId, Balance)> {
		let mut slots = Vec::new();
		for slot in 1..=len {
			let key =
				pallet_provider_staking::SnapshotMembers::<Runtime>::hashed_key_for(round, slot);
			let member: Option<(AccountId, Balance)> = self.storage(key, None).await;
			slots.push(member.unwrap_or_else(|| panic!("slot {slot} of round {round} is stored")));
		}
		slots
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

	// --- Two providers bond with operator keys and commit (in the first
	// blocks, long before round 1's snapshot closes); the four genesis
	// providers are already committed to rounds 0 and 1.
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

	// --- Round 1 (everyone is committed to it already): its seed is fixed
	// at its first block from the VRF entropy accumulated up to it. Then
	// round 2, with all six providers in the snapshot.
	chain.seal_until_round(1).await;
	let round1 = chain.current_round().await;
	assert_eq!((round1.index, round1.first_block), (1, ROUND_LENGTH));
	let first_block = block_hash(&chain.client, ROUND_LENGTH).await.expect("round 1 started");
	let entropy = chain
		.storage::<[u8; 32]>(
			pallet_provider_staking::Entropy::<Runtime>::hashed_key().to_vec(),
			Some(first_block),
		)
		.await
		.expect("every block folds its parent's VRF output into the entropy");
	assert_eq!(
		round1.seed,
		H256(pallet_provider_staking::Pallet::<Runtime>::seed_from(&entropy, 1)),
		"blake2_256(SCALE(b\"market/round-seed\", entropy, 1))"
	);
	assert_eq!(chain.next_round(&providers, &[]).await, 2);
	let snapshot: SnapshotSummary<Balance, u32> =
		chain.rpc("market_roundSnapshot", rpc_params![2]).await;
	assert_eq!(snapshot.providers, PROVIDERS);
	assert_eq!(snapshot.total_stake, Balance::from(PROVIDERS) * STAKE);
	assert_eq!(snapshot.first_block, 2 * ROUND_LENGTH);
	assert_eq!(snapshot.seed, chain.current_round().await.seed);
	let (code, message) = chain.refusal("market_roundSnapshot", rpc_params![3]).await;
	assert_eq!(code, 8005, "{message}");
	// Everyone commits to round 3 now, in round 2's first block: what follows
	// in round 2 could otherwise push the commits past the snapshot's close.
	chain.commit_next(&providers, &[]).await;

	// --- market_gateways and market_committee judging Charlie: distinct
	// providers of the snapshot other than Charlie, each with its seats and
	// the operator key it set, holding all the seats between them.
	let operator_of: HashMap<AccountId, H256> =
		providers.iter().map(|p| (p.account(), H256(p.operator.public().0))).collect();
	let check_members = |members: &RoundMembers<AccountId, Balance>,
	                     judged: &AccountId,
	                     seats: u32,
	                     threshold: u32| {
		assert_eq!((members.seats, members.threshold), (seats, threshold));
		assert_eq!(members.members.iter().map(|m| m.seats).sum::<u32>(), seats);
		let distinct: BTreeSet<_> = members.members.iter().map(|m| m.account.clone()).collect();
		assert_eq!(distinct.len(), members.members.len(), "members are distinct");
		assert!(!distinct.contains(judged), "{judged} is among its own judges");
		for m in &members.members {
			assert!(m.seats > 0, "{} holds no seat", m.account);
			assert_eq!(m.stake, STAKE);
			assert_eq!(m.operator_key, operator_of.get(&m.account).copied(), "{}", m.account);
		}
	};
	let parameters = chain
		.storage::<pallet_availability::GatewayParameters>(
			pallet_availability::Params::<Runtime>::hashed_key().to_vec(),
			None,
		)
		.await
		.expect("the development preset sets the gateway quorum");
	assert_eq!((parameters.seats, parameters.threshold), (GATEWAY_SEATS, GATEWAY_THRESHOLD));
	let charlie = providers[0].account();
	let charlie_ss58 = charlie.to_string();
	let gateways: RoundMembers<AccountId, Balance> =
		chain.rpc("market_gateways", rpc_params![2, charlie_ss58.clone()]).await;
	assert_eq!(gateways.round, 2);
	check_members(&gateways, &charlie, GATEWAY_SEATS, GATEWAY_THRESHOLD);
	let committee: RoundMembers<AccountId, Balance> =
		chain.rpc("market_committee", rpc_params![2, charlie_ss58.clone()]).await;
	assert_eq!(committee.round, 2);
	check_members(&committee, &charlie, COMMITTEE_SEATS, COMMITTEE_THRESHOLD);
	// The judged account may be given as 0x hex too.
	let charlie_hex = sp_core::bytes::to_hex(&providers[0].stash.public().0, false);
	let by_hex: RoundMembers<AccountId, Balance> =
		chain.rpc("market_committee", rpc_params![2, charlie_hex]).await;
	assert_eq!(by_hex, committee);
	// A client draws the same seats from the snapshot's slots and the seed:
	// `gateway_seats` over a Fenwick tree, and the linear reference grouped
	// by first draw for the committee.
	let slots = chain.snapshot_slots(2, snapshot.providers).await;
	let weights: Vec<u128> = slots.iter().map(|(_, stake)| *stake).collect();
	let charlie_slot = slots
		.iter()
		.position(|(account, _)| *account == charlie)
		.map(|k| k as u32 + 1)
		.expect("Charlie is in round 2's snapshot");
	let accounts = |drawn: Vec<(u32, u32)>| -> Vec<(AccountId, u32)> {
		drawn.into_iter().map(|(slot, seats)| (slots[slot as usize - 1].0.clone(), seats)).collect()
	};
	let with_seats = |members: &RoundMembers<AccountId, Balance>| -> Vec<(AccountId, u32)> {
		members.members.iter().map(|m| (m.account.clone(), m.seats)).collect()
	};
	let seed = snapshot.seed.0;
	let tree = sampling::MemoryTree::from_weights(&weights);
	assert_eq!(
		with_seats(&gateways),
		accounts(availability::gateway_seats(&tree, &seed, GATEWAY_SEATS, charlie_slot))
	);
	let committee_draws = sampling::draw_seats_linear(
		&weights,
		&seed,
		&sampling::COMMITTEE,
		COMMITTEE_SEATS,
		Some(charlie_slot),
	);
	assert_eq!(with_seats(&committee), accounts(sampling::group_seats(&committee_draws)));

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
	// in the sampled one; Alice signs the requests. The third provider
	// outside the sample is the one proven unavailable for round 3.
	let sampled: Vec<AccountId> = policy.providers.iter().map(|p| p.account.clone()).collect();
	let mut others = providers.iter().filter(|p| !sampled.contains(&p.account()));
	let accused = others.next().expect("a provider outside the sample");
	let attested = others.next().expect("another provider outside the sample");
	let committed = others.next().expect("a third provider outside the sample");
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
				reserve: Balance::from(PROVIDERS) * UNIT,
			}),
		)
		.await;
	let sender: SenderInfo<Balance, u32> = chain
		.rpc("market_ticketSender", rpc_params![Sr25519Keyring::Alice.to_account_id().to_string()])
		.await;
	assert_eq!((sender.deposit, sender.reserve), (100 * UNIT, Balance::from(PROVIDERS) * UNIT));
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
	// The reserve is shared among the round's six providers.
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
	let encoded = ticket["encoded"].as_str().expect("encoded ticket");
	let ticket_hash = sp_core::H256(sp_io::hashing::blake2_256(
		&sp_core::bytes::from_hex(encoded).expect("valid hex"),
	));
	let state: TicketState =
		chain.rpc("market_ticketState", rpc_params![ticket_hash, expiry]).await;
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
		chain.rpc("market_ticketState", rpc_params![ticket_hash, expiry]).await;
	assert_eq!(state, TicketState::Used);
	// Asked at the block before, the answer is that block's.
	let state: TicketState =
		chain.rpc("market_ticketState", rpc_params![ticket_hash, expiry, before_redemption]).await;
	assert_eq!(state, TicketState::Unused);
	let sender: SenderInfo<Balance, u32> =
		chain.rpc("market_ticketSender", rpc_params![alice_ss58.clone()]).await;
	assert_eq!(sender.deposit, 90 * UNIT);

	// --- Rounds 3 and 4 (everyone committed to round 3 above). The sampled
	// policy's first provider skips round 4, so its fee for that round goes
	// back to Alice.
	let skipper = sampled[0].clone();
	chain.seal_until_round(3).await;
	assert_eq!(chain.next_round(&providers, std::slice::from_ref(&skipper)).await, 4);

	// The accused is proven unavailable for round 3 by its gateways (the
	// five other providers): statements the toolkit signed for the first
	// gateways of the list until they hold 43 of the 64 seats, each signing
	// once with its index in the list whatever its seats.
	let accused_ss58 = accused.account().to_string();
	let gateways3: RoundMembers<AccountId, Balance> =
		chain.rpc("market_gateways", rpc_params![3, accused_ss58.clone()]).await;
	assert_eq!(gateways3.round, 3);
	check_members(&gateways3, &accused.account(), GATEWAY_SEATS, GATEWAY_THRESHOLD);
	let mut statement_files = Vec::new();
	let mut signed_seats = 0;
	for (index, member) in gateways3.members.iter().enumerate() {
		if signed_seats >= gateways3.threshold {
			break;
		}
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
		signed_seats += member.seats;
	}
	assert!(signed_seats >= GATEWAY_THRESHOLD, "the gateways hold {signed_seats} seats");
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
	let (signers, seats, slashed) = events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Availability(pallet_availability::Event::ProviderUnavailable {
				round: 3,
				signers,
				seats,
				slashed,
				..
			}) => Some((*signers, *seats, *slashed)),
			_ => None,
		})
		.expect("the proof is accepted");
	assert_eq!((signers as usize, seats), (statement_files.len(), signed_seats));
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
	// Everyone commits to round 12 at once: the commitment below waits for
	// its challenge seed past the close of round 12's snapshot.
	chain.commit_next(&providers, &[]).await;

	// A committee-attested claim: the first members of the claimant's
	// committee until they hold 11 of its 16 seats sign with the toolkit.
	let attested_ss58 = attested.account().to_string();
	let committee3: RoundMembers<AccountId, Balance> =
		chain.rpc("market_committee", rpc_params![3, attested_ss58.clone()]).await;
	assert_eq!(committee3.round, 3);
	check_members(&committee3, &attested.account(), COMMITTEE_SEATS, COMMITTEE_THRESHOLD);
	let mut member_files = Vec::new();
	let mut signed_seats = 0;
	for (index, member) in committee3.members.iter().enumerate() {
		if signed_seats >= committee3.threshold {
			break;
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
		signed_seats += member.seats;
	}
	assert!(signed_seats >= COMMITTEE_THRESHOLD, "the members hold {signed_seats} seats");
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

	// A committed claim: Alice's receipts for five requests the provider
	// answered, the toolkit's tree, the RPC's challenge indices and the
	// toolkit's openings for them.
	let committed_ss58 = committed.account().to_string();
	let mut receipt_files = Vec::new();
	for nonce in 1..=5u8 {
		let receipt = chain.toolkit(&[
			"sign-receipt",
			"--suri",
			"//Alice",
			"--policy",
			&per_request_policy.to_string(),
			"--round",
			"3",
			"--provider",
			&committed_ss58,
			"--nonce",
			&nonce.to_string(),
			"--request-hash",
			&sp_core::bytes::to_hex(&[nonce; 32], false),
			"--response-hash",
			&sp_core::bytes::to_hex(&[0x80 | nonce; 32], false),
		]);
		receipt_files.push(write_json(files.path(), &format!("receipt{nonce}.json"), &receipt));
	}
	let mut tree_args = vec!["build-claim-tree", "--receipts"];
	tree_args.extend(receipt_files.iter().map(String::as_str));
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
	let committed_in = chain.best().await;
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
	// The VRF outputs of the four blocks after the commitment's fix its
	// challenges: the seed is drawn in the fifth.
	assert_eq!(seed_block, committed_in + CHALLENGE_BLOCKS + 1);
	while chain.best().await + 1 < seed_block {
		chain.seal().await;
	}
	let (code, message) = chain
		.refusal("market_commitment", rpc_params![per_request_policy, committed_ss58.clone(), 3])
		.await;
	assert_eq!(code, 8008, "{message}");
	assert!(message.contains(&format!("block {seed_block} fixes it")), "{message}");
	chain.seal().await;
	let commitment: CommitmentInfo<u32> = chain
		.rpc("market_commitment", rpc_params![per_request_policy, committed_ss58.clone(), 3])
		.await;
	assert_eq!(commitment.root, H256(root));
	assert_eq!((commitment.served, commitment.open_until), (5, open_until));
	assert_eq!(commitment.seed_block, seed_block);
	assert_eq!(commitment.open_from, commitment.committed_at + 1);
	// Openings are taken from the round after the commitment's (everyone
	// committed to it above).
	chain.seal_until_round(commitment.open_from).await;
	let mut drawn = commitment.challenges.clone();
	drawn.sort();
	assert_eq!(drawn, vec![0, 1, 2, 3, 4], "all five leaves are challenged");
	let indices = commitment.challenges.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
	let mut open_args = vec!["build-claim-tree", "--indices", &indices, "--receipts"];
	open_args.extend(receipt_files.iter().map(String::as_str));
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
	let steady = providers
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
	let (code, _) = chain.refusal("market_gateways", rpc_params![1, charlie_ss58.clone()]).await;
	assert_eq!(code, 8004);
	let (code, _) = chain.refusal("market_committee", rpc_params![1, charlie_ss58]).await;
	assert_eq!(code, 8004);

	node.stop();
}
