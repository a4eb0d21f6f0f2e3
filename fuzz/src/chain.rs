//! The chain under test: the development genesis in memory, blocks built
//! as a node builds them (a BABE pre-digest with a real VRF output, the
//! timestamp inherent, `Executive`'s hooks), and the checks that run after
//! every call and every block.

use crate::Failure;
use codec::Encode;
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	traits::{TryState, TryStateSelect},
};
use market_runtime::{
	genesis_config_presets::get_preset, Balance, BlockNumber, Executive, Header, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, UncheckedExtrinsic,
};
use sp_consensus_babe::{
	digests::{PreDigest, PrimaryPreDigest},
	Slot, BABE_ENGINE_ID,
};
use sp_core::{crypto::VrfSecret, H256};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	Digest, DigestItem, DispatchError, StateVersion,
};

/// First slot of the fuzzed chain: about the slot of a chain started in
/// 2026 with six-second slots, so timestamps look real.
const FIRST_SLOT: u64 = 296_000_000;

/// What a dispatched call did.
pub enum CallOutcome {
	/// Accepted.
	Ok,
	/// Refused with this error.
	Refused(DispatchError),
}

/// The development chain, in memory.
pub struct Chain {
	ext: sp_io::TestExternalities,
	parent: H256,
	number: BlockNumber,
	slot: u64,
	/// Total issuance when the open block started.
	issuance_at_start: Balance,
	in_block: bool,
}

impl Chain {
	/// The development preset's genesis, before block 1.
	pub fn development() -> Self {
		let json = get_preset(&PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET))
			.expect("the development preset exists; qed");
		let mut ext = sp_io::TestExternalities::default();
		let parent = ext.execute_with(|| {
			frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
				.expect("the development preset builds; qed");
			frame_system::Pallet::<Runtime>::block_hash(0)
		});
		Self { ext, parent, number: 0, slot: FIRST_SLOT, issuance_at_start: 0, in_block: false }
	}

	/// Runs `f` against the chain's state.
	pub fn with<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.ext.execute_with(f)
	}

	/// The number of the open block, or of the last one built.
	pub fn number(&self) -> BlockNumber {
		self.number
	}

	/// Opens the next block as an author would: a primary BABE pre-digest
	/// for the next slot whose VRF output Alice (the development
	/// authority) computes over the epoch's randomness, the block's hooks,
	/// then the timestamp inherent of that slot.
	pub fn begin_block(&mut self) -> Result<(), Failure> {
		debug_assert!(!self.in_block);
		self.number += 1;
		self.slot += 1;
		let (number, slot, parent) = (self.number, self.slot, self.parent);
		let result = self.ext.execute_with(|| -> Result<Balance, Failure> {
			// Before the hooks: what `on_initialize` mints or burns is
			// documented by the block's events, which start here.
			let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
			let digest = babe_digest(number, slot);
			let header = Header::new(number, H256::zero(), H256::zero(), parent, digest);
			Executive::initialize_block(&header);
			let now = slot * pallet_babe::Pallet::<Runtime>::slot_duration();
			let inherent =
				UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
					now,
				}));
			match Executive::apply_extrinsic(inherent) {
				Ok(Ok(())) => {},
				other => {
					return Err(Failure::block(number, format!("timestamp inherent: {other:?}")))
				},
			}
			Executive::inherents_applied();
			Ok(issuance)
		});
		self.issuance_at_start = result?;
		self.in_block = true;
		Ok(())
	}

	/// Dispatches `call` from `origin` in the open block and checks the
	/// call-level invariants: a refusal leaves the state exactly as it was
	/// (same storage root), the weight charged after the call is at most
	/// the weight declared before it, and a refusal is a named error.
	pub fn dispatch(
		&mut self,
		origin: RuntimeOrigin,
		call: RuntimeCall,
	) -> Result<CallOutcome, Failure> {
		debug_assert!(self.in_block);
		let number = self.number;
		self.ext.execute_with(|| {
			let declared = call.get_dispatch_info().call_weight;
			let root_before = sp_io::storage::root(StateVersion::V1);
			let described = describe(&call);
			let (post, outcome) = match call.dispatch(origin) {
				Ok(post) => (post, CallOutcome::Ok),
				Err(e) => (e.post_info, CallOutcome::Refused(e.error)),
			};
			let PostDispatchInfo { actual_weight, .. } = post;
			if let Some(actual) = actual_weight {
				if !actual.all_lte(declared) {
					return Err(Failure::call(
						number,
						&described,
						format!("charged {actual:?} after declaring {declared:?}"),
					));
				}
			}
			if let CallOutcome::Refused(error) = &outcome {
				let root_after = sp_io::storage::root(StateVersion::V1);
				if root_after != root_before {
					return Err(Failure::call(
						number,
						&described,
						format!("refused with {error:?} but changed the state"),
					));
				}
				if matches!(
					error,
					DispatchError::Other(_)
						| DispatchError::Corruption
						| DispatchError::Unavailable
						| DispatchError::Exhausted
				) {
					return Err(Failure::call(
						number,
						&described,
						format!("refused with an unnamed or internal error {error:?}"),
					));
				}
			}
			Ok(outcome)
		})
	}

	/// Closes the open block (`on_idle`, `on_finalize`, state root) and
	/// checks the block-level invariants:
	///
	/// - every pallet's `try_state`;
	/// - the sum of all accounts' free and reserved (held) balances equals
	///   the total issuance;
	/// - the issuance changed by exactly what balances' events document:
	///   minted, issued and restored in, burned, rescinded and suspended out.
	pub fn end_block(&mut self) -> Result<(), Failure> {
		debug_assert!(self.in_block);
		let number = self.number;
		let issuance_at_start = self.issuance_at_start;
		let header = self.ext.execute_with(|| -> Result<Header, Failure> {
			let header = Executive::finalize_block();
			try_state_each(number)?;
			check_money(number, issuance_at_start)?;
			Ok(header)
		})?;
		self.ext
			.commit_all()
			.map_err(|e| Failure::block(number, format!("committing the block: {e}")))?;
		self.parent = header.hash();
		self.in_block = false;
		Ok(())
	}
}

