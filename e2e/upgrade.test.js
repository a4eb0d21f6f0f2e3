// A live runtime upgrade (run it with ./upgrade.sh): a local testnet of
// two validators started on the previous release's runtime
// (runtime/releases/, spec 100), filled with market state through
// extrinsics, upgraded by sudo `set_code` to the runtime under test, and
// checked on both sides of the upgrade block:
//
// - blocks keep being produced and finalized, `spec_version` changed;
// - the pallets' storage versions moved 0 -> 1 where the layout changed and
//   the migrations ran once (the migrated bytes do not change again);
// - no account's free, reserved or held balance changed, nor the issuance,
//   any escrowed policy or any stake;
// - before the upgrade, `market-try-upgrade` ran the same upgrade natively
//   over the chain's downloaded state with every migration's checks, and
//   after it refuses the chain (already at this spec_version);
// - the old state is usable with the new runtime: the migrated ledgers
//   decode, a ticket redeemed before the upgrade is refused after it, and
//   providers keep committing.
//
// A claim commitment is not part of the state: one needs its round settled
// (`MaxReportAge` + 1 rounds, 7 minutes of real blocks here); the
// service-claims migration's unit tests cover withdrawing them.
//
// Each step is a test; they run in order and share the chain.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { evaluateTicket, signTicket, ticket } from './lib/market.js';

const url = process.env.MARKET_UPGRADE_WS;
const wasmPath = process.env.MARKET_UPGRADE_WASM;
const tryUpgradeBin = process.env.MARKET_TRY_UPGRADE;
if (!url || !wasmPath) {
  throw new Error('MARKET_UPGRADE_WS and MARKET_UPGRADE_WASM are set by ./upgrade.sh');
}

const UNIT = 10n ** 12n;
const ALWAYS = (1n << 128n) - 1n;
/** Pallets whose layout changed in spec 101 (storage version 0 -> 1). */
const MIGRATED = ['providerStaking', 'tickets', 'serviceClaims'];
/** Pallets whose layout did not change (storage version 0 on both sides). */
const UNCHANGED = ['policyEscrow', 'availability'];

const S = {};
let failed = false;
const step = (name, fn) => test(name, { skip: false }, async (t) => {
  if (failed) return t.skip('an earlier step failed');
  try {
    await fn();
  } catch (e) {
    failed = true;
    throw e;
  }
});

/**
 * Signs and submits `tx` from `signer` and resolves once it is in a block
 * with `{ blockHash, events }`; a dispatch error rejects with its name.
 */
