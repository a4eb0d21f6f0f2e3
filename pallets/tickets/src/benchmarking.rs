//! Benchmarks of the tickets pallet (`frame_benchmarking::v2`).
//!
//! Tickets need real sr25519 signatures and VRF proofs made inside the
//! runtime, where schnorrkel has no system randomness: [`BenchKey`] signs
//! with the witness randomness drawn from a merlin RNG seeded by the key's
//! own VRF output. That is deterministic, and fine for benchmarks only.

use super::*;
use crate::pallet::{
	BalanceOf, Config, DefaultParams, Event, ExpiryHorizon, HoldReason, Pallet, Parameters, Params,
	PruneCursor, RedeemItem, ReserveDrawn, Senders, TicketOf, UsedTickets,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Get, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use market_primitives::tickets::{
	verify_vrf as check_vrf, verify_vrf_batch as check_vrf_batch, TICKET_VRF_CONTEXT,
};
use schnorrkel::{context::attach_rng, signing_context, ExpansionMode, Keypair, MiniSecretKey};
use sp_core::sr25519;
use sp_runtime::{
	traits::{One, Saturating},
	AccountId32, MultiSignature,
};

/// A deterministic sr25519 key for the benchmarks.
struct BenchKey(Keypair);

impl BenchKey {
	fn new(kind: u8, index: u32) -> Self {
		let mut seed = [kind; 32];
		seed[..4].copy_from_slice(&index.to_le_bytes());
		let mini = MiniSecretKey::from_bytes(&seed).expect("32 bytes are a mini secret key");
		Self(mini.expand_to_keypair(ExpansionMode::Ed25519))
	}

	fn account(&self) -> AccountId32 {
		AccountId32::new(self.0.public.to_bytes())
	}

	/// A witness RNG derived from the key and `message`.
	fn rng(&self, message: &[u8]) -> merlin::TranscriptRng {
		self.0
			.vrf_create_hash(signing_context(b"market/bench-rng").bytes(message))
			.make_merlin_rng(b"witness")
	}

	/// The account signature of `message` (what `Pair::sign` produces).
	fn sign(&self, message: &[u8]) -> MultiSignature {
		let t = attach_rng(signing_context(b"substrate").bytes(message), self.rng(message));
		MultiSignature::Sr25519(sr25519::Signature::from_raw(self.0.sign(t).to_bytes()))
	}

	/// The VRF evaluation of a ticket hash, short (what polkadot.js
	/// `sr25519VrfSign` produces) and batchable.
	fn vrf_both(&self, ticket_hash: &[u8; 32]) -> (VrfSignatureBytes, VrfBatchableBytes) {
		let inout = self.0.vrf_create_hash(signing_context(TICKET_VRF_CONTEXT).bytes(ticket_hash));
		let extra = attach_rng(merlin::Transcript::new(b"VRF"), self.rng(ticket_hash));
		let (proof, batchable) = self.0.dleq_proove(extra, &inout, true);
		let mut short = [0u8; 96];
		short[..32].copy_from_slice(&inout.to_preout().to_bytes());
		short[32..].copy_from_slice(&proof.to_bytes());
		let mut long = [0u8; 128];
		long[..32].copy_from_slice(&inout.to_preout().to_bytes());
		long[32..].copy_from_slice(&batchable.to_bytes());
		(short, long)
	}

	/// The 96-byte VRF evaluation of a ticket hash.
	fn vrf(&self, ticket_hash: &[u8; 32]) -> VrfSignatureBytes {
		self.vrf_both(ticket_hash).0
	}

	/// The batchable VRF evaluation of a ticket hash.
	fn vrf_batchable(&self, ticket_hash: &[u8; 32]) -> VrfBatchableBytes {
		self.vrf_both(ticket_hash).1
	}
}

fn units<T: Config>(n: u32) -> BalanceOf<T> {
	T::Currency::minimum_balance().max(One::one()).saturating_mul(n.into())
}

fn endow<T: Config>(who: &AccountId32) {
	let _ =
		T::Currency::set_balance(who, units::<T>(1_000_000).saturating_mul(1_000_000u32.into()));
}

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

/// A winning ticket (probability `u128::MAX`, wins but with chance 2^-128)
/// from `sender` to `recipient`, signed and evaluated in the batchable form.
fn item<T: Config>(
	sender: &BenchKey,
	recipient: &BenchKey,
	face_value: BalanceOf<T>,
	index: u64,
) -> RedeemItem<T> {
	let ticket = ticket::<T>(sender, recipient, face_value, index);
	let signature = sender.sign(&ticket.encode());
	let vrf = recipient.vrf_batchable(&ticket.hash());
	RedeemItem { ticket, signature, vrf }
}

/// The arguments of a single redemption: ticket, signature, 96-byte VRF.
fn single<T: Config>(
	sender: &BenchKey,
	recipient: &BenchKey,
	face_value: BalanceOf<T>,
	index: u64,
) -> (TicketOf<T>, MultiSignature, VrfSignatureBytes) {
	let ticket = ticket::<T>(sender, recipient, face_value, index);
	let signature = sender.sign(&ticket.encode());
	let vrf = recipient.vrf(&ticket.hash());
	(ticket, signature, vrf)
}

/// A winning ticket (probability `u128::MAX`, wins but with chance 2^-128)
/// from `sender` to `recipient`.
fn ticket<T: Config>(
	sender: &BenchKey,
	recipient: &BenchKey,
	face_value: BalanceOf<T>,
	index: u64,
) -> TicketOf<T> {
	Ticket {
		domain: Pallet::<T>::signing_domain(),
		sender: sender.account(),
		recipient: recipient.account(),
		face_value,
		win_probability: WinProbability::ALWAYS,
		index,
		expiry: now::<T>().saturating_add(One::one()),
		aux: Some([7u8; 32]),
	}
}

/// A funded sender.
fn sender<T: Config>(index: u32, deposit: BalanceOf<T>, reserve: BalanceOf<T>) -> BenchKey {
	let key = BenchKey::new(1, index);
	endow::<T>(&key.account());
	Pallet::<T>::fund(RawOrigin::Signed(key.account()).into(), deposit, reserve)
		.expect("endowed sender can fund");
	key
}

/// A recipient that is an active provider of the current round.
fn provider_recipient<T: Config>() -> BenchKey {
	let key = BenchKey::new(2, 0);
	endow::<T>(&key.account());
	T::BenchmarkHelper::make_active_provider(&key.account());
	key
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn fund() {
		let key = BenchKey::new(1, 0);
		endow::<T>(&key.account());

		#[extrinsic_call]
		_(RawOrigin::Signed(key.account()), units::<T>(1_000), units::<T>(1_000));

		assert!(Senders::<T>::contains_key(key.account()));
	}

	#[benchmark]
	fn unlock() {
		let key = sender::<T>(0, units::<T>(1_000), units::<T>(1_000));

		#[extrinsic_call]
		_(RawOrigin::Signed(key.account()));

		assert!(Senders::<T>::get(key.account()).is_some_and(|l| l.unlock_at.is_some()));
	}

	#[benchmark]
	fn cancel_unlock() -> Result<(), BenchmarkError> {
		let key = sender::<T>(0, units::<T>(1_000), units::<T>(1_000));
		Pallet::<T>::unlock(RawOrigin::Signed(key.account()).into())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(key.account()));

		assert!(Senders::<T>::get(key.account()).is_some_and(|l| l.unlock_at.is_none()));
		Ok(())
	}

	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let key = sender::<T>(0, units::<T>(1_000), units::<T>(1_000));
		Pallet::<T>::unlock(RawOrigin::Signed(key.account()).into())?;
		let unlock_at = Senders::<T>::get(key.account())
			.and_then(|l| l.unlock_at)
			.ok_or(BenchmarkError::Stop("unlock did not start"))?;
		frame_system::Pallet::<T>::set_block_number(unlock_at);

		#[extrinsic_call]
		_(RawOrigin::Signed(key.account()));

		assert!(!Senders::<T>::contains_key(key.account()));
		Ok(())
	}

	/// The worst case: part from the deposit, the rest from the
	/// recipient's share of the reserve, first draw of the round.
	#[benchmark]
	fn redeem_winning_ticket() {
		let recipient = provider_recipient::<T>();
		let sender = sender::<T>(0, units::<T>(10), units::<T>(1_000_000));
		let (ticket, signature, vrf) = single::<T>(&sender, &recipient, units::<T>(20), 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(recipient.account()), ticket, signature, vrf, false);

		let round = T::Registry::current_round();
		assert_eq!(
			ReserveDrawn::<T>::get((round, sender.account(), recipient.account())),
			units::<T>(10)
		);
	}

	/// The common case: paid fully from the deposit, so neither the
	/// sender's ledger nor the round, the reserve or its draws are read.
	#[benchmark]
	fn redeem_winning_ticket_from_deposit() {
		let recipient = provider_recipient::<T>();
		let sender = sender::<T>(0, units::<T>(1_000), units::<T>(1_000_000));
		let (ticket, signature, vrf) = single::<T>(&sender, &recipient, units::<T>(20), 1);

		#[extrinsic_call]
		redeem_winning_ticket(
			RawOrigin::Signed(recipient.account()),
			ticket,
			signature,
			vrf,
			false,
		);

		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::Deposit.into(), &sender.account()),
			units::<T>(980)
		);
		assert_eq!(ReserveDrawn::<T>::iter().count(), 0);
	}

	/// `n` tickets of one sender, each paid half from the deposit... until
	/// the deposit runs out, then from the reserve share.
	#[benchmark]
	fn redeem_winning_tickets_one_sender(n: Linear<1, { T::MaxBatch::get() }>) {
		let recipient = provider_recipient::<T>();
		let sender = sender::<T>(0, units::<T>(10 * n / 2 + 5), units::<T>(1_000_000));
		let items: Vec<_> =
			(0..n).map(|i| item::<T>(&sender, &recipient, units::<T>(10), i as u64)).collect();
		let batch: BoundedVec<_, T::MaxBatch> = items.try_into().expect("n <= MaxBatch");

		#[extrinsic_call]
		redeem_winning_tickets(RawOrigin::Signed(recipient.account()), batch, false);

		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::Deposit.into(), &sender.account()),
			0u32.into()
		);
	}

	/// `n` tickets of `n` distinct senders, each paid from the deposit and
	/// the reserve share: what a batch is charged before the refund.
	#[benchmark]
	fn redeem_winning_tickets_distinct_senders(n: Linear<1, { T::MaxBatch::get() }>) {
		let recipient = provider_recipient::<T>();
		let items: Vec<_> = (0..n)
			.map(|i| {
				let s = sender::<T>(i, units::<T>(5), units::<T>(1_000_000));
				item::<T>(&s, &recipient, units::<T>(10), 0)
			})
			.collect();
		let batch: BoundedVec<_, T::MaxBatch> = items.try_into().expect("n <= MaxBatch");

		#[extrinsic_call]
		redeem_winning_tickets(RawOrigin::Signed(recipient.account()), batch, false);

		assert_eq!(UsedTickets::<T>::iter().count(), n as usize);
	}

	#[benchmark]
	fn report_double_signed() {
		// The evidence must be unexpired when the call runs, and the
		// benchmark moves block 0 to 1 before it: start from block 1.
		frame_system::Pallet::<T>::set_block_number(now::<T>().max(One::one()));
		let sender = sender::<T>(0, units::<T>(1_000), units::<T>(1_000));
		let recipient = BenchKey::new(2, 0);
		let a = item::<T>(&sender, &recipient, units::<T>(10), 1);
		let b = item::<T>(&sender, &recipient, units::<T>(11), 1);
		let reporter: T::AccountId = whitelisted_caller();
		endow::<T>(&reporter);

		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), a.ticket, a.signature, b.ticket, b.signature);

		assert!(Senders::<T>::get(sender.account()).is_some_and(|l| l.frozen_until.is_some()));
	}

	/// Pruning `n` used-ticket records of one expired block.
	#[benchmark]
	fn on_initialize_prune(n: Linear<0, { T::MaxPrunePerBlock::get() }>) {
		let block = now::<T>().saturating_add(One::one());
		for i in 0..n {
			let mut ticket_hash = [0u8; 32];
			ticket_hash[..4].copy_from_slice(&i.to_le_bytes());
			UsedTickets::<T>::insert(block, ticket_hash, ());
		}
		PruneCursor::<T>::put(block);
		frame_system::Pallet::<T>::set_block_number(block);

		#[block]
		{
			Pallet::<T>::on_initialize(block);
		}

		assert_eq!(UsedTickets::<T>::iter().count(), 0);
	}

	/// The schnorrkel VRF check alone.
	#[benchmark]
	fn verify_vrf() {
		let key = BenchKey::new(3, 0);
		let hash = [9u8; 32];
		let vrf = key.vrf(&hash);
		let public = sr25519::Public::from_raw(key.0.public.to_bytes());
		let valid;

		#[block]
		{
			valid = check_vrf(&public, &hash, &vrf);
		}

		assert!(valid);
	}

	/// The batched check of `n` batchable VRF proofs of one key.
	#[benchmark]
	fn verify_vrf_batch(n: Linear<1, { T::MaxBatch::get() }>) {
		let key = BenchKey::new(3, 0);
		let proofs: Vec<([u8; 32], VrfBatchableBytes)> = (0..n)
			.map(|i| {
				let hash = sp_io::hashing::blake2_256(&i.to_le_bytes());
				(hash, key.vrf_batchable(&hash))
			})
			.collect();
		let items: Vec<([u8; 32], &VrfBatchableBytes)> =
			proofs.iter().map(|(hash, vrf)| (*hash, vrf)).collect();
		let public = sr25519::Public::from_raw(key.0.public.to_bytes());
		let valid;

		#[block]
		{
			valid = check_vrf_batch(&public, &items);
		}

		assert!(valid);
	}

	/// Setting the parameters: constant-time checks, the replaced
	/// parameters and the horizon read and written.
	#[benchmark]
	fn set_parameters() {
		let defaults = DefaultParams::<T>::get();
		let parameters = Parameters {
			unlock_period: defaults.unlock_period.saturating_add(One::one()),
			..defaults
		};
		// The chain's genesis may have set other values than the defaults:
		// the horizon covers the validity being replaced.
		let replaced = Params::<T>::get();
		let old_horizon = ExpiryHorizon::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Root, parameters);

		// `now` after the call: the harness may set the block number between
		// the setup and the call.
		let expiry_horizon =
			old_horizon.max(now::<T>().saturating_add(replaced.max_ticket_validity));
		assert_eq!(Params::<T>::get(), parameters);
		assert_eq!(ExpiryHorizon::<T>::get(), expiry_horizon);
		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::ParametersSet { parameters, expiry_horizon }.into(),
		);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
