//! The full node: client, database, import queue, networking, BABE block
//! authoring, the GRANDPA voter and JSON-RPC; or, with `--sealing`, blocks
//! sealed on demand with BABE's digests.

use crate::cli::Sealing;
use futures::{FutureExt, StreamExt};
use market_runtime::{opaque::Block, RuntimeApi};
use sc_client_api::BlockBackend;
use sc_consensus_babe::{BabeWorkerHandle, SlotProportion};
use sc_consensus_grandpa::SharedVoterState;
use sc_consensus_manual_seal::{
	consensus::babe::BabeConsensusDataProvider,
	rpc::{ManualSeal, ManualSealApiServer},
	EngineCommand,
};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::{OffchainTransactionPoolFactory, TransactionPool};
use sp_consensus_babe::{inherents::InherentDataProvider as SlotInherentDataProvider, Slot};
use sp_core::{crypto::ByteArray, traits::SpawnEssentialNamed};
use sp_inherents::CreateInherentDataProviders;
use sp_keystore::Keystore;
use std::{pin::Pin, sync::Arc, time::Duration};

#[cfg(not(feature = "runtime-benchmarks"))]
type HostFunctions = sp_io::SubstrateHostFunctions;
/// A runtime built with `runtime-benchmarks` imports the benchmarking host
/// functions too (`benchmark block` and `storage` run it in the client).
#[cfg(feature = "runtime-benchmarks")]
type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The client: blockchain database plus the wasm runtime executor.
pub type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
pub type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type FullGrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;

/// What each block's inherents are made from: BABE's slot and the time.
type InherentProviders =
	(sp_consensus_babe::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider);
type SharedInherentProviders =
	Arc<dyn CreateInherentDataProviders<Block, (), InherentDataProviders = InherentProviders>>;

type FullBabeBlockImport = sc_consensus_babe::BabeBlockImport<
	Block,
	FullClient,
	FullGrandpaBlockImport,
	SharedInherentProviders,
	FullSelectChain,
>;

/// Blocks between two GRANDPA justifications a node keeps; light clients and
/// warp sync read them.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The parts shared by the full node and the chain-maintenance commands.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	ConsensusParts,
>;

/// Consensus handles built with the import queue and used by the full node.
pub struct ConsensusParts {
	babe_block_import: FullBabeBlockImport,
	babe_link: sc_consensus_babe::BabeLink<Block>,
	babe_worker_handle: BabeWorkerHandle<Block>,
	grandpa_link: sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
	telemetry: Option<Telemetry>,
}

fn inherent_providers(slot_duration: sp_consensus_babe::SlotDuration) -> SharedInherentProviders {
	Arc::new(move |_parent, ()| async move {
		let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
		let slot =
			SlotInherentDataProvider::from_timestamp_and_slot_duration(*timestamp, slot_duration);
		Ok((slot, timestamp))
	})
}

/// Inherent data for blocks sealed on demand. Each block takes the slot after
/// its parent's (the wall clock's slot for the first block) and that slot's
/// start as its time, whatever the wall clock says: blocks may come many
/// times faster than one per slot, yet BABE's slot checks and the timestamp
/// pallet still see one slot per block. It depends only on the parent, so
/// sealing a block and checking it on import agree.
fn on_demand_inherent_providers(
	client: Arc<FullClient>,
	slot_duration: sp_consensus_babe::SlotDuration,
) -> SharedInherentProviders {
	Arc::new(move |parent, ()| {
		let client = client.clone();
		async move {
			let parent_slot = client
				.header(parent)?
				.and_then(|header| sc_consensus_babe::find_pre_digest::<Block>(&header).ok())
				.map(|pre_digest| pre_digest.slot());
			let slot = match parent_slot {
				Some(slot) => slot + 1,
				None => Slot::from_timestamp(sp_timestamp::Timestamp::current(), slot_duration),
			};
			let timestamp = slot
				.timestamp(slot_duration)
				.ok_or_else(|| format!("slot {slot} has no timestamp"))?;
			Ok((
				SlotInherentDataProvider::new(slot),
				sp_timestamp::InherentDataProvider::new(timestamp),
			))
		}
	})
}

