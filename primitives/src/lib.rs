//! Types, constants and pure algorithms shared by the market runtime, its
//! pallets, the node and off-chain clients.
//!
//! Everything here compiles with and without `std`, so a Rust dapp can use
//! exactly what the runtime uses to build and check the chain's payloads.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod availability;
pub mod claims;
pub mod domain;
pub mod escrow;
#[cfg(feature = "std")]
pub mod quorum;
pub mod sampling;
pub mod staking;
pub mod tickets;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// Signature of an extrinsic or an off-chain payload.
pub type Signature = MultiSignature;

/// An account on the chain: the public key behind [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Amount of the chain's token, in its smallest unit (see [`TOKEN_DECIMALS`]).
pub type Balance = u128;

/// Height of a block.
pub type BlockNumber = u32;

/// Per-account transaction counter.
pub type Nonce = u32;

/// Hash of a block or an extrinsic.
pub type Hash = sp_core::H256;

/// Index of a market round (a fixed number of blocks, see the staking pallet).
pub type RoundIndex = u32;

/// The token's ticker, shown by wallets.
pub const TOKEN_SYMBOL: &str = "MKT";

/// Number of decimal places between [`UNIT`] and the smallest unit.
pub const TOKEN_DECIMALS: u8 = 12;

/// Address format of the chain's accounts. 42 is the generic Substrate
/// format every wallet knows; it stays until the chain registers its own.
pub const SS58_PREFIX: u16 = 42;

/// One whole token.
pub const UNIT: Balance = 10u128.pow(TOKEN_DECIMALS as u32);
/// A thousandth of a token.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a token.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;

/// Balance below which an account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Target time between two blocks, in milliseconds.
pub const MILLISECS_PER_BLOCK: u64 = 6_000;

/// Length of a BABE slot: one block per slot is the target.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks in a minute, an hour and a day, for durations given in time.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// See [`MINUTES`].
pub const HOURS: BlockNumber = MINUTES * 60;
/// See [`MINUTES`].
pub const DAYS: BlockNumber = HOURS * 24;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn units_are_consistent() {
		assert_eq!(UNIT, 1_000_000_000_000);
		assert_eq!(MILLI_UNIT * 1_000, UNIT);
		assert_eq!(MICRO_UNIT * 1_000_000, UNIT);
		assert_eq!(MINUTES, 10);
		assert_eq!(DAYS, 14_400);
	}
}
