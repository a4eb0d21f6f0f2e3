//! # `market_*` JSON-RPC methods
//!
//! A dapp asks the node what the chain computes: rounds, snapshots, gateway
//! sets, committees and samples, providers, policies, ticket senders and
//! service-claim commitments. Each method calls the runtime's
//! [`MarketRuntimeApi`] at the block `at` (default: the best block) and
//! returns its answer as JSON (camelCase fields, balances as decimal
//! strings, accounts as SS58, seeds, roots and keys as `0x` hex).
//!
//! Every refusal is a JSON-RPC error with its own code ([`errors::codes`]),
//! a message naming what was asked (`"unknown policy 7"`, `"round 3 is
//! out of history (oldest kept is 5)"`) and the runtime's error as `data`.
//! Parameters that cannot be parsed get jsonrpsee's `-32602` with serde's
//! message. Accounts are SS58 or `0x` hex, `u64`s numbers or strings,
//! domain tags hex or 8 ASCII characters ([`params`]).
//!
//! The methods are served by [`Market`]; `market-node` merges
//! `Market::new(client).into_rpc()` into its RPC module.

pub mod errors;
pub mod params;

use errors::{refusal, runtime_error, Subject};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use market_primitives::{AccountId, Balance, BlockNumber};
use market_runtime_api::{
	CommitmentInfo, MarketApiError, Payable, PolicyInfo, ProviderInfo, RoundIndex, RoundInfo,
	RoundMember, RoundMembers, SenderInfo, SnapshotSummary, TicketState,
};
use params::{AccountParam, DomainParam, U64Param};
use sp_api::{ApiError, ApiRef, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;
use std::{marker::PhantomData, sync::Arc};

pub use market_runtime_api::MarketApi as MarketRuntimeApi;

/// The `market_*` methods. Every method takes an optional last parameter
/// `at`, the hash of the block to answer at (default: the best block).
#[rpc(client, server)]
pub trait MarketApi<BlockHash> {
	/// The round in progress: index, first block, length and seed.
	#[method(name = "market_currentRound")]
	fn current_round(&self, at: Option<BlockHash>) -> RpcResult<RoundInfo<BlockNumber>>;

	/// A round's snapshot summary: providers, total stake, seed, first block.
	#[method(name = "market_roundSnapshot")]
	fn round_snapshot(
		&self,
		round: RoundIndex,
		at: Option<BlockHash>,
	) -> RpcResult<SnapshotSummary<Balance, BlockNumber>>;

	/// The gateways judging `accused` in `round`, with their seats, in
	/// order of first draw, and the proof's seat threshold.
	#[method(name = "market_gateways")]
	fn gateways(
		&self,
		round: RoundIndex,
		accused: AccountParam,
		at: Option<BlockHash>,
	) -> RpcResult<RoundMembers<AccountId, Balance>>;

	/// The committee attesting `claimant`'s claims for `round`, with their
	/// seats, in order of first draw, and the attestation's seat threshold.
	#[method(name = "market_committee")]
	fn committee(
		&self,
		round: RoundIndex,
		claimant: AccountParam,
		at: Option<BlockHash>,
	) -> RpcResult<RoundMembers<AccountId, Balance>>;

	/// The first `n` providers drawn stake-weighted for `domain` in `round`.
	#[method(name = "market_sample")]
	fn sample(
		&self,
		round: RoundIndex,
		domain: DomainParam,
		n: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RoundMember<AccountId, Balance>>>;

	/// A provider's stake, lock, key, commitments, marks and claimable rewards.
	#[method(name = "market_provider")]
	fn provider(
		&self,
		provider: AccountParam,
		at: Option<BlockHash>,
	) -> RpcResult<ProviderInfo<Balance>>;

	/// A policy's terms, providers, their claimable fees and the owner's refunds.
	#[method(name = "market_policy")]
	fn policy(
		&self,
		policy: U64Param,
		at: Option<BlockHash>,
	) -> RpcResult<PolicyInfo<AccountId, Balance>>;

	/// A ticket sender's deposit, reserve and unlock state.
	#[method(name = "market_ticketSender")]
	fn ticket_sender(
		&self,
		sender: AccountParam,
		at: Option<BlockHash>,
	) -> RpcResult<SenderInfo<Balance, BlockNumber>>;

	/// The most `recipient` can be paid now by one of `sender`'s tickets.
	#[method(name = "market_maxPayable")]
	fn max_payable(
		&self,
		sender: AccountParam,
		recipient: AccountParam,
		at: Option<BlockHash>,
	) -> RpcResult<Payable<Balance>>;

	/// Whether the ticket with hash `ticket_hash` (blake2-256 of its SCALE
	/// encoding, `0x` hex) and `expiry` was redeemed.
	#[method(name = "market_ticketState")]
	fn ticket_state(
		&self,
		ticket_hash: sp_core::H256,
		expiry: BlockNumber,
		at: Option<BlockHash>,
	) -> RpcResult<TicketState>;

	/// `provider`'s pending commitment for `policy` and `round`, with its
	/// challenge indices.
	#[method(name = "market_commitment")]
	fn commitment(
		&self,
		policy: U64Param,
		provider: AccountParam,
		round: RoundIndex,
		at: Option<BlockHash>,
	) -> RpcResult<CommitmentInfo<BlockNumber>>;
}

/// Serves [`MarketApiServer`] from a client's runtime API.
pub struct Market<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> Market<C, Block> {
	/// Answers from `client`'s runtime at the asked (or best) block.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block> Market<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: MarketRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	/// Calls the runtime at `at` (or the best block) and maps both kinds of
	/// failure: the call's own, and the runtime's refusal.
	fn ask<R>(
		&self,
		at: Option<Block::Hash>,
		subject: Subject,
		call: impl FnOnce(
			ApiRef<'_, C::Api>,
			Block::Hash,
		) -> Result<Result<R, MarketApiError>, ApiError>,
	) -> RpcResult<R> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		match call(self.client.runtime_api(), at) {
			Ok(Ok(answer)) => Ok(answer),
			Ok(Err(error)) => Err(refusal(error, &subject)),
			Err(error) => Err(runtime_error(at, error)),
		}
	}
}

impl<C, Block> MarketApiServer<Block::Hash> for Market<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: MarketRuntimeApi<Block, AccountId, Balance, BlockNumber>,
{
	fn current_round(&self, at: Option<Block::Hash>) -> RpcResult<RoundInfo<BlockNumber>> {
		self.ask(at, Subject::default(), |api, at| api.current_round(at))
	}

	fn round_snapshot(
		&self,
		round: RoundIndex,
		at: Option<Block::Hash>,
	) -> RpcResult<SnapshotSummary<Balance, BlockNumber>> {
		self.ask(at, Subject::default(), |api, at| api.round_snapshot(at, round))
	}

	fn gateways(
		&self,
		round: RoundIndex,
		accused: AccountParam,
		at: Option<Block::Hash>,
	) -> RpcResult<RoundMembers<AccountId, Balance>> {
		self.ask(at, Subject::default(), |api, at| api.gateways(at, round, accused.0))
	}

	fn committee(
		&self,
		round: RoundIndex,
		claimant: AccountParam,
		at: Option<Block::Hash>,
	) -> RpcResult<RoundMembers<AccountId, Balance>> {
		self.ask(at, Subject::default(), |api, at| api.committee(at, round, claimant.0))
	}

	fn sample(
		&self,
		round: RoundIndex,
		domain: DomainParam,
		n: u32,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<RoundMember<AccountId, Balance>>> {
		self.ask(at, Subject::default(), |api, at| api.sample(at, round, domain.0, n))
	}

	fn provider(
		&self,
		provider: AccountParam,
		at: Option<Block::Hash>,
	) -> RpcResult<ProviderInfo<Balance>> {
		self.ask(at, Subject::account(&provider), |api, at| api.provider(at, provider.0))
	}

	fn policy(
		&self,
		policy: U64Param,
		at: Option<Block::Hash>,
	) -> RpcResult<PolicyInfo<AccountId, Balance>> {
		self.ask(at, Subject::default(), |api, at| api.policy(at, policy.0))
	}

	fn ticket_sender(
		&self,
		sender: AccountParam,
		at: Option<Block::Hash>,
	) -> RpcResult<SenderInfo<Balance, BlockNumber>> {
		self.ask(at, Subject::account(&sender), |api, at| api.ticket_sender(at, sender.0))
	}

	fn max_payable(
		&self,
		sender: AccountParam,
		recipient: AccountParam,
		at: Option<Block::Hash>,
	) -> RpcResult<Payable<Balance>> {
		self.ask(at, Subject::account(&sender), |api, at| {
			api.max_payable(at, sender.0, recipient.0)
		})
	}

	fn ticket_state(
		&self,
		ticket_hash: sp_core::H256,
		expiry: BlockNumber,
		at: Option<Block::Hash>,
	) -> RpcResult<TicketState> {
		self.ask(at, Subject::default(), |api, at| {
			api.ticket_state(at, ticket_hash, expiry).map(Ok)
		})
	}

	fn commitment(
		&self,
		policy: U64Param,
		provider: AccountParam,
		round: RoundIndex,
		at: Option<Block::Hash>,
	) -> RpcResult<CommitmentInfo<BlockNumber>> {
		let subject = Subject { claim: Some((policy.0, round)), ..Subject::account(&provider) };
		self.ask(at, subject, |api, at| api.commitment(at, policy.0, provider.0, round))
	}
}

#[cfg(test)]
mod tests;
