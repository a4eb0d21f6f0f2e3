//! Benchmarks of the availability pallet (`frame_benchmarking::v2`).

use super::*;
use crate::pallet::{Config, GatewaySignatures, Pallet, UnavailableMarks};
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

	/// A proof with `s` gateway signatures, against a provider with the
	/// escalation window's reads, slashed with `s + 1` reporters.
	#[benchmark]
	fn report_unavailable(
		s: Linear<{ T::GatewayThreshold::get() }, { T::GatewaysPerRound::get() }>,
	) -> Result<(), BenchmarkError> {
		let n = T::GatewaysPerRound::get();
		// `n + 1` providers: the gateways draw `n` of them, one is left out.
		let mut providers = Vec::new();
		for i in 0..=n {
			let who: T::AccountId = account("provider", i, SEED);
			let key = sp_io::crypto::sr25519_generate(KEY_TYPE, None);
			T::BenchmarkHelper::add_provider(&who, key);
			providers.push(who);
		}
		let round = T::BenchmarkHelper::start_round();
		let gateways = Pallet::<T>::gateways(round);
		let accused = providers
			.iter()
			.find(|p| !gateways.contains(p))
			.cloned()
			.ok_or(BenchmarkError::Stop("every provider is a gateway"))?;
		let statement =
			UnavailabilityStatement { provider: accused.clone(), round, complaint_hash: [7u8; 32] };
		let payload = statement_payload(&Pallet::<T>::signing_domain(), &statement);
		let mut signatures: Vec<(u32, sr25519::Signature)> = Vec::new();
		for (index, gateway) in gateways.iter().enumerate().take(s as usize) {
			let key = T::Registry::operator_key(gateway)
				.ok_or(BenchmarkError::Stop("gateway without key"))?;
			let signature = sp_io::crypto::sr25519_sign(KEY_TYPE, &key, &payload)
				.ok_or(BenchmarkError::Stop("cannot sign"))?;
			signatures.push((index as u32, signature));
		}
		let signatures: GatewaySignatures<T> = BoundedVec::try_from(signatures)
			.map_err(|_| BenchmarkError::Stop("too many signatures"))?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), statement, signatures);

		assert!(UnavailableMarks::<T>::contains_key(round, &accused));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::bench_ext(), crate::mock::Test);
}
