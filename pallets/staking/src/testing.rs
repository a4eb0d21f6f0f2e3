//! Test kit shared by the mocks of the market pallets: a stand-in for
//! BABE's `ParentBlockRandomness` whose per-block VRF outputs a test can
//! set, to show which blocks a seed depends on.

use frame_support::traits::Randomness;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Hash, UniqueSaturatedInto};
use std::{cell::RefCell, collections::BTreeMap};

std::thread_local! {
	static OUTPUTS: RefCell<BTreeMap<u64, Option<[u8; 32]>>> = const { RefCell::new(BTreeMap::new()) };
}

/// The VRF output of block `block` as the mock chain sees it: the one set
/// by [`set_vrf_output`], else `blake2_256(b"mock-vrf" ‖ block)`.
pub fn vrf_output(block: u64) -> Option<[u8; 32]> {
	OUTPUTS.with(|o| o.borrow().get(&block).copied()).unwrap_or_else(|| {
		Some(sp_crypto_hashing::blake2_256(&[&b"mock-vrf"[..], &block.to_le_bytes()].concat()))
	})
}

/// Makes `output` the VRF output of block `block` (`None`: the block has
/// none, like a plain secondary slot or block 0) in this test's thread.
pub fn set_vrf_output(block: u64, output: Option<[u8; 32]>) {
	OUTPUTS.with(|o| {
		o.borrow_mut().insert(block, output);
	});
}

/// Forgets every output set by [`set_vrf_output`] in this thread.
pub fn reset_vrf_outputs() {
	OUTPUTS.with(|o| o.borrow_mut().clear());
}

/// `ParentBlockRandomness` of the mock chain: at block `n`, the VRF output
/// of block `n - 1` hashed with the subject, as BABE does; `None` in block
/// 1 (the genesis block has no VRF output) or when a test removed it.
pub struct TestBlockRandomness<T>(core::marker::PhantomData<T>);

impl<T: frame_system::Config> Randomness<Option<T::Hash>, BlockNumberFor<T>>
	for TestBlockRandomness<T>
{
	fn random(subject: &[u8]) -> (Option<T::Hash>, BlockNumberFor<T>) {
		let now: u64 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		let parent = now.saturating_sub(1);
		let output = if parent == 0 { None } else { vrf_output(parent) };
		let hash = output.map(|vrf| T::Hashing::hash(&[subject, &vrf[..]].concat()));
		(hash, (parent as u32).into())
	}
}
