//! `market-node toolkit`: the off-chain payloads of the market pallets,
//! made and checked without a node.
//!
//! Lottery tickets, gateway and committee statements and service receipts
//! never reach the chain until a winning ticket is redeemed, a provider is
//! reported or a claim is proven. Each command reads a key (`--suri` or a
//! keystore, see [`keys`]), calls the matching `client` function of
//! `market_primitives` and prints JSON on stdout: bytes as 0x hex, accounts
//! in SS58, 64- and 128-bit numbers as decimal strings, and the SCALE
//! encoding of each extrinsic argument ready to paste. Errors go to stderr
//! with exit status 1 (2 for malformed command lines).

mod keys;
mod parse;

use keys::KeyArgs;
use market_primitives::{
	availability::{self, UnavailabilityStatement},
	claims::{
		self,
		client::{ClaimTree, ClaimTreeError, Opening, SignedReceipt},
		ClaimStatement, Receipt, DEFAULT_CHALLENGE_COUNT,
	},
	domain::TICKETS_TAG,
	escrow::PolicyId,
	tickets::{
		self,
		client::{evaluate_ticket, sign_ticket, win_probability_from_decimal, EvaluationError},
		Ticket, WinProbability, TICKET_PAYLOAD_VERSION,
	},
	AccountId, Balance, BlockNumber, RoundIndex,
};
use parse::{hex, hex_array, hex_bytes, ss58, ss58_public};
use serde_json::{json, Value};
use sp_core::{sr25519, Decode, Encode, Pair};
use sp_runtime::{traits::Verify, MultiSignature};
use std::path::{Path, PathBuf};

/// A ticket of this chain's types.
type ChainTicket = Ticket<AccountId, Balance, BlockNumber>;

/// Why a toolkit command failed: a message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
	fn new(message: impl Into<String>) -> Self {
		Self(message.into())
	}
}

impl std::fmt::Display for Error {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for Error {}

type Result<T> = std::result::Result<T, Error>;

/// The toolkit's commands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ToolkitCmd {
	/// Create a lottery ticket and sign it with the sender's key.
	SignTicket(SignTicketCmd),
	/// As the ticket's recipient, evaluate its VRF: proofs in both forms
	/// the pallet takes, the win value and whether it wins.
	EvaluateTicket(EvaluateTicketCmd),
	/// As a gateway, sign an unavailability statement with the operator key.
	SignUnavailability(SignUnavailabilityCmd),
	/// As a committee member, sign a service-claim statement with the
	/// operator key.
	SignCommitteeStatement(SignCommitteeStatementCmd),
	/// Collect gateway or committee signatures of one statement into the
	/// sorted list `report_unavailable` and `submit_attested_claim` take.
	CollectSignatures(CollectSignaturesCmd),
	/// As a requester, sign a receipt once the provider has answered: it
	/// pays that provider, and only it, for that one request.
	SignReceipt(SignReceiptCmd),
	/// Build a provider's range tree over the signed receipts naming it:
	/// the root to commit, and the openings of challenged leaves.
	BuildClaimTree(BuildClaimTreeCmd),
}

impl ToolkitCmd {
	/// Runs the command: its JSON on stdout, or its error on stderr and
	/// exit status 1.
	pub fn run(&self) -> sc_cli::Result<()> {
		let output = match self {
			Self::SignTicket(cmd) => cmd.output(),
			Self::EvaluateTicket(cmd) => cmd.output(),
			Self::SignUnavailability(cmd) => cmd.output(),
			Self::SignCommitteeStatement(cmd) => cmd.output(),
			Self::CollectSignatures(cmd) => cmd.output(),
			Self::SignReceipt(cmd) => cmd.output(),
			Self::BuildClaimTree(cmd) => cmd.output(),
		};
		match output {
			Ok(value) => {
				let text = serde_json::to_string_pretty(&value)
					.map_err(|e| sc_cli::Error::Input(e.to_string()))?;
				// A reader that stops early (`| head`) is not an error, and
				// `println!` would panic on the closed pipe.
				use std::io::Write;
				match writeln!(std::io::stdout().lock(), "{text}") {
					Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
					_ => Ok(()),
				}
			},
			Err(error) => {
				// A plain message: sc-cli's error type would print its Debug form.
				eprintln!("Error: {error}");
				std::process::exit(1)
			},
		}
	}
}

