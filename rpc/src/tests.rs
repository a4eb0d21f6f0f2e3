//! The methods over a mock runtime API: parameters as clients send them,
//! answers as JSON, every kind of error with its code and message.

use super::*;
use errors::codes;
use jsonrpsee::{
	core::{params::ArrayParams, rpc_params},
	types::ErrorObjectOwned,
	MethodsError, RpcModule,
};
use market_runtime_api::{PolicyId, PolicyProvider, Price, MAX_SAMPLE};
use serde_json::{json, Value};
use sp_core::H256;
use sp_runtime::{generic, traits::BlakeTwo256, OpaqueExtrinsic};

type Block = generic::Block<generic::Header<u32, BlakeTwo256>, OpaqueExtrinsic>;

fn best() -> H256 {
	H256::repeat_byte(0xbb)
}

fn alice() -> AccountId {
	AccountId::new([0xa1; 32])
}

fn bob() -> AccountId {
	AccountId::new([0xb0; 32])
}

/// A client whose best block is [`best`], answering from [`MockApi`].
struct TestClient;

impl ProvideRuntimeApi<Block> for TestClient {
	type Api = MockApi;

	fn runtime_api(&self) -> ApiRef<'_, Self::Api> {
		MockApi.into()
	}
}

impl HeaderBackend<Block> for TestClient {
	fn header(&self, _: H256) -> sp_blockchain::Result<Option<<Block as BlockT>::Header>> {
		Ok(None)
	}

	fn info(&self) -> sp_blockchain::Info<Block> {
		sp_blockchain::Info {
			best_hash: best(),
			best_number: 30,
			genesis_hash: H256::zero(),
			finalized_hash: best(),
			finalized_number: 30,
			finalized_state: None,
			number_leaves: 1,
			block_gap: None,
		}
	}

	fn status(&self, _: H256) -> sp_blockchain::Result<sp_blockchain::BlockStatus> {
		Ok(sp_blockchain::BlockStatus::InChain)
	}

	fn number(&self, _: H256) -> sp_blockchain::Result<Option<u32>> {
		Ok(Some(30))
	}

	fn hash(&self, _: u32) -> sp_blockchain::Result<Option<H256>> {
		Ok(Some(best()))
	}
}

/// A runtime in round 3 whose history keeps rounds 2 and 3 (round 2 lost
/// its seed), with one provider and sender (Alice) and one policy (1).
struct MockApi;

fn member(account: AccountId, stake: Balance) -> RoundMember<AccountId, Balance> {
	RoundMember { account, stake, operator_key: Some(H256::repeat_byte(0x0e)), seats: 1 }
}

fn round_check(round: RoundIndex) -> Result<(), MarketApiError> {
	match round {
		r if r > 3 => Err(MarketApiError::RoundNotStarted { round: r, current: 3 }),
		r if r < 2 => Err(MarketApiError::RoundOutOfHistory { round: r, oldest: 2 }),
		2 => Err(MarketApiError::MissingRoundData { round: 2 }),
		_ => Ok(()),
	}
}

