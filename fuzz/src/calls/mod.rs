//! Turning fuzz input into the next step: a market call (signed, or Root
//! for parameter changes), the end of a block, or a run of empty blocks.
//!
//! Each pallet's module builds its calls with arguments biased towards the
//! interesting ones: valid signatures, VRF proofs and Merkle openings made
//! with keys the fuzzer holds, next to garbage; amounts at the boundaries
//! (zero, the existential deposit, the minimum stake, everything, more
//! than everything); past, current, future and far-away rounds; tickets
//! replayed, expired and signed twice.

mod availability;
mod balances;
mod claims;
mod escrow;
mod quorum;
mod staking;
mod tickets;

use crate::actors::{keys, Actor};
use arbitrary::{Result, Unstructured};
use frame_support::traits::Get;
use market_primitives::{escrow::PolicyId, RoundIndex};
use market_runtime::{AccountId, Balance, BlockNumber, Runtime, RuntimeCall, RuntimeOrigin, UNIT};

pub use claims::Committed;
pub use tickets::SignedTicket;

/// One step of a case.
pub enum Step {
	/// Dispatch `call` from `origin` in the open block.
	Call {
		/// Signed by an actor, or Root.
		origin: RuntimeOrigin,
		/// The call (boxed: calls are large, the other steps small).
		call: Box<RuntimeCall>,
	},
	/// Close the block and open the next.
	EndBlock,
	/// Close the block, then build this many empty blocks.
	SkipBlocks(u32),
}

/// What the fuzzer remembers between steps, to replay and to open.
#[derive(Default)]
pub struct Memory {
	/// Tickets signed so far (the most recent ones), for replays and double
	/// signs.
	pub tickets: Vec<SignedTicket>,
	/// The next fresh ticket index.
	pub next_ticket_index: u64,
	/// Commitments made so far (the most recent ones), for openings.
	pub commitments: Vec<Committed>,
}

/// Most remembered tickets and commitments.
const MEMORY: usize = 64;

/// The input and the memory, with the choosers the pallets' modules share.
pub struct Gen<'a, 'b> {
	/// The fuzz input.
	pub u: &'a mut Unstructured<'b>,
	/// What earlier steps left.
	pub memory: &'a mut Memory,
}

/// The next step. Runs against the chain's state (it reads rounds,
/// snapshots and policies to aim its arguments).
pub fn next(u: &mut Unstructured, memory: &mut Memory) -> Result<Step> {
	let mut g = Gen { u, memory };
	let step = match g.u.int_in_range(0..=99u8)? {
		0..=9 => Step::EndBlock,
		10..=11 => Step::SkipBlocks(g.skip()?),
		12..=27 => staking::next(&mut g)?,
		28..=41 => escrow::next(&mut g)?,
		42..=51 => availability::next(&mut g)?,
		52..=71 => tickets::next(&mut g)?,
		72..=89 => claims::next(&mut g)?,
		_ => balances::next(&mut g)?,
	};
	Ok(step)
}

/// `call` signed by `who`.
fn signed(who: &AccountId, call: RuntimeCall) -> Step {
	Step::Call { origin: RuntimeOrigin::signed(who.clone()), call: Box::new(call) }
}

/// `call` from Root.
fn root(call: RuntimeCall) -> Step {
	Step::Call { origin: RuntimeOrigin::root(), call: Box::new(call) }
}

impl Gen<'_, '_> {
	/// One of `items` (the first if the input is exhausted).
	pub fn pick<T: Clone>(&mut self, items: &[T]) -> Result<T> {
		self.u.choose(items).cloned()
	}

	/// True with probability about `percent` / 100.
	pub fn chance(&mut self, percent: u8) -> Result<bool> {
		Ok(self.u.int_in_range(0..=99u8)? < percent)
	}

