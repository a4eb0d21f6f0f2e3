//! JSON-RPC errors of the `market_*` methods: one code per kind, a message
//! naming what was asked, and the runtime's error as structured `data`.

use jsonrpsee::types::ErrorObjectOwned;
use market_runtime_api::MarketApiError;

/// Error codes, one per kind of refusal. The JSON-RPC reserved range is
/// `-32768..=-32000`; parameters the node cannot parse at all get the
/// standard `-32602` (invalid params) from jsonrpsee.
pub mod codes {
	/// The runtime API call itself failed (unknown block, a runtime
	/// without `MarketApi`, an execution error).
	pub const RUNTIME_ERROR: i32 = 8000;
	/// No live policy has this id.
	pub const UNKNOWN_POLICY: i32 = 8001;
	/// The account is not a bonded provider.
	pub const UNKNOWN_PROVIDER: i32 = 8002;
	/// The account has no ticket funds.
	pub const UNKNOWN_SENDER: i32 = 8003;
	/// The round left the history.
	pub const ROUND_OUT_OF_HISTORY: i32 = 8004;
	/// The round has not started.
	pub const ROUND_NOT_STARTED: i32 = 8005;
	/// A parameter has a value the question does not allow (sample size,
	/// a ticket's sender as its recipient).
	pub const BAD_PARAMETERS: i32 = 8006;
	/// No pending commitment for the policy, provider and round.
	pub const NO_COMMITMENT: i32 = 8007;
	/// The commitment's challenge seed is not drawn yet.
	pub const CHALLENGE_NOT_DRAWN: i32 = 8008;
	/// A round of the history has no stored seed (never on a running chain).
	pub const MISSING_ROUND_DATA: i32 = 8009;
	/// The runtime could not compute the answer from its state.
	pub const INTERNAL: i32 = 8010;
}

/// What was asked, to name it in the message of an error about an account
/// or a commitment.
#[derive(Clone, Debug, Default)]
pub struct Subject {
	/// The provider, sender or account the question is about.
	pub account: Option<String>,
	/// `(policy, round)` of a commitment question.
	pub claim: Option<(u64, u32)>,
}

impl Subject {
	/// A question about `account`.
	pub fn account(account: impl ToString) -> Self {
		Self { account: Some(account.to_string()), ..Default::default() }
	}
}

/// The code of a runtime refusal.
pub fn code_of(error: &MarketApiError) -> i32 {
	match error {
		MarketApiError::RoundOutOfHistory { .. } => codes::ROUND_OUT_OF_HISTORY,
		MarketApiError::RoundNotStarted { .. } => codes::ROUND_NOT_STARTED,
		MarketApiError::MissingRoundData { .. } => codes::MISSING_ROUND_DATA,
		MarketApiError::BadSampleSize { .. } | MarketApiError::SelfPayment => codes::BAD_PARAMETERS,
		MarketApiError::UnknownPolicy { .. } => codes::UNKNOWN_POLICY,
		MarketApiError::UnknownProvider => codes::UNKNOWN_PROVIDER,
		MarketApiError::UnknownSender => codes::UNKNOWN_SENDER,
		MarketApiError::NoCommitment => codes::NO_COMMITMENT,
		MarketApiError::ChallengeNotDrawn { .. } => codes::CHALLENGE_NOT_DRAWN,
		MarketApiError::Internal => codes::INTERNAL,
	}
}

/// A runtime refusal as a JSON-RPC error: its code, a message naming the
/// subject, and the error itself as `data` (`{"error": "unknownPolicy",
/// "policy": 7}`).
pub fn refusal(error: MarketApiError, subject: &Subject) -> ErrorObjectOwned {
	let account = subject.account.as_deref().unwrap_or("the account");
	let message = match &error {
		MarketApiError::UnknownProvider => format!("unknown provider {account}: not bonded"),
		MarketApiError::UnknownSender => {
			format!("unknown ticket sender {account}: no deposit or reserve")
		},
		MarketApiError::SelfPayment => {
			format!("{account} cannot pay itself: the sender and the recipient must differ")
		},
		MarketApiError::NoCommitment => match subject.claim {
			Some((policy, round)) => {
				format!("no pending commitment of {account} for policy {policy} in round {round}")
			},
			None => error.to_string(),
		},
		MarketApiError::Internal => {
			"the runtime could not compute the answer from its state (please report)".into()
		},
		other => other.to_string(),
	};
	ErrorObjectOwned::owned(code_of(&error), message, serde_json::to_value(&error).ok())
}

