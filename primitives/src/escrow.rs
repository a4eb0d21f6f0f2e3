//! Interfaces of the policy escrow pallet for the other market pallets and
//! clients: policy ids, price models, the sampling domain of a policy, and
//! the [`PolicyEscrow`] trait through which the service-claims pallet pays
//! per-request fees out of a policy's escrow.

extern crate alloc;
use crate::{sampling::DomainTag, RoundIndex};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::sr25519;
use sp_runtime::{DispatchError, Weight};

/// Identifier of a policy, assigned in creation order from 0.
pub type PolicyId = u64;

/// Context of a policy's sampling domain (see [`policy_sampling_domain`]).
pub const POLICY_DOMAIN_CONTEXT: [u8; 13] = *b"market/policy";

/// How a policy pays its providers.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum PriceModel<Balance> {
	/// `price` per provider for each round it was in the round's snapshot
	/// and not proven unavailable; claimed by the provider.
	#[codec(index = 0)]
	PerRound {
		/// Fee of one provider for one round.
		price: Balance,
	},
	/// `price` per served request, at most `cap` requests per provider per
	/// round; paid through [`PolicyEscrow::pay_for_requests`].
	#[codec(index = 1)]
	PerRequest {
		/// Fee of one served request.
		price: Balance,
		/// Most requests paid per provider per round.
		cap: u32,
	},
}

/// What a policy promises, as other pallets and clients need it.
#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo)]
pub struct PolicyTerms<AccountId, Balance> {
	/// The account that created the policy and funds it.
	pub owner: AccountId,
	/// The providers holding the policy.
	pub providers: Vec<AccountId>,
	/// The sr25519 keys allowed to sign requests under the policy.
	pub requesters: Vec<sr25519::Public>,
	/// First round of the policy.
	pub start: RoundIndex,
	/// First round after the policy (exclusive end; earlier after a revocation).
	pub end: RoundIndex,
	/// The price model.
	pub price: PriceModel<Balance>,
}

/// The sampling domain of policy `policy`:
/// `blake2_256(SCALE(POLICY_DOMAIN_CONTEXT, policy))[0..8]`, where the
/// context is encoded as its 13 raw bytes and the id as a little-endian `u64`.
pub fn policy_sampling_domain(policy: PolicyId) -> DomainTag {
	let hash = sp_crypto_hashing::blake2_256(&(POLICY_DOMAIN_CONTEXT, policy).encode());
	let mut tag = [0u8; 8];
	for (dst, src) in tag.iter_mut().zip(hash.iter()) {
		*dst = *src;
	}
	tag
}

/// The policy escrow, as used by the service-claims pallet.
pub trait PolicyEscrow<AccountId, Balance> {
	/// The terms of a live policy; `None` if unknown or reaped.
	fn policy_terms(policy: PolicyId) -> Option<PolicyTerms<AccountId, Balance>>;

	/// Pays `provider` for `served` requests of `policy` in `round`:
	/// `min(served, cap) * price` moves from the owner's escrow to the
	/// provider, the rest of that round's budget goes back to the owner.
	/// At most once per `(policy, provider, round)`, only for a per-request
	/// policy, a round of the policy whose report window has closed and that
	/// is still within the claim window, and a provider that was in the
	/// round's snapshot and was not proven unavailable for it.
	///
	/// Returns the amount paid; fails, changing nothing, otherwise.
	fn pay_for_requests(
		policy: PolicyId,
		provider: &AccountId,
		round: RoundIndex,
		served: u32,
	) -> Result<Balance, DispatchError>;

	/// Upper bound of the weight of one [`Self::pay_for_requests`] call.
	fn pay_for_requests_weight() -> Weight;

	/// Whether [`Self::pay_for_requests`] for `(policy, provider, round)`
	/// would succeed now, changing nothing: `Ok(last)` if so, where `last`
	/// is the last round up to which it stays possible whatever the owner
	/// does (refunds, revocation, reaping), unless the slot is paid in the
	/// meantime; otherwise the error `pay_for_requests` would return.
	/// Its weight is at most [`Self::pay_for_requests_weight`].
	fn requests_payable_until(
		policy: PolicyId,
		provider: &AccountId,
		round: RoundIndex,
	) -> Result<RoundIndex, DispatchError>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn domain_is_stable_and_distinct() {
		let a = policy_sampling_domain(0);
		let b = policy_sampling_domain(1);
		assert_ne!(a, b);
		let hash = sp_crypto_hashing::blake2_256(b"market/policy\x01\0\0\0\0\0\0\0");
		assert_eq!(b[..], hash[..8]);
	}

	#[test]
	fn price_model_encoding() {
		assert_eq!(PriceModel::PerRound { price: 5u128 }.encode()[0], 0);
		let per_request = PriceModel::PerRequest { price: 5u64, cap: 2 };
		assert_eq!(per_request.encode(), vec![1, 5, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0]);
	}
}