	/// Any actor.
	pub fn actor(&mut self) -> Result<&'static Actor> {
		self.u.choose(&keys().actors)
	}

	/// An actor with a staking ledger most of the time (a provider), any
	/// actor otherwise.
	pub fn provider(&mut self) -> Result<&'static Actor> {
		let providers: Vec<&'static Actor> = keys()
			.actors
			.iter()
			.filter(|a| pallet_provider_staking::Ledgers::<Runtime>::contains_key(&a.account))
			.collect();
		if providers.is_empty() || self.chance(10)? {
			self.actor()
		} else {
			self.u.choose(&providers).copied()
		}
	}

	/// An actor's account, or now and then an account nobody holds.
	pub fn account(&mut self) -> Result<AccountId> {
		if self.chance(8)? {
			Ok(AccountId::new(self.u.arbitrary()?))
		} else {
			Ok(self.actor()?.account.clone())
		}
	}

	/// An amount at a boundary of `reference` (what the caller has, or has
	/// staked) or of the chain's constants, or any amount up to it.
	pub fn amount(&mut self, reference: Balance) -> Result<Balance> {
		let ed: Balance = <Runtime as pallet_balances::Config>::ExistentialDeposit::get();
		let min_stake: Balance = <Runtime as pallet_provider_staking::Config>::MinStake::get();
		Ok(match self.u.int_in_range(0..=13u8)? {
			0 => 0,
			1 => 1,
			2 => ed.saturating_sub(1),
			3 => ed,
			4 => min_stake.saturating_sub(1),
			5 => min_stake,
			6 => min_stake.saturating_add(UNIT),
			7 => reference,
			8 => reference.saturating_add(1),
			9 => reference / 2,
			10 => reference.saturating_sub(ed),
			11 => Balance::MAX,
			_ => self.u.int_in_range(0..=reference)?,
		})
	}

	/// The current round.
	pub fn current_round(&self) -> RoundIndex {
		pallet_provider_staking::CurrentRound::<Runtime>::get()
	}

	/// A round: mostly the current one or a recent one (where reports and
	/// claims are made), sometimes the next ones, round 0, the far future
	/// or any round up to a few ahead.
	pub fn round(&mut self) -> Result<RoundIndex> {
		let current = self.current_round();
		Ok(match self.u.int_in_range(0..=11u8)? {
			0..=2 => current,
			3..=4 => current.saturating_sub(1),
			5 => current.saturating_sub(2),
			6 => current.saturating_sub(self.u.int_in_range(3..=20)?),
			7 => current.saturating_add(1),
			8 => current.saturating_add(2),
			9 => 0,
			10 => RoundIndex::MAX,
			_ => self.u.int_in_range(0..=current.saturating_add(4))?,
		})
	}

	/// A policy id: mostly an existing one (recent ones more often), else
	/// the next id or one far out.
	pub fn policy(&mut self) -> Result<PolicyId> {
		let next = pallet_policy_escrow::NextPolicyId::<Runtime>::get();
		Ok(match self.u.int_in_range(0..=9u8)? {
			_ if next == 0 => self.pick(&[0, 1, PolicyId::MAX])?,
			0..=4 => next - 1,
			5..=7 => self.u.int_in_range(0..=next - 1)?,
			8 => next,
			_ => PolicyId::MAX,
		})
	}

	/// A count with its boundaries: 0, 1, the bound, one past it, `MAX`,
	/// or anything up to the bound.
	pub fn count(&mut self, bound: u32) -> Result<u32> {
		Ok(match self.u.int_in_range(0..=7u8)? {
			0 => 0,
			1 => 1,
			2 => bound,
			3 => bound.saturating_add(1),
			4 => u32::MAX,
			_ => self.u.int_in_range(0..=bound)?,
		})
	}

	/// How many empty blocks to build: mostly up to a round boundary or
	/// two, sometimes past the development chain's ticket validity (100
	/// blocks) and unlock period (200 blocks).
	fn skip(&mut self) -> Result<u32> {
		let round = <Runtime as pallet_provider_staking::Config>::RoundLength::get();
		Ok(match self.u.int_in_range(0..=15u8)? {
			0..=5 => 1,
			6..=9 => round,
			10..=12 => self.u.int_in_range(1..=3 * round)?,
			13 => 4 * round + 1,
			14 => 101,
			_ => 201,
		})
	}

	/// A block number around now: past, now, soon, at and past `horizon`
	/// blocks ahead.
	pub fn block_around_now(&mut self, horizon: BlockNumber) -> Result<BlockNumber> {
		let now = frame_system::Pallet::<Runtime>::block_number();
		Ok(match self.u.int_in_range(0..=9u8)? {
			0 => now.saturating_sub(1),
			1 => now,
			2 => now + 1,
			3 => now.saturating_add(horizon),
			4 => now.saturating_add(horizon).saturating_add(1),
			5 => BlockNumber::MAX,
			_ => now.saturating_add(self.u.int_in_range(2..=horizon.max(2))?),
		})
	}

	/// A 32-byte value: zeros, a small pattern, or arbitrary.
	pub fn bytes32(&mut self) -> Result<[u8; 32]> {
		Ok(match self.u.int_in_range(0..=3u8)? {
			0 => [0; 32],
			1 => [self.u.arbitrary()?; 32],
			_ => self.u.arbitrary()?,
		})
	}

	/// Remembers `item` in `list`, forgetting the oldest past [`MEMORY`].
	pub fn remember<T>(list: &mut Vec<T>, item: T) {
		if list.len() >= MEMORY {
			list.remove(0);
		}
		list.push(item);
	}
}
