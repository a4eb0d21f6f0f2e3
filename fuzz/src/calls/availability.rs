//! Availability: proofs of unavailability signed by the drawn gateway
//! quorum (honest, short, forged, replayed), and Root's gateway parameters.

use super::{quorum, root, signed, Gen, Step};
use arbitrary::Result;
use frame_support::BoundedVec;
use market_primitives::availability::{statement_payload, UnavailabilityStatement};
use market_runtime::{Availability, RuntimeCall};
use pallet_availability::{Call, GatewayParameters};
use sp_core::Pair;

pub(super) fn next(g: &mut Gen) -> Result<Step> {
	if g.chance(6)? {
		return parameters(g);
	}
	let reporter = g.actor()?;
	let round = g.round()?;
	// Mostly a provider in the round's snapshot: anyone else is refused
	// before any signature is checked.
	let in_round: Vec<_> = crate::actors::keys()
		.actors
		.iter()
		.filter(|a| market_runtime::ProviderStaking::stake_in(&a.account, round) > 0)
		.collect();
	let accused = if in_round.is_empty() || g.chance(15)? {
		g.provider()?.account.clone()
	} else {
		g.u.choose(&in_round)?.account.clone()
	};
	let statement =
		UnavailabilityStatement { provider: accused.clone(), round, complaint_hash: g.bytes32()? };
	let members = if round <= g.current_round() {
		Availability::gateways(round, &accused)
	} else {
		Vec::new()
	};
	// Sometimes the quorum signs another statement than the one submitted.
	let signed_statement = if g.chance(8)? {
		UnavailabilityStatement { round: round.saturating_sub(1), ..statement.clone() }
	} else {
		statement.clone()
	};
	let domain = Availability::signing_domain();
	let threshold = Availability::parameters().threshold;
	let list = quorum::signatures(g, &members, threshold, |pair| {
		pair.sign(&statement_payload(&domain, &signed_statement))
	})?;
	Ok(signed(
		&reporter.account,
		RuntimeCall::Availability(Call::report_unavailable {
			statement,
			signatures: BoundedVec::truncate_from(list),
		}),
	))
}

/// Gateway parameters around the valid range `seats / 2 < threshold <=
/// seats <= MaxGatewaySeats`.
fn parameters(g: &mut Gen) -> Result<Step> {
	let max = <market_runtime::Runtime as pallet_availability::Config>::MaxGatewaySeats::get();
	let seats = g.pick(&[0, 1, 3, 4, 16, 43, max, max + 1])?;
	let threshold =
		g.pick(&[0, 1, seats / 2, seats / 2 + 1, seats * 2 / 3 + 1, seats, seats + 1])?;
	Ok(root(RuntimeCall::Availability(Call::set_parameters {
		parameters: GatewayParameters { seats, threshold },
	})))
}
