//! `market-node toolkit`: runs the built binary's commands and checks their
//! JSON with the primitives' verification functions (the pallets' checks),
//! and their SCALE arguments by decoding whole calls of the runtime. No node
//! is started.

use codec::{Compact, DecodeAll, Encode};
use market_primitives::{
	availability::{self, UnavailabilityStatement},
	claims::{
		self, challenge_indices,
		client::{check_opening, Opening, OpeningError},
		leaf, receipt_payload, verify_opening, ClaimStatement, RangeTree, Receipt,
	},
	tickets::{self, Ticket, VrfBatchableBytes, VrfSignatureBytes, WinProbability},
	AccountId, Balance, BlockNumber,
};
use market_runtime::RuntimeCall;
use serde_json::Value;
use sp_core::{crypto::Ss58Codec, sr25519, Pair};
use sp_runtime::{traits::Verify, MultiSignature};
use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
};

/// Pallet indices in `market_runtime` (a wrong one fails the call decoding).
const AVAILABILITY: u8 = 22;
const TICKETS: u8 = 23;
const SERVICE_CLAIMS: u8 = 24;

const GENESIS: &str = "0x1dcf43f4bc74a71f849880115a5bd22b0fb0853a820e61f66bea125b45f5be4e";

type ChainTicket = Ticket<AccountId, Balance, BlockNumber>;

fn run(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_market-node"))
		.arg("toolkit")
		.args(args)
		.output()
		.expect("the node binary runs")
}

/// The JSON of a command that must succeed.
fn toolkit(args: &[&str]) -> Value {
	let output = run(args);
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(output.status.success(), "toolkit {args:?} failed: {stderr}");
	serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// The stderr of a command that must fail.
fn toolkit_fails(args: &[&str]) -> String {
	let output = run(args);
	assert!(!output.status.success(), "toolkit {args:?} succeeded");
	assert!(output.stdout.is_empty(), "no JSON on failure");
	String::from_utf8_lossy(&output.stderr).into_owned()
}

fn bytes(value: &Value) -> Vec<u8> {
	let text = value.as_str().unwrap_or_else(|| panic!("{value} is a string"));
	let digits = text.strip_prefix("0x").expect("0x hex");
	(0..digits.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap())
		.collect()
}

fn array<const N: usize>(value: &Value) -> [u8; N] {
	bytes(value).try_into().expect("length")
}

fn text(value: &Value) -> &str {
	value.as_str().unwrap()
}

fn account(value: &Value) -> AccountId {
	AccountId::from_ss58check(text(value)).unwrap()
}

fn pair(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).unwrap()
}

fn ss58(uri: &str) -> String {
	AccountId::from(pair(uri).public()).to_ss58check()
}

/// Decodes `pallet ++ call ++ args` as a whole call of the runtime: the
/// arguments are exactly what the extrinsic takes.
fn decodes_as_call(pallet: u8, call: u8, args: &[&[u8]]) -> RuntimeCall {
	let mut data = vec![pallet, call];
	for arg in args {
		data.extend_from_slice(arg);
	}
	RuntimeCall::decode_all(&mut &data[..]).expect("the runtime decodes the call")
}

fn write_json(dir: &Path, name: &str, text: &str) -> PathBuf {
	let path = dir.join(name);
	std::fs::write(&path, text).unwrap();
	path
}

const VECTORS: &str = include_str!("../../pallets/tickets/test-vectors/vectors.json");

