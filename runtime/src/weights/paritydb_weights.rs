//! Database weights of ParityDb, measured by `market-node benchmark storage`.
//!
//! Measured 2026-12-02 (Y/M/D) on `vm` (Intel(R) Xeon(R) Processor): every key of the
//! state at block Number(0) read and written once (1 warm-up
//! rounds), state version 1, trie cache disabled.
//! The weight of one access is the Average of all accesses
//! times 1.0 plus 0 ns.
//! Regenerate with `scripts/benchmark.sh storage`, never by hand.

use frame_support::{
	parameter_types,
	weights::{constants::WEIGHT_REF_TIME_PER_NANOS, RuntimeDbWeight},
};

parameter_types! {
	/// What the runtime charges for one storage read and one storage write.
	///
	/// Reads, ns: min 2_147, median 9_807,
	/// mean 10_701, p95 12_806, p99 30_318, max 3_944_945.
	///
	/// Writes, ns: min 19_906, median 27_852,
	/// mean 27_286, p95 30_607, p99 43_476, max 43_476.
	pub const MeasuredDbWeight: RuntimeDbWeight = RuntimeDbWeight {
		read: 10_701 * WEIGHT_REF_TIME_PER_NANOS,
		write: 27_286 * WEIGHT_REF_TIME_PER_NANOS,
	};
}
