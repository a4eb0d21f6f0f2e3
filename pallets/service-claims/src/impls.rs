//! The pallet's helpers outside the calls: signing domain, committees,
//! parameters, challenges and seeds, claim and opening checks, forfeits,
//! outcomes and pruning.

use super::*;
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, weights::WeightMeter};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The signing domain of committee statements and receipts on this
	/// chain.
	pub fn signing_domain() -> SigningDomain {
		let genesis_hash = market_primitives::domain::genesis_hash_bytes(
			&frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()),
		);
		market_primitives::claims::signing_domain(genesis_hash)
	}

	/// The longest sibling path among `openings`: the weight of
	/// [`Pallet::open_claim`] is measured with `ChallengeCount` openings
	/// of this depth.
	pub fn deepest_path(openings: &[Opening<T::AccountId>]) -> u32 {
		openings.iter().map(|o| o.proof.len() as u32).max().unwrap_or(0)
	}

	/// The committee attesting `claimant`'s claims for `round` under the
	/// current parameters: distinct members in order of first draw with
	/// their seats; empty if the round's seed or snapshot is unknown or
	/// nobody but the claimant has stake in it.
	pub fn committee(round: RoundIndex, claimant: &T::AccountId) -> Vec<(T::AccountId, u32)> {
		Self::sample_committee(round, claimant, Params::<T>::get().committee_size)
	}

	/// `seats` seats drawn for `claimant`'s committee in `round`. Draws
	/// are prefix-stable: fewer seats keep the same first draws.
	pub(crate) fn sample_committee(
		round: RoundIndex,
		claimant: &T::AccountId,
		seats: u32,
	) -> Vec<(T::AccountId, u32)> {
		T::Registry::draw_seats(round, &COMMITTEE, seats, Some(claimant))
	}

	/// The pallet's current parameters (committee size and threshold,
	/// challenge count, deadline, slash).
	pub fn parameters() -> Parameters<T::Balance> {
		Params::<T>::get()
	}

	/// Checks `parameters` against the rules of [`Parameters`], in the
	/// order of the errors.
	pub fn check_parameters(parameters: &Parameters<T::Balance>) -> Result<(), Error<T>> {
		let Parameters {
			committee_size,
			committee_threshold,
			challenge_count,
			open_deadline,
			claim_slash: _,
		} = *parameters;
		ensure!(committee_size <= T::CommitteeSize::get(), Error::<T>::CommitteeAboveBound);
		ensure!(committee_threshold > committee_size / 2, Error::<T>::ThresholdNotMajority);
		ensure!(committee_threshold <= committee_size, Error::<T>::ThresholdAboveCommittee);
		ensure!(challenge_count > 0, Error::<T>::ZeroChallengeCount);
		ensure!(challenge_count <= T::ChallengeCount::get(), Error::<T>::ChallengeCountAboveBound);
		ensure!(open_deadline > 0, Error::<T>::ZeroOpenDeadline);
		// A round settles at `r + MaxReportAge + 1` and stays payable
		// until `r + RoundHistory - 1`: a commitment made when it
		// settles must be able to reach its deadline.
		ensure!(
			T::MaxReportAge::get().saturating_add(1).saturating_add(open_deadline)
				< T::RoundHistory::get(),
			Error::<T>::OpenDeadlineBeyondHistory
		);
		Ok(())
	}

	/// The challenge indices of `provider`'s commitment for `policy` and
	/// `round`; `None` while its seed is not fixed.
	pub fn challenges(
		policy: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
		commitment: &Commitment<BlockNumberFor<T>>,
	) -> Option<Vec<u32>> {
		let seed = ChallengeSeeds::<T>::get(commitment.seed_block)?.seed?;
		let identity = (policy, provider, round, commitment.served);
		Some(challenge_indices(&seed, &identity, commitment.served, commitment.challenge_count))
	}

	/// The seed fixed at block `n`: the accumulated entropy, which has
	/// folded in the VRF outputs of every block before `n`, hashed with
	/// `n`.
	pub fn fresh_seed(n: BlockNumberFor<T>) -> [u8; 32] {
		Self::seed_from(&T::Entropy::accumulated(), n)
	}

	/// The challenge seed of block `n` from the accumulated entropy
	/// `entropy` as of that block.
	pub fn seed_from(entropy: &[u8; 32], n: BlockNumberFor<T>) -> [u8; 32] {
		sp_crypto_hashing::blake2_256(&(CHALLENGE_SUBJECT, entropy, n).encode())
	}

	/// The checks shared by both claim paths, changing nothing.
	pub(crate) fn check_claim(
		policy: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
		served: u32,
	) -> DispatchResult {
		ensure!(served > 0, Error::<T>::ZeroServed);
		let terms = T::Escrow::policy_terms(policy).ok_or(Error::<T>::UnknownPolicy)?;
		let PriceModel::PerRequest { cap, .. } = terms.price else {
			return Err(Error::<T>::NotPerRequestPolicy.into());
		};
		ensure!(served <= cap, Error::<T>::AboveCap);
		ensure!(terms.providers.contains(provider), Error::<T>::NotPolicyProvider);
		ensure!(!Claims::<T>::contains_key((round, policy, provider)), Error::<T>::AlreadyClaimed);
		ensure!(
			!Commitments::<T>::contains_key((policy, provider, round)),
			Error::<T>::CommitmentPending
		);
		Ok(())
	}

	/// Checks one opened leaf.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn check_opening(
		domain: &SigningDomain,
		terms: &PolicyTerms<T::AccountId, T::Balance>,
		policy: PolicyId,
		provider: &T::AccountId,
		round: RoundIndex,
		commitment: &Commitment<BlockNumberFor<T>>,
		index: u32,
		opening: &Opening<T::AccountId>,
	) -> Result<(), OpeningFailure> {
		let receipt = &opening.receipt;
		ensure!(receipt.policy == policy, OpeningFailure::WrongPolicy);
		ensure!(receipt.round == round, OpeningFailure::WrongRound);
		ensure!(&receipt.provider == provider, OpeningFailure::WrongProvider);
		ensure!(
			terms.requesters.contains(&receipt.requester),
			OpeningFailure::UnauthorizedRequester
		);
		ensure!(
			sp_io::crypto::sr25519_verify(
				&opening.signature,
				&receipt_payload(domain, receipt),
				&receipt.requester
			),
			OpeningFailure::BadSignature
		);
		verify_opening(&commitment.root, commitment.served, index, &leaf(receipt), &opening.proof)
			.map_err(OpeningFailure::BadProof)
	}

	/// The slash of a forfeited claim of `served` requests:
	/// `claim_slash + served * price`.
	pub fn slash_amount(
		claim_slash: T::Balance,
		terms: &PolicyTerms<T::AccountId, T::Balance>,
		served: u32,
	) -> T::Balance {
		let price = match terms.price {
			PriceModel::PerRequest { price, .. } => price,
			PriceModel::PerRound { .. } => Zero::zero(),
		};
		claim_slash.saturating_add(price.saturating_mul(served.into()))
	}

	/// Slashes the provider of `key` and closes its commitment as
	/// forfeited; changes nothing if the staking pallet refuses the
	/// slash of a bonded provider.
	pub(crate) fn forfeit(
		key: &(PolicyId, T::AccountId, RoundIndex),
		commitment: &Commitment<BlockNumberFor<T>>,
		reason: SlashReason,
		amount: T::Balance,
		reporters: &[T::AccountId],
	) -> Result<(), DispatchError> {
		let (policy, provider, round) = key;
		// One claim per (policy, provider, round): the claim is the offence.
		let offence = Offence { reason, round: *round, subject: *policy };
		let too_old =
			T::Registry::current_round().saturating_sub(*round) > T::Slashing::max_offence_age();
		let slashed = if T::Registry::locked_until(provider).is_some() && !too_old {
			T::Slashing::slash(provider, amount, offence, reporters)?
		} else {
			Zero::zero()
		};
		Self::remove_commitment(key, commitment);
		// A commitment can be expired long after its deadline. The outcome
		// is kept only while pruning has not passed its round: below the
		// cursor it would never be removed, and no claim for such a round
		// can be made again anyway.
		if *round >= OldestClaimRound::<T>::get() {
			Claims::<T>::insert((round, policy, provider), ClaimOutcome::Forfeited { slashed });
		}
		Self::deposit_event(Event::ClaimForfeited {
			policy: *policy,
			provider: provider.clone(),
			round: *round,
			reason: match reason {
				SlashReason::FailedClaimOpening => ForfeitReason::NotOpened,
				_ => ForfeitReason::BadOpening,
			},
			slashed,
		});
		Ok(())
	}

	/// Closes a correctly opened commitment the escrow refused to pay.
	///
	/// Unreachable with the policy escrow pallet, a defence against
	/// other escrows: `commit_claim` saw the slot payable (policy,
	/// per-request price, provider, round in the policy, settled, not
	/// paid, provider eligible) until the deadline whatever the owner
	/// does (`requests_payable_until` bounds it by reaping, revocation
	/// and the history). Terms and snapshots of a settled round do not
	/// change, only this pallet pays request slots and it admits one
	/// claim per slot (`AlreadyClaimed`, `CommitmentPending`). Tests
	/// reach it by paying the slot through the escrow trait directly.
	pub(crate) fn close_unpaid(
		key: &(PolicyId, T::AccountId, RoundIndex),
		commitment: &Commitment<BlockNumberFor<T>>,
		error: DispatchError,
	) {
		let (policy, provider, round) = key;
		log::warn!(target: LOG_TARGET, "escrow refused an opened claim: {:?}", error);
		Self::remove_commitment(key, commitment);
		Claims::<T>::insert((round, policy, provider), ClaimOutcome::Unpaid);
		Self::deposit_event(Event::ClaimUnpaid {
			policy: *policy,
			provider: provider.clone(),
			round: *round,
			error,
		});
	}

	/// Records a paid claim (every claim kind goes through here).
	pub(crate) fn record_paid(
		policy: PolicyId,
		provider: T::AccountId,
		round: RoundIndex,
		kind: ClaimKind,
		served: u32,
		amount: T::Balance,
	) {
		Claims::<T>::insert(
			(round, policy, &provider),
			ClaimOutcome::Paid { kind, served, amount },
		);
		Self::deposit_event(Event::ClaimPaid { policy, provider, round, kind, served, amount });
	}

	/// Removes a commitment and releases its challenge seed.
	pub(crate) fn remove_commitment(
		key: &(PolicyId, T::AccountId, RoundIndex),
		commitment: &Commitment<BlockNumberFor<T>>,
	) {
		Commitments::<T>::remove(key);
		ChallengeSeeds::<T>::mutate_exists(commitment.seed_block, |slot| {
			if let Some(s) = slot {
				s.refs = s.refs.saturating_sub(1);
				if s.refs == 0 {
					*slot = None;
				}
			}
		});
	}

	/// The first round whose outcomes are kept at `current`.
	pub fn first_kept_round(current: RoundIndex) -> RoundIndex {
		current.saturating_add(1).saturating_sub(T::RoundHistory::get())
	}

	/// Removes the outcomes of rounds that left the history, as far as
	/// `meter` allows, key by key from [`OldestClaimRound`].
	pub(crate) fn prune(meter: &mut WeightMeter) {
		let db = T::DbWeight::get();
		if meter.try_consume(db.reads(2)).is_err() {
			return;
		}
		let first_kept = Self::first_kept_round(T::Registry::current_round());
		loop {
			let round = OldestClaimRound::<T>::get();
			if round >= first_kept {
				return;
			}
			let mut outcomes = Claims::<T>::drain_prefix((round,));
			loop {
				if meter.try_consume(db.reads_writes(1, 1)).is_err() {
					return;
				}
				if outcomes.next().is_none() {
					break;
				}
			}
			if meter.try_consume(db.writes(1)).is_err() {
				return;
			}
			OldestClaimRound::<T>::put(round.saturating_add(1));
		}
	}
}
