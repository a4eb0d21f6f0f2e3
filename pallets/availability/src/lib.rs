//! # Availability pallet
//!
//! Proofs of unavailability signed by a quorum of the round's gateways (the
//! paper's "confirm availability" solution, section 3).
//!
//! ## Gateways
//!
//! The gateways judging provider `A` in round `r` hold `seats` seats drawn
//! with replacement from `r`'s seed over `r`'s snapshot without `A`, with
//! the [`GATEWAYS`] domain tag ([`ProviderRegistry::draw_seats`], i.e.
//! [`market_primitives::availability::gateway_seats`]). A gateway drawn
//! `m` times holds `m` seats and its one signature counts for all of them.
//! Nothing is stored: anyone recomputes the gateways of any accused and
//! round still in the registry's history ([`Pallet::gateways`]). The paper
//! maps each hash to a provider index uniformly; we draw seats in
//! proportion to stake instead, so that splitting a stake into many
//! identities (Sybils) gains no seat in expectation, and the accused is
//! never among its judges, so proofs work at every market size (the four
//! providers of the development chain included).
//!
//! `seats` and `threshold` are [`GatewayParameters`] ([`Params`]), set at
//! genesis and by Root ([`Pallet::set_parameters`]): `seats /2 < threshold
//! <= seats <= MaxGatewaySeats`. The forgery probabilities at 4, 10, 100
//! and 10,000 providers are in [`market_primitives::availability`].
//!
//! ## Proofs
//!
//! A requester whose provider does not answer complains to a gateway, which
//! forwards the request and, failing an answer, asks the other gateways to
//! do the same. When none gets an answer, the gateways sign an
//! [`UnavailabilityStatement`] (accused provider, round, hash of the
//! complaint) under the chain's availability [`SigningDomain`]
//! ([`Pallet::signing_domain`], [`statement_payload`]) with their sr25519
//! operator keys. Anyone submits it with [`Pallet::report_unavailable`]; the
//! fee is refunded on success.
//!
//! A proof is accepted if gateways of the accused and round holding at
//! least `threshold` seats signed it validly, the accused is in the round's
//! snapshot, the round has started and is at most
//! `MaxReportAge` rounds old, and no proof against the provider for that
//! round was accepted before. Then the provider is marked unavailable for
//! the round ([`UnavailabilityOracle`], read by the staking pallet's rewards
//! and the escrow's fees, which both settle only after `MaxReportAge`), and
//! slashed through [`Slashing`] with reason [`SlashReason::Unavailability`];
//! the reporters (the submitter, then the signing gateways) share the
//! staking pallet's `ReporterShare` of the slash.
//!
//! The staking pallet slashes a provider at most once per offence, keyed by
//! the round proven unavailable ([`Offence::unavailability`]), not by the
//! round the proof lands in: proofs for two rounds accepted in one block
//! both slash. Should the staking pallet still refuse a slash, the mark is
//! kept (the provider loses that round's fees and inflation) and the
//! refusal is reported by [`Event::SlashFailed`].
//!
//! ## Slash size
//!
//! Faking availability must not pay. A provider proven unavailable for
//! round `r` loses its fees and inflation share for `r` anyway; the slash
//! adds at least what it would have earned in `r`:
//!
//! ```text
//! expected  = RewardPerRound * stake / snapshot_total + ExpectedRoundFees
//! slash     = min(MaxSlashFraction * stake,
//!                 max(BaseSlash, expected) * 2^k)
//! ```
//!
//! where `stake` is the provider's stake in `r`'s snapshot, and `k` the
//! number of proofs already accepted against it for rounds within
//! `EscalationWindow` rounds of `r` on either side: repeated offences
//! double the slash each time, within the cap. Since `k` counts offences by
//! their rounds, `n` offences within a window cost `2^n - 1` base slashes
//! whatever the order and timing of their proofs (an ally of the provider
//! cannot lower the total by choosing when to submit). No query of a provider's
//! expected fees exists in the escrow (they depend on per-request policies
//! and live policies), so the fee part is the configured estimate
//! `ExpectedRoundFees`; `RewardPerRound` must be the staking pallet's.
//!
//! ## Storage and pruning
//!
//! Accepted proofs are keyed by round and provider ([`UnavailableMarks`]),
//! counted per round ([`MarkCount`]). Marks of rounds that left the history
//! (`RoundHistory` rounds) are removed in `on_idle` within the block's
//! leftover weight, key by key from the oldest round ([`OldestMarkedRound`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use market_primitives::{
	availability::{statement_payload, UnavailabilityStatement, GATEWAYS},
	domain::SigningDomain,
	staking::{Offence, ProviderRegistry, SlashReason, Slashing, UnavailabilityOracle},
	RoundIndex,
};
pub use weights::WeightInfo;

