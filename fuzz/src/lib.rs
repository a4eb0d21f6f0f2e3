//! # Market runtime fuzzer
//!
//! Drives the real runtime (`market-runtime`, natively, every pallet as
//! configured) from the development genesis through random sequences of
//! every market call, Root parameter changes and block production across
//! round boundaries, and checks the chain's invariants as it goes:
//!
//! - after every call: a refused call changed nothing (same storage root),
//!   its refusal is a named error, and the weight it was charged is at most
//!   the weight it declared;
//! - after every block: every pallet's `try_state`, the sum of all
//!   balances equals the total issuance, and the issuance moved by exactly
//!   what the block's events document as minted or burned;
//! - always: no panic.
//!
//! ## Inputs
//!
//! A case is a byte string, read by [`arbitrary::Unstructured`] into steps
//! (see [`calls`]). The same bytes give the same case, so a failure found
//! from a random seed is saved as a file and replayed exactly, and the
//! corpus in `fuzz/corpus/` is a set of such files. The fuzzer holds every
//! key it uses, so besides garbage it signs valid tickets, VRF proofs,
//! receipts, Merkle openings, operator proofs and quorum statements: a
//! byte-level mutator alone would almost never produce those.
//!
//! Why not libFuzzer or honggfuzz: both need the whole runtime and its
//! dependency tree rebuilt with coverage instrumentation on nightly (more
//! than half an hour cold on the project's 2-core machine, and a second
//! build tree to keep warm), and their coverage feedback mostly rediscovers
//! what the structured generator already produces by construction. The
//! input format is theirs (bytes through `Unstructured`), so a
//! `cargo fuzz` target can call [`run_case`] unchanged when a bigger
//! machine is at hand.
//!
//! Everything here needs the `try-runtime` feature (the pallets'
//! `try_state`); without it the crate is empty.
#![cfg(feature = "try-runtime")]

pub mod actors;
pub mod calls;
pub mod chain;

use arbitrary::Unstructured;
use chain::{CallOutcome, Chain};
use frame_support::traits::GetCallMetadata;
use market_runtime::BlockNumber;
use sp_runtime::DispatchError;
use std::collections::BTreeMap;

/// An invariant broken, or a panic, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
	/// The block it happened in.
	pub block: BlockNumber,
	/// The call, if it happened in one.
	pub call: Option<String>,
	/// What went wrong.
	pub what: String,
}

impl Failure {
	/// A failure at the level of block `block`.
	pub fn block(block: BlockNumber, what: String) -> Self {
		Self { block, call: None, what }
	}

	/// A failure of `call` in block `block`.
	pub fn call(block: BlockNumber, call: &str, what: String) -> Self {
		Self { block, call: Some(call.to_owned()), what }
	}
}

impl core::fmt::Display for Failure {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "block {}: {}", self.block, self.what)?;
		if let Some(call) = &self.call {
			write!(f, "\n  call: {call}")?;
		}
		Ok(())
	}
}

impl std::error::Error for Failure {}

/// Bounds of one case.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
	/// Calls after which the case stops (it also stops when its input is
	/// used up).
	pub max_calls: u64,
	/// Print every step and its outcome to stderr (for reproducing a
	/// failure).
	pub trace: bool,
}

impl Default for Limits {
	fn default() -> Self {
		Self { max_calls: 5_000, trace: false }
	}
}

/// What a case did.
#[derive(Clone, Debug, Default)]
pub struct CaseReport {
	/// Calls dispatched.
	pub calls: u64,
	/// Of which accepted.
	pub accepted: u64,
	/// Blocks built.
	pub blocks: BlockNumber,
	/// Calls by `Pallet::call` and outcome (`ok` or the error's name).
	pub outcomes: BTreeMap<String, u64>,
}

impl CaseReport {
	/// Adds `other`'s counts to this report's.
	pub fn merge(&mut self, other: &CaseReport) {
		self.calls += other.calls;
		self.accepted += other.accepted;
		self.blocks += other.blocks;
		for (outcome, n) in &other.outcomes {
			*self.outcomes.entry(outcome.clone()).or_default() += n;
		}
	}
}

/// The name of a refusal: the pallet error's variant, or the dispatch
/// error's kind.
pub fn error_name(error: &DispatchError) -> String {
	match error {
		DispatchError::Module(m) => m.message.map(str::to_owned).unwrap_or_else(|| "Module".into()),
		other => format!("{other:?}"),
	}
}

