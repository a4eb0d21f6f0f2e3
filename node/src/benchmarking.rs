//! What `market-node benchmark overhead` and `benchmark extrinsic` need from
//! this chain: signed extrinsics to fill blocks with, and the inherents of
//! an empty block.
//!
//! The extrinsics are signed by the development account Alice, exactly as a
//! wallet would sign them (every transaction extension, the metadata hash
//! not committed to), so a block full of them costs what real blocks cost.

use crate::service::FullClient;
use frame_benchmarking_cli::ExtrinsicBuilder;
use market_runtime::{
	AccountId, Balance, Nonce, Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic,
};
use sp_api::{Core, ProvideRuntimeApi};
use sp_core::{crypto::Pair, sr25519, Encode};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, MultiSignature, OpaqueExtrinsic};
use std::{sync::Arc, time::Duration};

/// Builds `System::remark` extrinsics with an empty remark: the cheapest
/// signed extrinsic, whose cost is the per-extrinsic overhead.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call =
			RuntimeCall::System(frame_system::Call::<Runtime>::remark { remark: Vec::new() });
		signed_by_alice(&self.client, call, nonce)
	}
}

/// Builds `Balances::transfer_keep_alive` extrinsics from Alice to `dest`,
/// the reference transaction of every chain.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = RuntimeCall::Balances(pallet_balances::Call::<Runtime>::transfer_keep_alive {
			dest: self.dest.clone().into(),
			value: self.value,
		});
		signed_by_alice(&self.client, call, nonce)
	}
}

/// Signs `call` as Alice with `nonce`, immortal, against the best block's
/// runtime version (the benchmark may run on any chain the node opens).
fn signed_by_alice(
	client: &FullClient,
	call: RuntimeCall,
	nonce: Nonce,
) -> Result<OpaqueExtrinsic, &'static str> {
	let info = client.chain_info();
	let version = client
		.runtime_api()
		.version(info.best_hash)
		.map_err(|_| "the best block's runtime version cannot be read")?;
	let signer: sr25519::Pair = Sr25519Keyring::Alice.pair();
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
		version.spec_version,
		version.transaction_version,
		info.genesis_hash,
		info.genesis_hash,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	let signer_account: AccountId = signer.public().into();
	let extrinsic = UncheckedExtrinsic::new_signed(
		call,
		signer_account.into(),
		MultiSignature::Sr25519(signature),
		extension,
	);
	OpaqueExtrinsic::try_from_encoded_extrinsic(&extrinsic.encode())
		.map_err(|_| "the extrinsic does not decode")
}

/// Inherent data of a benchmark block: the timestamp only, at zero.
///
/// Benchmark blocks carry no BABE pre-digest, so BABE keeps the genesis
/// slot (0) as its current slot; a timestamp in slot 0 is the one it
/// accepts.
pub fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(Duration::ZERO.into());
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating the timestamp inherent data: {e:?}"))?;
	Ok(inherent_data)
}