function submit (tx, signer, label, options = {}) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    tx.signAndSend(signer, { nonce: -1, ...options }, (result) => {
      if (result.isError || result.status.isInvalid || result.status.isDropped || result.status.isUsurped) {
        unsub?.();
        reject(new Error(`${label}: ${result.status.type}`));
        return;
      }
      if (!result.status.isInBlock) return;
      unsub?.();
      if (result.dispatchError) {
        const e = result.dispatchError;
        const name = e.isModule ? (({ section, name }) => `${section}.${name}`)(S.api.registry.findMetaError(e.asModule)) : e.toString();
        reject(new Error(`${label}: ${name}`));
        return;
      }
      resolve({ blockHash: result.status.asInBlock.toHex(), events: result.events.map(({ event }) => event) });
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Runs `market-try-upgrade` (the runtime under test, natively) against the
 * chain's finalized state: `{ code, stdout, stderr }`.
 */
function tryUpgrade () {
  return new Promise((resolve) => {
    execFile(tryUpgradeBin, ['--uri', url], { timeout: 600_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

/** Resolves once the best block number is at least `n`. */
async function untilBlock (n) {
  for (;;) {
    const best = (await S.api.rpc.chain.getHeader()).number.toNumber();
    if (best >= n) return best;
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

/** Resolves once the finalized block number is at least `n`. */
async function untilFinalized (n) {
  for (;;) {
    const head = await S.api.rpc.chain.getFinalizedHead();
    const number = (await S.api.rpc.chain.getHeader(head)).number.toNumber();
    if (number >= n) return number;
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

/**
 * Commits `p` to the next round: already committed is fine; while the
 * next round's snapshot is closed (its last blocks), retries in the next
 * round.
 */
async function commit (p, label) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await submit(S.api.tx.providerStaking.commitToNextRound(), p, label);
      return;
    } catch (e) {
      if (/AlreadyCommitted/.test(e.message)) return;
      if (!/SnapshotClosed/.test(e.message)) throw e;
      await untilRound((await currentRound()) + 1);
    }
  }
  throw new Error(`${label}: the snapshot stayed closed`);
}

async function currentRound () {
  return (await S.api.query.providerStaking.currentRound()).toNumber();
}

async function untilRound (r) {
  while (await currentRound() < r) await new Promise((ok) => setTimeout(ok, 1000));
}

/** `twox128(pallet) ++ twox128(":__STORAGE_VERSION__:")` read raw at `hash`. */
async function storageVersion (hash, pallet) {
  const at = await S.api.at(hash);
  return (await at.query[pallet].palletVersion()).toNumber();
}

/**
 * Everything the upgrade must not change the value of, at block `hash`,
 * as plain JSON keyed by storage item and key.
 */
async function balancesAt (hash) {
  const at = await S.api.at(hash);
  const out = { issuance: (await at.query.balances.totalIssuance()).toString() };
  for (const [key, value] of await at.query.system.account.entries()) {
    const { free, reserved, frozen } = value.data;
    out[`account ${key.args[0]}`] = [free.toString(), reserved.toString(), frozen.toString()];
  }
  for (const [key, value] of await at.query.balances.holds.entries()) {
    out[`holds ${key.args[0]}`] = value.map((h) => [JSON.stringify(h.id.toJSON()), h.amount.toString()]);
  }
  for (const [key, value] of await at.query.policyEscrow.policies.entries()) {
    out[`policy ${key.args[0]}`] = value.toJSON();
  }
  for (const [key, value] of await at.query.providerStaking.ledgers.entries()) {
    const l = value.unwrap();
    out[`stake ${key.args[0]}`] = [l.active.toString(), JSON.stringify(l.unlocking.toJSON()), l.lockedUntil.toNumber()];
  }
  return out;
}

/** The raw bytes of every entry of `section.item` at `hash`. */
async function rawEntries (hash, section, item) {
  const prefix = S.api.query[section][item].keyPrefix();
  const pairs = await S.api.rpc.state.getPairs(prefix, hash);
  return Object.fromEntries(pairs.map(([k, v]) => [k.toHex(), v.toHex()]));
}

before(async () => {
  await cryptoWaitReady();
  const provider = new WsProvider(url, 1000, {}, 60_000);
  S.api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = (uri) => keyring.addFromUri(uri);
  Object.assign(S, {
    alice: dev('//Alice'),
    bob: dev('//Bob'),
    charlie: dev('//Charlie'),
    dave: dev('//Dave'),
    eve: dev('//Eve'),
    ferdie: dev('//Ferdie'),
    newcomer: dev('//Upgrade'),
  });
  S.wasm = readFileSync(wasmPath);
  S.roundLength = S.api.consts.providerStaking.roundLength.toNumber();
});

after(async () => {
  await S.api?.disconnect();
});

step('the chain runs the previous release: spec 100, every market pallet at storage version 0', async () => {
  const version = S.api.runtimeVersion;
  assert.equal(version.specName.toString(), 'market');
  assert.equal(version.specVersion.toNumber(), 100);
  const best = (await S.api.rpc.chain.getBlockHash()).toHex();
  for (const pallet of [...MIGRATED, ...UNCHANGED]) {
    assert.equal(await storageVersion(best, pallet), 0, pallet);
  }
  const code = await S.api.rpc.state.getStorage(':code');
  assert.notEqual(u8aToHex(blake2AsU8a(code.unwrap())), u8aToHex(blake2AsU8a(S.wasm)), 'the new runtime differs from the running one');
});

step('market state is created through extrinsics on the old runtime', async () => {
  const { api, alice, bob, charlie, dave, newcomer } = S;
  // A new provider: funded by Alice, bonded, committed.
  await submit(api.tx.balances.transferKeepAlive(newcomer.address, 20_000n * UNIT), alice, 'fund the newcomer');
  await submit(api.tx.providerStaking.bond(10_000n * UNIT, 100), newcomer, 'bond');
  for (const p of [newcomer, charlie, dave]) await commit(p, 'commit to the next round');
  // A per-request policy of Charlie and Dave from the next round on.
  const start = (await currentRound()) + 1;
  const created = await submit(api.tx.policyEscrow.createPolicy(
    { Explicit: [charlie.address, dave.address] }, start, 3,
    { PerRequest: { price: UNIT / 10n, cap: 100 } }, [u8aToHex(bob.publicKey)],
  ), alice, 'create a policy');
  const event = created.events.find((e) => e.section === 'policyEscrow' && e.method === 'PolicyCreated');
  assert.ok(event, 'PolicyCreated');
  S.policy = event.data[0].toNumber();

  // Bob funds tickets; Charlie redeems a certain winner.
  await submit(api.tx.tickets.fund(50n * UNIT, 20n * UNIT), bob, 'fund tickets');
  const expiry = (await api.rpc.chain.getHeader()).number.toNumber() + 200;
  const t = ticket(api, { sender: bob.address, recipient: charlie.address, faceValue: 2n * UNIT, winProbability: ALWAYS, index: 1, expiry });
  S.redeemed = { t, signature: signTicket(api, bob, t), vrf: evaluateTicket(charlie, t).vrf };
  const redeemed = await submit(api.tx.tickets.redeemWinningTicket(S.redeemed.t, S.redeemed.signature, S.redeemed.vrf, false), charlie, 'redeem a winning ticket');
  assert.ok(redeemed.events.some((e) => e.section === 'tickets' && e.method === 'TicketRedeemed'));

});

step('market-try-upgrade runs the upgrade over the live state first: every check passes, the migrations are idempotent', async () => {
  // The state created above, finalized.
  await untilFinalized((await S.api.rpc.chain.getHeader()).number.toNumber());
  const run = await tryUpgrade();
  const output = `exit ${run.code}\n${run.stdout}\n${run.stderr}`;
  console.log(run.stdout.trim().replace(/^/gm, '  market-try-upgrade: '));
  assert.equal(run.code, 0, output);
  assert.match(run.stdout, /chain runs market spec 100; this runtime is market spec 101/, output);
  assert.match(run.stdout, /complete against its state root/, output);
  for (const pallet of ['ProviderStaking', 'Tickets', 'ServiceClaims']) {
    assert.match(run.stdout, new RegExp(`storage version ${pallet}: 0 -> 1`), output);
  }
  for (const pallet of ['PolicyEscrow', 'Availability']) {
    assert.match(run.stdout, new RegExp(`storage version ${pallet}: 0 -> 0`), output);
  }
  assert.match(run.stdout, /idempotent: a second run of the upgrade changed nothing/, output);
  assert.match(run.stdout, /every check passed/, output);
  // It only read: the chain still runs spec 100 at version 0.
  const best = (await S.api.rpc.chain.getBlockHash()).toHex();
  assert.equal((await S.api.rpc.state.getRuntimeVersion(best)).specVersion.toNumber(), 100);
  assert.equal(await storageVersion(best, 'providerStaking'), 0);
});

step('sudo set_code replaces the runtime; the next block runs spec 101 and the migrations', async () => {
  const { api, alice } = S;
  const setCode = api.tx.system.setCode(u8aToHex(S.wasm));
  await submit(api.tx.sudo.sudoUncheckedWeight(setCode, { refTime: 0, proofSize: 0 }), alice, 'sudo set_code');
  // The upgrade block is found on the finalized chain, not from the
  // submission's status: with two authors a block can be replaced by a
  // sibling (then the status names a block that is not canonical).
  const codeHash = u8aToHex(blake2AsU8a(S.wasm, 256));
  const codeHashAt = async (n) => (await api.rpc.state.getStorageHash(':code', await api.rpc.chain.getBlockHash(n))).toHex();
  let finalized;
  for (;;) {
    finalized = await untilFinalized(0);
    if (await codeHashAt(finalized) === codeHash) break;
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  let n = finalized;
  while (await codeHashAt(n - 1) === codeHash) n--;
  S.upgradeBlock = n;
  S.before = (await api.rpc.chain.getBlockHash(n)).toHex();
  // (Block n's events were written by spec 100 but its state already
  // holds spec 101, whose metadata polkadot.js would decode them with; the
  // code change and `LastRuntimeUpgrade` below are what show the upgrade.)
  await untilFinalized(n + 3);
  S.after = (await api.rpc.chain.getBlockHash(n + 1)).toHex();
  const version = await api.rpc.state.getRuntimeVersion(S.after);
  assert.equal(version.specVersion.toNumber(), 101);
  const last = (await (await api.at(S.after)).query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(last.specVersion.toNumber(), 101);
});

step('storage versions moved 0 -> 1 where the layout changed, once', async () => {
  for (const pallet of MIGRATED) {
    assert.equal(await storageVersion(S.before, pallet), 0, `${pallet} before`);
    assert.equal(await storageVersion(S.after, pallet), 1, `${pallet} after`);
  }
  for (const pallet of UNCHANGED) {
    assert.equal(await storageVersion(S.after, pallet), 0, pallet);
  }
  // The migrated bytes do not change again in the blocks after: the
  // versioned migrations did not run a second time.
  const later = (await S.api.rpc.chain.getBlockHash(S.upgradeBlock + 3)).toHex();
  for (const [section, item] of [['providerStaking', 'ledgers'], ['tickets', 'senders']]) {
    const a = await rawEntries(S.after, section, item);
    const b = await rawEntries(later, section, item);
    assert.ok(Object.keys(a).length > 0, `${section}.${item} has entries`);
    assert.deepEqual(b, a, `${section}.${item} rewritten after the upgrade block`);
  }
  // And were rewritten by it: each ledger lost (staking) or gained
  // (tickets) bytes.
  const oldLedgers = await rawEntries(S.before, 'providerStaking', 'ledgers');
  const newLedgers = await rawEntries(S.after, 'providerStaking', 'ledgers');
  for (const [k, v] of Object.entries(newLedgers)) assert.ok(v.length < oldLedgers[k].length, 'staking ledger shorter');
  const oldSenders = await rawEntries(S.before, 'tickets', 'senders');
  const newSenders = await rawEntries(S.after, 'tickets', 'senders');
  for (const [k, v] of Object.entries(newSenders)) assert.equal(v.length, oldSenders[k].length + 2, 'sender ledger one byte longer');
});

step('no balance, hold, issuance, escrowed policy or stake changed value across the upgrade', async () => {
  const before = await balancesAt(S.before);
  const after = await balancesAt(S.after);
  assert.deepEqual(after, before);
});

step('blocks keep being produced and finalized on the new runtime', async () => {
  const target = S.upgradeBlock + 5;
  await untilBlock(target);
  await untilFinalized(target);
});

step('market-try-upgrade refuses a chain that already runs the runtime under test', async () => {
  const run = await tryUpgrade();
  assert.equal(run.code, 1, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, /spec_version 101 is not above the chain's 101/);
  assert.doesNotMatch(run.stdout, /every check passed/);
});

step('the old state works with the new runtime', async () => {
  const { api, bob, charlie, dave } = S;
  // The sender's migrated ledger decodes, with no overdraft.
  const ledger = await api.query.tickets.senders(bob.address);
  assert.ok(ledger.isSome);
  assert.ok(ledger.unwrap().overdrawnIn.isNone);
  // The ticket redeemed under spec 100 is refused under spec 101.
  await assert.rejects(
    submit(api.tx.tickets.redeemWinningTicket(S.redeemed.t, S.redeemed.signature, S.redeemed.vrf, false), charlie, 'redeem again'),
    /tickets\.AlreadyRedeemed/,
  );
  // Providers keep committing with the new metadata.
  for (const p of [charlie, dave]) await commit(p, 'commit after the upgrade');
});

step('the new runtime checks the metadata hash an offline signer commits to', async () => {
  const { api, alice, bob } = S;
  assert.ok(api.registry.signedExtensions.includes('CheckMetadataHash'), 'CheckMetadataHash is an extension');
  // The hash as a wallet's companion computes it (RFC-0078): from the
  // metadata V15 the node serves, the chain's decimals and token symbol.
  const opaque = (await api.call.metadata.metadataAtVersion(15)).unwrap();
  const digest = merkleizeMetadata(opaque.toU8a(true), { decimals: 12, tokenSymbol: 'MKT' }).digest();
  const metadataHash = u8aToHex(digest);
  const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
  await submit(api.tx.balances.transferKeepAlive(bob.address, UNIT), alice, 'transfer committing to the metadata hash', { mode: 1, metadataHash });
  const after = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(after - before, UNIT);
  // Committing to other metadata (what a signer shown a forged description
  // would sign) is refused before it reaches a block.
  const wrong = u8aToHex(digest.map((b, i) => (i === 0 ? b ^ 1 : b)));
  await assert.rejects(
    api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(alice, { nonce: -1, mode: 1, metadataHash: wrong }),
    /bad signature/,
  );
});