/// `--genesis-hash`: the hash of block 0 of the chain the payload is for
/// (`chain_getBlockHash` with `[0]` over JSON-RPC), part of every signing
/// domain.
#[derive(Debug, Clone, clap::Args)]
pub struct GenesisArgs {
	/// Genesis hash of the target chain (0x hex, 32 bytes), e.g. from
	/// `chain_getBlockHash [0]`: signatures are bound to it.
	#[arg(long, value_name = "HASH", value_parser = parse::hash)]
	pub genesis_hash: [u8; 32],
}

fn probability(text: &str) -> Result<WinProbability> {
	win_probability_from_decimal(text).map_err(|e| Error::new(e.to_string()))
}

/// `numerator / 2^128` as a float, for reading.
fn approximate(probability: WinProbability) -> f64 {
	probability.0 as f64 / 2f64.powi(128)
}

fn ticket_json(ticket: &ChainTicket) -> Value {
	json!({
		"genesisHash": hex(&ticket.domain.genesis_hash),
		"pallet": hex(&ticket.domain.pallet),
		"version": ticket.domain.version,
		"sender": ss58(&ticket.sender),
		"recipient": ss58(&ticket.recipient),
		"faceValue": ticket.face_value.to_string(),
		"winProbability": ticket.win_probability.0.to_string(),
		"winProbabilityApprox": approximate(ticket.win_probability),
		"index": ticket.index.to_string(),
		"expiry": ticket.expiry,
		"aux": ticket.aux.map(|aux| hex(&aux)),
	})
}

/// `sign-ticket`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(
	clap::ArgGroup::new("probability").required(true).args(["win_probability", "win_numerator"])
))]
pub struct SignTicketCmd {
	#[command(flatten)]
	key: KeyArgs,

	/// The recipient (SS58 or 0x public key): an sr25519 account, whose key
	/// evaluates the ticket's VRF.
	#[arg(long, value_name = "ACCOUNT", value_parser = parse::account)]
	recipient: AccountId,

	/// Amount paid if the ticket wins, in the smallest unit (1 MKT = 10^12).
	#[arg(long, value_name = "AMOUNT")]
	face_value: Balance,

	/// Probability of winning as a decimal fraction in [0, 1], e.g. 0.25:
	/// converted exactly to floor(p * 2^128) / 2^128.
	#[arg(long, value_name = "DECIMAL", value_parser = probability)]
	win_probability: Option<WinProbability>,

	/// Probability of winning as the raw numerator n of n / 2^128.
	#[arg(long, value_name = "U128")]
	win_numerator: Option<u128>,

	/// The sender's ticket index: never sign two different tickets with one
	/// index (anyone can report it and the reserve is burned).
	#[arg(long)]
	index: u64,

	/// First block at which the ticket can no longer be redeemed (at most
	/// the chain's `maxTicketValidity` blocks after the redemption's block).
	#[arg(long, value_name = "BLOCK")]
	expiry: BlockNumber,

	/// 32 bytes the ticket commits to, e.g. a request id (0x hex).
	#[arg(long, value_name = "HASH", value_parser = parse::hash)]
	aux: Option<[u8; 32]>,

	#[command(flatten)]
	genesis: GenesisArgs,
}

impl SignTicketCmd {
	fn output(&self) -> Result<Value> {
		let sender = self.key.pair()?;
		let sender_account = AccountId::from(sender.public());
		// Refusals the pallet would make for any ticket like this one.
		if sender_account == self.recipient {
			return Err(Error::new("the sender cannot pay itself (the pallet's SelfPayment)"));
		}
		if self.face_value == 0 {
			return Err(Error::new("--face-value must be above zero (the pallet's ZeroFaceValue)"));
		}
		let win_probability = match (self.win_probability, self.win_numerator) {
			(Some(p), _) => p,
			(None, Some(n)) => WinProbability(n),
			// clap requires one of the two.
			(None, None) => return Err(Error::new("give --win-probability or --win-numerator")),
		};
		let ticket = ChainTicket {
			domain: tickets::signing_domain(self.genesis.genesis_hash),
			sender: sender_account,
			recipient: self.recipient.clone(),
			face_value: self.face_value,
			win_probability,
			index: self.index,
			expiry: self.expiry,
			aux: self.aux,
		};
		let signature = sign_ticket(&sender, &ticket);
		let raw = match &signature {
			MultiSignature::Sr25519(raw) => hex(&raw.0),
			_ => return Err(Error::new("unexpected signature scheme")),
		};
		Ok(json!({
			"ticket": ticket_json(&ticket),
			"encoded": hex(&ticket.encode()),
			"hash": hex(&ticket.hash()),
			"signature": hex(&signature.encode()),
			"sr25519Signature": raw,
		}))
	}
}