/// Every pallet's `try_state`, one by one so that a failure names its
/// pallet and check (the runtime's tuple only logs them).
fn try_state_each(number: BlockNumber) -> Result<(), Failure> {
	macro_rules! each {
		($($pallet:ident),* $(,)?) => {$(
			<market_runtime::$pallet as TryState<BlockNumber>>::try_state(
				number,
				TryStateSelect::All,
			)
			.map_err(|e| {
				Failure::block(number, format!("{} try_state: {e:?}", stringify!($pallet)))
			})?;
		)*};
	}
	each!(
		System,
		Timestamp,
		Babe,
		Grandpa,
		Balances,
		TransactionPayment,
		Sudo,
		ProviderStaking,
		PolicyEscrow,
		Availability,
		Tickets,
		ServiceClaims,
	);
	Ok(())
}

/// The BABE pre-digest of block `number` at `slot`, with Alice's VRF output
/// over the randomness and epoch the block will be in. The epoch changes
/// in the block's `on_initialize` when the slot has passed the current
/// epoch's end; the runtime takes the new epoch's randomness from
/// `NextRandomness`.
fn babe_digest(number: BlockNumber, slot: u64) -> Digest {
	use pallet_babe::{EpochIndex, GenesisSlot, NextRandomness, Randomness};
	let duration = <Runtime as pallet_babe::Config>::EpochDuration::get();
	let genesis_slot = match *GenesisSlot::<Runtime>::get() {
		0 => slot,
		s => s,
	};
	let epoch = EpochIndex::<Runtime>::get();
	let epoch_start = genesis_slot + epoch * duration;
	let (epoch, randomness) = if number > 1 && slot.saturating_sub(epoch_start) >= duration {
		(epoch + 1, NextRandomness::<Runtime>::get())
	} else {
		(epoch, Randomness::<Runtime>::get())
	};
	let sign_data = sp_consensus_babe::make_vrf_sign_data(&randomness, Slot::from(slot), epoch);
	let vrf_signature = Sr25519Keyring::Alice.pair().vrf_sign(&sign_data);
	let pre = PreDigest::Primary(PrimaryPreDigest {
		authority_index: 0,
		slot: Slot::from(slot),
		vrf_signature,
	});
	Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre.encode())] }
}

/// The money checks of [`Chain::end_block`].
fn check_money(number: BlockNumber, issuance_at_start: Balance) -> Result<(), Failure> {
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	let mut held: Balance = 0;
	for (_, info) in frame_system::Account::<Runtime>::iter() {
		held = held
			.checked_add(info.data.free)
			.and_then(|h| h.checked_add(info.data.reserved))
			.ok_or_else(|| Failure::block(number, "account balances overflow".into()))?;
	}
	if held != issuance {
		return Err(Failure::block(
			number,
			format!("accounts hold {held} but the total issuance is {issuance}"),
		));
	}
	// Every change of the issuance has its event: `Minted`/`Burned` (into
	// and from an account), `BurnedHeld`, `Suspended`/`Restored`, `Issued`/
	// `Rescinded` (an imbalance created), `MintedCredit`/`BurnedDebt` (an
	// imbalance dropped: dust, unpaid slashes), `TotalIssuanceForced`.
	let (mut added, mut removed): (Balance, Balance) = (0, 0);
	for record in frame_system::Pallet::<Runtime>::read_events_no_consensus() {
		use pallet_balances::Event as B;
		if let RuntimeEvent::Balances(event) = record.event {
			match event {
				B::Minted { amount, .. }
				| B::MintedCredit { amount }
				| B::Issued { amount }
				| B::Restored { amount, .. } => added = added.saturating_add(amount),
				B::Burned { amount, .. }
				| B::BurnedDebt { amount }
				| B::BurnedHeld { amount, .. }
				| B::Rescinded { amount }
				| B::Suspended { amount, .. } => removed = removed.saturating_add(amount),
				B::TotalIssuanceForced { old, new } => {
					added = added.saturating_add(new.saturating_sub(old));
					removed = removed.saturating_add(old.saturating_sub(new));
				},
				_ => {},
			}
		}
	}
	let documented =
		i128::try_from(added).unwrap_or(i128::MAX) - i128::try_from(removed).unwrap_or(i128::MAX);
	let actual = i128::try_from(issuance).unwrap_or(i128::MAX)
		- i128::try_from(issuance_at_start).unwrap_or(i128::MAX);
	if documented != actual {
		let events: Vec<String> = frame_system::Pallet::<Runtime>::read_events_no_consensus()
			.map(|record| format!("{:?}", record.event))
			.collect();
		return Err(Failure::block(
			number,
			format!(
				"the issuance moved by {actual} but the block's events document {documented} \
				 ({added} in, {removed} out); events: {events:#?}"
			),
		));
	}
	Ok(())
}

/// `Pallet::call` and its arguments, for reports.
pub fn describe(call: &RuntimeCall) -> String {
	let text = format!("{call:?}");
	if text.len() > 600 {
		format!("{}…", &text[..text.char_indices().nth(600).map(|(i, _)| i).unwrap_or(0)])
	} else {
		text
	}
}
