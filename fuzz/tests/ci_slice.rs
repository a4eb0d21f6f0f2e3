//! The fuzzer's deterministic slice for CI, the corpus replayed, and the
//! fuzzer's own checks shown to fail when the chain breaks an invariant.

use market_fuzz::{chain::Chain, run_case, seeded_input, CaseReport, Limits};
use market_runtime::{Runtime, UNIT};
use std::path::Path;

/// Seeds of the CI slice and the calls each case makes.
const SLICE_SEEDS: std::ops::Range<u64> = 1..4;
const SLICE_CALLS: u64 = 1_500;

fn slice() -> CaseReport {
	let mut total = CaseReport::default();
	for seed in SLICE_SEEDS {
		let report = run_case(
			&seeded_input(seed, 64 * 1024),
			&Limits { max_calls: SLICE_CALLS, ..Limits::default() },
		)
		.unwrap_or_else(|failure| panic!("seed {seed}: {failure}"));
		total.merge(&report);
	}
	total
}

/// A few thousand calls from fixed seeds keep every invariant, and they
/// reach the deep paths: calls that need valid signatures, VRF proofs,
/// quorum statements and Merkle openings are accepted, not only refused.
#[test]
fn fixed_seed_slice_keeps_every_invariant_and_reaches_the_markets() {
	let total = slice();
	// Each case stops at its limit, plus the agents' commits of its last block.
	assert!(total.calls >= SLICE_CALLS * (SLICE_SEEDS.end - SLICE_SEEDS.start));
	let accepted = |call: &str| total.outcomes.get(&format!("{call} ok")).copied().unwrap_or(0);
	for call in [
		"ProviderStaking::bond",
		"ProviderStaking::set_operator",
		"ProviderStaking::commit_to_next_round",
		"PolicyEscrow::create_policy",
		"PolicyEscrow::claim_fees",
		"Tickets::fund",
		"Tickets::redeem_winning_ticket",
		"Tickets::redeem_winning_tickets",
		"Tickets::report_double_signed",
		"Availability::report_unavailable",
		"ServiceClaims::submit_attested_claim",
		"ServiceClaims::commit_claim",
		"ServiceClaims::open_claim",
	] {
		assert!(accepted(call) > 0, "{call} was never accepted:\n{:#?}", total.outcomes);
	}
	assert!(total.blocks > 100, "only {} blocks", total.blocks);
}

/// The same input is the same case: a saved failure replays exactly.
#[test]
fn a_case_is_a_function_of_its_input() {
	let data = seeded_input(7, 16 * 1024);
	let limits = Limits { max_calls: 400, ..Limits::default() };
	let first = run_case(&data, &limits).expect("seed 7 passes");
	let second = run_case(&data, &limits).expect("seed 7 passes");
	assert_eq!(first.outcomes, second.outcomes);
	assert_eq!(first.blocks, second.blocks);
}

/// Every input kept in `fuzz/corpus/` replays without a failure.
#[test]
fn corpus_replays_clean() {
	let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
	let mut files: Vec<_> = std::fs::read_dir(&dir)
		.expect("fuzz/corpus exists")
		.map(|e| e.expect("readable entry").path())
		.filter(|p| p.is_file())
		.collect();
	files.sort();
	assert!(!files.is_empty(), "the corpus is empty");
	for file in files {
		let data = std::fs::read(&file).expect("readable corpus file");
		run_case(&data, &Limits { max_calls: u64::MAX, ..Limits::default() })
			.unwrap_or_else(|failure| panic!("{}: {failure}", file.display()));
	}
}

/// Money created without an event is caught at the end of the block.
#[test]
fn issuance_changed_behind_the_events_is_a_failure() {
	let mut chain = Chain::development();
	chain.begin_block().expect("block 1 opens");
	chain.with(|| {
		// Credited and counted in the issuance, so the sum of balances
		// still equals it: only the event check sees the mint.
		let who = sp_keyring::Sr25519Keyring::Bob.to_account_id();
		frame_system::Account::<Runtime>::mutate(&who, |a| a.data.free += UNIT);
		pallet_balances::TotalIssuance::<Runtime>::mutate(|t| *t += UNIT);
	});
	let failure = chain.end_block().expect_err("undocumented mint");
	assert!(failure.what.contains("events document"), "{failure}");
}

/// Money held by no account is caught at the end of the block.
#[test]
fn issuance_out_of_step_with_the_accounts_is_a_failure() {
	let mut chain = Chain::development();
	chain.begin_block().expect("block 1 opens");
	chain.with(|| pallet_balances::TotalIssuance::<Runtime>::mutate(|t| *t += 1));
	let failure = chain.end_block().expect_err("issuance out of step");
	assert!(failure.what.contains("total issuance"), "{failure}");
}

/// A pallet whose storage breaks its own rules fails `try_state`.
#[test]
fn broken_pallet_state_is_a_failure() {
	let mut chain = Chain::development();
	chain.begin_block().expect("block 1 opens");
	chain.with(|| {
		// A round the chain never started: it has no seed.
		pallet_provider_staking::CurrentRound::<Runtime>::put(1_000_000);
	});
	let failure = chain.end_block().expect_err("broken staking state");
	assert!(failure.what.contains("try_state"), "{failure}");
}