/// `evaluate-ticket`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvaluateTicketCmd {
	#[command(flatten)]
	key: KeyArgs,

	/// The ticket's SCALE encoding, 0x hex (`encoded` of sign-ticket).
	#[arg(long, value_name = "HEX")]
	ticket: String,

	/// The sender's signature (`signature` of sign-ticket: a SCALE
	/// `MultiSignature`, or 64 raw sr25519 bytes). Checked; with it the
	/// output also has the ticket's item of a `redeem_winning_tickets` batch.
	#[arg(long, value_name = "HEX")]
	signature: Option<String>,
}

/// Decodes a ticket from its whole SCALE encoding.
fn decode_ticket(text: &str) -> Result<(ChainTicket, Vec<u8>)> {
	let bytes = hex_bytes(text, "--ticket")?;
	let mut input = &bytes[..];
	let ticket = ChainTicket::decode(&mut input)
		.map_err(|e| Error::new(format!("--ticket: not a SCALE-encoded ticket ({e})")))?;
	if !input.is_empty() {
		return Err(Error::new(format!(
			"--ticket: {} bytes left after the ticket (a ticket is 150 bytes, 182 with aux)",
			input.len()
		)));
	}
	if ticket.domain.pallet != TICKETS_TAG || ticket.domain.version != TICKET_PAYLOAD_VERSION {
		return Err(Error::new(format!(
			"--ticket: its domain is not the tickets pallet's (tag {}, version {})",
			hex(&ticket.domain.pallet),
			ticket.domain.version
		)));
	}
	Ok((ticket, bytes))
}

fn decode_multi_signature(text: &str) -> Result<MultiSignature> {
	let bytes = hex_bytes(text, "--signature")?;
	if let Ok(raw) = <[u8; 64]>::try_from(&bytes[..]) {
		return Ok(MultiSignature::Sr25519(sr25519::Signature::from_raw(raw)));
	}
	let mut input = &bytes[..];
	match MultiSignature::decode(&mut input) {
		Ok(signature) if input.is_empty() => Ok(signature),
		_ => Err(Error::new(
			"--signature: expected a SCALE MultiSignature (65 bytes for sr25519) or 64 bytes",
		)),
	}
}

impl EvaluateTicketCmd {
	fn output(&self) -> Result<Value> {
		let recipient = self.key.pair()?;
		let (ticket, encoded) = decode_ticket(&self.ticket)?;
		let signature = self.signature.as_deref().map(decode_multi_signature).transpose()?;
		if let Some(signature) = &signature {
			// The pallet's `check_sender_signature`.
			if !signature.verify(&encoded[..], &ticket.sender) {
				return Err(Error::new(format!(
					"--signature is not the sender's ({}) signature of this ticket",
					ss58(&ticket.sender)
				)));
			}
		}
		let evaluation = evaluate_ticket(&recipient, &ticket).map_err(|e| match e {
			EvaluationError::NotRecipient => Error::new(format!(
				"the key {} is not the ticket's recipient {}: its proof would not verify",
				ss58_public(&recipient.public()),
				ss58(&ticket.recipient)
			)),
			other => Error::new(other.to_string()),
		})?;
		let mut output = json!({
			"ticket": ticket_json(&ticket),
			"hash": hex(&evaluation.ticket_hash),
			"vrf": hex(&evaluation.vrf),
			"vrfPreOutput": hex(&tickets::pre_output(&evaluation.vrf)),
			"vrfBatchable": hex(&evaluation.vrf_batchable),
			"winValue": evaluation.win_value.to_string(),
			"winProbability": ticket.win_probability.0.to_string(),
			"wins": evaluation.wins,
		});
		if let Some(signature) = signature {
			// pallet-tickets' `RedeemItem`: ticket, signature, batchable VRF.
			let item = (&ticket, &signature, &evaluation.vrf_batchable).encode();
			output["signature"] = json!(hex(&signature.encode()));
			output["redeemItem"] = json!(hex(&item));
		}
		Ok(output)
	}
}

