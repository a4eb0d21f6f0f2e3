#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod funds;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
mod types;
pub mod weights;

pub use market_primitives::{
	domain::SigningDomain,
	staking::ProviderRegistry,
	tickets::{Ticket, VrfBatchableBytes, VrfSignatureBytes, WinProbability},
	RoundIndex,
};
pub use weights::WeightInfo;

/// Log target of the pallet.
pub const LOG_TARGET: &str = "runtime::tickets";

/// Sets up providers for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` an active provider of the registry's current round (it
	/// may start new rounds to do so).
	fn make_active_provider(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::funds::SenderFunds;
	use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
	use alloc::vec::Vec;
	use frame_support::{
		dispatch::PostDispatchInfo,
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Restriction},
		},
	};
	use frame_system::pallet_prelude::*;
	use market_primitives::tickets::{
		is_winning, is_winning_batchable, verify_vrf, verify_vrf_batch,
	};
	use sp_runtime::{
		traits::{One, Saturating, Zero},
		AccountId32, MultiSignature, Perbill,
	};

	pub use crate::types::*;

	/// The layout version of the pallet's storage (see [`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Reasons for the pallet's holds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A sender's deposit, from which winning tickets are paid.
		#[codec(index = 0)]
		Deposit,
		/// A sender's penalty reserve.
		#[codec(index = 1)]
		Reserve,
	}

	#[pallet::config]
	pub trait Config:
		frame_system::Config<AccountId = AccountId32, RuntimeEvent: From<Event<Self>>>
	{
		/// The currency deposits and reserves are held on.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The providers: current round, snapshot size, activity (the
		/// staking pallet). The reserve is shared among a round's providers.
		type Registry: ProviderRegistry<Self::AccountId, BalanceOf<Self>>;

		/// Hard bound and default of `max_ticket_validity` in
		/// [`Parameters`]: no ticket is redeemed with an expiry more than
		/// this many blocks ahead, whatever Root sets, which bounds the
		/// used-ticket records. Suggested: 1 hour (600 blocks).
		#[pallet::constant]
		type MaxTicketValidity: Get<BlockNumberFor<Self>>;

		/// Default `unlock_period` of [`Parameters`]; must exceed
		/// `MaxTicketValidity` (`integrity_test`). Suggested: 2 hours (1,200
		/// blocks).
		#[pallet::constant]
		type UnlockPeriod: Get<BlockNumberFor<Self>>;

		/// Most tickets in one [`Pallet::redeem_winning_tickets`] call.
		/// Suggested: 1,000.
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Default `reporter_share` of [`Parameters`]: the share of a
		/// double signer's burned reserve paid to the reporter. Suggested:
		/// 10%.
		#[pallet::constant]
		type ReporterShare: Get<Perbill>;

		/// Most used-ticket records removed per block; must exceed the number
		/// of redemptions a block can hold. Suggested: 8,192.
		#[pallet::constant]
		type MaxPrunePerBlock: Get<u32>;

		/// Weights of the pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up providers for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Senders' unlock and freeze state; present from the first funding
	/// until the withdrawal.
	#[pallet::storage]
	pub type Senders<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SenderLedger<BlockNumberFor<T>>, OptionQuery>;

	/// Redeemed tickets, by `(expiry, ticket hash)`, until their expiry
	/// block is pruned. The hash is the ticket's identity: a different
	/// ticket never collides with a redeemed one.
	#[pallet::storage]
	pub type UsedTickets<T: Config> =
		StorageDoubleMap<_, Twox64Concat, BlockNumberFor<T>, Identity, [u8; 32], (), OptionQuery>;

	/// Set by the storage migration to version 1
	/// ([`migrations::v1`]): the last expiry block of a used-ticket record
	/// written by version 0 (keyed by sender and index). Until then,
	/// redemptions also check those records and double-sign evidence
	/// against a sender still frozen is refused, as version 0 did.
	/// Removed by `on_initialize` once the block has passed.
	#[pallet::storage]
	pub type V0RecordsUntil<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// Double signs already punished, by `(expiry, sender, index)` for the
	/// expiry of each of the two tickets proven, until that expiry block is
	/// pruned (with the used tickets). Evidence is only accepted while
	/// both tickets are unexpired, so a punished pair can never be
	/// replayed.
	#[pallet::storage]
	pub type DoubleSigned<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, BlockNumberFor<T>>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Identity, u64>,
		),
		(),
		OptionQuery,
	>;

	/// The first expiry block whose used-ticket records may still be stored:
	/// every record of an earlier expiry was removed.
	#[pallet::storage]
	pub type PruneCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// A sender's reserve at the first draw from it in a round: the base of
	/// the recipients' shares in that round.
	#[pallet::storage]
	pub type ReserveBase<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RoundIndex,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
		OptionQuery,
	>;

	/// What a recipient drew from a sender's reserve in a round, by `(round,
	/// sender, recipient)`.
	#[pallet::storage]
	pub type ReserveDrawn<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, RoundIndex>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		BalanceOf<T>,
		ValueQuery,
	>;

	/// The oldest round whose reserve draws may still be stored (rounds
	/// before the current one are pruned in `on_idle`).
	#[pallet::storage]
	pub type OldestReserveRound<T> = StorageValue<_, RoundIndex, ValueQuery>;

	/// The parameters of the `Config` constants: `MaxTicketValidity`,
	/// `UnlockPeriod`, `ReporterShare`.
	#[pallet::type_value]
	pub fn DefaultParams<T: Config>() -> ParametersOf<T> {
		Parameters {
			max_ticket_validity: T::MaxTicketValidity::get(),
			unlock_period: T::UnlockPeriod::get(),
			reporter_share: T::ReporterShare::get(),
		}
	}

	/// The pallet's current parameters (see [`Parameters`]); the `Config`
	/// defaults until genesis or Root sets them.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, ParametersOf<T>, ValueQuery, DefaultParams<T>>;

	/// The latest expiry a ticket could have been accepted with under
	/// parameters Root has since replaced: each [`Pallet::set_parameters`]
	/// raises it to `now + ` the replaced `max_ticket_validity`. An unlock
	/// never ends at or before it, so a shorter validity or unlock period
	/// cannot let funds leave before such a ticket expires.
	#[pallet::storage]
	pub type ExpiryHorizon<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The parameters a chain starts with.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Checked as by [`Pallet::set_parameters`]; defaults to the
		/// `Config` constants.
		pub parameters: ParametersOf<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { parameters: DefaultParams::<T>::get() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Invalid parameters must stop chain-spec creation: this runs
		// outside of any block, so aborting here is the refusal.
		fn build(&self) {
			if let Err(error) = Pallet::<T>::check_parameters(&self.parameters) {
				let reason: &'static str = error.into();
				// An invalid chain spec must not produce a chain.
				// qed: genesis build only, never reached by a transaction.
				panic!("invalid tickets genesis parameters: {reason}");
			}
			Params::<T>::put(self.parameters);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A sender added to its deposit and reserve.
		Funded {
			/// The sender.
			sender: T::AccountId,
			/// Added to the deposit.
			deposit: BalanceOf<T>,
			/// Added to the reserve.
			reserve: BalanceOf<T>,
		},
		/// A sender started a withdrawal.
		UnlockStarted {
			/// The sender.
			sender: T::AccountId,
			/// First block of the withdrawal.
			unlock_at: BlockNumberFor<T>,
		},
		/// A sender cancelled its withdrawal.
		UnlockCancelled {
			/// The sender.
			sender: T::AccountId,
		},
		/// A sender withdrew what was left of its funds.
		Withdrawn {
			/// The sender.
			sender: T::AccountId,
			/// Released from the deposit.
			deposit: BalanceOf<T>,
			/// Released from the reserve.
			reserve: BalanceOf<T>,
		},
		/// A winning ticket was redeemed.
		TicketRedeemed {
			/// The sender.
			sender: T::AccountId,
			/// The recipient, who was paid.
			recipient: T::AccountId,
			/// The ticket's index.
			index: u64,
			/// The ticket's hash.
			ticket_hash: [u8; 32],
			/// Paid from the deposit.
			from_deposit: BalanceOf<T>,
			/// Paid from the recipient's share of the reserve.
			from_reserve: BalanceOf<T>,
		},
		/// A batch was processed: one outcome per ticket, in order.
		TicketsRedeemed {
			/// The recipient, who was paid.
			recipient: T::AccountId,
			/// Total paid.
			paid: BalanceOf<T>,
			/// Per-ticket outcomes.
			results: BoundedVec<TicketOutcome<BalanceOf<T>>, T::MaxBatch>,
		},
		/// A sender was proven to have signed two tickets with one index.
		DoubleSignPunished {
			/// The cheater.
			sender: T::AccountId,
			/// The reused index.
			index: u64,
			/// Who proved it, paid `reward`.
			reporter: T::AccountId,
			/// Burned from the reserve.
			burned: BalanceOf<T>,
			/// Paid to the reporter from the reserve.
			reward: BalanceOf<T>,
			/// The deposit is frozen until this block.
			frozen_until: BlockNumberFor<T>,
		},
		/// A sender's deposit fell short of a winning ticket for the first
		/// time in `round`: recipients draw the shortfall from their
		/// shares of `reserve` during the round, and what is left is
		/// burned after it.
		Overdrawn {
			/// The sender.
			sender: T::AccountId,
			/// The round of the overdraft.
			round: RoundIndex,
			/// The reserve when it happened: the base of the shares.
			reserve: BalanceOf<T>,
		},
		/// What was left of an overdrawn sender's reserve after the round of
		/// the overdraft was burned.
		ReserveForfeited {
			/// The sender.
			sender: T::AccountId,
			/// The round of the overdraft.
			round: RoundIndex,
			/// Burned.
			burned: BalanceOf<T>,
		},
		/// Root set the parameters; unlocks in progress keep their end.
		ParametersSet {
			/// The new parameters.
			parameters: ParametersOf<T>,
			/// The new [`ExpiryHorizon`]: unlocks started from now on end
			/// after it.
			expiry_horizon: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Funding with nothing.
		ZeroAmount,
		/// The account has no funds in the pallet.
		NotFunded,
		/// An unlock is in progress: cancel it first.
		Unlocking,
		/// No unlock is in progress.
		NotUnlocking,
		/// The unlock period has not passed.
		UnlockPeriodNotOver,
		/// The sender double signed; its funds are frozen.
		Frozen,
		/// The ticket is for another chain, pallet or payload version.
		WrongDomain,
		/// The ticket's expiry block has been reached.
		Expired,
		/// The ticket's expiry is more than `max_ticket_validity` blocks
		/// ahead (the value in force, see [`Parameters`]).
		ExpiryTooFar,
		/// The caller is not the ticket's recipient.
		NotRecipient,
		/// A sender cannot pay itself.
		SelfPayment,
		/// The face value is zero.
		ZeroFaceValue,
		/// The sender's signature does not verify.
		BadSenderSignature,
		/// The recipient's account is not a valid sr25519 key, or the VRF
		/// proof does not verify against it.
		BadVrfProof,
		/// The ticket does not win.
		NotWinning,
		/// The ticket was already redeemed.
		AlreadyRedeemed,
		/// The deposit and the recipient's reserve share cannot pay the face
		/// value, and partial payment was not allowed (or nothing can be paid).
		InsufficientFunds,
		/// A fraud proof needs two tickets of the same sender.
		NotSameSender,
		/// A fraud proof needs two tickets with the same index.
		NotSameIndex,
		/// A fraud proof needs two different tickets.
		SameTicket,
		/// This double sign (sender and index, with one of the two tickets'
		/// expiries) was already punished: evidence is used once.
		AlreadyPunished,
		/// The sender's reserve pays an overdraft in the current round;
		/// it can withdraw once the round is over (and the rest of the
		/// reserve burned).
		Overdrawn,
		/// An amount overflowed.
		Overflow,
		/// Parameters: `max_ticket_validity` is zero.
		ZeroTicketValidity,
		/// Parameters: `max_ticket_validity` is above the `MaxTicketValidity`
		/// bound.
		TicketValidityAboveBound,
		/// Parameters: `unlock_period` does not exceed `max_ticket_validity`,
		/// so funds could leave before a valid ticket expires.
		UnlockPeriodTooShort,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Removes the used-ticket records of expired blocks, at most
		/// `MaxPrunePerBlock` keys.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::prune_used_tickets(now, T::MaxPrunePerBlock::get())
				.saturating_add(migrations::v1::end_transition::<T>(now))
		}

		/// Removes reserve draws of past rounds, within the leftover weight.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = frame_support::weights::WeightMeter::with_limit(remaining);
			Self::prune_reserve_draws(&mut meter);
			meter.consumed()
		}

		/// The bounds are positive and the defaults pass the parameter
		/// checks (`UnlockPeriod > MaxTicketValidity > 0`).
		fn integrity_test() {
			assert!(T::MaxBatch::get() > 0, "MaxBatch must be positive");
			assert!(T::MaxPrunePerBlock::get() > 0, "MaxPrunePerBlock must be positive");
			if let Err(error) = Self::check_parameters(&DefaultParams::<T>::get()) {
				let reason: &'static str = error.into();
				// `integrity_test` runs in the runtime's tests, never in a block.
				// qed: not reachable from any block or transaction.
				panic!("the Config defaults are invalid parameters: {reason}");
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `deposit` to the caller's deposit and `reserve` to its
		/// reserve, both held.
		///
		/// A reserve overdrawn in a past round is burned first (it was
		/// forfeited): new funds never pay for an old overdraft's penalty.
		///
		/// Origin: the sender. Errors: `ZeroAmount`, `Unlocking` (cancel the
		/// unlock first), `Frozen`, and the currency's if the balance cannot
		/// be held. Events: `ReserveForfeited` (if overdrawn), `Funded`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::fund())]
		pub fn fund(
			origin: OriginFor<T>,
			deposit: BalanceOf<T>,
			reserve: BalanceOf<T>,
		) -> DispatchResult {
			let sender = ensure_signed(origin)?;
			ensure!(!deposit.is_zero() || !reserve.is_zero(), Error::<T>::ZeroAmount);
			let mut ledger = Senders::<T>::get(&sender).unwrap_or_default();
			ensure!(ledger.unlock_at.is_none(), Error::<T>::Unlocking);
			ensure!(!Self::is_frozen(&ledger), Error::<T>::Frozen);
			// A reserve forfeited by a past overdraft is burned before new
			// funds join it.
			Self::forfeit_if_over(&sender, &mut ledger);
			if !deposit.is_zero() {
				T::Currency::hold(&HoldReason::Deposit.into(), &sender, deposit)?;
			}
			if !reserve.is_zero() {
				T::Currency::hold(&HoldReason::Reserve.into(), &sender, reserve)?;
			}
			Senders::<T>::insert(&sender, ledger);
			Self::deposit_event(Event::Funded { sender, deposit, reserve });
			Ok(())
		}

		/// Starts the withdrawal of the caller's deposit and reserve,
		/// possible `unlock_period` blocks later, or after the
		/// [`ExpiryHorizon`] if that is later (a recent change by Root).
		/// The block is fixed now: later changes of the parameters do not
		/// move it. Tickets stay redeemable meanwhile.
		///
		/// Origin: the sender. Errors: `NotFunded`, `Unlocking`, `Frozen`.
		/// Event: `UnlockStarted`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>) -> DispatchResult {
			let sender = ensure_signed(origin)?;
			let mut ledger = Senders::<T>::get(&sender).ok_or(Error::<T>::NotFunded)?;
			ensure!(ledger.unlock_at.is_none(), Error::<T>::Unlocking);
			ensure!(!Self::is_frozen(&ledger), Error::<T>::Frozen);
			let unlock_at = Self::now()
				.saturating_add(Params::<T>::get().unlock_period)
				.max(ExpiryHorizon::<T>::get().saturating_add(One::one()));
			ledger.unlock_at = Some(unlock_at);
			Senders::<T>::insert(&sender, ledger);
			Self::deposit_event(Event::UnlockStarted { sender, unlock_at });
			Ok(())
		}

		/// Cancels the caller's withdrawal.
		///
		/// Origin: the sender. Errors: `NotFunded`, `NotUnlocking`. Event:
		/// `UnlockCancelled`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_unlock())]
		pub fn cancel_unlock(origin: OriginFor<T>) -> DispatchResult {
			let sender = ensure_signed(origin)?;
			let mut ledger = Senders::<T>::get(&sender).ok_or(Error::<T>::NotFunded)?;
			ensure!(ledger.unlock_at.is_some(), Error::<T>::NotUnlocking);
			ledger.unlock_at = None;
			Senders::<T>::insert(&sender, ledger);
			Self::deposit_event(Event::UnlockCancelled { sender });
			Ok(())
		}

		/// Releases what is left of the caller's deposit and reserve once
		/// the unlock period is over, and forgets the sender. A reserve
		/// overdrawn in a past round is burned instead of released.
		///
		/// Origin: the sender. Errors: `NotFunded`, `NotUnlocking`,
		/// `UnlockPeriodNotOver`, `Frozen`, `Overdrawn` (the reserve pays an
		/// overdraft of the current round). Events: `ReserveForfeited` (if
		/// overdrawn), `Withdrawn`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>) -> DispatchResult {
			let sender = ensure_signed(origin)?;
			let mut ledger = Senders::<T>::get(&sender).ok_or(Error::<T>::NotFunded)?;
			Self::check_withdrawable(&ledger)?;
			// The reserve of an overdraft in a past round is burned, never
			// released.
			Self::forfeit_if_over(&sender, &mut ledger);
			let deposit = T::Currency::release_all(
				&HoldReason::Deposit.into(),
				&sender,
				Precision::BestEffort,
			)?;
			let reserve = T::Currency::release_all(
				&HoldReason::Reserve.into(),
				&sender,
				Precision::BestEffort,
			)?;
			Senders::<T>::remove(&sender);
			Self::deposit_event(Event::Withdrawn { sender, deposit, reserve });
			Ok(())
		}

		/// Redeems a winning ticket: pays its face value to the caller, its
		/// recipient, from the sender's deposit, then any shortfall from the
		/// recipient's share of the sender's reserve in the current round
		/// (see the pallet docs). With `allow_partial`, a ticket that cannot
		/// be paid in full is consumed for what can be paid; without, it is
		/// refused and stays redeemable.
		///
		/// Checks run cheapest first: the ticket's fields, the used record,
		/// the funds, the sender's signature, the VRF proof, the win. `vrf`
		/// is the 96-byte evaluation polkadot.js `sr25519VrfSign` returns.
		///
		/// Origin: the ticket's recipient. Errors: `WrongDomain`, `Expired`,
		/// `ExpiryTooFar`, `NotRecipient`, `SelfPayment`, `ZeroFaceValue`,
		/// `AlreadyRedeemed`, `NotFunded`, `InsufficientFunds`,
		/// `BadSenderSignature`, `BadVrfProof`, `NotWinning`. Event:
		/// `TicketRedeemed`.
		///
		/// Weight: charged `redeem_winning_ticket` (a draw from the reserve,
		/// the worst case); a ticket paid from the deposit alone is charged
		/// `redeem_winning_ticket_from_deposit` and the rest refunded.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::redeem_winning_ticket())]
		pub fn redeem_winning_ticket(
			origin: OriginFor<T>,
			ticket: TicketOf<T>,
			signature: MultiSignature,
			vrf: VrfSignatureBytes,
			allow_partial: bool,
		) -> DispatchResultWithPostInfo {
			let recipient = ensure_signed(origin)?;
			let now = Self::now();
			let validity = Params::<T>::get().max_ticket_validity;
			// Cheapest first: fields, the used record and the funds are a few
			// reads; the signature is a host call; the VRF is the most costly.
			Self::check_fields(&recipient, &ticket, now, validity)?;
			let (encoded, ticket_hash) = Self::encode_ticket(&ticket);
			ensure!(!Self::is_redeemed(&ticket, &ticket_hash), Error::<T>::AlreadyRedeemed);
			let mut funds = SenderFunds::<T>::load(&ticket.sender);
			let (from_deposit, from_reserve) =
				funds.take(&ticket.sender, &recipient, ticket.face_value, allow_partial)?;
			Self::check_encoded_signature(&ticket, &encoded, &signature)?;
			ensure!(
				verify_vrf(&Self::vrf_key(&recipient), &ticket_hash, &vrf),
				Error::<T>::BadVrfProof
			);
			ensure!(is_winning(&ticket_hash, &vrf, ticket.win_probability), Error::<T>::NotWinning);
			funds.settle(&ticket.sender, &recipient)?;
			UsedTickets::<T>::insert(ticket.expiry, ticket_hash, ());
			let actual_weight =
				(!funds.touched_reserve()).then(T::WeightInfo::redeem_winning_ticket_from_deposit);
			Self::deposit_event(Event::TicketRedeemed {
				sender: ticket.sender,
				recipient,
				index: ticket.index,
				ticket_hash,
				from_deposit,
				from_reserve,
			});
			Ok(PostDispatchInfo { actual_weight, pays_fee: Pays::Yes })
		}

		/// Redeems a batch of winning tickets, all for the caller. Each
		/// ticket is checked as by [`Pallet::redeem_winning_ticket`]; a
		/// failing ticket is skipped and nothing changes for it. Funds are
		/// read once per sender and moved with one transfer per sender and
		/// hold; `allow_partial` applies to every ticket.
		///
		/// The VRF proofs come in schnorrkel's batchable form
		/// ([`VrfBatchableBytes`], 128 bytes; `client::to_batchable` converts
		/// a polkadot.js evaluation off-chain) and are verified together
		/// with one multiscalar multiplication
		/// ([`market_primitives::tickets::verify_vrf_batch`]). The checks
		/// run in three passes: (1) per ticket, the fields, the used record
		/// and the sender's signature; (2) the VRF proofs of the tickets that
		/// passed, batched: they are all the caller's own, so if they do not
		/// verify together the whole batch is refused with `BadVrfProof`
		/// and nothing changes; (3) in order, the win, duplicates within the
		/// batch and the funds.
		///
		/// Origin: the recipient. Errors: `BadVrfProof` (the batch's proofs
		/// do not verify together); none for individual tickets otherwise
		/// (see the event's results). Event: `TicketsRedeemed`.
		///
		/// Weight: charged upfront for `n` tickets of the batch's distinct
		/// senders; the senders whose funds were never read (their tickets
		/// failed earlier checks) are refunded.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::batch_weight(
			batch.len() as u32,
			Pallet::<T>::distinct_senders(batch),
		))]
		pub fn redeem_winning_tickets(
			origin: OriginFor<T>,
			batch: BoundedVec<RedeemItem<T>, T::MaxBatch>,
			allow_partial: bool,
		) -> DispatchResultWithPostInfo {
			let recipient = ensure_signed(origin)?;
			let now = Self::now();
			let validity = Params::<T>::get().max_ticket_validity;
			let vrf_key = Self::vrf_key(&recipient);
			// Pass 1: everything but the VRF, cheapest first.
			let checked: Vec<Result<[u8; 32], DispatchError>> = batch
				.iter()
				.map(|item| {
					let ticket = &item.ticket;
					Self::check_fields(&recipient, ticket, now, validity)?;
					let (encoded, ticket_hash) = Self::encode_ticket(ticket);
					ensure!(!Self::is_redeemed(ticket, &ticket_hash), Error::<T>::AlreadyRedeemed);
					Self::check_encoded_signature(ticket, &encoded, &item.signature)?;
					Ok(ticket_hash)
				})
				.collect();
			// Pass 2: the VRF proofs, batched. They are all the caller's own,
			// so one bad proof refuses the batch rather than being searched for.
			let pending: Vec<([u8; 32], &VrfBatchableBytes)> = checked
				.iter()
				.zip(batch.iter())
				.filter_map(|(result, item)| result.as_ref().ok().map(|hash| (*hash, &item.vrf)))
				.collect();
			ensure!(verify_vrf_batch(&vrf_key, &pending), Error::<T>::BadVrfProof);
			// Pass 3: in order, the win, duplicates and the funds.
			let mut funds: BTreeMap<T::AccountId, SenderFunds<T>> = BTreeMap::new();
			let mut used: BTreeSet<(BlockNumberFor<T>, [u8; 32])> = BTreeSet::new();
			let mut results = BoundedVec::<_, T::MaxBatch>::new();
			let mut paid = BalanceOf::<T>::zero();
			for (result, item) in checked.into_iter().zip(batch.iter()) {
				let ticket = &item.ticket;
				let outcome = result.and_then(|ticket_hash| {
					ensure!(
						is_winning_batchable(&ticket_hash, &item.vrf, ticket.win_probability),
						Error::<T>::NotWinning
					);
					let key = (ticket.expiry, ticket_hash);
					ensure!(!used.contains(&key), Error::<T>::AlreadyRedeemed);
					let sender_funds = funds
						.entry(ticket.sender.clone())
						.or_insert_with(|| SenderFunds::<T>::load(&ticket.sender));
					let taken = sender_funds.take(
						&ticket.sender,
						&recipient,
						ticket.face_value,
						allow_partial,
					)?;
					used.insert(key);
					Ok(taken)
				});
				let result = match outcome {
					Ok((from_deposit, from_reserve)) => {
						paid = paid.saturating_add(from_deposit).saturating_add(from_reserve);
						TicketOutcome::Paid { index: ticket.index, from_deposit, from_reserve }
					},
					Err(error) => TicketOutcome::Failed { index: ticket.index, error },
				};
				// Never fails: the batch has at most `MaxBatch` items.
				let _ = results.try_push(result);
			}
			let senders = funds.len() as u32;
			for (sender, sender_funds) in funds.iter() {
				sender_funds.settle(sender, &recipient)?;
			}
			for (expiry, ticket_hash) in used.iter() {
				UsedTickets::<T>::insert(expiry, ticket_hash, ());
			}
			Self::deposit_event(Event::TicketsRedeemed { recipient, paid, results });
			let actual = Self::batch_weight(batch.len() as u32, senders);
			Ok(PostDispatchInfo { actual_weight: Some(actual), pays_fee: Pays::Yes })
		}

		/// Proves that a sender signed two different tickets with the same
		/// index: burns its reserve, pays `reporter_share` of it to the
		/// caller (nothing if the caller is the sender itself), and freezes
		/// the deposit for `max_ticket_validity` blocks (the [`Parameters`]
		/// in force; no funding, unlock or withdrawal; tickets stay
		/// redeemable).
		///
		/// Evidence is used once: both tickets must be unexpired and within
		/// `max_ticket_validity`, and a double sign already punished under
		/// either ticket's expiry is refused ([`DoubleSigned`]). Every other
		/// reuse of an index is a new offence, punished again.
		///
		/// Origin: anyone signed. Errors: `NotSameSender`, `NotSameIndex`,
		/// `SameTicket`, `WrongDomain`, `Expired`, `ExpiryTooFar`,
		/// `AlreadyPunished`, `BadSenderSignature`, `NotFunded`. Event:
		/// `DoubleSignPunished`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report_double_signed())]
		pub fn report_double_signed(
			origin: OriginFor<T>,
			ticket_a: TicketOf<T>,
			signature_a: MultiSignature,
			ticket_b: TicketOf<T>,
			signature_b: MultiSignature,
		) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			ensure!(ticket_a.sender == ticket_b.sender, Error::<T>::NotSameSender);
			ensure!(ticket_a.index == ticket_b.index, Error::<T>::NotSameIndex);
			ensure!(ticket_a != ticket_b, Error::<T>::SameTicket);
			let domain = Self::signing_domain();
			ensure!(
				ticket_a.domain == domain && ticket_b.domain == domain,
				Error::<T>::WrongDomain
			);
			let now = Self::now();
			let params = Params::<T>::get();
			let sender = ticket_a.sender.clone();
			let index = ticket_a.index;
			for expiry in [ticket_a.expiry, ticket_b.expiry] {
				ensure!(expiry > now, Error::<T>::Expired);
				ensure!(
					expiry <= now.saturating_add(params.max_ticket_validity),
					Error::<T>::ExpiryTooFar
				);
				ensure!(
					!DoubleSigned::<T>::contains_key((expiry, &sender, index)),
					Error::<T>::AlreadyPunished
				);
			}
			Self::check_sender_signature(&ticket_a, &signature_a)?;
			Self::check_sender_signature(&ticket_b, &signature_b)?;
			let mut ledger = Senders::<T>::get(&sender).ok_or(Error::<T>::NotFunded)?;
			ensure!(
				![ticket_a.expiry, ticket_b.expiry]
					.iter()
					.any(|expiry| migrations::v1::punished_under_v0::<T>(*expiry, &ledger)),
				Error::<T>::AlreadyPunished
			);
			let reason: T::RuntimeHoldReason = HoldReason::Reserve.into();
			let reserve = T::Currency::balance_on_hold(&reason, &sender);
			// The sender reporting itself gets nothing back: it would
			// otherwise recover `reporter_share` of its own penalty. (A
			// second account of its own is a Sybil no chain can recognize.)
			let reward = if reporter == sender {
				Zero::zero()
			} else {
				params.reporter_share.mul_floor(reserve)
			};
			let reward = if reward.is_zero() {
				reward
			} else {
				T::Currency::transfer_on_hold(
					&reason,
					&sender,
					&reporter,
					reward,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Polite,
				)
				// A reward below the reporter's existential deposit is burned
				// with the rest.
				.unwrap_or_else(|_| Zero::zero())
			};
			let rest = T::Currency::balance_on_hold(&reason, &sender);
			let burned = if rest.is_zero() {
				rest
			} else {
				T::Currency::burn_held(&reason, &sender, rest, Precision::Exact, Fortitude::Polite)?
			};
			let frozen_until = now
				.saturating_add(params.max_ticket_validity)
				.max(ledger.frozen_until.unwrap_or_default());
			ledger.frozen_until = Some(frozen_until);
			// The reserve is gone: nothing of an overdraft is left to forfeit.
			ledger.overdrawn_in = None;
			Senders::<T>::insert(&sender, ledger);
			for expiry in [ticket_a.expiry, ticket_b.expiry] {
				DoubleSigned::<T>::insert((expiry, &sender, index), ());
			}
			Self::deposit_event(Event::DoubleSignPunished {
				sender,
				index,
				reporter,
				burned,
				reward,
				frozen_until,
			});
			Ok(())
		}

		/// Sets the pallet's [`Parameters`] from the next call on, and
		/// raises [`ExpiryHorizon`] to `now +` the replaced
		/// `max_ticket_validity`. Unlocks in progress keep their end;
		/// unlocks started later end after the horizon, so tickets accepted
		/// under the replaced validity stay payable (see the pallet docs).
		///
		/// Origin: Root. Errors: `BadOrigin`, `ZeroTicketValidity`,
		/// `TicketValidityAboveBound`, `UnlockPeriodTooShort`. Event:
		/// `ParametersSet`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(origin: OriginFor<T>, parameters: ParametersOf<T>) -> DispatchResult {
			ensure_root(origin)?;
			Self::check_parameters(&parameters)?;
			let replaced = Params::<T>::get();
			let expiry_horizon = ExpiryHorizon::<T>::get()
				.max(Self::now().saturating_add(replaced.max_ticket_validity));
			ExpiryHorizon::<T>::put(expiry_horizon);
			Params::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters, expiry_horizon });
			Ok(())
		}
	}
}