sp_api::mock_impl_runtime_apis! {
	impl market_runtime_api::MarketApi<Block, AccountId, Balance, BlockNumber> for MockApi {
		#[advanced]
		fn current_round(
			&self,
			at: <Block as BlockT>::Hash,
		) -> Result<Result<RoundInfo<BlockNumber>, MarketApiError>, ApiError> {
			if at != best() {
				return Err(ApiError::UnknownBlock(format!("{at:?}")));
			}
			Ok(Ok(RoundInfo { index: 3, first_block: 30, length: 10, seed: H256::repeat_byte(7) }))
		}

		fn round_snapshot(round: RoundIndex) -> Result<SnapshotSummary<Balance, BlockNumber>, MarketApiError> {
			round_check(round)?;
			Ok(SnapshotSummary {
				round,
				first_block: 30,
				seed: H256::repeat_byte(7),
				providers: 2,
				total_stake: 1u128 << 100,
			})
		}

		fn gateways(
			round: RoundIndex,
			accused: AccountId,
		) -> Result<RoundMembers<AccountId, Balance>, MarketApiError> {
			round_check(round)?;
			// Echoes the accused as the first member, with 64 seats.
			let mut first = member(accused, 5);
			first.seats = 64;
			Ok(RoundMembers { round, seats: 64, threshold: 43, members: vec![first] })
		}

		fn committee(
			round: RoundIndex,
			claimant: AccountId,
		) -> Result<RoundMembers<AccountId, Balance>, MarketApiError> {
			round_check(round)?;
			let mut first = member(claimant, 6);
			first.seats = 16;
			Ok(RoundMembers { round, seats: 16, threshold: 11, members: vec![first] })
		}

		fn sample(
			round: RoundIndex,
			domain: market_runtime_api::DomainTag,
			n: u32,
		) -> Result<Vec<RoundMember<AccountId, Balance>>, MarketApiError> {
			if n == 0 || n > MAX_SAMPLE {
				return Err(MarketApiError::BadSampleSize { n, max: MAX_SAMPLE });
			}
			round_check(round)?;
			// Echoes the domain and `n`, to check how they were parsed.
			Ok(vec![member(AccountId::new([domain[0]; 32]), n.into())])
		}

		fn provider(who: AccountId) -> Result<ProviderInfo<Balance>, MarketApiError> {
			if who != alice() {
				return Err(MarketApiError::UnknownProvider);
			}
			Ok(ProviderInfo {
				active_stake: u128::MAX,
				unlocking: vec![],
				locked_until: 100,
				chilled: false,
				operator_key: None,
				reward_cursor: 1,
				committed_rounds: vec![],
				unavailability: vec![],
				claimable_rewards: None,
			})
		}

		fn policy(policy: PolicyId) -> Result<PolicyInfo<AccountId, Balance>, MarketApiError> {
			if policy != 1 {
				return Err(MarketApiError::UnknownPolicy { policy });
			}
			Ok(PolicyInfo {
				id: 1,
				owner: alice(),
				start: 2,
				end: 5,
				price: Price::PerRound { price: 5_000_000_000_000 },
				requesters: vec![H256::repeat_byte(2)],
				revoked: false,
				max_cost: 30_000_000_000_000,
				paid: 0,
				refunded: 0,
				held: 30_000_000_000_000,
				providers: vec![PolicyProvider {
					account: bob(),
					next_round: 2,
					claimable: 10_000_000_000_000,
					refundable: 5_000_000_000_000,
					settleable_rounds: 3,
				}],
				owner_refundable: 5_000_000_000_000,
				revocation_refund: None,
				reapable_from: 19,
			})
		}

		fn ticket_sender(sender: AccountId) -> Result<SenderInfo<Balance, BlockNumber>, MarketApiError> {
			if sender != alice() {
				return Err(MarketApiError::UnknownSender);
			}
			Ok(SenderInfo {
				deposit: 1,
				reserve: 2,
				unlock_at: Some(230),
				frozen_until: None,
				withdrawable: false,
				overdrawn_in: None,
			})
		}

		fn max_payable(sender: AccountId, recipient: AccountId) -> Result<Payable<Balance>, MarketApiError> {
			if sender == recipient {
				return Err(MarketApiError::SelfPayment);
			}
			Ok(Payable { from_deposit: u128::MAX - 1, from_reserve: 1, total: u128::MAX })
		}

		fn ticket_state(ticket_hash: sp_core::H256, expiry: BlockNumber) -> TicketState {
			match (ticket_hash, expiry) {
				(_, e) if e <= 30 => TicketState::Expired,
				(h, _) if h == sp_core::H256::repeat_byte(0xff) => TicketState::Used,
				_ => TicketState::Unused,
			}
		}

		fn commitment(
			_policy: PolicyId,
			_provider: AccountId,
			round: RoundIndex,
		) -> Result<CommitmentInfo<BlockNumber>, MarketApiError> {
			match round {
				0 => Err(MarketApiError::ChallengeNotDrawn { seed_block: 12 }),
				1 => Ok(CommitmentInfo {
					root: H256::repeat_byte(9),
					served: 100,
					committed_at: 7,
					open_from: 8,
					open_until: 11,
					seed_block: 72,
					challenges: vec![5, 0, 99],
					failed: false,
				}),
				_ => Err(MarketApiError::NoCommitment),
			}
		}
	}
}

fn module() -> RpcModule<Market<TestClient, Block>> {
	Market::new(Arc::new(TestClient)).into_rpc()
}

async fn ok(method: &str, params: ArrayParams) -> Value {
	module().call::<_, Value>(method, params).await.unwrap_or_else(|e| panic!("{method}: {e}"))
}

async fn error(method: &str, params: ArrayParams) -> ErrorObjectOwned {
	match module().call::<_, Value>(method, params).await {
		Err(MethodsError::JsonRpc(e)) => e,
		other => panic!("{method}: expected a JSON-RPC error, got {other:?}"),
	}
}

fn data(e: &ErrorObjectOwned) -> Value {
	serde_json::from_str(e.data().expect("data").get()).expect("JSON data")
}

#[tokio::test]
async fn the_method_names_are_market_camel_case() {
	let mut names: Vec<&str> = module().method_names().collect();
	names.sort();
	assert_eq!(
		names,
		vec![
			"market_commitment",
			"market_committee",
			"market_currentRound",
			"market_gateways",
			"market_maxPayable",
			"market_policy",
			"market_provider",
			"market_roundSnapshot",
			"market_sample",
			"market_ticketSender",
			"market_ticketState",
		]
	);
}