/// What a signed statement's output says, for `collect-signatures`.
fn signed_statement_json(
	statement: Value,
	encoded: Vec<u8>,
	payload: Vec<u8>,
	signer: &sr25519::Pair,
	signature: sr25519::Signature,
	index: Option<u32>,
) -> Value {
	json!({
		"statement": statement,
		"encoded": hex(&encoded),
		"signedPayload": hex(&payload),
		"signer": ss58_public(&signer.public()),
		"signerPublic": hex(&signer.public().0),
		"signature": hex(&signature.0),
		"signerIndex": index,
		"signatureEntry": index.map(|i| hex(&(i, signature).encode())),
	})
}

/// `sign-unavailability`.
#[derive(Debug, Clone, clap::Args)]
pub struct SignUnavailabilityCmd {
	#[command(flatten)]
	key: KeyArgs,

	/// The accused provider's stash account (SS58 or 0x public key).
	#[arg(long, value_name = "ACCOUNT", value_parser = parse::account)]
	provider: AccountId,

	/// The round in which it did not answer.
	#[arg(long)]
	round: RoundIndex,

	/// blake2_256 of the requester's complaint (0x hex).
	#[arg(long, value_name = "HASH", value_parser = parse::hash)]
	complaint_hash: [u8; 32],

	/// This gateway's index in the list of distinct gateways judging the
	/// accused in the round, in order of first draw, as `market_gateways(round,
	/// accused)` returns them (`Availability::gateways(round, accused)`); with
	/// it the output has the signature's entry of `report_unavailable`'s list.
	/// A gateway holding several seats signs once; the signers must hold the
	/// threshold's seats.
	#[arg(long, value_name = "INDEX")]
	gateway_index: Option<u32>,

	#[command(flatten)]
	genesis: GenesisArgs,
}

impl SignUnavailabilityCmd {
	fn output(&self) -> Result<Value> {
		let operator = self.key.pair()?;
		let domain = availability::signing_domain(self.genesis.genesis_hash);
		let statement = UnavailabilityStatement {
			provider: self.provider.clone(),
			round: self.round,
			complaint_hash: self.complaint_hash,
		};
		let signature = availability::client::sign_statement(&operator, &domain, &statement);
		let fields = json!({
			"provider": ss58(&statement.provider),
			"round": statement.round,
			"complaintHash": hex(&statement.complaint_hash),
		});
		Ok(signed_statement_json(
			fields,
			statement.encode(),
			availability::statement_payload(&domain, &statement),
			&operator,
			signature,
			self.gateway_index,
		))
	}
}

/// `sign-committee-statement`.
#[derive(Debug, Clone, clap::Args)]
pub struct SignCommitteeStatementCmd {
	#[command(flatten)]
	key: KeyArgs,

	/// The per-request policy served.
	#[arg(long)]
	policy: PolicyId,

	/// The claiming provider's stash account (SS58 or 0x public key).
	#[arg(long, value_name = "ACCOUNT", value_parser = parse::account)]
	provider: AccountId,

	/// The round served in.
	#[arg(long)]
	round: RoundIndex,

	/// Distinct requests served.
	#[arg(long)]
	served: u32,

	/// This member's index in the list of distinct members of the claiming
	/// provider's committee for the round, in order of first draw, as
	/// `market_committee(round, provider)` returns them
	/// (`ServiceClaims::committee(round, provider)`); with it the output has
	/// the signature's entry of `submit_attested_claim`'s list. A member
	/// holding several seats signs once; the signers must hold the
	/// threshold's seats.
	#[arg(long, value_name = "INDEX")]
	member_index: Option<u32>,

	#[command(flatten)]
	genesis: GenesisArgs,
}

impl SignCommitteeStatementCmd {
	fn output(&self) -> Result<Value> {
		let operator = self.key.pair()?;
		if self.served == 0 {
			return Err(Error::new("--served must be above zero (the pallet's ZeroServed)"));
		}
		let domain = claims::signing_domain(self.genesis.genesis_hash);
		let statement = ClaimStatement {
			policy: self.policy,
			provider: self.provider.clone(),
			round: self.round,
			served: self.served,
		};
		let signature = claims::client::sign_statement(&operator, &domain, &statement);
		let fields = json!({
			"policy": statement.policy.to_string(),
			"provider": ss58(&statement.provider),
			"round": statement.round,
			"served": statement.served,
		});
		Ok(signed_statement_json(
			fields,
			statement.encode(),
			claims::statement_payload(&domain, &statement),
			&operator,
			signature,
			self.member_index,
		))
	}
}