/// Log target of the pallet.
pub const LOG_TARGET: &str = "runtime::availability";

/// Sets up providers for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` a provider with operator key `key`, member of the
	/// snapshot of the round started by the next [`Self::start_round`].
	fn add_provider(who: &AccountId, key: sp_core::sr25519::Public);
	/// Fills the snapshot of the round started by the next
	/// [`Self::start_round`] up to its bound with providers without keys.
	fn fill_snapshot();
	/// Gives provider `who` the operator key `key`.
	fn set_operator_key(who: &AccountId, key: sp_core::sr25519::Public);
	/// Starts the next round and returns it.
	fn start_round() -> RoundIndex;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{tokens::Balance, BuildGenesisConfig},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::sr25519;
	use sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{UniqueSaturatedInto, Zero},
		Perbill, Rounding,
	};

	/// The gateway signatures of a proof: index of the gateway in the
	/// accused's gateway list ([`Pallet::gateways`], strictly increasing)
	/// and its signature.
	pub type GatewaySignatures<T> =
		BoundedVec<(u32, sr25519::Signature), <T as Config>::MaxGatewaySeats>;

	/// The size of the gateway quorum, set at genesis and by Root.
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		MaxEncodedLen,
		TypeInfo,
		Clone,
		Copy,
		PartialEq,
		Eq,
		Debug,
		frame_support::Serialize,
		frame_support::Deserialize,
	)]
	#[serde(
		crate = "frame_support::__private::serde",
		rename_all = "camelCase",
		deny_unknown_fields
	)]
	pub struct GatewayParameters {
		/// Seats drawn for each accused, `1..=MaxGatewaySeats`.
		pub seats: u32,
		/// Seats whose signatures a proof needs: a strict majority of
		/// `seats` (`seats / 2 < threshold <= seats`).
		pub threshold: u32,
	}

	/// The layout version of the pallet's storage (see [`crate::migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The staking balance.
		type Balance: Balance;

		/// The providers: rounds, seeds, snapshots, operator keys and
		/// sampling (the staking pallet).
		type Registry: ProviderRegistry<Self::AccountId, Self::Balance>;

		/// Slashes the stake of providers proven unavailable (the staking pallet).
		type Slashing: Slashing<Self::AccountId, Self::Balance>;

		/// Most gateway seats per accused: bounds the signatures of a proof
		/// (and its weight). Suggested: 64.
		#[pallet::constant]
		type MaxGatewaySeats: Get<u32>;

		/// Default `seats` of [`GatewayParameters`]. Suggested: 64
		/// ([`market_primitives::availability::DEFAULT_GATEWAY_SEATS`]).
		#[pallet::constant]
		type GatewaySeats: Get<u32>;

		/// Default `threshold` of [`GatewayParameters`]. Suggested: 43, see
		/// [`market_primitives::availability`] for the forgery and liveness
		/// probabilities.
		#[pallet::constant]
		type GatewayThreshold: Get<u32>;

		/// Rounds after round `r` during which a proof for `r` is accepted.
		/// Must equal the staking pallet's (its rewards and the escrow's fees
		/// settle after it).
		#[pallet::constant]
		type MaxReportAge: Get<RoundIndex>;

		/// Rounds whose marks are kept: the staking pallet's `RoundHistory`.
		/// Must exceed `MaxReportAge + 1`.
		#[pallet::constant]
		type RoundHistory: Get<RoundIndex>;

		/// Inflation minted per round: the staking pallet's `RewardPerRound`.
		#[pallet::constant]
		type RewardPerRound: Get<Self::Balance>;

		/// Estimate of the fees a provider earns in one round, added to its
		/// inflation share in the expected earnings.
		#[pallet::constant]
		type ExpectedRoundFees: Get<Self::Balance>;

		/// Smallest slash of a first offence.
		#[pallet::constant]
		type BaseSlash: Get<Self::Balance>;

		/// Largest slash, as a fraction of the provider's stake in the round.
		#[pallet::constant]
		type MaxSlashFraction: Get<Perbill>;

		/// Rounds, up to the current one, whose earlier proofs against the
		/// same provider double the slash. At most `RoundHistory`.
		#[pallet::constant]
		type EscalationWindow: Get<RoundIndex>;

		/// Weights of the pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up providers for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Accepted proofs: the provider was proven unavailable in the round;
	/// the value is the amount slashed for it.
	#[pallet::storage]
	pub type UnavailableMarks<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RoundIndex,
		Blake2_128Concat,
		T::AccountId,
		T::Balance,
		OptionQuery,
	>;

	/// Number of accepted proofs of each round with marks.
	#[pallet::storage]
	pub type MarkCount<T> = StorageMap<_, Twox64Concat, RoundIndex, u32, ValueQuery>;

	/// Oldest round whose marks may still be stored (the pruning cursor).
	#[pallet::storage]
	pub type OldestMarkedRound<T> = StorageValue<_, RoundIndex, ValueQuery>;

	/// The `Config` defaults of [`GatewayParameters`].
	#[pallet::type_value]
	pub fn DefaultParams<T: Config>() -> GatewayParameters {
		GatewayParameters { seats: T::GatewaySeats::get(), threshold: T::GatewayThreshold::get() }
	}

	/// The gateway quorum's current size; the `Config` defaults until
	/// genesis or Root sets it.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, GatewayParameters, ValueQuery, DefaultParams<T>>;

	/// The gateway quorum a chain starts with.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Checked as by [`Pallet::set_parameters`]; defaults to the
		/// `Config` constants.
		pub parameters: GatewayParameters,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { parameters: DefaultParams::<T>::get(), _config: Default::default() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Invalid parameters must stop chain-spec creation: this runs
		// outside of any block, so aborting here is the refusal.
		fn build(&self) {
			if let Err(error) = Pallet::<T>::check_parameters(&self.parameters) {
				let reason: &'static str = error.into();
				// qed: genesis build only, never reached by a transaction.
				panic!("invalid availability genesis parameters: {reason}");
			}
			Params::<T>::put(self.parameters);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A proof was accepted: `provider` is unavailable for `round`.
		ProviderUnavailable {
			/// The accused.
			provider: T::AccountId,
			/// The round it was unavailable in.
			round: RoundIndex,
			/// Hash of the complaint the gateways handled.
			complaint_hash: [u8; 32],
			/// Who submitted the proof.
			submitter: T::AccountId,
			/// Number of gateways that signed.
			signers: u32,
			/// Seats those gateways hold.
			seats: u32,
			/// Earlier proofs against the provider within the escalation window.
			prior_offences: u32,
			/// Amount slashed (0 if the slash was refused).
			slashed: T::Balance,
		},
		/// The staking pallet refused the slash of an accepted proof (e.g.
		/// already slashed for unavailability in the current round); the
		/// mark stands.
		SlashFailed {
			/// The accused.
			provider: T::AccountId,
			/// The round of the proof.
			round: RoundIndex,
			/// The staking pallet's error.
			error: DispatchError,
		},
		/// Root set the gateway quorum's size.
		ParametersSet {
			/// The new parameters.
			parameters: GatewayParameters,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The statement's round has not started.
		RoundNotStarted,
		/// The statement's round is more than `MaxReportAge` rounds old.
		ReportTooOld,
		/// A proof against the provider for the round was already accepted.
		AlreadyReported,
		/// The accused is not in the round's snapshot (or has no stake in it).
		NotInSnapshot,
		/// The accused has no gateways in the round (no seed, or nobody
		/// else has stake).
		NoGateways,
		/// The signing gateways hold fewer than `threshold` seats.
		BelowThreshold,
		/// Gateway indices are not strictly increasing (duplicates included).
		SignersNotSorted,
		/// A gateway index is outside the accused's gateway list.
		NotAGateway,
		/// A signing gateway has no operator key.
		NoOperatorKey,
		/// A signature does not verify against its gateway's operator key.
		InvalidSignature,
		/// Parameters: `seats` is zero.
		ZeroSeats,
		/// Parameters: `seats` is above `MaxGatewaySeats`.
		SeatsAboveBound,
		/// Parameters: `threshold` is not a strict majority of `seats`.
		ThresholdNotMajority,
		/// Parameters: `threshold` is above `seats`.
		ThresholdAboveSeats,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Prunes the marks of rounds that left the history, within the
		/// leftover weight.
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::prune(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			if let Err(error) = Self::check_parameters(&DefaultParams::<T>::get()) {
				let reason: &'static str = error.into();
				// qed: `integrity_test` runs in tests, never in a block.
				panic!("the Config defaults are invalid gateway parameters: {reason}");
			}
			assert!(
				T::RoundHistory::get() > T::MaxReportAge::get().saturating_add(1),
				"RoundHistory must exceed MaxReportAge + 1"
			);
			assert!(
				T::EscalationWindow::get() > 0
					&& T::EscalationWindow::get().saturating_add(T::MaxReportAge::get())
						<= T::RoundHistory::get(),
				"EscalationWindow must be positive and, with MaxReportAge, within RoundHistory: \
				 the marks an escalation counts must still be kept when the last proof lands"
			);
			// The staking pallet (the registry and the slasher) must agree on
			// the windows this pallet relies on.
			assert_eq!(
				T::MaxReportAge::get(),
				T::Registry::max_report_age(),
				"MaxReportAge must be the registry's"
			);
			assert_eq!(
				T::RoundHistory::get(),
				T::Registry::round_history(),
				"RoundHistory must be the registry's"
			);
			assert!(
				T::Slashing::max_offence_age() >= T::MaxReportAge::get(),
				"the slasher must accept offences as old as MaxReportAge"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Submits a proof that `statement.provider` was unavailable in
		/// `statement.round`: `signatures` are `(index, signature)` pairs,
		/// `index` into the accused's gateway list for the round
		/// ([`Pallet::gateways`]), strictly increasing, each signature by that
		/// gateway's operator key over [`statement_payload`] in
		/// [`Pallet::signing_domain`]; the signers must hold `threshold`
		/// seats. Slashes the provider (see the pallet docs for the amount)
		/// with the submitter and the signing gateways as reporters, and
		/// marks it unavailable for the round. The fee is refunded on
		/// success.
		///
		/// Origin: any signed account. Errors: `RoundNotStarted`,
		/// `ReportTooOld`, `AlreadyReported`, `BelowThreshold`,
		/// `NotInSnapshot`, `NoGateways`, `SignersNotSorted`, `NotAGateway`,
		/// `NoOperatorKey`, `InvalidSignature`. Events: `ProviderUnavailable`,
		/// and `SlashFailed` if the staking pallet refuses the slash.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::report_unavailable(signatures.len() as u32))]
		pub fn report_unavailable(
			origin: OriginFor<T>,
			statement: UnavailabilityStatement<T::AccountId>,
			signatures: GatewaySignatures<T>,
		) -> DispatchResultWithPostInfo {
			let submitter = ensure_signed(origin)?;
			let UnavailabilityStatement { provider, round, complaint_hash } = statement.clone();
			let current = T::Registry::current_round();
			ensure!(round <= current, Error::<T>::RoundNotStarted);
			ensure!(
				current.saturating_sub(round) <= T::MaxReportAge::get(),
				Error::<T>::ReportTooOld
			);
			ensure!(
				!UnavailableMarks::<T>::contains_key(round, &provider),
				Error::<T>::AlreadyReported
			);
			let params = Params::<T>::get();
			let stake = T::Registry::stake_in_round(&provider, round);
			ensure!(!stake.is_zero(), Error::<T>::NotInSnapshot);
			let gateways = Self::gateways(round, &provider);
			ensure!(!gateways.is_empty(), Error::<T>::NoGateways);

			let payload = statement_payload(&Self::signing_domain(), &statement);
			let mut reporters = Vec::with_capacity(signatures.len().saturating_add(1));
			reporters.push(submitter.clone());
			let mut seats = 0u32;
			let mut last: Option<u32> = None;
			for (index, signature) in signatures.iter() {
				ensure!(last.is_none_or(|l| *index > l), Error::<T>::SignersNotSorted);
				last = Some(*index);
				let (gateway, held) =
					gateways.get(*index as usize).ok_or(Error::<T>::NotAGateway)?.clone();
				let key = T::Registry::operator_key(&gateway).ok_or(Error::<T>::NoOperatorKey)?;
				ensure!(
					sp_io::crypto::sr25519_verify(signature, &payload, &key),
					Error::<T>::InvalidSignature
				);
				seats = seats.saturating_add(held);
				reporters.push(gateway);
			}
			ensure!(seats >= params.threshold, Error::<T>::BelowThreshold);

			let prior_offences = Self::prior_offences(&provider, round, current);
			let amount = Self::slash_amount(&provider, round, stake, prior_offences);
			let slashed = match T::Slashing::slash(
				&provider,
				amount,
				Offence::unavailability(round),
				&reporters,
			) {
				Ok(slashed) => slashed,
				Err(error) => {
					Self::deposit_event(Event::SlashFailed {
						provider: provider.clone(),
						round,
						error,
					});
					Zero::zero()
				},
			};
			UnavailableMarks::<T>::insert(round, &provider, slashed);
			MarkCount::<T>::mutate(round, |c| *c = c.saturating_add(1));
			Self::deposit_event(Event::ProviderUnavailable {
				provider,
				round,
				complaint_hash,
				submitter,
				signers: signatures.len() as u32,
				seats,
				prior_offences,
				slashed,
			});
			Ok(Pays::No.into())
		}

		/// Sets the gateway quorum's size from the next proof on, for every
		/// round still open to proofs.
		///
		/// Origin: Root. Errors: `BadOrigin`, `ZeroSeats`, `SeatsAboveBound`,
		/// `ThresholdNotMajority`, `ThresholdAboveSeats`. Event:
		/// `ParametersSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
		pub fn set_parameters(
			origin: OriginFor<T>,
			parameters: GatewayParameters,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::check_parameters(&parameters)?;
			Params::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The signing domain of gateway statements on this chain.
		pub fn signing_domain() -> SigningDomain {
			let genesis_hash = market_primitives::domain::genesis_hash_bytes(
				&frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
			);
			market_primitives::availability::signing_domain(genesis_hash)
		}

		/// The gateways judging `accused` in `round` under the current
		/// parameters: distinct providers in order of first draw with their
		/// seats; empty if the round's seed or snapshot is unknown or nobody
		/// but the accused has stake in it.
		pub fn gateways(round: RoundIndex, accused: &T::AccountId) -> Vec<(T::AccountId, u32)> {
			T::Registry::draw_seats(round, &GATEWAYS, Params::<T>::get().seats, Some(accused))
		}

		/// The gateway quorum's current size (what [`Pallet::gateways`] and
		/// `report_unavailable` use).
		pub fn parameters() -> GatewayParameters {
			Params::<T>::get()
		}

		/// Checks `parameters` against the rules of [`GatewayParameters`],
		/// in the order of the errors.
		pub fn check_parameters(parameters: &GatewayParameters) -> Result<(), Error<T>> {
			let GatewayParameters { seats, threshold } = *parameters;
			ensure!(seats > 0, Error::<T>::ZeroSeats);
			ensure!(seats <= T::MaxGatewaySeats::get(), Error::<T>::SeatsAboveBound);
			ensure!(threshold > seats / 2, Error::<T>::ThresholdNotMajority);
			ensure!(threshold <= seats, Error::<T>::ThresholdAboveSeats);
			Ok(())
		}

		/// The first round whose marks are still part of the history at `current`.
		pub fn first_retained_round(current: RoundIndex) -> RoundIndex {
			current.saturating_add(1).saturating_sub(T::RoundHistory::get())
		}

		/// The proofs accepted against `who` for the rounds of the history
		/// at `current` (`first_retained_round(current)..=current`), oldest
		/// first, with the amount slashed for each. At most `RoundHistory`
		/// reads: bounded work.
		pub fn marks_of(who: &T::AccountId, current: RoundIndex) -> Vec<(RoundIndex, T::Balance)> {
			let mut marks = Vec::new();
			let mut round = Self::first_retained_round(current);
			while round <= current {
				if let Some(slashed) = UnavailableMarks::<T>::get(round, who) {
					marks.push((round, slashed));
				}
				round = match round.checked_add(1) {
					Some(r) => r,
					None => break,
				};
			}
			marks
		}

		/// Proofs already accepted against `who` for rounds other than
		/// `round` within `EscalationWindow` rounds of it, on either side
		/// (`|r - round| < EscalationWindow`, up to `current`). Counting by
		/// the offences' rounds, not by when the proofs land, makes the
		/// total of a set of proofs the same in any order and timing:
		/// `n` offences within a window cost `(2^n - 1)` base slashes.
		/// At most `2 * EscalationWindow - 2` reads.
		pub fn prior_offences(who: &T::AccountId, round: RoundIndex, current: RoundIndex) -> u32 {
			let reach = T::EscalationWindow::get().saturating_sub(1);
			let first = round.saturating_sub(reach);
			let last = round.saturating_add(reach).min(current);
			(first..=last)
				.filter(|r| *r != round && UnavailableMarks::<T>::contains_key(r, who))
				.count() as u32
		}

		/// The slash of a proof against `who` for `round`, whose stake in the
		/// round's snapshot is `stake`, after `prior_offences` (see the
		/// pallet docs).
		pub fn slash_amount(
			_who: &T::AccountId,
			round: RoundIndex,
			stake: T::Balance,
			prior_offences: u32,
		) -> T::Balance {
			let stake_u: u128 = stake.unique_saturated_into();
			let total: u128 = T::Registry::snapshot_total(round).unique_saturated_into();
			let reward: u128 = T::RewardPerRound::get().unique_saturated_into();
			let inflation =
				multiply_by_rational_with_rounding(reward, stake_u, total, Rounding::Down)
					.unwrap_or_default();
			let fees: u128 = T::ExpectedRoundFees::get().unique_saturated_into();
			let base: u128 = T::BaseSlash::get().unique_saturated_into();
			let expected = inflation.saturating_add(fees).max(base);
			let escalated = match 1u128.checked_shl(prior_offences) {
				Some(factor) if prior_offences < 128 => expected.saturating_mul(factor),
				_ => u128::MAX,
			};
			let cap: u128 = T::MaxSlashFraction::get().mul_floor(stake).unique_saturated_into();
			escalated.min(cap).unique_saturated_into()
		}

		/// Removes the marks of rounds that left the history, as far as
		/// `meter` allows, key by key from [`OldestMarkedRound`].
		pub(crate) fn prune(meter: &mut WeightMeter) {
			let db = T::DbWeight::get();
			// Current round and cursor.
			if meter.try_consume(db.reads(2)).is_err() {
				return;
			}
			let first_retained = Self::first_retained_round(T::Registry::current_round());
			loop {
				let round = OldestMarkedRound::<T>::get();
				if round >= first_retained {
					return;
				}
				// The count, and the cursor update.
				if meter.try_consume(db.reads_writes(1, 2)).is_err() {
					return;
				}
				let count = MarkCount::<T>::get(round);
				let mut removed = 0u32;
				if count > 0 {
					let mut marks = UnavailableMarks::<T>::drain_prefix(round);
					loop {
						if meter.try_consume(db.reads_writes(1, 1)).is_err() {
							MarkCount::<T>::insert(round, count.saturating_sub(removed));
							return;
						}
						if marks.next().is_none() {
							break;
						}
						removed = removed.saturating_add(1);
					}
				}
				MarkCount::<T>::remove(round);
				OldestMarkedRound::<T>::put(round.saturating_add(1));
			}
		}
	}

	impl<T: Config> UnavailabilityOracle<T::AccountId> for Pallet<T> {
		fn is_unavailable(who: &T::AccountId, round: RoundIndex) -> bool {
			UnavailableMarks::<T>::contains_key(round, who)
		}
	}

	#[cfg(any(feature = "try-runtime", test))]
	impl<T: Config> Pallet<T> {
		/// Checks the pallet's invariants:
		/// - at most one accepted proof per provider and round (the storage
		///   key), and each round's [`MarkCount`] equals its number of marks;
		/// - marks only for started rounds not older than the pruning cursor,
		///   and the cursor never passes the history;
		/// - the stored [`GatewayParameters`] pass [`Pallet::check_parameters`].
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			Self::check_parameters(&Params::<T>::get())
				.map_err(|e| -> &'static str { e.into() })?;
			let current = T::Registry::current_round();
			let oldest = OldestMarkedRound::<T>::get();
			ensure!(
				oldest <= Self::first_retained_round(current),
				"pruning cursor ahead of history"
			);
			let mut counts: alloc::collections::BTreeMap<RoundIndex, u32> = Default::default();
			let mut seen = alloc::collections::BTreeSet::new();
			for (round, who, _) in UnavailableMarks::<T>::iter() {
				ensure!(
					seen.insert((round, who.encode())),
					"two proofs for one provider and round"
				);
				ensure!(round <= current, "mark for a round not started");
				ensure!(round >= oldest, "mark older than the pruning cursor");
				let c = counts.entry(round).or_default();
				*c = c.saturating_add(1);
			}
			for (round, count) in MarkCount::<T>::iter() {
				ensure!(counts.remove(&round) == Some(count), "mark count differs from marks");
			}
			ensure!(counts.is_empty(), "marks without a count");
			Ok(())
		}
	}
}
