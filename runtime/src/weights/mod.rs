//! The base weights this chain charges, measured on its own node and
//! database by `scripts/benchmark.sh overhead storage` (the pallets' own
//! weights live in each pallet's `weights.rs`).
//!
//! - [`BlockExecutionWeight`]: an empty block (inherents, `on_initialize`
//!   and `on_finalize` of every pallet), charged to every block;
//! - [`ExtrinsicBaseWeight`]: a signed `System::remark` with every
//!   transaction extension, charged to every extrinsic on top of its call;
//! - [`MeasuredDbWeight`]: one ParityDB read and one write on a state of a
//!   young chain's size, the price of the reads and writes the benchmarks
//!   count.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::MeasuredDbWeight;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{configs::RuntimeBlockWeights, Runtime};
	use frame_support::{
		dispatch::DispatchClass,
		weights::constants::{WEIGHT_REF_TIME_PER_MICROS, WEIGHT_REF_TIME_PER_MILLIS},
	};

	#[test]
	fn the_runtime_charges_the_measured_weights() {
		let block = RuntimeBlockWeights::get();
		assert_eq!(block.base_block, BlockExecutionWeight::get());
		for class in DispatchClass::all() {
			assert_eq!(block.get(*class).base_extrinsic, ExtrinsicBaseWeight::get());
		}
		assert_eq!(<Runtime as frame_system::Config>::DbWeight::get(), MeasuredDbWeight::get());
	}

	#[test]
	fn measured_database_weights_are_plausible() {
		// A regeneration on a broken set-up (an empty state, a RAM disk)
		// would price storage far below what a validator's disk costs.
		let db = MeasuredDbWeight::get();
		for (what, weight) in [("read", db.reads(1)), ("write", db.writes(1))] {
			let time = weight.ref_time();
			assert!(time >= WEIGHT_REF_TIME_PER_MICROS, "one {what} under 1 µs: {time}");
			assert!(time <= WEIGHT_REF_TIME_PER_MILLIS, "one {what} over 1 ms: {time}");
		}
		assert!(db.write >= db.read, "a write cannot be cheaper than a read");
	}
}