/// Every JSON value in `path`: one, several one after another, or arrays of
/// them (flattened).
fn read_json_objects(path: &Path) -> Result<Vec<Value>> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
	let mut objects = Vec::new();
	for value in serde_json::Deserializer::from_str(&text).into_iter::<Value>() {
		match value.map_err(|e| Error::new(format!("{}: not JSON: {e}", path.display())))? {
			Value::Array(items) => objects.extend(items),
			other => objects.push(other),
		}
	}
	Ok(objects)
}

/// `collect-signatures`.
#[derive(Debug, Clone, clap::Args)]
pub struct CollectSignaturesCmd {
	/// JSON files of sign-unavailability or sign-committee-statement
	/// outputs (several per file allowed), all of one statement and each
	/// with its signer index.
	#[arg(value_name = "FILE", required = true)]
	files: Vec<PathBuf>,
}

impl CollectSignaturesCmd {
	fn output(&self) -> Result<Value> {
		let mut first: Option<Value> = None;
		let mut entries = Vec::new();
		for path in &self.files {
			for (n, object) in read_json_objects(path)?.into_iter().enumerate() {
				let what = format!("{}, signature {n}", path.display());
				let payload = hex_bytes(parse::json_str(&object, "signedPayload", &what)?, &what)?;
				let key = sr25519::Public::from_raw(hex_array(
					parse::json_str(&object, "signerPublic", &what)?,
					&what,
				)?);
				let signature = sr25519::Signature::from_raw(hex_array(
					parse::json_str(&object, "signature", &what)?,
					&what,
				)?);
				let index = object
					.get("signerIndex")
					.filter(|v| !v.is_null())
					.ok_or_else(|| {
						Error::new(format!(
							"{what}: no signerIndex (sign with --gateway-index or --member-index)"
						))
					})
					.and_then(|v| parse::json_u32(v, &what))?;
				let expected = first.get_or_insert_with(|| object.clone());
				if expected.get("signedPayload") != object.get("signedPayload") {
					return Err(Error::new(format!(
						"{what}: signs another statement or chain than the first signature"
					)));
				}
				if !sr25519::Pair::verify(&signature, &payload, &key) {
					return Err(Error::new(format!(
						"{what}: the signature is not {}'s",
						ss58_public(&key)
					)));
				}
				entries.push((index, signature));
			}
		}
		let first = first.ok_or_else(|| Error::new("no signatures in the files"))?;
		let list = availability::client::signature_list(entries)
			.map_err(|e| Error::new(format!("{e}: one signer, one signature")))?;
		Ok(json!({
			"statement": first.get("statement"),
			"encoded": first.get("encoded"),
			"signedPayload": first.get("signedPayload"),
			"count": list.len(),
			"signerIndices": list.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
			"signatures": hex(&list.encode()),
		}))
	}
}

/// `sign-receipt`.
#[derive(Debug, Clone, clap::Args)]
pub struct SignReceiptCmd {
	#[command(flatten)]
	key: KeyArgs,

	/// The policy the request was made under.
	#[arg(long)]
	policy: PolicyId,

	/// The round it was served in.
	#[arg(long)]
	round: RoundIndex,

	/// The provider that answered (its stash account, SS58 or 0x public
	/// key): the only account the receipt pays.
	#[arg(long, value_name = "ACCOUNT", value_parser = parse::account)]
	provider: AccountId,

	/// The requester's nonce: (requester, nonce) identifies the request.
	#[arg(long)]
	nonce: u64,

	/// blake2_256 of the request (0x hex).
	#[arg(long, value_name = "HASH", value_parser = parse::hash)]
	request_hash: [u8; 32],

	/// blake2_256 of the provider's response (0x hex): sign the receipt
	/// only once the response arrived and was checked.
	#[arg(long, value_name = "HASH", value_parser = parse::hash)]
	response_hash: [u8; 32],

	#[command(flatten)]
	genesis: GenesisArgs,
}

impl SignReceiptCmd {
	fn output(&self) -> Result<Value> {
		let requester = self.key.pair()?;
		let domain = claims::signing_domain(self.genesis.genesis_hash);
		let signed: SignedReceipt<AccountId> = claims::client::sign_receipt(
			&requester,
			&domain,
			self.policy,
			self.round,
			self.provider.clone(),
			self.nonce,
			self.request_hash,
			self.response_hash,
		);
		Ok(json!({
			"receipt": parse::receipt_json(&signed.receipt),
			"encoded": hex(&signed.receipt.encode()),
			"signedPayload": hex(&claims::receipt_payload(&domain, &signed.receipt)),
			"signature": hex(&signed.signature.0),
			"sortKey": hex(&signed.receipt.sort_key()),
		}))
	}
}

