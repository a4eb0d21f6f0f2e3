//! The node's JSON-RPC methods beyond the standard `system_*`, `chain_*`,
//! `state_*` and `author_*` ones that sc-service adds itself.

use jsonrpsee::RpcModule;
use market_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_consensus_babe::BabeApi;
use sp_keystore::KeystorePtr;
use std::sync::Arc;

/// What `babe_*` methods need.
pub struct BabeDeps {
	pub worker_handle: BabeWorkerHandle<Block>,
	pub keystore: KeystorePtr,
}

/// What `grandpa_*` methods need.
pub struct GrandpaDeps<B> {
	pub shared_voter_state: SharedVoterState,
	pub shared_authority_set: SharedAuthoritySet<market_runtime::Hash, market_runtime::BlockNumber>,
	pub justification_stream: GrandpaJustificationStream<Block>,
	pub subscription_executor: SubscriptionTaskExecutor,
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Everything the RPC methods read from.
pub struct FullDeps<C, P, SC, B> {
	pub client: Arc<C>,
	pub pool: Arc<P>,
	pub select_chain: SC,
	pub babe: BabeDeps,
	pub grandpa: GrandpaDeps<B>,
}

/// Builds the RPC module with `system_accountNextIndex`/`system_dryRun`,
/// `payment_*`, `babe_*`, `grandpa_*` and the chain's own `market_*`
/// methods (see `market-rpc`).
pub fn create_full<C, P, SC, B>(
	deps: FullDeps<C, P, SC, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BabeApi<Block>
		+ BlockBuilder<Block>
		+ market_rpc::MarketRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	P: TransactionPool + 'static,
	SC: SelectChain<Block> + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use market_rpc::{Market, MarketApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::System;

	let FullDeps { client, pool, select_chain, babe, grandpa } = deps;
	let mut module = RpcModule::new(());

	module.merge(guarded_system_rpc(System::new(client.clone(), pool))?)?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Market::new(client.clone()).into_rpc())?;
	module.merge(Babe::new(client, babe.worker_handle, babe.keystore, select_chain).into_rpc())?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;

	Ok(module)
}

/// The `system_*` methods, with `system_accountNextIndex` (and its alias
/// `account_nextIndex`) taking its account as the `market_*` methods do.
///
/// Upstream's version base58-decodes whatever string it is given before
/// checking its length; decoding is quadratic in the length, so one call
/// with a 1 MiB string had no answer after 60 s (found by
/// `tests/hostile_rpc.rs`). Here the account is parsed by
/// [`market_rpc::params::AccountParam`], which refuses text longer than an
/// account can be, and the nonce is then asked of upstream's code.
fn guarded_system_rpc<S>(
	system: S,
) -> Result<RpcModule<S>, Box<dyn std::error::Error + Send + Sync>>
where
	S: substrate_frame_rpc_system::SystemApiServer<market_runtime::Hash, AccountId, Nonce>
		+ Send
		+ Sync
		+ 'static,
{
	use market_rpc::params::AccountParam;
	let mut module = system.into_rpc();
	for name in ["system_accountNextIndex", "account_nextIndex"] {
		module.remove_method(name);
		module.register_async_method(name, |params, system, _| async move {
			let account: AccountParam = params.one()?;
			system.nonce(account.0).await
		})?;
	}
	Ok(module)
}