/// Tickets made by polkadot.js (`pallets/tickets/test-vectors`): the
/// toolkit encodes the same ticket, and the recipient's evaluation has the
/// same (deterministic) VRF output.
#[test]
fn tickets_match_polkadot_js_and_pass_the_pallets_checks() {
	let vectors: Value = serde_json::from_str(VECTORS).unwrap();
	for vector in vectors["vectors"].as_array().unwrap() {
		let t = &vector["ticket"];
		let expiry = t["expiry"].to_string();
		let mut args = vec![
			"sign-ticket",
			"--suri",
			text(&vector["senderUri"]),
			"--recipient",
			text(&t["recipient"]),
			"--face-value",
			text(&t["faceValue"]),
			"--win-numerator",
			text(&t["winProbability"]),
			"--index",
			text(&t["index"]),
			"--expiry",
			&expiry,
			"--genesis-hash",
			text(&t["genesisHash"]),
		];
		if let Some(aux) = t["aux"].as_str() {
			args.extend(["--aux", aux]);
		}
		let signed = toolkit(&args);
		assert_eq!(signed["encoded"], vector["encoded"], "{}", vector["name"]);
		assert_eq!(signed["hash"], vector["hash"]);
		assert_eq!(signed["ticket"]["sender"], t["sender"]);
		assert_eq!(signed["ticket"]["winProbability"], t["winProbability"]);
		let encoded = bytes(&signed["encoded"]);
		let ticket = ChainTicket::decode_all(&mut &encoded[..]).unwrap();
		// The pallet's `check_sender_signature`.
		let signature = MultiSignature::decode_all(&mut &bytes(&signed["signature"])[..]).unwrap();
		assert!(signature.verify(&encoded[..], &ticket.sender));
		let other = sr25519::Pair::from_string("//Ferdie", None).unwrap();
		assert!(!signature.verify(&encoded[..], &AccountId::from(other.public())));

		let evaluated = toolkit(&[
			"evaluate-ticket",
			"--suri",
			text(&vector["recipientUri"]),
			"--ticket",
			text(&signed["encoded"]),
			"--signature",
			text(&signed["signature"]),
		]);
		assert_eq!(evaluated["winValue"], vector["winValue"]);
		let hash: [u8; 32] = array(&signed["hash"]);
		let key = sr25519::Public::from_raw(ticket.recipient.clone().into());
		let vrf: VrfSignatureBytes = array(&evaluated["vrf"]);
		let batchable: VrfBatchableBytes = array(&evaluated["vrfBatchable"]);
		assert!(tickets::verify_vrf(&key, &hash, &vrf));
		assert!(tickets::verify_vrf_batch(&key, &[(hash, &batchable)]));
		assert_eq!(evaluated["vrfPreOutput"], Value::String(format!("0x{}", hex(&vrf[..32]))));
		let wins = tickets::is_winning(&hash, &vrf, ticket.win_probability);
		assert_eq!(evaluated["wins"], Value::Bool(wins));
		let win_value = tickets::win_value(&hash, &tickets::pre_output(&vrf));
		assert_eq!(text(&evaluated["winValue"]), win_value.to_string());

		// The arguments of both redemption calls, as the runtime decodes them.
		let single =
			decodes_as_call(TICKETS, 4, &[&encoded, &signature.encode(), &vrf, &false.encode()]);
		assert!(format!("{single:?}").contains("redeem_winning_ticket"));
		let item = bytes(&evaluated["redeemItem"]);
		let batch =
			decodes_as_call(TICKETS, 5, &[&Compact(2u32).encode(), &item, &item, &true.encode()]);
		assert!(format!("{batch:?}").contains("redeem_winning_tickets"));
	}
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sign_sample_ticket(extra: &[&str]) -> Value {
	let bob = ss58("//Bob");
	let mut args = vec![
		"sign-ticket",
		"--suri",
		"//Alice",
		"--recipient",
		&bob,
		"--face-value",
		"1000000000000",
		"--index",
		"7",
		"--expiry",
		"90",
		"--genesis-hash",
		GENESIS,
	];
	args.extend_from_slice(extra);
	toolkit(&args)
}

#[test]
fn decimal_win_probabilities_are_exact() {
	let quarter = sign_sample_ticket(&["--win-probability", "0.25"]);
	assert_eq!(text(&quarter["ticket"]["winProbability"]), (1u128 << 126).to_string());
	assert_eq!(quarter["ticket"]["winProbabilityApprox"], 0.25);
	let raw = sign_sample_ticket(&["--win-numerator", &(1u128 << 126).to_string()]);
	assert_eq!(raw["encoded"], quarter["encoded"]);
	let certain = sign_sample_ticket(&["--win-probability", "1"]);
	assert_eq!(text(&certain["ticket"]["winProbability"]), WinProbability::ALWAYS.0.to_string());

	let bob = ss58("//Bob");
	let base = [
		"sign-ticket",
		"--suri",
		"//Alice",
		"--recipient",
		&bob,
		"--face-value",
		"1",
		"--index",
		"1",
		"--expiry",
		"9",
		"--genesis-hash",
		GENESIS,
	];
	for bad in ["1.5", "abc", "0.5.5", "-0.1"] {
		let arg = format!("--win-probability={bad}");
		let stderr = toolkit_fails(&[&base[..], &[arg.as_str()]].concat());
		assert!(stderr.contains("--win-probability"), "{bad}: {stderr}");
	}
	// One of the two forms, not both, not neither.
	toolkit_fails(&base);
	toolkit_fails(&[&base[..], &["--win-probability", "0.5", "--win-numerator", "1"]].concat());
}

#[test]
fn evaluation_refuses_other_keys_and_bad_input() {
	let signed = sign_sample_ticket(&["--win-probability", "0.5"]);
	let encoded = text(&signed["encoded"]);
	// Only the recipient's key gives a proof the pallet accepts.
	let stderr = toolkit_fails(&["evaluate-ticket", "--suri", "//Charlie", "--ticket", encoded]);
	assert!(stderr.contains("not the ticket's recipient"), "{stderr}");
	// A signature of another ticket.
	let other = sign_sample_ticket(&["--win-probability", "0.25"]);
	let stderr = toolkit_fails(&[
		"evaluate-ticket",
		"--suri",
		"//Bob",
		"--ticket",
		encoded,
		"--signature",
		text(&other["signature"]),
	]);
	assert!(stderr.contains("not the sender's"), "{stderr}");
	// The raw 64-byte form of the right signature is accepted.
	let ok = toolkit(&[
		"evaluate-ticket",
		"--suri",
		"//Bob",
		"--ticket",
		encoded,
		"--signature",
		text(&signed["sr25519Signature"]),
	]);
	assert_eq!(ok["signature"], signed["signature"]);
	// Truncated, padded, not hex.
	let truncated = &encoded[..encoded.len() - 2];
	let stderr = toolkit_fails(&["evaluate-ticket", "--suri", "//Bob", "--ticket", truncated]);
	assert!(stderr.contains("--ticket"), "{stderr}");
	let padded = format!("{encoded}00");
	let stderr = toolkit_fails(&["evaluate-ticket", "--suri", "//Bob", "--ticket", &padded]);
	assert!(stderr.contains("left after the ticket"), "{stderr}");
	let stderr = toolkit_fails(&["evaluate-ticket", "--suri", "//Bob", "--ticket", "0xzz"]);
	assert!(stderr.contains("not hex"), "{stderr}");
	// The pallet's refusals are made upfront.
	let stderr = toolkit_fails(&[
		"sign-ticket",
		"--suri",
		"//Alice",
		"--recipient",
		&ss58("//Alice"),
		"--face-value",
		"1",
		"--win-probability",
		"0.5",
		"--index",
		"1",
		"--expiry",
		"9",
		"--genesis-hash",
		GENESIS,
	]);
	assert!(stderr.contains("SelfPayment"), "{stderr}");
	let stderr = toolkit_fails(&[
		"sign-ticket",
		"--suri",
		"//Alice",
		"--recipient",
		&ss58("//Bob"),
		"--face-value",
		"0",
		"--win-probability",
		"0.5",
		"--index",
		"1",
		"--expiry",
		"9",
		"--genesis-hash",
		"0x1234",
	]);
	assert!(stderr.contains("32 bytes"), "{stderr}");
	let stderr = toolkit_fails(&["sign-ticket", "--suri", "not a uri at all"]);
	assert!(stderr.contains("required"), "{stderr}");
}

fn sign_unavailability(uri: &str, index: &str, round: &str) -> Value {
	toolkit(&[
		"sign-unavailability",
		"--suri",
		uri,
		"--provider",
		&ss58("//Dave"),
		"--round",
		round,
		"--complaint-hash",
		"0x0707070707070707070707070707070707070707070707070707070707070707",
		"--gateway-index",
		index,
		"--genesis-hash",
		GENESIS,
	])
}

#[test]
fn gateway_signatures_verify_and_make_a_report() {
	let signed = sign_unavailability("//Charlie//stash", "2", "7");
	let statement = UnavailabilityStatement {
		provider: account(&signed["statement"]["provider"]),
		round: 7,
		complaint_hash: [7u8; 32],
	};
	assert_eq!(statement.provider, AccountId::from(pair("//Dave").public()));
	assert_eq!(bytes(&signed["encoded"]), statement.encode());
	let domain = availability::signing_domain(array(&Value::String(GENESIS.into())));
	assert_eq!(
		bytes(&signed["signedPayload"]),
		availability::statement_payload(&domain, &statement)
	);
	let signature = sr25519::Signature::from_raw(array(&signed["signature"]));
	let operator = pair("//Charlie//stash").public();
	assert_eq!(bytes(&signed["signerPublic"]), operator.0.to_vec());
	assert!(availability::client::verify_statement(&operator, &domain, &statement, &signature));
	assert!(!availability::client::verify_statement(
		&pair("//Charlie").public(),
		&domain,
		&statement,
		&signature
	));
	let other_round = UnavailabilityStatement { round: 8, ..statement.clone() };
	assert!(!availability::client::verify_statement(&operator, &domain, &other_round, &signature));
	assert_eq!(bytes(&signed["signatureEntry"]), (2u32, signature).encode());

	// Three gateways' outputs, in two files and out of order.
	let dir = tempfile::tempdir().unwrap();
	let ferdie = sign_unavailability("//Ferdie//stash", "9", "7");
	let eve = sign_unavailability("//Eve//stash", "0", "7");
	let a = write_json(dir.path(), "a.json", &format!("{ferdie}\n{signed}"));
	let b = write_json(dir.path(), "b.json", &format!("[{eve}]"));
	let collected = toolkit(&["collect-signatures", a.to_str().unwrap(), b.to_str().unwrap()]);
	assert_eq!(collected["count"], 3);
	assert_eq!(collected["signerIndices"], serde_json::json!([0, 2, 9]));
	let list_bytes = bytes(&collected["signatures"]);
	let list = Vec::<(u32, sr25519::Signature)>::decode_all(&mut &list_bytes[..]).unwrap();
	let keys = [(0, "//Eve//stash"), (2, "//Charlie//stash"), (9, "//Ferdie//stash")];
	for ((index, signature), (expected, uri)) in list.iter().zip(keys) {
		assert_eq!(*index, expected);
		assert!(availability::client::verify_statement(
			&pair(uri).public(),
			&domain,
			&statement,
			signature
		));
	}
	let call = decodes_as_call(AVAILABILITY, 0, &[&statement.encode(), &list_bytes]);
	assert!(format!("{call:?}").contains("report_unavailable"));

	// One index twice, another statement, no index: refused.
	let twice = write_json(
		dir.path(),
		"twice.json",
		&format!("[{signed}, {}]", sign_unavailability("//Eve//stash", "2", "7")),
	);
	let stderr = toolkit_fails(&["collect-signatures", twice.to_str().unwrap()]);
	assert!(stderr.contains("appears twice"), "{stderr}");
	let mixed = write_json(
		dir.path(),
		"mixed.json",
		&format!("[{signed}, {}]", sign_unavailability("//Eve//stash", "3", "8")),
	);
	let stderr = toolkit_fails(&["collect-signatures", mixed.to_str().unwrap()]);
	assert!(stderr.contains("another statement"), "{stderr}");
	let mut forged = eve.clone();
	forged["signerPublic"] = signed["signerPublic"].clone();
	let forged = write_json(dir.path(), "forged.json", &format!("[{signed}, {forged}]"));
	let stderr = toolkit_fails(&["collect-signatures", forged.to_str().unwrap()]);
	assert!(stderr.contains("is not"), "{stderr}");
}

#[test]
fn committee_statements_verify_and_make_an_attested_claim() {
	let sign = |uri: &str, index: &str| {
		toolkit(&[
			"sign-committee-statement",
			"--suri",
			uri,
			"--policy",
			"3",
			"--provider",
			&ss58("//Dave"),
			"--round",
			"5",
			"--served",
			"40",
			"--member-index",
			index,
			"--genesis-hash",
			GENESIS,
		])
	};
	let signed = sign("//Charlie//stash", "1");
	let statement = ClaimStatement {
		policy: 3,
		provider: AccountId::from(pair("//Dave").public()),
		round: 5,
		served: 40,
	};
	assert_eq!(bytes(&signed["encoded"]), statement.encode());
	let domain = claims::signing_domain(array(&Value::String(GENESIS.into())));
	let signature = sr25519::Signature::from_raw(array(&signed["signature"]));
	let operator = pair("//Charlie//stash").public();
	assert!(claims::client::verify_statement(&operator, &domain, &statement, &signature));
	let more = ClaimStatement { served: 41, ..statement.clone() };
	assert!(!claims::client::verify_statement(&operator, &domain, &more, &signature));
	// The same statement under the availability domain is another payload.
	assert!(!sr25519::Pair::verify(
		&signature,
		availability::statement_payload(
			&availability::signing_domain(domain.genesis_hash),
			&UnavailabilityStatement {
				provider: statement.provider.clone(),
				round: 5,
				complaint_hash: [0; 32]
			}
		),
		&operator
	));

	let dir = tempfile::tempdir().unwrap();
	let file =
		write_json(dir.path(), "c.json", &format!("[{signed}, {}]", sign("//Eve//stash", "0")));
	let collected = toolkit(&["collect-signatures", file.to_str().unwrap()]);
	let list = bytes(&collected["signatures"]);
	let call = decodes_as_call(
		SERVICE_CLAIMS,
		0,
		&[&3u64.encode(), &5u32.encode(), &40u32.encode(), &list],
	);
	assert!(format!("{call:?}").contains("submit_attested_claim"));
	let stderr = toolkit_fails(&[
		"sign-committee-statement",
		"--suri",
		"//Eve",
		"--policy",
		"3",
		"--provider",
		&ss58("//Dave"),
		"--round",
		"5",
		"--served",
		"0",
		"--genesis-hash",
		GENESIS,
	]);
	assert!(stderr.contains("ZeroServed"), "{stderr}");
}

/// The request hash of `nonce` in these tests.
fn request_hash(nonce: u64) -> [u8; 32] {
	[nonce as u8; 32]
}

/// The response hash of `nonce` in these tests.
fn response_hash(nonce: u64) -> [u8; 32] {
	[!(nonce as u8); 32]
}

fn sign_receipt(uri: &str, nonce: u64, policy: &str, round: &str, provider: &str) -> Value {
	let request = format!("0x{}", hex(&request_hash(nonce)));
	let response = format!("0x{}", hex(&response_hash(nonce)));
	toolkit(&[
		"sign-receipt",
		"--suri",
		uri,
		"--policy",
		policy,
		"--round",
		round,
		"--provider",
		provider,
		"--nonce",
		&nonce.to_string(),
		"--request-hash",
		&request,
		"--response-hash",
		&response,
		"--genesis-hash",
		GENESIS,
	])
}

#[test]
fn claim_trees_open_as_the_pallet_checks() {
	let dir = tempfile::tempdir().unwrap();
	let domain = claims::signing_domain(array(&Value::String(GENESIS.into())));
	let dave = ss58("//Dave");
	let provider = AccountId::from(pair("//Dave").public());
	// 12 receipts for Dave by two requesters: some objects one after
	// another, some in an array, one receipt twice.
	let signed: Vec<Value> = (0..12u64)
		.map(|n| sign_receipt(if n % 2 == 0 { "//Bob" } else { "//Eve" }, 100 - n, "3", "5", &dave))
		.collect();
	let stream: Vec<String> = signed[..6].iter().map(|v| v.to_string()).collect();
	let first = write_json(dir.path(), "first.json", &stream.join("\n"));
	let array_file = write_json(
		dir.path(),
		"second.json",
		&serde_json::to_string(&[&signed[6..], &signed[..1]].concat()).unwrap(),
	);
	let files = [first.to_str().unwrap(), array_file.to_str().unwrap()];

	// The expected tree, built here from the signed receipts.
	let mut receipts: Vec<Receipt<AccountId>> = signed
		.iter()
		.map(|v| {
			let receipt = Receipt::<AccountId>::decode_all(&mut &bytes(&v["encoded"])[..]).unwrap();
			let signature = sr25519::Signature::from_raw(array(&v["signature"]));
			assert!(sr25519::Pair::verify(
				&signature,
				receipt_payload(&domain, &receipt),
				&receipt.requester
			));
			assert_eq!(bytes(&v["signedPayload"]), receipt_payload(&domain, &receipt));
			assert_eq!(bytes(&v["sortKey"]), receipt.sort_key().to_vec());
			// The receipt names the provider and the response it answered.
			assert_eq!(receipt.provider, provider);
			assert_eq!(account(&v["receipt"]["provider"]), provider);
			assert_eq!((receipt.policy, receipt.round), (3, 5));
			assert_eq!(receipt.request_hash, request_hash(receipt.nonce));
			assert_eq!(receipt.response_hash, response_hash(receipt.nonce));
			assert_eq!(bytes(&v["receipt"]["responseHash"]), response_hash(receipt.nonce));
			receipt
		})
		.collect();
	claims::sort_receipts(&mut receipts);
	let expected = RangeTree::from_receipts(&receipts).unwrap();

	let tree = toolkit(&[
		"build-claim-tree",
		"--receipts",
		files[0],
		files[1],
		"--genesis-hash",
		GENESIS,
		"--indices",
		"0,4,11",
	]);
	assert_eq!(tree["served"], 12);
	assert_eq!(tree["merged"], 1);
	assert_eq!(tree["policy"], "3");
	assert_eq!(tree["round"], 5);
	assert_eq!(account(&tree["provider"]), provider);
	let root: [u8; 32] = array(&tree["root"]);
	assert_eq!(root, expected.root());
	let openings_bytes = bytes(&tree["openings"]);
	let openings = Vec::<Opening<AccountId>>::decode_all(&mut &openings_bytes[..]).unwrap();
	assert_eq!(openings.len(), 3);
	let ferdie = AccountId::from(pair("//Ferdie").public());
	for (index, opening) in [0u32, 4, 11].into_iter().zip(openings.iter()) {
		// `open_claim`'s checks: receipt signature and path to the root.
		assert!(sr25519::Pair::verify(
			&opening.signature,
			receipt_payload(&domain, &opening.receipt),
			&opening.receipt.requester
		));
		assert_eq!(
			verify_opening(&root, 12, index, &leaf(&opening.receipt), &opening.proof),
			Ok(())
		);
		assert_eq!(check_opening(&domain, 3, 5, &provider, &root, 12, index, opening), Ok(()));
		// Dave's receipts pay nobody else.
		assert_eq!(
			check_opening(&domain, 3, 5, &ferdie, &root, 12, index, opening),
			Err(OpeningError::WrongProvider)
		);
		// At any other index the same opening fails.
		let other = (index + 1) % 12;
		assert!(verify_opening(&root, 12, other, &leaf(&opening.receipt), &opening.proof).is_err());
	}
	let call =
		decodes_as_call(SERVICE_CLAIMS, 2, &[&3u64.encode(), &5u32.encode(), &openings_bytes]);
	assert!(format!("{call:?}").contains("open_claim"));
	let commit = decodes_as_call(
		SERVICE_CLAIMS,
		1,
		&[&3u64.encode(), &5u32.encode(), &root, &12u32.encode()],
	);
	assert!(format!("{commit:?}").contains("commit_claim"));

	// Indices drawn from a challenge seed as the pallet draws them, with
	// the provider the receipts name (`--provider` only checks it).
	let seed = "0x4242424242424242424242424242424242424242424242424242424242424242";
	let indices = challenge_indices(&[0x42; 32], &(3u64, &provider, 5u32, 12u32), 12, 5);
	let without_provider: [&str; 0] = [];
	let with_provider = ["--provider", dave.as_str()];
	for extra in [&without_provider[..], &with_provider[..]] {
		let mut args = vec![
			"build-claim-tree",
			"--receipts",
			files[0],
			files[1],
			"--genesis-hash",
			GENESIS,
			"--challenge-seed",
			seed,
			"--challenge-count",
			"5",
		];
		args.extend_from_slice(extra);
		let drawn = toolkit(&args);
		assert_eq!(drawn["indices"], serde_json::json!(indices));
		assert_eq!(account(&drawn["challenge"]["provider"]), provider);
		let openings =
			Vec::<Opening<AccountId>>::decode_all(&mut &bytes(&drawn["openings"])[..]).unwrap();
		for (index, opening) in indices.iter().zip(openings.iter()) {
			assert_eq!(check_opening(&domain, 3, 5, &provider, &root, 12, *index, opening), Ok(()));
		}
	}
	// Another provider than the receipts name.
	let stderr = toolkit_fails(&[
		"build-claim-tree",
		"--receipts",
		files[0],
		"--genesis-hash",
		GENESIS,
		"--provider",
		&ss58("//Ferdie"),
	]);
	assert!(stderr.contains("not --provider"), "{stderr}");

	// The receipt's fields alone (no `encoded`) give the same receipt;
	// fields and `encoded` that disagree are refused.
	let mut fields_only = signed[0].clone();
	assert!(fields_only.as_object_mut().unwrap().remove("encoded").is_some());
	let fields_file =
		write_json(dir.path(), "fields.json", &format!("[{fields_only}, {}]", signed[1]));
	let encoded_file =
		write_json(dir.path(), "encoded.json", &format!("[{}, {}]", signed[0], signed[1]));
	let by_fields = toolkit(&[
		"build-claim-tree",
		"--receipts",
		fields_file.to_str().unwrap(),
		"--genesis-hash",
		GENESIS,
	]);
	let by_encoding = toolkit(&[
		"build-claim-tree",
		"--receipts",
		encoded_file.to_str().unwrap(),
		"--genesis-hash",
		GENESIS,
	]);
	assert_eq!(by_fields["root"], by_encoding["root"]);
	let mut disagreeing = signed[0].clone();
	disagreeing["receipt"]["responseHash"] = signed[1]["receipt"]["responseHash"].clone();
	let disagreeing = write_json(dir.path(), "disagreeing.json", &disagreeing.to_string());
	let stderr = toolkit_fails(&[
		"build-claim-tree",
		"--receipts",
		disagreeing.to_str().unwrap(),
		"--genesis-hash",
		GENESIS,
	]);
	assert!(stderr.contains("different receipts"), "{stderr}");

	// An index beyond the tree, a receipt of another round, a receipt for
	// another provider, a tampered signature, another chain, a request
	// record of the old format: refused with the reason.
	let refused = |file: &str| {
		toolkit_fails(&["build-claim-tree", "--receipts", file, "--genesis-hash", GENESIS])
	};
	let stderr = toolkit_fails(&[
		"build-claim-tree",
		"--receipts",
		files[0],
		"--genesis-hash",
		GENESIS,
		"--indices",
		"1,6",
	]);
	assert!(stderr.contains("index 6 is not below the number of leaves (6)"), "{stderr}");
	let mixed = write_json(
		dir.path(),
		"mixed.json",
		&format!("{}\n{}", signed[0], sign_receipt("//Bob", 1, "3", "6", &dave)),
	);
	let stderr = refused(mixed.to_str().unwrap());
	assert!(
		stderr.contains("mixed.json, receipt 1") && stderr.contains("another policy or round"),
		"{stderr}"
	);
	let two_providers = write_json(
		dir.path(),
		"two-providers.json",
		&format!("{}\n{}", signed[0], sign_receipt("//Bob", 1, "3", "5", &ss58("//Ferdie"))),
	);
	let stderr = refused(two_providers.to_str().unwrap());
	assert!(
		stderr.contains("two-providers.json, receipt 1")
			&& stderr.contains("another provider")
			&& stderr.contains(&ss58("//Ferdie")),
		"{stderr}"
	);
	let mut tampered = signed[3].clone();
	tampered["signature"] = signed[4]["signature"].clone();
	let tampered = write_json(dir.path(), "tampered.json", &format!("[{}, {tampered}]", signed[0]));
	let stderr = refused(tampered.to_str().unwrap());
	assert!(
		stderr.contains("tampered.json, receipt 1") && stderr.contains("signature"),
		"{stderr}"
	);
	let other_chain = "0x0000000000000000000000000000000000000000000000000000000000000001";
	let stderr =
		toolkit_fails(&["build-claim-tree", "--receipts", files[0], "--genesis-hash", other_chain]);
	assert!(stderr.contains("does not verify"), "{stderr}");
	let garbage = write_json(dir.path(), "garbage.json", "{ not json");
	let stderr = refused(garbage.to_str().unwrap());
	assert!(stderr.contains("not JSON"), "{stderr}");
	let old_record = write_json(
		dir.path(),
		"record.json",
		r#"{ "record": { "nonce": "1" }, "encoded": "0x00", "signature": "0x00" }"#,
	);
	let stderr = refused(old_record.to_str().unwrap());
	assert!(
		stderr.contains("record.json, receipt 0") && stderr.contains("sign-receipt"),
		"{stderr}"
	);

	// Without indices: the commitment only.
	let commitment =
		toolkit(&["build-claim-tree", "--receipts", files[0], files[1], "--genesis-hash", GENESIS]);
	assert_eq!(commitment["root"], tree["root"]);
	assert!(commitment.get("openings").is_none());
}

/// Keys inserted with `market-node key insert` are read from the keystore.
#[test]
fn keystore_keys_sign() {
	let dir = tempfile::tempdir().unwrap();
	let keystore = dir.path().join("keystore");
	let insert = |uri: &str, key_type: &str, password: Option<&str>| {
		let mut cmd = Command::new(env!("CARGO_BIN_EXE_market-node"));
		cmd.args(["key", "insert", "--chain", "dev", "--scheme", "sr25519"])
			.args(["--suri", uri, "--key-type", key_type])
			.arg("--base-path")
			.arg(dir.path())
			.arg("--keystore-path")
			.arg(&keystore);
		if let Some(password) = password {
			cmd.args(["--password", password]);
		}
		let output = cmd.output().unwrap();
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	};
	insert("//Charlie//stash", "mkgw", Some("secret"));
	let keystore_arg = keystore.to_str().unwrap();
	let sign = |extra: &[&str]| -> Output {
		let mut args = vec![
			"sign-unavailability",
			"--keystore-path",
			keystore_arg,
			"--key-type",
			"mkgw",
			"--provider",
			"0x0101010101010101010101010101010101010101010101010101010101010101",
			"--round",
			"1",
			"--complaint-hash",
			"0x0202020202020202020202020202020202020202020202020202020202020202",
			"--genesis-hash",
			GENESIS,
		];
		args.extend_from_slice(extra);
		run(&args)
	};
	// The only key of its type, with the keystore's password.
	let output = sign(&["--password", "secret"]);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let signed: Value = serde_json::from_slice(&output.stdout).unwrap();
	let expected = sr25519::Pair::from_string("//Charlie//stash", Some("secret")).unwrap().public();
	assert_eq!(bytes(&signed["signerPublic"]), expected.0.to_vec());
	let signature = sr25519::Signature::from_raw(array(&signed["signature"]));
	assert!(sr25519::Pair::verify(&signature, bytes(&signed["signedPayload"]), &expected));
	// The password also comes from a file.
	let password_file = write_json(dir.path(), "password", "secret\n");
	let output = sign(&["--password-filename", password_file.to_str().unwrap()]);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	// A wrong password.
	let output = sign(&["--password", "wrong"]);
	assert!(!output.status.success());
	assert!(String::from_utf8_lossy(&output.stderr).contains("wrong --password"));

	// Two keys of the type: `--public` chooses.
	insert("//Eve//stash", "mkgw", None);
	let output = sign(&["--password", "secret"]);
	assert!(String::from_utf8_lossy(&output.stderr).contains("holds 2 keys"));
	let eve = ss58("//Eve//stash");
	let output = sign(&["--public", &eve]);
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let signed: Value = serde_json::from_slice(&output.stdout).unwrap();
	assert_eq!(text(&signed["signer"]), eve);
	// A key not in the keystore, a key type without keys.
	let output = sign(&["--public", &ss58("//Ferdie")]);
	assert!(String::from_utf8_lossy(&output.stderr).contains("no key"));
	let output = run(&[
		"sign-receipt",
		"--keystore-path",
		keystore_arg,
		"--key-type",
		"mkcl",
		"--policy",
		"1",
		"--round",
		"1",
		"--provider",
		"0x0101010101010101010101010101010101010101010101010101010101010101",
		"--nonce",
		"1",
		"--request-hash",
		"0x0202020202020202020202020202020202020202020202020202020202020202",
		"--response-hash",
		"0x0303030303030303030303030303030303030303030303030303030303030303",
		"--genesis-hash",
		GENESIS,
	]);
	assert!(String::from_utf8_lossy(&output.stderr).contains("holds 0 keys"));
	// `--suri` and `--keystore-path` exclude each other.
	let output = sign(&["--suri", "//Alice"]);
	assert!(!output.status.success());
}
