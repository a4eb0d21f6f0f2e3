//! `market-fuzz`: runs the runtime fuzzer (see the crate docs).
//!
//! ```text
//! market-fuzz run [--seed S] [--cases N] [--calls C] [--input-len B]
//!                 [--corpus-out DIR] [--artifacts DIR]
//! market-fuzz replay FILE...
//! ```
//!
//! `run` makes case `i` from the bytes of seed `S + i` (see
//! `seeded_input`), `B` bytes long, and stops each case after `C` calls.
//! A case that reached an outcome (`Pallet::call` and `ok` or the error)
//! no earlier case reached is written to `--corpus-out`, named by its seed;
//! a failing case is written to `--artifacts` and the run stops with exit
//! code 1. `replay` runs saved cases. Exit code 2: bad arguments.

use market_fuzz::{run_case, seeded_input, CaseReport, Limits};
use std::{
	collections::BTreeSet,
	path::{Path, PathBuf},
	process::ExitCode,
	time::Instant,
};

struct RunArgs {
	seed: u64,
	cases: u64,
	calls: u64,
	input_len: usize,
	corpus_out: Option<PathBuf>,
	artifacts: PathBuf,
}

/// `MARKET_FUZZ_TRACE=1` prints every step and its outcome.
fn trace() -> bool {
	std::env::var_os("MARKET_FUZZ_TRACE").is_some_and(|v| v == "1")
}

fn usage(message: &str) -> ExitCode {
	eprintln!("market-fuzz: {message}");
	eprintln!(
		"usage: market-fuzz run [--seed S] [--cases N] [--calls C] [--input-len B] \
		 [--corpus-out DIR] [--artifacts DIR]\n       market-fuzz replay FILE..."
	);
	ExitCode::from(2)
}

fn parse_run(args: &[String]) -> Result<RunArgs, String> {
	let mut run = RunArgs {
		seed: 0,
		cases: 1,
		calls: Limits::default().max_calls,
		input_len: 64 * 1024,
		corpus_out: None,
		artifacts: PathBuf::from("fuzz-artifacts"),
	};
	let mut it = args.iter();
	while let Some(flag) = it.next() {
		let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
		let number = || value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
		match flag.as_str() {
			"--seed" => run.seed = number()?,
			"--cases" => run.cases = number()?,
			"--calls" => run.calls = number()?,
			"--input-len" => run.input_len = number()? as usize,
			"--corpus-out" => run.corpus_out = Some(PathBuf::from(value)),
			"--artifacts" => run.artifacts = PathBuf::from(value),
			other => return Err(format!("unknown option {other}")),
		}
	}
	Ok(run)
}

fn print_summary(total: &CaseReport, cases: u64, started: Instant) {
	let secs = started.elapsed().as_secs_f64();
	println!(
		"{cases} cases, {} calls ({} accepted), {} blocks in {secs:.1} s: {:.0} calls/s",
		total.calls,
		total.accepted,
		total.blocks,
		total.calls as f64 / secs.max(f64::EPSILON)
	);
	println!("outcomes ({} distinct):", total.outcomes.len());
	for (outcome, n) in &total.outcomes {
		println!("  {n:>9}  {outcome}");
	}
}

fn save(dir: &Path, name: &str, data: &[u8]) -> std::io::Result<PathBuf> {
	std::fs::create_dir_all(dir)?;
	let path = dir.join(name);
	std::fs::write(&path, data)?;
	Ok(path)
}

fn run(args: RunArgs) -> ExitCode {
	let limits = Limits { max_calls: args.calls, trace: trace() };
	let started = Instant::now();
	let mut total = CaseReport::default();
	let mut seen = BTreeSet::new();
	for i in 0..args.cases {
		let seed = args.seed.wrapping_add(i);
		let data = seeded_input(seed, args.input_len);
		match run_case(&data, &limits) {
			Ok(report) => {
				let new = report.outcomes.keys().filter(|k| !seen.contains(*k)).count();
				seen.extend(report.outcomes.keys().cloned());
				if let (Some(dir), true) = (&args.corpus_out, new > 0) {
					if let Err(e) = save(dir, &format!("seed-{seed}"), &data) {
						eprintln!("market-fuzz: cannot write the corpus: {e}");
						return ExitCode::FAILURE;
					}
				}
				total.merge(&report);
				eprintln!(
					"[fuzz] case {} (seed {seed}): {} calls, {} blocks, {} new outcomes; \
					 {} calls so far",
					i + 1,
					report.calls,
					report.blocks,
					new,
					total.calls
				);
			},
			Err(failure) => {
				let saved = save(&args.artifacts, &format!("failure-seed-{seed}"), &data);
				eprintln!("[fuzz] FAILURE in case {} (seed {seed}): {failure}", i + 1);
				match saved {
					Ok(path) => eprintln!("[fuzz] input saved to {}", path.display()),
					Err(e) => eprintln!("[fuzz] could not save the input: {e}"),
				}
				print_summary(&total, i, started);
				return ExitCode::FAILURE;
			},
		}
	}
	print_summary(&total, args.cases, started);
	ExitCode::SUCCESS
}

fn replay(files: &[String]) -> ExitCode {
	let started = Instant::now();
	let mut total = CaseReport::default();
	for file in files {
		let data = match std::fs::read(file) {
			Ok(data) => data,
			Err(e) => {
				eprintln!("market-fuzz: cannot read {file}: {e}");
				return ExitCode::from(2);
			},
		};
		match run_case(&data, &Limits { max_calls: u64::MAX, trace: trace() }) {
			Ok(report) => {
				eprintln!("[fuzz] {file}: {} calls, {} blocks", report.calls, report.blocks);
				total.merge(&report);
			},
			Err(failure) => {
				eprintln!("[fuzz] FAILURE replaying {file}: {failure}");
				return ExitCode::FAILURE;
			},
		}
	}
	print_summary(&total, files.len() as u64, started);
	ExitCode::SUCCESS
}

fn main() -> ExitCode {
	let args: Vec<String> = std::env::args().skip(1).collect();
	match args.first().map(String::as_str) {
		Some("run") => match parse_run(&args[1..]) {
			Ok(run_args) => run(run_args),
			Err(message) => usage(&message),
		},
		Some("replay") if args.len() > 1 => replay(&args[1..]),
		Some("replay") => usage("replay needs at least one file"),
		_ => usage("expected `run` or `replay`"),
	}
}