/// A signed receipt from sign-receipt's JSON: its `encoded` receipt or,
/// without it, its `receipt` fields, and its `signature`.
fn signed_receipt(object: &Value, what: &str) -> Result<SignedReceipt<AccountId>> {
	if object.get("receipt").is_none() && object.get("record").is_some() {
		return Err(Error::new(format!(
			"{what}: a request record (sign-request-record), which no longer pays: claims are \
			 proven with receipts the requester signs once the provider answered (sign-receipt)"
		)));
	}
	let signature =
		sr25519::Signature::from_raw(hex_array(parse::json_str(object, "signature", what)?, what)?);
	let from_fields = |fields: &Value| -> Result<Receipt<AccountId>> {
		let requester = match fields.get("requesterPublic").and_then(Value::as_str) {
			Some(key) => key,
			None => parse::json_str(fields, "requester", what)?,
		};
		let field = |name: &str| fields.get(name).cloned().unwrap_or(Value::Null);
		let hash = |name: &str| -> Result<[u8; 32]> {
			hex_array(parse::json_str(fields, name, what)?, &format!("{what}: {name}"))
		};
		Ok(Receipt {
			policy: parse::json_u64(&field("policy"), &format!("{what}: policy"))?,
			round: parse::json_u32(&field("round"), &format!("{what}: round"))?,
			provider: parse::account(parse::json_str(fields, "provider", what)?)
				.map_err(|e| Error::new(format!("{what}: provider: {e}")))?,
			requester: sr25519::Public::from_raw(
				parse::account(requester)
					.map_err(|e| Error::new(format!("{what}: requester: {e}")))?
					.into(),
			),
			nonce: parse::json_u64(&field("nonce"), &format!("{what}: nonce"))?,
			request_hash: hash("requestHash")?,
			response_hash: hash("responseHash")?,
		})
	};
	let receipt = match object.get("encoded").and_then(Value::as_str) {
		Some(encoded) => {
			let bytes = hex_bytes(encoded, what)?;
			let mut input = &bytes[..];
			let receipt = Receipt::<AccountId>::decode(&mut input)
				.ok()
				.filter(|_| input.is_empty())
				.ok_or_else(|| Error::new(format!("{what}: `encoded` is not a receipt")))?;
			if let Some(fields) = object.get("receipt") {
				if from_fields(fields)? != receipt {
					return Err(Error::new(format!(
						"{what}: `encoded` and `receipt` describe different receipts"
					)));
				}
			}
			receipt
		},
		None => from_fields(
			object
				.get("receipt")
				.ok_or_else(|| Error::new(format!("{what}: neither `encoded` nor `receipt`")))?,
		)?,
	};
	Ok(SignedReceipt { receipt, signature })
}

/// Refuses receipts that cannot make one claim, naming the receipt (by
/// file and position) and what differs: one policy and round, and one
/// provider, `provider` if given.
fn check_one_claim(
	receipts: &[SignedReceipt<AccountId>],
	labels: &[String],
	provider: Option<&AccountId>,
) -> Result<()> {
	let label = |index: usize| labels.get(index).map(String::as_str).unwrap_or_default();
	let Some(first) = receipts.first().map(|signed| &signed.receipt) else { return Ok(()) };
	if let Some(provider) = provider {
		if first.provider != *provider {
			return Err(Error::new(format!(
				"{}: names provider {}, not --provider {} (a receipt pays only the provider \
				 it names)",
				label(0),
				ss58(&first.provider),
				ss58(provider)
			)));
		}
	}
	for (index, signed) in receipts.iter().enumerate().skip(1) {
		let receipt = &signed.receipt;
		if (receipt.policy, receipt.round) != (first.policy, first.round) {
			return Err(Error::new(format!(
				"{}: another policy or round than the first receipt (a claim covers one)",
				label(index)
			)));
		}
		if receipt.provider != first.provider {
			return Err(Error::new(format!(
				"{}: names another provider ({}) than the first receipt ({}): a receipt pays \
				 only the provider it names, and a claim is one provider's",
				label(index),
				ss58(&receipt.provider),
				ss58(&first.provider)
			)));
		}
	}
	Ok(())
}