/// A failed runtime API call as a JSON-RPC error.
pub fn runtime_error(
	at: impl core::fmt::Debug,
	error: impl core::fmt::Display,
) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		codes::RUNTIME_ERROR,
		format!("runtime API call failed at block {at:?}: {error}"),
		None::<()>,
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	#[test]
	fn every_refusal_has_its_own_code() {
		let all = [
			MarketApiError::RoundOutOfHistory { round: 3, oldest: 5 },
			MarketApiError::RoundNotStarted { round: 9, current: 4 },
			MarketApiError::MissingRoundData { round: 2 },
			MarketApiError::BadSampleSize { n: 0, max: 64 },
			MarketApiError::UnknownPolicy { policy: 7 },
			MarketApiError::UnknownProvider,
			MarketApiError::UnknownSender,
			MarketApiError::NoCommitment,
			MarketApiError::ChallengeNotDrawn { seed_block: 12 },
			MarketApiError::Internal,
		];
		let mut codes: Vec<i32> = all.iter().map(code_of).collect();
		codes.push(codes::RUNTIME_ERROR);
		let count = codes.len();
		codes.sort();
		codes.dedup();
		assert_eq!(codes.len(), count, "codes must be distinct");
		assert!(codes.iter().all(|c| !(-32768..=-32000).contains(c)));
		// Bad values share one code, with distinct data.
		assert_eq!(code_of(&MarketApiError::SelfPayment), codes::BAD_PARAMETERS);
	}

	#[test]
	fn messages_name_what_was_asked() {
		let none = Subject::default();
		let e = refusal(MarketApiError::UnknownPolicy { policy: 7 }, &none);
		assert_eq!((e.code(), e.message()), (codes::UNKNOWN_POLICY, "unknown policy 7"));
		let data: serde_json::Value = serde_json::from_str(e.data().unwrap().get()).unwrap();
		assert_eq!(data, json!({"error": "unknownPolicy", "policy": 7}));

		let e = refusal(MarketApiError::RoundOutOfHistory { round: 3, oldest: 5 }, &none);
		assert_eq!(e.code(), codes::ROUND_OUT_OF_HISTORY);
		assert_eq!(e.message(), "round 3 is out of history (oldest kept is 5)");

		let e = refusal(MarketApiError::BadSampleSize { n: 65, max: 64 }, &none);
		assert_eq!((e.code(), e.message()), (codes::BAD_PARAMETERS, "n must be 1..=64, got 65"));

		let who = Subject::account("5Grw");
		let e = refusal(MarketApiError::UnknownProvider, &who);
		assert_eq!(e.message(), "unknown provider 5Grw: not bonded");
		let e = refusal(MarketApiError::UnknownSender, &who);
		assert_eq!(e.message(), "unknown ticket sender 5Grw: no deposit or reserve");

		let claim = Subject { claim: Some((4, 2)), ..Subject::account("5Fx") };
		let e = refusal(MarketApiError::NoCommitment, &claim);
		assert_eq!(e.message(), "no pending commitment of 5Fx for policy 4 in round 2");

		let e = refusal(MarketApiError::ChallengeNotDrawn { seed_block: 12 }, &claim);
		assert_eq!(e.code(), codes::CHALLENGE_NOT_DRAWN);
		assert!(e.message().contains("block 12"), "{}", e.message());

		let e = runtime_error("0x01", "Api called for an unknown Block: 0x01");
		assert_eq!(e.code(), codes::RUNTIME_ERROR);
		assert_eq!(
			e.message(),
			"runtime API call failed at block \"0x01\": Api called for an unknown Block: 0x01"
		);
		assert!(e.data().is_none());
	}
}