#[tokio::test]
async fn answers_at_the_best_block_or_a_given_one() {
	let expected = json!({
		"index": 3,
		"firstBlock": 30,
		"length": 10,
		"seed": format!("0x{}", "07".repeat(32)),
	});
	assert_eq!(ok("market_currentRound", rpc_params![]).await, expected);
	assert_eq!(ok("market_currentRound", rpc_params![best()]).await, expected);
	let unknown = H256::repeat_byte(0x11);
	let e = error("market_currentRound", rpc_params![unknown]).await;
	assert_eq!(e.code(), codes::RUNTIME_ERROR);
	assert!(e.message().starts_with("runtime API call failed at block 0x1111"), "{}", e.message());
	assert!(e.message().contains("unknown Block"), "{}", e.message());
	// A hash that is not one.
	let e = error("market_currentRound", rpc_params!["0x12"]).await;
	assert_eq!(e.code(), jsonrpsee::types::error::INVALID_PARAMS_CODE);
}

#[tokio::test]
async fn rounds_and_their_errors() {
	let snapshot = ok("market_roundSnapshot", rpc_params![3]).await;
	assert_eq!(snapshot["totalStake"], json!((1u128 << 100).to_string()));
	assert_eq!(snapshot["providers"], json!(2));
	let e = error("market_roundSnapshot", rpc_params![1]).await;
	assert_eq!(e.code(), codes::ROUND_OUT_OF_HISTORY);
	assert_eq!(e.message(), "round 1 is out of history (oldest kept is 2)");
	assert_eq!(data(&e), json!({"error": "roundOutOfHistory", "round": 1, "oldest": 2}));
	let e = error("market_gateways", rpc_params![9, alice().to_string()]).await;
	assert_eq!(e.code(), codes::ROUND_NOT_STARTED);
	assert_eq!(e.message(), "round 9 has not started (the current round is 3)");
	let e = error("market_committee", rpc_params![2, bob().to_string()]).await;
	assert_eq!(e.code(), codes::MISSING_ROUND_DATA);
	let gateways = ok("market_gateways", rpc_params![3, alice().to_string()]).await;
	assert_eq!(gateways["threshold"], json!(43));
	assert_eq!(gateways["seats"], json!(64));
	assert_eq!(gateways["members"][0]["account"], json!(alice().to_string()));
	assert_eq!(gateways["members"][0]["stake"], json!("5"));
	assert_eq!(gateways["members"][0]["seats"], json!(64));
	assert_eq!(gateways["members"][0]["operatorKey"], json!(format!("0x{}", "0e".repeat(32))));
	let committee = ok("market_committee", rpc_params![3, bob().to_string()]).await;
	assert_eq!(committee["threshold"], json!(11));
	assert_eq!(committee["members"][0]["account"], json!(bob().to_string()));
	let e = error("market_gateways", rpc_params![-1, alice().to_string()]).await;
	assert_eq!(e.code(), jsonrpsee::types::error::INVALID_PARAMS_CODE);
	let e = error("market_gateways", rpc_params![3]).await;
	assert_eq!(e.code(), jsonrpsee::types::error::INVALID_PARAMS_CODE);
}

#[tokio::test]
async fn samples_parse_the_domain_and_bound_n() {
	let drawn = ok("market_sample", rpc_params![3, "gateways", 4]).await;
	assert_eq!(drawn[0]["account"], json!(AccountId::new([b'g'; 32]).to_string()));
	assert_eq!(drawn[0]["stake"], json!("4"));
	let drawn = ok("market_sample", rpc_params![3, "0x0a00000000000000", 1]).await;
	assert_eq!(drawn[0]["account"], json!(AccountId::new([0x0a; 32]).to_string()));
	for n in [0, MAX_SAMPLE + 1] {
		let e = error("market_sample", rpc_params![3, "gateways", n]).await;
		assert_eq!(e.code(), codes::BAD_PARAMETERS);
		assert_eq!(e.message(), format!("n must be 1..={MAX_SAMPLE}, got {n}"));
	}
	let e = error("market_sample", rpc_params![3, "gateway", 1]).await;
	assert_eq!(e.code(), jsonrpsee::types::error::INVALID_PARAMS_CODE);
	assert!(data(&e).as_str().is_some_and(|d| d.contains("8 bytes")), "{:?}", e.data());
}

