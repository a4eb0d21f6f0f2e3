//! The runtime APIs the node and clients call.

use super::*;
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use market_runtime_api::{
	CommitmentInfo, DomainTag, MarketApiError, Payable, PolicyId, PolicyInfo, ProviderInfo,
	RoundIndex, RoundInfo, RoundMember, RoundMembers, SenderInfo, SnapshotSummary, TicketState,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_babe::BabeApi<Block> for Runtime {
		fn configuration() -> sp_consensus_babe::BabeConfiguration {
			let epoch_config = Babe::epoch_config().unwrap_or(BABE_GENESIS_EPOCH_CONFIG);
			sp_consensus_babe::BabeConfiguration {
				slot_duration: Babe::slot_duration(),
				epoch_length: EPOCH_DURATION_IN_BLOCKS as u64,
				c: epoch_config.c,
				authorities: Babe::authorities().to_vec(),
				randomness: Babe::randomness(),
				allowed_slots: epoch_config.allowed_slots,
			}
		}

		fn current_epoch_start() -> sp_consensus_babe::Slot {
			Babe::current_epoch_start()
		}

		fn current_epoch() -> sp_consensus_babe::Epoch {
			Babe::current_epoch()
		}

		fn next_epoch() -> sp_consensus_babe::Epoch {
			Babe::next_epoch()
		}

		// Without a session pallet there is no key ownership to prove, so
		// equivocations cannot be reported on chain yet.
		fn generate_key_ownership_proof(
			_slot: sp_consensus_babe::Slot,
			_authority_id: sp_consensus_babe::AuthorityId,
		) -> Option<sp_consensus_babe::OpaqueKeyOwnershipProof> {
			None
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_babe::EquivocationProof<<Block as BlockT>::Header>,
			_key_owner_proof: sp_consensus_babe::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		// See the BABE equivocation note above.
		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			opaque::SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl market_runtime_api::MarketApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn current_round() -> Result<RoundInfo<BlockNumber>, MarketApiError> {
			market::current_round()
		}

		fn round_snapshot(
			round: RoundIndex,
		) -> Result<SnapshotSummary<Balance, BlockNumber>, MarketApiError> {
			market::round_snapshot(round)
		}

		fn gateways(
			round: RoundIndex,
			accused: AccountId,
		) -> Result<RoundMembers<AccountId, Balance>, MarketApiError> {
			market::gateways(round, accused)
		}

		fn committee(
			round: RoundIndex,
			claimant: AccountId,
		) -> Result<RoundMembers<AccountId, Balance>, MarketApiError> {
			market::committee(round, claimant)
		}

		fn sample(
			round: RoundIndex,
			domain: DomainTag,
			n: u32,
		) -> Result<Vec<RoundMember<AccountId, Balance>>, MarketApiError> {
			market::sample(round, domain, n)
		}

		fn provider(who: AccountId) -> Result<ProviderInfo<Balance>, MarketApiError> {
			market::provider(who)
		}

		fn policy(policy: PolicyId) -> Result<PolicyInfo<AccountId, Balance>, MarketApiError> {
			market::policy(policy)
		}

		fn ticket_sender(
			sender: AccountId,
		) -> Result<SenderInfo<Balance, BlockNumber>, MarketApiError> {
			market::ticket_sender(sender)
		}

		fn max_payable(
			sender: AccountId,
			recipient: AccountId,
		) -> Result<Payable<Balance>, MarketApiError> {
			market::max_payable(sender, recipient)
		}

		fn ticket_state(ticket_hash: sp_core::H256, expiry: BlockNumber) -> TicketState {
			market::ticket_state(ticket_hash, expiry)
		}

		fn commitment(
			policy: PolicyId,
			provider: AccountId,
			round: RoundIndex,
		) -> Result<CommitmentInfo<BlockNumber>, MarketApiError> {
			market::commitment(policy, provider, round)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	// The checks `try-runtime` (the CLI or this repository's tools) runs
	// against a chain's state: the upgrade with every migration's
	// pre/post checks, and blocks re-executed with the pallets' `try_state`.
	// Only compiled with `try-runtime`, a wasm no chain runs: the API's
	// signature has no error type, so a failed check can only be reported
	// by panicking, which the caller (try-runtime-cli) shows with the log.
	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				// qed: a panic here is the report of a failed check (see above).
				.expect("the upgrade checks failed (see the log above)");
			(weight, configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				// qed: a panic here is the report of a failed check (see above).
				.expect("executing the block failed its checks (see the log above)")
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::Pallet as SystemBench;

			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}

/// The answers of [`market_runtime_api::MarketApi`], each from the
/// pallets' own functions (the ones their calls use), so that an answer is
/// what the corresponding call would do in the next block. Every function
/// reads a bounded number of keys (see each).
pub(crate) mod market {
	use super::*;
	use crate::configs::RoundLength;
	use frame_support::traits::fungible::InspectHold;
	use market_runtime_api::{
		CommittedRound, PolicyProvider, Price, RewardsClaim, UnavailabilityMark, UnlockingChunk,
		MAX_SAMPLE,
	};
	use pallet_policy_escrow::PriceModel;
	use sp_core::H256;

	type Staking = pallet_provider_staking::Pallet<Runtime>;
	type Escrow = pallet_policy_escrow::Pallet<Runtime>;
	type Claims = pallet_service_claims::Pallet<Runtime>;
	type TicketsOf = pallet_tickets::Pallet<Runtime>;

	/// The seed of `round` if it is in the history: started, and not older
	/// than `RoundHistory` rounds (its snapshot is then intact, whatever
	/// pruning has reached).
	fn seed_in_history(round: RoundIndex) -> Result<H256, MarketApiError> {
		let current = pallet_provider_staking::CurrentRound::<Runtime>::get();
		if round > current {
			return Err(MarketApiError::RoundNotStarted { round, current });
		}
		let oldest = Staking::first_retained_round(current);
		if round < oldest {
			return Err(MarketApiError::RoundOutOfHistory { round, oldest });
		}
		pallet_provider_staking::RoundSeeds::<Runtime>::get(round)
			.map(H256)
			.ok_or(MarketApiError::MissingRoundData { round })
	}

	fn operator_key(who: &AccountId) -> Option<H256> {
		pallet_provider_staking::OperatorKeys::<Runtime>::get(who).map(|key| H256(key.0))
	}

	/// `account` drawn for `round` with `seats` seats: its stake in the
	/// snapshot and operator key.
	fn member(
		round: RoundIndex,
		account: AccountId,
		seats: u32,
	) -> RoundMember<AccountId, Balance> {
		RoundMember {
			stake: Staking::stake_in(&account, round),
			operator_key: operator_key(&account),
			account,
			seats,
		}
	}

	/// Members with seats, as `RoundMembers`.
	fn members(
		round: RoundIndex,
		threshold: u32,
		drawn: Vec<(AccountId, u32)>,
	) -> RoundMembers<AccountId, Balance> {
		RoundMembers {
			round,
			seats: drawn.iter().map(|(_, seats)| *seats).sum(),
			threshold,
			members: drawn.into_iter().map(|(a, seats)| member(round, a, seats)).collect(),
		}
	}

	/// Two reads.
	pub fn current_round() -> Result<RoundInfo<BlockNumber>, MarketApiError> {
		let index = pallet_provider_staking::CurrentRound::<Runtime>::get();
		Ok(RoundInfo {
			index,
			first_block: Staking::round_start(index),
			length: RoundLength::get(),
			seed: seed_in_history(index)?,
		})
	}

	/// Four reads.
	pub fn round_snapshot(
		round: RoundIndex,
	) -> Result<SnapshotSummary<Balance, BlockNumber>, MarketApiError> {
		let seed = seed_in_history(round)?;
		// No header: nobody committed to the round.
		let (providers, total_stake) = pallet_provider_staking::Snapshots::<Runtime>::get(round)
			.map(|info| (info.len, info.total))
			.unwrap_or_default();
		Ok(SnapshotSummary {
			round,
			first_block: Staking::round_start(round),
			seed,
			providers,
			total_stake,
		})
	}

	/// `seats` draws, `O(log N)` reads each.
	pub fn gateways(
		round: RoundIndex,
		accused: AccountId,
	) -> Result<RoundMembers<AccountId, Balance>, MarketApiError> {
		seed_in_history(round)?;
		let threshold = Availability::parameters().threshold;
		Ok(members(round, threshold, Availability::gateways(round, &accused)))
	}

	/// `committee_size` draws, `O(log N)` reads each.
	pub fn committee(
		round: RoundIndex,
		claimant: AccountId,
	) -> Result<RoundMembers<AccountId, Balance>, MarketApiError> {
		seed_in_history(round)?;
		let threshold = Claims::parameters().committee_threshold;
		Ok(members(round, threshold, Claims::committee(round, &claimant)))
	}

	/// At most `MAX_SAMPLE` draws, `O(log N)` reads each.
	pub fn sample(
		round: RoundIndex,
		domain: DomainTag,
		n: u32,
	) -> Result<Vec<RoundMember<AccountId, Balance>>, MarketApiError> {
		if n == 0 || n > MAX_SAMPLE {
			return Err(MarketApiError::BadSampleSize { n, max: MAX_SAMPLE });
		}
		seed_in_history(round)?;
		Ok(Staking::sample_round(round, &domain, n)
			.into_iter()
			.map(|a| member(round, a, 1))
			.collect())
	}

	/// `2 * (RoundHistory + 1)` reads of commitments, `RoundHistory` of
	/// marks and `MaxClaimRounds` snapshots of rewards.
	pub fn provider(who: AccountId) -> Result<ProviderInfo<Balance>, MarketApiError> {
		let ledger = pallet_provider_staking::Ledgers::<Runtime>::get(&who)
			.ok_or(MarketApiError::UnknownProvider)?;
		let current = pallet_provider_staking::CurrentRound::<Runtime>::get();
		// `NothingToClaim` is its only refusal: no settled round is left.
		let claimable_rewards = Staking::claimable_rewards(&who, &ledger, current)
			.ok()
			.map(|c| RewardsClaim { from: c.from, to: c.to, amount: c.amount });
		Ok(ProviderInfo {
			active_stake: ledger.active,
			unlocking: ledger
				.unlocking
				.iter()
				.map(|c| UnlockingChunk { value: c.value, unlock_round: c.unlock_round })
				.collect(),
			locked_until: ledger.locked_until,
			chilled: ledger.chilled,
			operator_key: operator_key(&who),
			reward_cursor: ledger.reward_cursor,
			committed_rounds: Staking::committed_rounds(&who, current)
				.into_iter()
				.map(|(round, stake)| CommittedRound { round, stake })
				.collect(),
			unavailability: Availability::marks_of(&who, current)
				.into_iter()
				.map(|(round, slashed)| UnavailabilityMark { round, slashed })
				.collect(),
			claimable_rewards,
		})
	}

	/// `MaxPolicyProviders` settlement previews of at most `MaxClaimRounds`
	/// rounds each.
	pub fn policy(id: PolicyId) -> Result<PolicyInfo<AccountId, Balance>, MarketApiError> {
		let p = pallet_policy_escrow::Policies::<Runtime>::get(id)
			.ok_or(MarketApiError::UnknownPolicy { policy: id })?;
		let current = pallet_provider_staking::CurrentRound::<Runtime>::get();
		let mut owner_refundable: Balance = 0;
		let mut providers = Vec::with_capacity(p.providers.len());
		for (index, entry) in p.providers.iter().enumerate() {
			let (claimable, refundable, rounds) =
				Escrow::settlement_preview(id, &p, index).map_err(|_| MarketApiError::Internal)?;
			owner_refundable = owner_refundable.saturating_add(refundable);
			providers.push(PolicyProvider {
				account: entry.account.clone(),
				next_round: entry.next_round,
				claimable,
				refundable,
				settleable_rounds: rounds,
			});
		}
		let price = match p.price {
			PriceModel::PerRound { price } => Price::PerRound { price },
			PriceModel::PerRequest { price, cap } => Price::PerRequest { price, cap },
		};
		Ok(PolicyInfo {
			id,
			owner: p.owner.clone(),
			start: p.start,
			end: p.end,
			price,
			requesters: p.requesters.iter().map(|k| H256(k.0)).collect(),
			revoked: p.revoked,
			max_cost: p.max_cost,
			paid: p.paid,
			refunded: p.refunded,
			held: p.remaining(),
			providers,
			owner_refundable,
			// Refused when already revoked or no round is left after the current one.
			revocation_refund: Escrow::revocation(&p, current).ok().map(|(_, refund)| refund),
			reapable_from: Escrow::reapable_from(p.end),
		})
	}

	/// Three reads.
	pub fn ticket_sender(
		sender: AccountId,
	) -> Result<SenderInfo<Balance, BlockNumber>, MarketApiError> {
		let ledger = pallet_tickets::Senders::<Runtime>::get(&sender)
			.ok_or(MarketApiError::UnknownSender)?;
		let held = |reason: pallet_tickets::HoldReason| {
			Balances::balance_on_hold(&RuntimeHoldReason::Tickets(reason), &sender)
		};
		Ok(SenderInfo {
			deposit: held(pallet_tickets::HoldReason::Deposit),
			reserve: held(pallet_tickets::HoldReason::Reserve),
			withdrawable: TicketsOf::check_withdrawable(&ledger).is_ok(),
			unlock_at: ledger.unlock_at,
			frozen_until: ledger.frozen_until,
			overdrawn_in: ledger.overdrawn_in,
		})
	}

	/// At most eight reads (the deposit, the round, the recipient's
	/// snapshot slot, the reserve, its base and the draw).
	pub fn max_payable(
		sender: AccountId,
		recipient: AccountId,
	) -> Result<Payable<Balance>, MarketApiError> {
		let (from_deposit, from_reserve) =
			TicketsOf::max_payable(&sender, &recipient).map_err(|error| match error {
				pallet_tickets::Error::<Runtime>::NotFunded => MarketApiError::UnknownSender,
				pallet_tickets::Error::<Runtime>::SelfPayment => MarketApiError::SelfPayment,
				_ => MarketApiError::Internal,
			})?;
		Ok(Payable { from_deposit, from_reserve, total: from_deposit.saturating_add(from_reserve) })
	}

	/// One read.
	pub fn ticket_state(ticket_hash: sp_core::H256, expiry: BlockNumber) -> TicketState {
		if expiry <= System::block_number() {
			TicketState::Expired
		} else if TicketsOf::is_ticket_used(&ticket_hash.0, expiry) {
			TicketState::Used
		} else {
			TicketState::Unused
		}
	}

	/// Two reads and `challenge_count` hashes.
	pub fn commitment(
		policy: PolicyId,
		provider: AccountId,
		round: RoundIndex,
	) -> Result<CommitmentInfo<BlockNumber>, MarketApiError> {
		let c = pallet_service_claims::Commitments::<Runtime>::get((policy, &provider, round))
			.ok_or(MarketApiError::NoCommitment)?;
		let challenges = Claims::challenges(policy, &provider, round, &c)
			.ok_or(MarketApiError::ChallengeNotDrawn { seed_block: c.seed_block.into() })?;
		Ok(CommitmentInfo {
			root: H256(c.root),
			served: c.served,
			committed_at: c.committed_at,
			open_from: c.committed_at.saturating_add(1),
			open_until: c.open_until,
			seed_block: c.seed_block,
			challenges,
			failed: c.failed,
		})
	}
}

// The defaults: `set_code` is benchmarked with the sample runtime that
// frame-system-benchmarking ships.
#[cfg(feature = "runtime-benchmarks")]
impl frame_system_benchmarking::Config for Runtime {}

/// The pallets whose weights come from benchmarks run on this runtime.
#[cfg(feature = "runtime-benchmarks")]
mod benches {
	frame_benchmarking::define_benchmarks!(
		[frame_system, SystemBench::<Runtime>]
		[pallet_balances, Balances]
		[pallet_timestamp, Timestamp]
		[pallet_sudo, Sudo]
		[pallet_provider_staking, ProviderStaking]
		[pallet_policy_escrow, PolicyEscrow]
		[pallet_availability, Availability]
		[pallet_tickets, Tickets]
		[pallet_service_claims, ServiceClaims]
	);
}
