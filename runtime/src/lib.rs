//! The market chain's runtime.
//!
//! System pallets (balances, timestamp, transaction payment, sudo) and
//! BABE + GRANDPA consensus. BABE is chosen over Aura because the market
//! pallets draw their round seeds from BABE's VRF-based randomness, which a
//! single block author cannot grind.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to deep recursion.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

mod apis;
pub use apis::RuntimeApi;
#[cfg(test)]
mod api_tests;
mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod migration_tests;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod weights;

use sp_runtime::{generic, impl_opaque_keys};
use sp_version::{runtime_version, RuntimeVersion};

pub use market_primitives::{
	AccountId, Balance, BlockNumber, Hash, Nonce, Signature, EXISTENTIAL_DEPOSIT, MILLI_UNIT,
	SLOT_DURATION, UNIT,
};

/// Types a node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::OpaqueExtrinsic;

	/// Header of a block.
	pub type Header = generic::Header<BlockNumber, sp_runtime::traits::BlakeTwo256>;
	/// A block whose extrinsics are opaque bytes.
	pub type Block = generic::Block<Header, OpaqueExtrinsic>;
	/// Hash of a block.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The keys a validator registers: BABE for authoring, GRANDPA for finality.
		pub struct SessionKeys {
			pub babe: super::Babe,
			pub grandpa: super::Grandpa,
		}
	}
}

/// The runtime's version. `spec_version` goes up with every runtime upgrade
/// that changes behaviour; `transaction_version` whenever call indices or
/// extrinsic formats change.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("market"),
	impl_name: alloc::borrow::Cow::Borrowed("market-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// Blocks per BABE epoch. Randomness for epoch `n + 2` is fixed at the end
/// of epoch `n`.
pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = market_primitives::HOURS;

/// BABE's genesis parameters: a primary slot is claimed with probability
/// `c = 1/4` per authority; secondary VRF slots fill the rest so that every
/// block carries a VRF output to feed the randomness.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 4),
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

/// The address format of extrinsics.
pub type Address = sp_runtime::MultiAddress<AccountId, ()>;
/// Header of a block.
pub type Header = generic::Header<BlockNumber, sp_runtime::traits::BlakeTwo256>;
/// A block of this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Identifies a block by hash or number.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions every signed extrinsic carries, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	// The signer may commit to the metadata's hash (RFC-0078), so that an
	// offline signer shows what it signs from metadata it can trust.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it travels: signed or not, not yet checked.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload an account signs to make a signed extrinsic.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	migrations::Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Babe = pallet_babe;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	// The market pallets start at index 20.
	#[runtime::pallet_index(20)]
	pub type ProviderStaking = pallet_provider_staking;

	#[runtime::pallet_index(21)]
	pub type PolicyEscrow = pallet_policy_escrow;

	#[runtime::pallet_index(22)]
	pub type Availability = pallet_availability;

	#[runtime::pallet_index(23)]
	pub type Tickets = pallet_tickets;

	#[runtime::pallet_index(24)]
	pub type ServiceClaims = pallet_service_claims;
}
