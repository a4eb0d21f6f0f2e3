//! Plain types of the pallet: provider choices, policies, the per-request
//! payment bitmaps and settlements (re-exported by [`crate::pallet`]).

use super::*;
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use sp_core::sr25519;
use sp_runtime::traits::Saturating;

/// Balance of the escrow currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// How the providers of a new policy are chosen.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(S))]
pub enum ProviderChoice<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, S: Get<u32>> {
	/// These providers (distinct, each with active stake and locked at
	/// least until the policy's last round).
	#[codec(index = 0)]
	Explicit(BoundedVec<AccountId, S>),
	/// `n` distinct providers sampled by stake from the current round's
	/// snapshot, each locked at least until the policy's last round.
	#[codec(index = 1)]
	Sampled(u32),
}

/// A provider of a policy, with its settlement cursor.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct PolicyProvider<AccountId> {
	/// The provider (stash account).
	pub account: AccountId,
	/// First round of the policy whose slot is not settled yet; rounds
	/// before it were paid or refunded.
	pub next_round: RoundIndex,
}

/// A live policy.
#[derive(
	Encode, Decode, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct Policy<T: Config> {
	/// The account funding the policy.
	pub owner: T::AccountId,
	/// The providers, in the order chosen (draw order when sampled).
	pub providers: BoundedVec<PolicyProvider<T::AccountId>, T::MaxPolicyProviders>,
	/// The sr25519 keys allowed to sign requests under the policy.
	pub requesters: BoundedVec<sr25519::Public, T::MaxRequesterKeys>,
	/// First round.
	pub start: RoundIndex,
	/// First round after the policy (exclusive; moved earlier by a revocation).
	pub end: RoundIndex,
	/// The price model.
	pub price: PriceModel<BalanceOf<T>>,
	/// What was held at creation: `budget * providers * rounds`.
	pub max_cost: BalanceOf<T>,
	/// Paid to providers so far.
	pub paid: BalanceOf<T>,
	/// Released to the owner so far.
	pub refunded: BalanceOf<T>,
	/// Whether the owner revoked the policy.
	pub revoked: bool,
}

impl<T: Config> Policy<T> {
	/// Budget of one `(provider, round)` slot; `None` on overflow.
	pub fn slot_budget(&self) -> Option<BalanceOf<T>> {
		Pallet::<T>::budget_of(&self.price)
	}

	/// What is still held for the policy.
	pub fn remaining(&self) -> BalanceOf<T> {
		self.max_cost.saturating_sub(self.paid).saturating_sub(self.refunded)
	}

	/// Whether the price model is per round.
	pub fn is_per_round(&self) -> bool {
		matches!(self.price, PriceModel::PerRound { .. })
	}

	/// Index of `who` among the providers.
	pub fn provider_index(&self, who: &T::AccountId) -> Option<usize> {
		self.providers.iter().position(|p| &p.account == who)
	}
}

/// Bound of the per-request payment bitmaps: one bit per policy round.
pub struct RoundBitmapBytes<T>(PhantomData<T>);
impl<T: Config> Get<u32> for RoundBitmapBytes<T> {
	fn get() -> u32 {
		T::MaxPolicyRounds::get().saturating_add(7) / 8
	}
}

/// Bit `i` of a bitmap, the policy's round `start + i`.
pub(crate) fn bit(bitmap: &[u8], i: u32) -> bool {
	bitmap.get((i / 8) as usize).is_some_and(|b| b & (1u8 << (i % 8)) != 0)
}

/// Number of set bits in `from..to`.
pub(crate) fn count_bits(bitmap: &[u8], from: u32, to: u32) -> u32 {
	(from..to).filter(|i| bit(bitmap, *i)).count() as u32
}

/// The outcome of settling one provider's slots ([`Pallet::settlement`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Settlement<AccountId, Balance> {
	/// The provider whose slots are settled.
	pub provider: AccountId,
	/// To the provider.
	pub pay: Balance,
	/// To the owner.
	pub refund: Balance,
	/// The cursor before.
	pub from: RoundIndex,
	/// The cursor after.
	pub to: RoundIndex,
	/// Rounds checked one by one against the registry.
	pub checked: u32,
}

impl<AccountId, Balance: Saturating + Ord + Copy> Settlement<AccountId, Balance> {
	/// What actually moves when the policy still holds `remaining`:
	/// `(to the provider, to the owner)`, never more than is held, the
	/// provider first.
	pub fn capped(&self, remaining: Balance) -> (Balance, Balance) {
		let pay = self.pay.min(remaining);
		let refund = self.refund.min(remaining.saturating_sub(pay));
		(pay, refund)
	}
}