/// Spawns "essential" tasks as ordinary ones, whose end does not stop the node.
#[derive(Clone)]
struct NotEssential(sc_service::SpawnTaskHandle);

impl SpawnEssentialNamed for NotEssential {
	fn spawn_essential_blocking(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		task: futures::future::BoxFuture<'static, ()>,
	) {
		self.0.spawn_blocking(name, group, task)
	}

	fn spawn_essential(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		task: futures::future::BoxFuture<'static, ()>,
	) {
		self.0.spawn(name, group, task)
	}
}

/// Builds the client, database, transaction pool and import queue; with
/// `sealing`, the import path of blocks sealed on demand.
pub fn new_partial(
	config: &Configuration,
	sealing: Option<Sealing>,
) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&(client.clone() as Arc<_>),
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;

	let babe_config = sc_consensus_babe::configuration(&*client)?;
	let slot_duration = babe_config.slot_duration();
	let import_inherents = match sealing {
		None => inherent_providers(slot_duration),
		Some(_) => on_demand_inherent_providers(client.clone(), slot_duration),
	};
	let (babe_block_import, babe_link) = sc_consensus_babe::block_import(
		babe_config,
		grandpa_block_import.clone(),
		client.clone(),
		import_inherents,
		select_chain.clone(),
		OffchainTransactionPoolFactory::new(transaction_pool.clone()),
	)?;

	// With `sealing` the BABE queue is dropped right away (see below) and only
	// its worker, which answers `babe_*` RPC queries, is kept: its tasks must
	// then not be essential, or dropping the queue would stop the node.
	let babe_spawner: Box<dyn SpawnEssentialNamed> = match sealing {
		None => Box::new(task_manager.spawn_essential_handle()),
		Some(_) => Box::new(NotEssential(task_manager.spawn_handle())),
	};
	let (babe_import_queue, babe_worker_handle) =
		sc_consensus_babe::import_queue(sc_consensus_babe::ImportQueueParams {
			link: babe_link.clone(),
			block_import: babe_block_import.clone(),
			justification_import: Some(Box::new(grandpa_block_import)),
			client: client.clone(),
			slot_duration,
			spawner: &babe_spawner,
			registry: config.prometheus_registry(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;
	// Sealed blocks are imported straight into the BABE block import, which
	// tracks epochs; the queue would only see blocks from peers, and BABE's
	// verifier would refuse their slots as being in the future.
	let import_queue = match sealing {
		None => babe_import_queue,
		Some(_) => sc_consensus_manual_seal::import_queue(
			Box::new(babe_block_import.clone()),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		),
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: ConsensusParts {
			babe_block_import,
			babe_link,
			babe_worker_handle,
			grandpa_link,
			telemetry,
		},
	})
}

/// Builds and starts the full node; returns its task manager.
pub fn new_full<N>(
	config: Configuration,
	sealing: Option<Sealing>,
) -> Result<TaskManager, ServiceError>
where
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
{
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other:
			ConsensusParts {
				babe_block_import,
				babe_link,
				babe_worker_handle,
				grandpa_link,
				mut telemetry,
			},
	} = new_partial(&config, sealing)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let genesis_hash = client
		.block_hash(0)?
		.ok_or_else(|| ServiceError::Other("the database has no genesis block".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			net_config.peer_store_handle(),
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::new(),
	));

	// The last item is a bitswap handle, unused: the chain stores no IPFS data.
	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	// Blocks sealed on demand are final when sealed (or when asked over
	// JSON-RPC), so GRANDPA has nothing to vote on.
	let enable_grandpa = !config.disable_grandpa && sealing.is_none();
	let prometheus_registry = config.prometheus_registry().cloned();
	let shared_voter_state = SharedVoterState::empty();

	// Commands to the on-demand sealing task, from `engine_*` JSON-RPC calls.
	let (seal_commands_sink, seal_commands) = futures::channel::mpsc::channel(1024);

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let select_chain = select_chain.clone();
		let keystore = keystore_container.keystore();
		let shared_voter_state = shared_voter_state.clone();
		let shared_authority_set = grandpa_link.shared_authority_set().clone();
		let justification_stream = grandpa_link.justification_stream();
		let finality_proof_provider = sc_consensus_grandpa::FinalityProofProvider::new_for_service(
			backend.clone(),
			Some(shared_authority_set.clone()),
		);

		Box::new(move |subscription_executor: sc_rpc::SubscriptionTaskExecutor| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				select_chain: select_chain.clone(),
				babe: crate::rpc::BabeDeps {
					worker_handle: babe_worker_handle.clone(),
					keystore: keystore.clone(),
				},
				grandpa: crate::rpc::GrandpaDeps {
					shared_voter_state: shared_voter_state.clone(),
					shared_authority_set: shared_authority_set.clone(),
					justification_stream: justification_stream.clone(),
					subscription_executor,
					finality_provider: finality_proof_provider.clone(),
				},
			};
			let mut module = crate::rpc::create_full(deps)?;
			if sealing.is_some() {
				module
					.merge(ManualSeal::new(seal_commands_sink.clone()).into_rpc())
					.map_err(|e| ServiceError::Other(e.to_string()))?;
			}
			Ok(module)
		})
	};

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend: backend.clone(),
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if let Some(sealing) = sealing {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);
		let keystore = keystore_container.keystore();
		let authorities = babe_link.config().authorities.clone();
		// Sealing claims BABE slots with this key, so the runtime sees valid
		// pre-digests; without it the node would forge an authority change.
		let has_key = authorities.first().is_some_and(|(authority, _)| {
			keystore.has_keys(&[(authority.to_raw_vec(), sp_consensus_babe::KEY_TYPE)])
		});
		if !has_key {
			return Err(ServiceError::Other(
				"--sealing needs the first BABE authority's key in the keystore \
				 (use --dev, or --alice on a chain where Alice validates)"
					.into(),
			));
		}
		let consensus_data_provider = BabeConsensusDataProvider::new(
			client.clone(),
			keystore,
			babe_link.epoch_changes().clone(),
			authorities,
		)
		.map_err(|e| ServiceError::Other(e.to_string()))?;

		type Commands =
			Pin<Box<dyn futures::Stream<Item = EngineCommand<market_runtime::Hash>> + Send>>;
		let commands_stream: Commands = match sealing {
			Sealing::Manual => Box::pin(seal_commands),
			Sealing::Instant => {
				let on_transaction = transaction_pool.import_notification_stream().map(|_| {
					// `create_empty: false` would refuse every block:
					// manual seal counts a block as empty when it has no
					// more extrinsics than inherent data items, and BABE's
					// slot item makes no extrinsic.
					EngineCommand::SealNewBlock {
						create_empty: true,
						finalize: true,
						parent_hash: None,
						sender: None,
					}
				});
				Box::pin(futures::stream::select(on_transaction, seal_commands))
			},
		};

		let slot_duration = babe_link.config().slot_duration();
		let authorship =
			sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
				block_import: babe_block_import,
				env: proposer_factory,
				client: client.clone(),
				pool: transaction_pool.clone(),
				commands_stream,
				select_chain,
				consensus_data_provider: Some(Box::new(consensus_data_provider)),
				create_inherent_data_providers: on_demand_inherent_providers(
					client.clone(),
					slot_duration,
				),
			});
		task_manager.spawn_essential_handle().spawn_blocking(
			"on-demand-sealing",
			Some("block-authoring"),
			authorship,
		);
	} else if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);

		let slot_duration = babe_link.config().slot_duration();
		let babe = sc_consensus_babe::start_babe(sc_consensus_babe::BabeParams {
			keystore: keystore_container.keystore(),
			client: client.clone(),
			select_chain,
			env: proposer_factory,
			block_import: babe_block_import,
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service.clone(),
			create_inherent_data_providers: inherent_providers(slot_duration),
			force_authoring,
			backoff_authoring_blocks: None::<()>,
			babe_link,
			block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;

		// Authoring is essential: if it fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking(
			"babe-proposer",
			Some("block-authoring"),
			babe,
		);
	}

	if enable_grandpa {
		// Only an authority votes, so only an authority needs the keystore.
		let keystore = role.is_authority().then(|| keystore_container.keystore());
		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		let voter = sc_consensus_grandpa::run_grandpa_voter(sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		})?;

		// Finality is essential too.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			voter.map(|()| ()).boxed(),
		);
	}

	Ok(task_manager)
}