/// `build-claim-tree`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildClaimTreeCmd {
	/// JSON files of signed receipts as sign-receipt prints them: one or
	/// several per file, one after another or in arrays, all naming the
	/// claiming provider.
	#[arg(long, value_name = "FILE", required = true, num_args = 1..)]
	receipts: Vec<PathBuf>,

	#[command(flatten)]
	genesis: GenesisArgs,

	/// Leaves to open, comma-separated (e.g. the `market_*` RPC's
	/// challenge indices of the commitment).
	#[arg(long, value_name = "I,J,...", value_delimiter = ',', conflicts_with = "challenge_seed")]
	indices: Vec<u32>,

	/// The commitment's challenge seed (0x hex, `ServiceClaims::ChallengeSeeds`
	/// at its `seedBlock`), fixed five blocks after the block of
	/// `commit_claim` from the VRF outputs of the four blocks between: the
	/// leaves to open are drawn from it, and from the provider the receipts
	/// name, as the pallet does.
	#[arg(long, value_name = "HASH", value_parser = parse::hash)]
	challenge_seed: Option<[u8; 32]>,

	/// The claiming provider (stash account, SS58 or 0x public key): if
	/// given, every receipt must name it.
	#[arg(long, value_name = "ACCOUNT", value_parser = parse::account)]
	provider: Option<AccountId>,

	/// The commitment's challenge count (the service-claims
	/// `challengeCount` parameter when it was made).
	#[arg(long, default_value_t = DEFAULT_CHALLENGE_COUNT)]
	challenge_count: u32,
}

fn opening_json(index: u32, opening: &Opening<AccountId>) -> Value {
	json!({
		"index": index,
		"receipt": parse::receipt_json(&opening.receipt),
		"signature": hex(&opening.signature.0),
		"proof": opening.proof.iter().map(parse::node_json).collect::<Vec<_>>(),
		"encoded": hex(&opening.encode()),
	})
}

impl BuildClaimTreeCmd {
	fn output(&self) -> Result<Value> {
		let (mut receipts, mut labels) = (Vec::new(), Vec::new());
		for path in &self.receipts {
			for (n, object) in read_json_objects(path)?.iter().enumerate() {
				let label = format!("{}, receipt {n}", path.display());
				receipts.push(signed_receipt(object, &label)?);
				labels.push(label);
			}
		}
		check_one_claim(&receipts, &labels, self.provider.as_ref())?;
		let domain = claims::signing_domain(self.genesis.genesis_hash);
		let tree = ClaimTree::build(&domain, receipts).map_err(|e| {
			// Name the receipt by file and position rather than overall position.
			let label = |index: usize| labels.get(index).cloned().unwrap_or_default();
			match e {
				ClaimTreeError::MixedClaim { index } => Error::new(format!(
					"{}: another policy, round or provider than the first receipt (a claim \
					 covers one policy and round of one provider)",
					label(index)
				)),
				ClaimTreeError::BadSignature { index } => Error::new(format!(
					"{}: the requester's signature does not verify for this chain \
					 (--genesis-hash)",
					label(index)
				)),
				other => Error::new(other.to_string()),
			}
		})?;
		let provider = tree.provider().cloned().ok_or_else(|| Error::new("no receipts"))?;
		let mut output = json!({
			"policy": tree.policy().to_string(),
			"round": tree.round(),
			"provider": ss58(&provider),
			"served": tree.served(),
			"root": hex(&tree.root()),
			"merged": tree.merged(),
		});
		let indices = match &self.challenge_seed {
			Some(seed) => {
				output["challenge"] = json!({
					"seed": hex(seed),
					"provider": ss58(&provider),
					"count": self.challenge_count,
				});
				tree.challenge_indices(seed, self.challenge_count)
			},
			None => self.indices.clone(),
		};
		if !indices.is_empty() || self.challenge_seed.is_some() {
			let openings = tree.openings(&indices).map_err(|e| Error::new(e.to_string()))?;
			output["indices"] = json!(indices);
			output["openings"] = json!(hex(&openings.encode()));
			output["openingsDecoded"] = Value::Array(
				indices.iter().zip(openings.iter()).map(|(i, o)| opening_json(*i, o)).collect(),
			);
		}
		Ok(output)
	}
}
