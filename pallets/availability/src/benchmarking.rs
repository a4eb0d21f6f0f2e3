//! Benchmarks of the availability pallet (`frame_benchmarking::v2`).

use super::*;
use crate::pallet::{
	Config, GatewayParameters, GatewaySignatures, Pallet, Params, UnavailableMarks,
};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::RawOrigin;
use sp_core::{crypto::KeyTypeId, sr25519};

const SEED: u32 = 0;
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"mkgw");

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A proof with `s` gateway signatures over a full snapshot (the
	/// draw's tree reads are at their deepest), against a provider with the
	/// escalation window's reads, slashed with `s + 1` reporters.
	#[benchmark]
	fn report_unavailable(
		s: Linear<{ T::GatewayThreshold::get() }, { T::MaxGatewaySeats::get() }>,
	) -> Result<(), BenchmarkError> {
		let accused: T::AccountId = account("accused", 0, SEED);
		T::BenchmarkHelper::add_provider(&accused, sp_io::crypto::sr25519_generate(KEY_TYPE, None));
		T::BenchmarkHelper::fill_snapshot();
		let round = T::BenchmarkHelper::start_round();
		Params::<T>::put(GatewayParameters {
			seats: T::MaxGatewaySeats::get(),
			threshold: T::GatewayThreshold::get(),
		});
		let gateways = Pallet::<T>::gateways(round, &accused);
		let statement =
			UnavailabilityStatement { provider: accused.clone(), round, complaint_hash: [7u8; 32] };
		let payload = statement_payload(&Pallet::<T>::signing_domain(), &statement);
		let mut signatures: Vec<(u32, sr25519::Signature)> = Vec::new();
		let mut seats = 0u32;
		for (index, (gateway, held)) in gateways.iter().enumerate() {
			// At least the threshold, then up to `s` signers.
			if signatures.len() >= s as usize && seats >= T::GatewayThreshold::get() {
				break;
			}
			let key = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
			T::BenchmarkHelper::set_operator_key(gateway, key);
			let signature = sp_io::crypto::sr25519_sign(KEY_TYPE, &key, &payload)
				.ok_or(BenchmarkError::Stop("cannot sign"))?;
			signatures.push((index as u32, signature));
			seats = seats.saturating_add(*held);
		}
		let signatures: GatewaySignatures<T> = BoundedVec::try_from(signatures)
			.map_err(|_| BenchmarkError::Stop("too many signatures"))?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		report_unavailable(RawOrigin::Signed(caller), statement, signatures);

		assert!(UnavailableMarks::<T>::contains_key(round, &accused));
		Ok(())
	}

	#[benchmark]
	fn set_parameters() {
		let parameters = GatewayParameters {
			seats: T::MaxGatewaySeats::get(),
			threshold: T::MaxGatewaySeats::get(),
		};
		#[extrinsic_call]
		_(RawOrigin::Root, parameters);
		assert_eq!(Params::<T>::get(), parameters);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::bench_ext(), crate::mock::Test);
}