/// Runs the case `data`: the development chain, the fuzz accounts funded
/// in block 1, then steps read from `data` until it is used up or
/// `limits.max_calls` calls were made; the last block is closed and
/// checked too. A panic anywhere is caught and returned as a failure.
pub fn run_case(data: &[u8], limits: &Limits) -> Result<CaseReport, Failure> {
	let mut last_block = 0;
	let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
		run_unguarded(data, limits, &mut last_block)
	}));
	match outcome {
		Ok(result) => result,
		Err(panic) => {
			let message = panic
				.downcast_ref::<String>()
				.cloned()
				.or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
				.unwrap_or_else(|| "a panic without a message".into());
			Err(Failure::block(last_block, format!("panic: {message}")))
		},
	}
}

fn run_unguarded(
	data: &[u8],
	limits: &Limits,
	last_block: &mut BlockNumber,
) -> Result<CaseReport, Failure> {
	let mut u = Unstructured::new(data);
	let mut memory = calls::Memory::default();
	let mut report = CaseReport::default();
	let mut chain = Chain::development();
	chain.begin_block()?;
	chain.with(actors::fund_fuzz_accounts);
	while report.calls < limits.max_calls && !u.is_empty() {
		*last_block = chain.number();
		let Ok(step) = chain.with(|| calls::next(&mut u, &mut memory)) else { break };
		match step {
			calls::Step::Call { origin, call } => {
				dispatch(&mut chain, origin, *call, limits, &mut report)?;
			},
			calls::Step::EndBlock => {
				if limits.trace {
					eprintln!("[{}] end of block", chain.number());
				}
				next_block(&mut chain, &mut u, limits, &mut report)?;
			},
			calls::Step::SkipBlocks(n) => {
				if limits.trace {
					eprintln!("[{}] end of block, then {n} empty blocks", chain.number());
				}
				for _ in 0..n {
					next_block(&mut chain, &mut u, limits, &mut report)?;
				}
			},
		}
	}
	*last_block = chain.number();
	chain.end_block()?;
	report.blocks = chain.number();
	Ok(report)
}

/// Dispatches one call and records its outcome.
fn dispatch(
	chain: &mut Chain,
	origin: market_runtime::RuntimeOrigin,
	call: market_runtime::RuntimeCall,
	limits: &Limits,
	report: &mut CaseReport,
) -> Result<(), Failure> {
	let name = {
		let meta = call.get_call_metadata();
		format!("{}::{}", meta.pallet_name, meta.function_name)
	};
	if limits.trace {
		eprintln!("[{}] {origin:?} {}", chain.number(), chain::describe(&call));
	}
	let outcome = match chain.dispatch(origin, call)? {
		CallOutcome::Ok => {
			report.accepted += 1;
			"ok".to_owned()
		},
		CallOutcome::Refused(error) => error_name(&error),
	};
	report.calls += 1;
	if limits.trace {
		eprintln!("    -> {outcome}");
	}
	*report.outcomes.entry(format!("{name} {outcome}")).or_default() += 1;
	Ok(())
}

/// Closes the open block and opens the next. In the first block of a
/// round, the genesis providers' agents commit to the next round, as
/// running agents do, each with probability 7/8 (so rounds with providers
/// missing happen too); without them most snapshots would be empty and
/// reports and claims would rarely get past their first check.
fn next_block(
	chain: &mut Chain,
	u: &mut Unstructured,
	limits: &Limits,
	report: &mut CaseReport,
) -> Result<(), Failure> {
	chain.end_block()?;
	chain.begin_block()?;
	let round_length =
		<market_runtime::Runtime as pallet_provider_staking::Config>::RoundLength::get();
	if chain.number() % round_length == 1 {
		for agent in actors::keys().actors.iter().take(4) {
			if u.ratio(7u8, 8u8).unwrap_or(true) {
				let call = market_runtime::RuntimeCall::ProviderStaking(
					pallet_provider_staking::Call::commit_to_next_round {},
				);
				dispatch(chain, actors::signed(&agent.account), call, limits, report)?;
			}
		}
	}
	Ok(())
}

/// Deterministic input bytes for `seed`: SplitMix64, so a seed names the
/// same case on every machine.
pub fn seeded_input(seed: u64, len: usize) -> Vec<u8> {
	let mut state = seed;
	let mut out = Vec::with_capacity(len + 8);
	while out.len() < len {
		state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
		let mut z = state;
		z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
		out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
	}
	out.truncate(len);
	out
}
