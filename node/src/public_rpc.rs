//! Limits on RPC endpoints that other hosts can reach.
//!
//! sc-cli's defaults suit an endpoint only its operator talks to: batch
//! requests of any length and no rate limit, so one client can make the
//! node answer an unbounded batch or an unbounded stream of calls. On every
//! endpoint that listens on something other than loopback
//! (`--rpc-external`, `--unsafe-rpc-external`, or an
//! `--experimental-rpc-endpoint` with such an address) market-node sets
//! what the operator left unset:
//!
//! - batches of at most [`PUBLIC_MAX_BATCH_LEN`] calls
//!   (`--rpc-max-batch-request-len` chooses another length,
//!   `--rpc-disable-batch-requests` refuses batches);
//! - at most [`PUBLIC_CALLS_PER_MINUTE`] calls per minute per connection
//!   (`--rpc-rate-limit` chooses another rate); a call over the rate waits
//!   for the next free slot, and after ten attempts is refused with
//!   `-32999 RPC rate limit exceeded`.
//!
//! Loopback endpoints (the default, and what the node tests, the load tools
//! and a reverse proxy in front of a public node use) keep sc-cli's
//! defaults.

use sc_service::config::{RpcBatchRequestConfig, RpcEndpoint};
use std::num::NonZeroU32;

/// Most calls in one batch request on a public endpoint: a dapp batches a
/// page of queries, not thousands.
pub const PUBLIC_MAX_BATCH_LEN: u32 = 64;

/// Calls per minute per connection on a public endpoint: 20 per second,
/// ten times what polkadot.js sends when it connects.
pub const PUBLIC_CALLS_PER_MINUTE: u32 = 1_200;

/// Whether other hosts can reach `endpoint`.
fn is_public(endpoint: &RpcEndpoint) -> bool {
	!endpoint.listen_addr.ip().is_loopback()
}

/// Applies the public limits to each public endpoint where the operator
/// did not choose one. Returns a line per endpoint it changed, for the log.
pub fn apply_public_defaults(endpoints: &mut [RpcEndpoint]) -> Vec<String> {
	let mut changed = Vec::new();
	for endpoint in endpoints.iter_mut().filter(|e| is_public(e)) {
		let mut what = Vec::new();
		if matches!(endpoint.batch_config, RpcBatchRequestConfig::Unlimited) {
			endpoint.batch_config = RpcBatchRequestConfig::Limit(PUBLIC_MAX_BATCH_LEN);
			what.push(format!("batches of at most {PUBLIC_MAX_BATCH_LEN} calls"));
		}
		if endpoint.rate_limit.is_none() {
			endpoint.rate_limit = NonZeroU32::new(PUBLIC_CALLS_PER_MINUTE);
			what.push(format!("{PUBLIC_CALLS_PER_MINUTE} calls per minute per connection"));
		}
		if !what.is_empty() {
			changed.push(format!(
				"public RPC endpoint {}: {} (--rpc-max-batch-request-len and --rpc-rate-limit \
				 choose others)",
				endpoint.listen_addr,
				what.join(", ")
			));
		}
	}
	changed
}

#[cfg(test)]
mod tests {
	use super::*;
	use sc_service::config::RpcMethods;
	use std::net::SocketAddr;

	fn endpoint(addr: &str) -> RpcEndpoint {
		RpcEndpoint {
			listen_addr: addr.parse::<SocketAddr>().unwrap(),
			batch_config: RpcBatchRequestConfig::Unlimited,
			max_connections: 100,
			max_payload_in_mb: 15,
			max_payload_out_mb: 15,
			max_subscriptions_per_connection: 1024,
			max_buffer_capacity_per_connection: 64,
			rate_limit: None,
			rate_limit_trust_proxy_headers: false,
			rate_limit_whitelisted_ips: Vec::new(),
			cors: None,
			rpc_methods: RpcMethods::Safe,
			is_optional: false,
			retry_random_port: false,
		}
	}

	#[test]
	fn public_endpoints_get_the_limits_the_operator_left_unset() {
		let mut endpoints =
			vec![endpoint("0.0.0.0:9944"), endpoint("[::]:9944"), endpoint("203.0.113.7:9944")];
		let log = apply_public_defaults(&mut endpoints);
		assert_eq!(log.len(), 3);
		for e in &endpoints {
			assert!(matches!(e.batch_config, RpcBatchRequestConfig::Limit(PUBLIC_MAX_BATCH_LEN)));
			assert_eq!(e.rate_limit, NonZeroU32::new(PUBLIC_CALLS_PER_MINUTE));
		}
	}

	#[test]
	fn the_operators_choices_and_loopback_endpoints_are_kept() {
		let mut chosen = endpoint("0.0.0.0:9944");
		chosen.batch_config = RpcBatchRequestConfig::Disabled;
		chosen.rate_limit = NonZeroU32::new(60_000);
		let mut endpoints = vec![endpoint("127.0.0.1:9944"), endpoint("[::1]:9944"), chosen];
		assert!(apply_public_defaults(&mut endpoints).is_empty());
		assert!(matches!(endpoints[0].batch_config, RpcBatchRequestConfig::Unlimited));
		assert_eq!(endpoints[1].rate_limit, None);
		assert!(matches!(endpoints[2].batch_config, RpcBatchRequestConfig::Disabled));
		assert_eq!(endpoints[2].rate_limit, NonZeroU32::new(60_000));
	}
}
