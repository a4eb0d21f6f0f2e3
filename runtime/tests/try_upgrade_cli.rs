//! The `market-try-upgrade` command line without a chain: a usage error and
//! an unreachable node each end with their own exit code and message. Its
//! checks against a live chain run in `e2e/upgrade.sh`, before and after a
//! real upgrade.
#![cfg(feature = "try-runtime")]

use std::{net::TcpListener, process::Command};

fn tool() -> Command {
	Command::new(env!("CARGO_BIN_EXE_market-try-upgrade"))
}

#[test]
fn usage_errors_exit_with_2_and_print_the_usage() {
	for args in [&["--frobnicate"][..], &["--uri", "http://127.0.0.1:9944"], &["--at", "0x12"]] {
		let out = tool().args(args).output().expect("the tool runs");
		assert_eq!(out.status.code(), Some(2), "{args:?}");
		let stderr = String::from_utf8_lossy(&out.stderr);
		assert!(stderr.contains("usage: market-try-upgrade"), "{args:?}: {stderr}");
	}
}

#[test]
fn an_unreachable_node_fails_with_1_and_names_it() {
	// A port nothing listens on any more.
	let port = TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.expect("a free port")
		.port();
	let uri = format!("ws://127.0.0.1:{port}");
	let out = tool().args(["--uri", &uri]).output().expect("the tool runs");
	assert_eq!(out.status.code(), Some(1));
	let stderr = String::from_utf8_lossy(&out.stderr);
	assert!(stderr.contains(&format!("downloading the state from {uri}")), "{stderr}");
	assert!(!String::from_utf8_lossy(&out.stdout).contains("every check passed"));
}