#[tokio::test]
async fn providers_by_ss58_or_hex() {
	let hex = format!("0x{}", "a1".repeat(32));
	let by_hex = ok("market_provider", rpc_params![hex]).await;
	let by_ss58 = ok("market_provider", rpc_params![alice().to_string()]).await;
	assert_eq!(by_hex, by_ss58);
	assert_eq!(by_hex["activeStake"], json!(u128::MAX.to_string()));
	assert_eq!(by_hex["claimableRewards"], Value::Null);
	let e = error("market_provider", rpc_params![bob().to_string()]).await;
	assert_eq!(e.code(), codes::UNKNOWN_PROVIDER);
	assert_eq!(e.message(), format!("unknown provider {}: not bonded", bob()));
	let e = error("market_provider", rpc_params!["not an account"]).await;
	assert_eq!(e.code(), jsonrpsee::types::error::INVALID_PARAMS_CODE);
	// jsonrpsee puts serde's reason in `data`.
	assert!(
		data(&e).as_str().is_some_and(|d| d.contains("invalid account id \"not an account\"")),
		"{:?}",
		e.data()
	);
}

#[tokio::test]
async fn policies_by_number_or_string_id() {
	let policy = ok("market_policy", rpc_params![1]).await;
	assert_eq!(policy, ok("market_policy", rpc_params!["1"]).await);
	assert_eq!(policy["price"], json!({"perRound": {"price": "5000000000000"}}));
	assert_eq!(policy["providers"][0]["claimable"], json!("10000000000000"));
	assert_eq!(policy["ownerRefundable"], json!("5000000000000"));
	assert!(policy.get("revocationRefund").is_none());
	// The typed answer a Rust client reads back.
	let typed: PolicyInfo<AccountId, Balance> = serde_json::from_value(policy).unwrap();
	assert_eq!(typed.owner, alice());
	let e = error("market_policy", rpc_params![7]).await;
	assert_eq!((e.code(), e.message()), (codes::UNKNOWN_POLICY, "unknown policy 7"));
	assert_eq!(data(&e), json!({"error": "unknownPolicy", "policy": 7}));
	let e = error("market_policy", rpc_params!["18446744073709551615"]).await;
	assert_eq!(e.message(), format!("unknown policy {}", u64::MAX));
}

#[tokio::test]
async fn ticket_senders_payments_and_tickets() {
	let sender = ok("market_ticketSender", rpc_params![alice().to_string()]).await;
	assert_eq!(
		sender,
		json!({
			"deposit": "1",
			"reserve": "2",
			"unlockAt": 230,
			"frozenUntil": null,
			"withdrawable": false,
			"overdrawnIn": null,
		})
	);
	let e = error("market_ticketSender", rpc_params![bob().to_string()]).await;
	assert_eq!(e.code(), codes::UNKNOWN_SENDER);
	assert_eq!(e.message(), format!("unknown ticket sender {}: no deposit or reserve", bob()));
	let payable =
		ok("market_maxPayable", rpc_params![alice().to_string(), bob().to_string()]).await;
	assert_eq!(payable["total"], json!(u128::MAX.to_string()));
	let e = error("market_maxPayable", rpc_params![alice().to_string(), alice().to_string()]).await;
	assert_eq!(e.code(), codes::BAD_PARAMETERS);
	assert_eq!(data(&e), json!({"error": "selfPayment"}));
	let state = |byte: u8, expiry: u32| rpc_params![sp_core::H256::repeat_byte(byte), expiry];
	assert_eq!(ok("market_ticketState", state(1, 40)).await, json!("unused"));
	assert_eq!(ok("market_ticketState", state(0xff, 40)).await, json!("used"));
	assert_eq!(ok("market_ticketState", state(1, 30)).await, json!("expired"));
	// Not a 32-byte hash: refused by the parameter's decoding.
	let e = error("market_ticketState", rpc_params!["0x01", 40]).await;
	assert_eq!(e.code(), jsonrpsee::types::error::INVALID_PARAMS_CODE);
}

#[tokio::test]
async fn commitments_and_their_errors() {
	let provider = alice().to_string();
	let c = ok("market_commitment", rpc_params![4, provider.clone(), 1]).await;
	assert_eq!(c["challenges"], json!([5, 0, 99]));
	assert_eq!(c["openUntil"], json!(11));
	assert_eq!(c["root"], json!(format!("0x{}", "09".repeat(32))));
	let e = error("market_commitment", rpc_params![4, provider.clone(), 0]).await;
	assert_eq!(e.code(), codes::CHALLENGE_NOT_DRAWN);
	assert_eq!(data(&e), json!({"error": "challengeNotDrawn", "seedBlock": 12}));
	let e = error("market_commitment", rpc_params![4, provider.clone(), 2]).await;
	assert_eq!(e.code(), codes::NO_COMMITMENT);
	assert_eq!(e.message(), format!("no pending commitment of {provider} for policy 4 in round 2"));
}
