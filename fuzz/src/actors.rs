//! Who acts: accounts whose keys the fuzzer holds, so that it can sign
//! valid tickets, receipts, operator proofs and quorum signatures as well
//! as garbage.

use market_runtime::{
	genesis_config_presets::genesis_providers, AccountId, Balance, Balances, RuntimeOrigin, UNIT,
};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use std::{collections::BTreeMap, sync::OnceLock};

/// Accounts the fuzzer creates and funds (besides the development ones).
pub const FUZZ_ACCOUNTS: u32 = 12;

/// Requester keys that policies may authorize.
pub const REQUESTERS: u32 = 4;

/// An account with its key pair and the operator key it would register.
#[derive(Clone)]
pub struct Actor {
	/// Its account id (the pair's public key).
	pub account: AccountId,
	/// Its account key: signs tickets, and as a ticket recipient its VRF key.
	pub pair: sr25519::Pair,
	/// The operator key it registers with `set_operator`: signs gateway and
	/// committee statements.
	pub operator: sr25519::Pair,
}

impl Actor {
	/// What the account can spend or hold: its free balance.
	pub fn free(&self) -> Balance {
		use frame_support::traits::fungible::Inspect;
		Balances::balance(&self.account)
	}
}

/// Every key the fuzzer uses; derived once per process (hard derivation
/// is slow), then shared by every case.
pub struct Keys {
	/// The four genesis providers first, then Alice and Bob, then the fuzz
	/// accounts.
	pub actors: Vec<Actor>,
	/// Keys that sign receipts under policies.
	pub requesters: Vec<sr25519::Pair>,
	/// Operator key (as an account id) to its pair, for every actor.
	pub operators: BTreeMap<AccountId, sr25519::Pair>,
	/// Account to its index in `actors`.
	pub index: BTreeMap<AccountId, usize>,
}

/// How much each fuzz account starts with: some rich, some just above the
/// minimum stake, some with dust-level balances, so that holds, reaps and
/// shortfalls all happen.
pub fn starting_balance(i: u32) -> Balance {
	match i % 4 {
		0 => 100_000 * UNIT,
		1 => 2_000 * UNIT,
		2 => 150 * UNIT,
		_ => 2 * UNIT,
	}
}

fn derive(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).expect("valid derivation path; qed")
}

/// The process's keys.
pub fn keys() -> &'static Keys {
	static KEYS: OnceLock<Keys> = OnceLock::new();
	KEYS.get_or_init(|| {
		let mut actors: Vec<Actor> = genesis_providers()
			.into_iter()
			.map(|(stash, operator)| Actor {
				account: stash.to_account_id(),
				pair: stash.pair(),
				operator: operator.pair(),
			})
			.collect();
		for (who, operator) in
			[(Sr25519Keyring::Alice, "//Alice//operator"), (Sr25519Keyring::Bob, "//Bob//operator")]
		{
			actors.push(Actor {
				account: who.to_account_id(),
				pair: who.pair(),
				operator: derive(operator),
			});
		}
		for i in 0..FUZZ_ACCOUNTS {
			let pair = derive(&format!("//Fuzz{i}"));
			actors.push(Actor {
				account: pair.public().into(),
				pair,
				operator: derive(&format!("//Fuzz{i}//operator")),
			});
		}
		let requesters = (0..REQUESTERS).map(|i| derive(&format!("//Requester{i}"))).collect();
		let operators = actors
			.iter()
			.map(|a| (AccountId::from(a.operator.public()), a.operator.clone()))
			.collect();
		let index = actors.iter().enumerate().map(|(i, a)| (a.account.clone(), i)).collect();
		Keys { actors, requesters, operators, index }
	})
}

/// Funds the fuzz accounts from Alice, as a faucet would, in the first
/// block of a case.
pub fn fund_fuzz_accounts() {
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};
	let alice = Sr25519Keyring::Alice.to_account_id();
	for (i, actor) in keys().actors.iter().skip(6).enumerate() {
		let _ = <Balances as Mutate<_>>::transfer(
			&alice,
			&actor.account,
			starting_balance(i as u32),
			Preservation::Preserve,
		);
	}
}

/// A signed origin of `who`.
pub fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}
