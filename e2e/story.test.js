// The whole market story, played against a fresh `market-node --dev
// --sealing manual` through polkadot.js (run it with ./run.sh).
//
// Cast (development preset): Charlie, Dave, Eve and Ferdie are providers at
// genesis (operator keys //Charlie//stash, …); one more, //Provider (operator
// key //Provider//operator), bonds to show bonding, operator keys and
// commits. Gateways and committees are drawn with replacement from the
// providers other than the one judged, so these five are all a proof of
// unavailability or an attested claim needs. Alice funds the newcomer and
// owns the policies; Bob is the requester: he signs tickets and, once a
// provider answered, receipts naming it, complains and submits proofs;
// Mallory is a cheating ticket sender.
//
// Each step is a test; they run in order and share the chain. Every step
// checks the events and the state it changed; the last two check that total
// issuance and every touched account's free + held balance are exactly what
// the story says.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { Chain } from './lib/chain.js';
import {
  challengeIndices, claimStatementPayload, DRAW_TAGS, drawSeats, evaluateTicket, groupSeats, oneIn,
  openings, operatorPopPayload, policySamplingDomain, rangeTree, sampleSlots, signReceipt, signTicket,
  ticket, ticketHash, unavailabilityPayload, u8aToHex,
} from './lib/market.js';

const UNIT = 10n ** 12n;
const GENESIS_PROVIDERS = 4;
const STAKE = 10_000n * UNIT;
const LOCK_ROUNDS = 100;
/** Per-round policy: 3 of the 5 providers sampled, 5 MKT per provider and round, rounds 2..4. */
const ROUND_PRICE = 5n * UNIT;
const SAMPLED = 3;
/** Per-request policy: 0.1 MKT per request, at most 200 per provider and round, rounds 2..3. */
const REQUEST_PRICE = UNIT / 10n;
const REQUEST_CAP = 200;
const POLICY_START = 2;
/**
 * The per-request policy's round paid by receipts: its second, the first
 * being attested for one provider, so that both providers can claim it.
 */
const RECEIPT_ROUND = POLICY_START + 1;

const url = process.env.MARKET_E2E_WS;
if (!url) throw new Error('MARKET_E2E_WS is not set: run the suite with e2e/run.sh');

/** Shared state of the story. */
const S = {};
let broken = null;

/** A story step: skipped once an earlier one failed (the chain is then off-script). */
function step (name, fn) {
  test(name, { timeout: 180_000 }, async (t) => {
    if (broken) {
      t.skip(`earlier step failed: ${broken}`);
      return;
    }
    try {
      await fn(t);
    } catch (e) {
      broken = name;
      throw e;
    }
  });
}

// ------------------------------------------------------------- the ledger --
// What the story says each account's free + held balance and holds become,
// as changes from the start; fees are added from the chain's
// `TransactionFeePaid` events at the end.

const book = new Map();
function entry (who) {
  if (!book.has(who)) book.set(who, { delta: 0n, holds: new Map() });
  return book.get(who);
}
function credit (who, amount) { entry(who).delta += amount; }
function debit (who, amount) { entry(who).delta -= amount; }
function transfer (from, to, amount) { debit(from, amount); credit(to, amount); }
function hold (who, reason, amount) {
  const holds = entry(who).holds;
  holds.set(reason, (holds.get(reason) ?? 0n) + amount);
}
const minted = { rewards: 0n };
const burned = { slashes: 0n };
const perbill = (parts, x) => (x * BigInt(parts)) / 1_000_000_000n;
/** `Pallet.Reason` of a hold id (polkadot.js camel-cases the pallet). */
const holdKey = (id) => Object.entries(id).map(([p, r]) => `${p[0].toUpperCase()}${p.slice(1)}.${r[0].toUpperCase()}${r.slice(1)}`)[0];

// ------------------------------------------------------------ set-up --

before(async () => {
  await cryptoWaitReady();
  const chain = await Chain.connect(url);
  const { api } = chain;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = (uri) => keyring.addFromUri(uri);
  Object.assign(S, {
    chain,
    api,
    alice: dev('//Alice'),
    bob: dev('//Bob'),
    mallory: dev('//Mallory'),
    providers: [],
  });
  for (const name of ['Charlie', 'Dave', 'Eve', 'Ferdie']) {
    S.providers.push({ stash: dev(`//${name}`), operator: dev(`//${name}//stash`), genesis: true });
  }
  S.providers.push({ stash: dev('//Provider'), operator: dev('//Provider//operator'), genesis: false });
  S.byStash = new Map(S.providers.map((p) => [p.stash.address, p]));
  S.charlie = S.providers[0];
  S.dave = S.providers[1];
  S.newcomer = S.providers[GENESIS_PROVIDERS];

  const c = api.consts;
  S.k = {
    roundLength: c.providerStaking.roundLength.toNumber(),
    seedBlocks: c.providerStaking.seedBlocks.toNumber(),
    rewardPerRound: c.providerStaking.rewardPerRound.toBigInt(),
    reporterShare: c.providerStaking.reporterShare.toNumber(),
    maxReportAge: c.providerStaking.maxReportAge.toNumber(),
    maxGatewaySeats: c.availability.maxGatewaySeats.toNumber(),
    defaultGatewaySeats: c.availability.gatewaySeats.toNumber(),
    defaultGatewayThreshold: c.availability.gatewayThreshold.toNumber(),
    expectedRoundFees: c.availability.expectedRoundFees.toBigInt(),
    baseSlash: c.availability.baseSlash.toBigInt(),
    maxSlashFraction: c.availability.maxSlashFraction.toNumber(),
    challengeBlocks: c.serviceClaims.challengeBlocks.toNumber(),
  };
  S.ticketParams = (await api.query.tickets.params()).toJSON();
  S.gatewayParams = (await api.query.availability.params()).toJSON();
  S.claimParams = (await api.query.serviceClaims.params()).toJSON();
  S.reqKey = u8aToHex(S.bob.publicKey);
});

after(async () => {
  if (S.chain) await S.chain.disconnect();
});

// ------------------------------------------------------------- helpers --

const tx = () => S.api.tx;
const addr = (pair) => pair.address;

function assertOk (result) {
  assert.equal(result.error, null, `${result.label} failed: ${result.error}`);
  return result;
}

function assertFails (result, error) {
  assert.equal(result.error, error, `${result.label}: expected ${error}, got ${result.error ?? 'success'}`);
}

async function freeAndHeld (who) {
  const { data } = await S.api.query.system.account(who);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
}

async function holdsOf (who) {
  const holds = await S.api.query.balances.holds(who);
  return new Map(holds.map((h) => [holdKey(h.id.toJSON()), h.amount.toBigInt()]));
}

/** A round's snapshot: accounts and weights by slot, and its seed. */
async function snapshot (round) {
  const { api } = S;
  const info = (await api.query.providerStaking.snapshots(round)).unwrap();
  const len = info.len.toNumber();
  const members = await api.query.providerStaking.snapshotMembers.entries(round);
  const accounts = new Array(len);
  const weights = new Array(len);
  for (const [key, value] of members) {
    const slot = key.args[1].toNumber();
    const [account, weight] = value.unwrap();
    accounts[slot - 1] = account.toString();
    weights[slot - 1] = weight.toBigInt();
  }
  const seed = (await api.query.providerStaking.roundSeeds(round)).unwrap();
  return { accounts, weights, seed, total: info.total.toBigInt() };
}

/** The distinct accounts drawn for `domain` in `round` (a sampled policy), recomputed from the snapshot. */
async function draw (round, domain, n) {
  const snap = await snapshot(round);
  return sampleSlots(S.api, snap.weights, snap.seed, domain, n).map((slot) => snap.accounts[slot - 1]);
}

/**
 * The `n` seats drawn for `domain` from snapshot `snap` without the account
 * `judged` (the accused or the claimant), recomputed in JavaScript: the
 * distinct members in order of first draw, as `{ account, seats }`; a
 * signer's index in this list is the index it signs with.
 */
function seatsOf (snap, domain, n, judged) {
  const slot = snap.accounts.indexOf(judged) + 1;
  assert.ok(slot > 0, `${judged} is in the snapshot`);
  return groupSeats(drawSeats(S.api, snap.weights, snap.seed, domain, n, slot))
    .map(({ slot: s, seats }) => ({ account: snap.accounts[s - 1], seats }));
}

/**
 * Checks the node's `market_gateways` / `market_committee` answer for
 * `judged` in `round` against the JavaScript draw `drawn`: the same members
 * in the same order with the same seats, their snapshot stakes and operator
 * keys, `seats` seats in all and the threshold `threshold`.
 */
async function assertNodeDrawsTheSame (method, round, judged, snap, drawn, seats, threshold) {
  const what = `${method}(${round}, ${judged})`;
  const answer = await S.chain.rpc(method, [round, judged]);
  const account = (a) => S.api.createType('AccountId32', a).toString();
  assert.equal(answer.round, round, `${what}: round`);
  assert.equal(answer.seats, seats, `${what}: seats`);
  assert.equal(answer.threshold, threshold, `${what}: threshold`);
  assert.deepEqual(answer.members.map((m) => account(m.account)), drawn.map((d) => d.account), `${what}: members`);
  assert.deepEqual(answer.members.map((m) => m.seats), drawn.map((d) => d.seats), `${what}: seats per member`);
  for (const m of answer.members) {
    const who = account(m.account);
    assert.equal(BigInt(m.stake), snap.weights[snap.accounts.indexOf(who)], `${what}: stake of ${who}`);
    assert.equal(m.operatorKey, u8aToHex(S.byStash.get(who).operator.publicKey), `${what}: operator key of ${who}`);
  }
}

/**
 * The first members of `drawn` (in list order) whose seats reach
 * `threshold`, as `[index, member]`: a minimal prefix, so without its last
 * signer it falls short of the threshold.
 */
function quorum (drawn, threshold) {
  const signers = [];
  let seats = 0;
  for (const [index, member] of drawn.entries()) {
    if (seats >= threshold) break;
    signers.push([index, member]);
    seats += member.seats;
  }
  assert.ok(seats >= threshold, `the members hold ${seats} seats, below the threshold ${threshold}`);
  return { signers, seats };
}

/**
 * Commits every provider not yet in the next round's snapshot (genesis
 * providers through their operator accounts, the newcomer from its stash)
 * in the next block, which must come before that snapshot closes
 * (`SeedBlocks` blocks before the round starts).
 */
async function commitAll () {
  const { api, chain } = S;
  const next = (await chain.currentRound()) + 1;
  const entries = [];
  for (const p of S.providers) {
    if ((await api.query.providerStaking.providerSlots(next, p.stash.address)).isSome) continue;
    const signer = p.genesis ? p.operator : p.stash;
    entries.push({ tx: tx().providerStaking.commitToNextRound(), signer, label: `commit ${p.stash.address}` });
  }
  if (entries.length === 0) return;
  const block = await chain.number() + 1;
  const closes = next * S.k.roundLength - S.k.seedBlocks;
  assert.ok(block < closes, `round ${next}'s snapshot closes at block ${closes}: block ${block} is too late to commit`);
  const results = await chain.seal(entries);
  for (const r of results) {
    const e = assertOk(r).one('providerStaking', 'Committed');
    assert.equal(e.round, BigInt(next));
  }
}

/**
 * Ends the current round: commits any provider still missing from the next
 * round's snapshot, seals blocks up to the next round's first block, whose
 * start is checked, and right away (long before the following snapshot
 * closes) commits every provider to the round after it.
 */
async function passRound () {
  const { chain } = S;
  const round = await chain.currentRound();
  const next = round + 1;
  const firstOfNext = next * S.k.roundLength;
  await commitAll();
  await chain.sealUntil(firstOfNext);
  assert.equal(await chain.currentRound(), next);
  const started = chain.log.filter((e) => e.section === 'providerStaking' && e.method === 'RoundStarted' && e.data.round === BigInt(next));
  assert.equal(started.length, 1, `RoundStarted for round ${next}`);
  assert.equal(started[0].data.providers, BigInt(S.providers.length), `round ${next} has every provider`);
  const snap = await snapshot(next);
  assert.equal(started[0].data.totalStake, snap.weights.reduce((a, w) => a + w, 0n));
  await commitAll();
  return next;
}

async function passRoundsUntil (round) {
  while (await S.chain.currentRound() < round) await passRound();
}

// ---------------------------------------------------------------- story --

step('a fresh development chain: four genesis providers, balances and parameters', async () => {
  const { api, chain } = S;
  assert.equal(await chain.number(), 0, 'the node must be fresh');
  assert.equal(await chain.currentRound(), 0);
  for (const p of S.providers.filter((p) => p.genesis)) {
    const ledger = (await api.query.providerStaking.ledgers(p.stash.address)).unwrap();
    assert.equal(ledger.active.toBigInt(), STAKE);
    const owner = await api.query.providerStaking.operatorOwners(p.operator.address);
    assert.equal(owner.unwrap().toString(), p.stash.address);
  }
  // Rounds 0 and 1 start with the genesis providers only.
  for (const round of [0, 1]) {
    const info = (await api.query.providerStaking.snapshots(round)).unwrap();
    assert.equal(info.len.toNumber(), GENESIS_PROVIDERS);
    assert.equal(info.total.toBigInt(), STAKE * BigInt(GENESIS_PROVIDERS));
  }
  assert.ok((await api.query.providerStaking.ledgers(S.newcomer.stash.address)).isNone);
  // The development preset's quorums: the runtime's defaults, in seats.
  assert.deepEqual(S.gatewayParams, { seats: 64, threshold: 43 });
  assert.equal(S.k.defaultGatewaySeats, S.gatewayParams.seats);
  assert.equal(S.k.defaultGatewayThreshold, S.gatewayParams.threshold);
  assert.ok(S.gatewayParams.seats <= S.k.maxGatewaySeats);
  assert.equal(S.claimParams.committeeSize, 16);
  assert.equal(S.claimParams.committeeThreshold, 11);
  // Everyone the story can touch, with its free + held balance now.
  S.start = new Map();
  S.accounts = [S.alice, S.bob, S.mallory, ...S.providers.flatMap((p) => [p.stash, p.operator])].map(addr);
  for (const who of S.accounts) {
    const { free, reserved } = await freeAndHeld(who);
    S.start.set(who, { total: free + reserved, holds: await holdsOf(who) });
  }
  S.issuanceAtStart = (await api.query.balances.totalIssuance()).toBigInt();
});

step('a provider bonds, sets an operator key with its proof of possession and commits to round 1', async () => {
  const { api, chain, alice } = S;
  const p = S.newcomer;
  const funding = STAKE + 100n * UNIT;
  const transfers = await chain.seal([
    { tx: tx().balances.transferKeepAlive(p.stash.address, funding), signer: alice, label: `fund ${p.stash.address}` },
    { tx: tx().balances.transferKeepAlive(S.mallory.address, 100n * UNIT), signer: alice, label: 'fund Mallory' },
  ]);
  transfers.forEach(assertOk);
  transfer(alice.address, p.stash.address, funding);
  transfer(alice.address, S.mallory.address, 100n * UNIT);

  const proof = p.operator.sign(operatorPopPayload(api, p.stash.address));
  // A proof of possession made for another stash is refused.
  const wrongProof = p.operator.sign(operatorPopPayload(api, S.charlie.stash.address));
  const results = await chain.seal([
    { tx: tx().providerStaking.bond(STAKE, LOCK_ROUNDS), signer: p.stash, label: 'bond' },
    { tx: tx().providerStaking.setOperator(p.operator.publicKey, proof), signer: p.stash, label: 'set_operator' },
    { tx: tx().providerStaking.commitToNextRound(), signer: p.stash, label: 'commit' },
    { tx: tx().providerStaking.setOperator(p.operator.publicKey, wrongProof), signer: p.stash, label: 'set_operator with a proof for another stash' },
  ]);
  assertFails(results.pop(), 'ProviderStaking.InvalidProofOfPossession');

  const [bonded, operator, committed] = results.map(assertOk);
  assert.deepEqual(bonded.one('providerStaking', 'Bonded'), { provider: p.stash.address, amount: STAKE, lockedUntil: BigInt(LOCK_ROUNDS) });
  assert.equal(operator.one('providerStaking', 'OperatorSet').key, u8aToHex(p.operator.publicKey));
  assert.deepEqual(committed.one('providerStaking', 'Committed'), { provider: p.stash.address, round: 1n, stake: STAKE });
  hold(p.stash.address, 'ProviderStaking.Staking', STAKE);
  const ledger = (await api.query.providerStaking.ledgers(p.stash.address)).unwrap();
  assert.equal(ledger.active.toBigInt(), STAKE);
  assert.equal(ledger.lockedUntil.toNumber(), LOCK_ROUNDS);
  assert.equal((await api.query.providerStaking.operatorOwners(p.operator.address)).unwrap().toString(), p.stash.address);
  assert.equal((await holdsOf(p.stash.address)).get('ProviderStaking.Staking'), STAKE);
  assert.equal((await api.query.providerStaking.snapshots(1)).unwrap().len.toNumber(), S.providers.length);
});

step('rounds 1 and 2 start with every provider committed', async () => {
  assert.equal(await passRound(), 1);
  assert.equal(await passRound(), 2);
});

step('the owner creates a sampled policy priced per round and one priced per request', async () => {
  const { api, chain, alice, bob } = S;
  const round = await chain.currentRound();
  assert.equal(round, POLICY_START);
  const id = (await api.query.policyEscrow.nextPolicyId()).toBigInt();
  const requesters = [S.reqKey];
  const [sampled, refused] = await chain.seal([
    { tx: tx().policyEscrow.createPolicy({ Sampled: SAMPLED }, POLICY_START, 3, { PerRound: { price: ROUND_PRICE } }, requesters), signer: alice, label: 'sampled per-round policy' },
    { tx: tx().policyEscrow.createPolicy({ Explicit: [bob.address] }, POLICY_START, 2, { PerRound: { price: ROUND_PRICE } }, requesters), signer: alice, label: 'policy naming a non-provider' },
  ]);
  const created = assertOk(sampled).one('policyEscrow', 'PolicyCreated');
  assertFails(refused, 'PolicyEscrow.ProviderNotActive');
  // The draw is recomputed from the round's snapshot and seed.
  const expected = await draw(round, policySamplingDomain(api, id), SAMPLED);
  assert.equal(created.policy, id);
  assert.deepEqual(created.providers, expected);
  assert.equal(new Set(expected).size, SAMPLED);
  assert.equal(created.maxCost, ROUND_PRICE * BigInt(SAMPLED) * 3n);
  assert.equal(created.end, BigInt(POLICY_START + 3));
  hold(alice.address, 'PolicyEscrow.Escrow', created.maxCost);
  S.roundPolicy = { id, providers: expected, maxCost: created.maxCost };

  // The two providers outside the sampled set hold the per-request policy.
  const outside = S.providers.filter((p) => !expected.includes(p.stash.address));
  assert.equal(outside.length, 2);
  const [pa, pb] = outside;
  const perRequest = await chain.seal([
    { tx: tx().policyEscrow.createPolicy({ Explicit: [pa.stash.address, pb.stash.address] }, POLICY_START, 2, { PerRequest: { price: REQUEST_PRICE, cap: REQUEST_CAP } }, requesters), signer: alice, label: 'explicit per-request policy' },
  ]);
  const created2 = assertOk(perRequest[0]).one('policyEscrow', 'PolicyCreated');
  assert.equal(created2.policy, id + 1n);
  assert.deepEqual(created2.providers, [pa.stash.address, pb.stash.address]);
  assert.equal(created2.maxCost, REQUEST_PRICE * BigInt(REQUEST_CAP) * 2n * 2n);
  hold(alice.address, 'PolicyEscrow.Escrow', created2.maxCost);
  S.requestPolicy = { id: id + 1n, pa, pb, maxCost: created2.maxCost };

  const holds = await holdsOf(alice.address);
  assert.equal(holds.get('PolicyEscrow.Escrow'), created.maxCost + created2.maxCost);
  const policy = (await api.query.policyEscrow.policies(id)).unwrap();
  assert.equal(policy.owner.toString(), alice.address);
  assert.deepEqual(policy.requesters.toJSON(), requesters);
});

step('a sender funds a deposit and reserve; the recipient finds a winning ticket with its VRF and redeems it', async () => {
  const { api, chain, bob } = S;
  const recipient = S.charlie.stash;
  const [funded] = await chain.seal([{ tx: tx().tickets.fund(50n * UNIT, 20n * UNIT), signer: bob, label: 'fund tickets' }]);
  assert.deepEqual(assertOk(funded).one('tickets', 'Funded'), { sender: bob.address, deposit: 50n * UNIT, reserve: 20n * UNIT });
  hold(bob.address, 'Tickets.Deposit', 50n * UNIT);
  hold(bob.address, 'Tickets.Reserve', 20n * UNIT);

  // Bob pays Charlie per request with tickets of 5 MKT winning one in four;
  // Charlie evaluates each with its VRF and keeps the winners.
  const face = 5n * UNIT;
  const probability = oneIn(4);
  const expiry = (await chain.number()) + 50;
  let winner = null;
  let loser = null;
  for (let index = 1; index <= 64 && !(winner && loser); index++) {
    const t = ticket(api, { sender: bob.address, recipient: recipient.address, faceValue: face, winProbability: probability, index, expiry });
    const signature = signTicket(api, bob, t);
    const { hash, vrf, win } = evaluateTicket(recipient, t);
    assert.ok(recipient.vrfVerify(hash, vrf, recipient.publicKey, 'market/ticket-vrf'));
    const item = { t, signature, vrf, hash };
    if (win < probability) winner ??= item; else loser ??= item;
  }
  assert.ok(winner && loser, 'among 64 tickets one wins and one loses');

  const results = await chain.seal([
    { tx: tx().tickets.redeemWinningTicket(winner.t, winner.signature, winner.vrf, false), signer: recipient, label: 'redeem the winner' },
    { tx: tx().tickets.redeemWinningTicket(loser.t, loser.signature, loser.vrf, false), signer: recipient, label: 'redeem a losing ticket' },
    { tx: tx().tickets.redeemWinningTicket(winner.t, winner.signature, winner.vrf, false), signer: recipient, label: 'redeem the winner again' },
  ]);
  const redeemed = assertOk(results[0]).one('tickets', 'TicketRedeemed');
  assert.deepEqual(redeemed, {
    sender: bob.address,
    recipient: recipient.address,
    index: winner.t.index.toBigInt(),
    ticketHash: u8aToHex(ticketHash(winner.t)),
    fromDeposit: face,
    fromReserve: 0n,
  });
  assertFails(results[1], 'Tickets.NotWinning');
  assertFails(results[2], 'Tickets.AlreadyRedeemed');
  transfer(bob.address, recipient.address, face);
  hold(bob.address, 'Tickets.Deposit', -face);
  // Used tickets are recorded by expiry and ticket hash.
  assert.ok((await api.query.tickets.usedTickets(expiry, winner.hash)).isSome);
  assert.ok((await api.query.tickets.usedTickets(expiry, loser.hash)).isNone);
  assert.equal((await holdsOf(bob.address)).get('Tickets.Deposit'), 45n * UNIT);
});

step('a sender who signs two tickets with one index loses its reserve, once', async () => {
  const { api, chain, alice, bob, mallory } = S;
  const [funded] = await chain.seal([{ tx: tx().tickets.fund(10n * UNIT, 30n * UNIT), signer: mallory, label: 'Mallory funds' }]);
  assertOk(funded);
  hold(mallory.address, 'Tickets.Deposit', 10n * UNIT);
  hold(mallory.address, 'Tickets.Reserve', 30n * UNIT);

  const expiry = (await chain.number()) + 50;
  const common = { sender: mallory.address, faceValue: 2n * UNIT, winProbability: oneIn(10), index: 7, expiry };
  const a = ticket(api, { ...common, recipient: S.charlie.stash.address });
  const b = ticket(api, { ...common, recipient: S.dave.stash.address });
  const [sigA, sigB] = [signTicket(api, mallory, a), signTicket(api, mallory, b)];
  const [report] = await chain.seal([{ tx: tx().tickets.reportDoubleSigned(a, sigA, b, sigB), signer: bob, label: 'report double signing' }]);
  const punished = assertOk(report).one('tickets', 'DoubleSignPunished');
  const reward = perbill(S.ticketParams.reporterShare, 30n * UNIT);
  const now = await chain.number();
  assert.deepEqual(punished, {
    sender: mallory.address,
    index: 7n,
    reporter: bob.address,
    burned: 30n * UNIT - reward,
    reward,
    frozenUntil: BigInt(now + S.ticketParams.maxTicketValidity),
  });
  transfer(mallory.address, bob.address, reward);
  debit(mallory.address, 30n * UNIT - reward);
  hold(mallory.address, 'Tickets.Reserve', -30n * UNIT);
  burned.slashes += 30n * UNIT - reward;
  const holds = await holdsOf(mallory.address);
  assert.equal(holds.get('Tickets.Reserve') ?? 0n, 0n);
  assert.equal(holds.get('Tickets.Deposit'), 10n * UNIT);

  // The evidence is used once: the same two tickets and signatures,
  // reported again by someone else, are refused and change nothing; the
  // reporter only pays the fee.
  const aliceFree = (await freeAndHeld(alice.address)).free;
  const ledger = (await api.query.tickets.senders(mallory.address)).toJSON();
  const [again] = await chain.seal([{ tx: tx().tickets.reportDoubleSigned(a, sigA, b, sigB), signer: alice, label: 'report the same double signing again' }]);
  assertFails(again, 'Tickets.AlreadyPunished');
  assert.deepEqual(again.find('tickets', 'DoubleSignPunished'), []);
  const fee = again.one('transactionPayment', 'TransactionFeePaid').actualFee;
  assert.equal((await freeAndHeld(alice.address)).free, aliceFree - fee);
  assert.deepEqual(await holdsOf(mallory.address), holds, 'Mallory\'s reserve and deposit holds are unchanged');
  assert.deepEqual((await api.query.tickets.senders(mallory.address)).toJSON(), ledger, 'Mallory\'s freeze is unchanged');

  // Frozen: no withdrawal can start.
  const [unlock] = await chain.seal([{ tx: tx().tickets.unlock(), signer: mallory, label: 'Mallory unlocks' }]);
  assertFails(unlock, 'Tickets.Frozen');
});

step('the gateways judging a policy provider sign a proof of its unavailability that slashes it', async () => {
  const { api, chain, bob } = S;
  await passRoundsUntil(POLICY_START + 2);
  const current = await chain.currentRound();
  const { seats, threshold } = S.gatewayParams;
  // Every provider of every policy round has judges among the others: the
  // seats drawn in JavaScript are what the node answers.
  for (let r = POLICY_START; r <= current; r++) {
    const snap = await snapshot(r);
    for (const p of S.providers) {
      const judged = p.stash.address;
      const drawn = seatsOf(snap, DRAW_TAGS.gateways, seats, judged);
      assert.ok(drawn.every((g) => g.account !== judged), `${judged} does not judge itself`);
      assert.equal(drawn.reduce((a, g) => a + g.seats, 0), seats);
      await assertNodeDrawsTheSame('market_gateways', r, judged, snap, drawn, seats, threshold);
    }
  }

  // Bob complains about a genesis provider of the per-round policy, for the
  // policy's first round; its gateways are the other providers.
  const round = POLICY_START;
  const accused = S.roundPolicy.providers.find((a) => S.byStash.get(a).genesis);
  assert.ok(accused, 'a genesis provider in the per-round policy');
  const snap = await snapshot(round);
  const stake = snap.weights[snap.accounts.indexOf(accused)];
  const gateways = seatsOf(snap, DRAW_TAGS.gateways, seats, accused);

  // The first gateways whose seats reach the threshold sign; without the
  // last of them the others hold too few seats.
  const statement = { provider: accused, round, complaintHash: blake2AsU8a(stringToU8a(`Bob's request to ${accused} in round ${round} was not answered`), 256) };
  const payload = unavailabilityPayload(api, statement);
  const { signers, seats: signed } = quorum(gateways, threshold);
  assert.ok(signed - signers[signers.length - 1][1].seats < threshold);
  const signatures = signers.map(([index, g]) => [index, S.byStash.get(g.account).operator.sign(payload)]);
  const [short, proof] = await chain.seal([
    { tx: tx().availability.reportUnavailable(statement, signatures.slice(0, -1)), signer: bob, label: 'proof one gateway short of the threshold' },
    { tx: tx().availability.reportUnavailable(statement, signatures), signer: bob, label: 'proof of unavailability' },
  ]);
  assertFails(short, 'Availability.BelowThreshold');

  // The slash: the round's expected earnings, capped by a share of the stake.
  const inflation = (S.k.rewardPerRound * stake) / snap.total;
  let expected = inflation + S.k.expectedRoundFees;
  if (expected < S.k.baseSlash) expected = S.k.baseSlash;
  const cap = perbill(S.k.maxSlashFraction, stake);
  const slash = expected < cap ? expected : cap;
  // Paid evenly: the submitter and each signing gateway, whatever its seats.
  const reporters = [bob.address, ...signers.map(([, g]) => g.account)];
  const each = perbill(S.k.reporterShare, slash) / BigInt(reporters.length);

  assertOk(proof);
  assert.deepEqual(proof.one('availability', 'ProviderUnavailable'), {
    provider: accused,
    round: BigInt(round),
    complaintHash: u8aToHex(statement.complaintHash),
    submitter: bob.address,
    signers: BigInt(signers.length),
    seats: BigInt(signed),
    priorOffences: 0n,
    slashed: slash,
  });
  assert.deepEqual(proof.one('providerStaking', 'Slashed'), {
    provider: accused,
    offence: { reason: 'Unavailability', round: Number(round), subject: 0 },
    amount: slash,
    reportersPaid: each * BigInt(reporters.length),
  });
  // A successful proof costs its submitter nothing.
  assert.equal(proof.one('transactionPayment', 'TransactionFeePaid').actualFee, 0n);

  debit(accused, slash);
  hold(accused, 'ProviderStaking.Staking', -slash);
  for (const who of reporters) credit(who, each);
  burned.slashes += slash - each * BigInt(reporters.length);
  assert.equal((await api.query.availability.unavailableMarks(round, accused)).unwrap().toBigInt(), slash);
  assert.equal((await api.query.providerStaking.ledgers(accused)).unwrap().active.toBigInt(), STAKE - slash);
  assert.equal((await holdsOf(accused)).get('ProviderStaking.Staking'), STAKE - slash);
  S.unavailable = { round, accused, slash };
});

step('the committee drawn without the claimant attests its service claim, paid from the per-request escrow', async () => {
  const { api, chain, alice } = S;
  const settledAt = POLICY_START + S.k.maxReportAge + 1;
  await passRoundsUntil(settledAt);
  const { id, pa } = S.requestPolicy;
  const { committeeSize, committeeThreshold } = S.claimParams;
  const snap = await snapshot(POLICY_START);
  // Every provider's committee, drawn in JavaScript, is what the node answers.
  for (const p of S.providers) {
    const judged = p.stash.address;
    const drawn = seatsOf(snap, DRAW_TAGS.committee, committeeSize, judged);
    assert.ok(drawn.every((m) => m.account !== judged), `${judged} does not attest itself`);
    assert.equal(drawn.reduce((a, m) => a + m.seats, 0), committeeSize);
    await assertNodeDrawsTheSame('market_committee', POLICY_START, judged, snap, drawn, committeeSize, committeeThreshold);
  }

  // The first members whose seats reach the threshold sign; without the
  // last of them the others hold too few seats.
  const served = 150;
  const committee = seatsOf(snap, DRAW_TAGS.committee, committeeSize, pa.stash.address);
  const payload = claimStatementPayload(api, { policy: id, provider: pa.stash.address, round: POLICY_START, served });
  const { signers, seats: signed } = quorum(committee, committeeThreshold);
  assert.ok(signed - signers[signers.length - 1][1].seats < committeeThreshold);
  const signatures = signers.map(([index, m]) => [index, S.byStash.get(m.account).operator.sign(payload)]);
  const [short, claim, again] = await chain.seal([
    { tx: tx().serviceClaims.submitAttestedClaim(id, POLICY_START, served, signatures.slice(0, -1)), signer: pa.stash, label: 'attested claim one member short of the threshold' },
    { tx: tx().serviceClaims.submitAttestedClaim(id, POLICY_START, served, signatures), signer: pa.stash, label: 'attested claim' },
    { tx: tx().serviceClaims.submitAttestedClaim(id, POLICY_START, served, signatures), signer: pa.stash, label: 'attested claim again' },
  ]);
  assertFails(short, 'ServiceClaims.BelowThreshold');
  const amount = REQUEST_PRICE * BigInt(served);
  const refund = REQUEST_PRICE * BigInt(REQUEST_CAP) - amount;
  assert.deepEqual(assertOk(claim).one('serviceClaims', 'ClaimPaid'), {
    policy: id, provider: pa.stash.address, round: BigInt(POLICY_START), kind: 'Attested', served: BigInt(served), amount,
  });
  assert.equal(claim.one('policyEscrow', 'RequestsPaid').amount, amount);
  assert.equal(claim.one('policyEscrow', 'Refunded').amount, refund);
  assertFails(again, 'ServiceClaims.AlreadyClaimed');
  transfer(alice.address, pa.stash.address, amount);
  hold(alice.address, 'PolicyEscrow.Escrow', -(amount + refund));
  const outcome = (await api.query.serviceClaims.claims(POLICY_START, id, pa.stash.address)).unwrap();
  assert.equal(outcome.isPaid, true);
});

step('a provider commits to a range tree of the receipts its requester signed once answered', async () => {
  const { api, chain, bob } = S;
  const { id, pb } = S.requestPolicy;
  // The receipts' round must have settled before its claim is committed.
  await passRoundsUntil(RECEIPT_ROUND + S.k.maxReportAge + 1);
  // Bob sent the provider 100 distinct requests in the round; once each
  // response arrived, he signed a receipt naming the provider, over the
  // request's and the response's hashes.
  const receipts = [];
  for (let nonce = 0; nonce < 100; nonce++) {
    const request = stringToU8a(`request ${nonce}`);
    const response = stringToU8a(`response of ${pb.stash.address} to request ${nonce}`);
    receipts.push(signReceipt(api, bob, {
      policy: id,
      round: RECEIPT_ROUND,
      provider: pb.stash.address,
      nonce,
      requestHash: blake2AsU8a(request, 256),
      responseHash: blake2AsU8a(response, 256),
    }));
  }
  const tree = rangeTree(receipts);
  const [commit] = await chain.seal([{ tx: tx().serviceClaims.commitClaim(id, RECEIPT_ROUND, tree.root, receipts.length), signer: pb.stash, label: 'commit claim' }]);
  const committed = assertOk(commit).one('serviceClaims', 'ClaimCommitted');
  const current = await chain.currentRound();
  const block = await chain.number();
  assert.equal(committed.root, u8aToHex(tree.root));
  assert.equal(committed.served, 100n);
  assert.equal(committed.openUntil, BigInt(current + S.claimParams.openDeadline));
  // The challenges come from the VRF outputs of the `ChallengeBlocks` blocks
  // after the commitment's: their seed is fixed by the block after them.
  const seedBlock = block + S.k.challengeBlocks + 1;
  assert.equal(committed.seedBlock, BigInt(seedBlock));
  const stored = (await api.query.serviceClaims.commitments(id, pb.stash.address, RECEIPT_ROUND)).unwrap();
  assert.equal(stored.root.toHex(), u8aToHex(tree.root));
  assert.equal(stored.seedBlock.toNumber(), seedBlock);
  const pending = (await api.query.serviceClaims.challengeSeeds(seedBlock)).unwrap();
  assert.ok(pending.seed.isNone, 'no challenge seed before its block');
  S.commitment = { tree, served: receipts.length, seedBlock };
});

step('the policy\'s other provider commits to the same receipts: the commitment alone reveals nothing', async () => {
  const { api, chain } = S;
  const { id, pa } = S.requestPolicy;
  const { tree, served } = S.commitment;
  // A root and a count: the chain cannot tell whose receipts are below it
  // until the leaves are opened.
  const [commit] = await chain.seal([{ tx: tx().serviceClaims.commitClaim(id, RECEIPT_ROUND, tree.root, served), signer: pa.stash, label: 'commit a claim over another provider\'s receipts' }]);
  const committed = assertOk(commit).one('serviceClaims', 'ClaimCommitted');
  assert.equal(committed.provider, pa.stash.address);
  assert.equal(committed.round, BigInt(RECEIPT_ROUND));
  assert.equal(committed.root, u8aToHex(tree.root));
  assert.equal(committed.served, BigInt(served));
  assert.ok((await api.query.serviceClaims.commitments(id, pa.stash.address, RECEIPT_ROUND)).isSome);
  S.borrowed = { seedBlock: Number(committed.seedBlock) };
});

step('the provider opens the challenged leaves in the next round and is paid', async () => {
  const { api, chain, alice } = S;
  await passRound();
  const { id, pb } = S.requestPolicy;
  const { tree, served, seedBlock } = S.commitment;
  // Normally the seed block is behind us already; if not, seal up to it.
  if (await chain.number() < seedBlock) await chain.sealUntil(seedBlock);
  const stored = (await api.query.serviceClaims.commitments(id, pb.stash.address, RECEIPT_ROUND)).unwrap();
  const seed = (await api.query.serviceClaims.challengeSeeds(stored.seedBlock)).unwrap().seed.unwrap();
  const indices = challengeIndices(api, seed, { policy: id, provider: pb.stash.address, round: RECEIPT_ROUND, served }, stored.challengeCount.toNumber());
  assert.equal(indices.length, Math.min(S.claimParams.challengeCount, served));
  assert.equal(new Set(indices).size, indices.length);
  const [open] = await chain.seal([{ tx: tx().serviceClaims.openClaim(id, RECEIPT_ROUND, openings(tree, indices)), signer: pb.stash, label: 'open claim' }]);
  assertOk(open);
  assert.deepEqual(open.find('serviceClaims', 'OpeningRejected').map((e) => e.data), [], 'every opening passes');
  const amount = REQUEST_PRICE * BigInt(served);
  const refund = REQUEST_PRICE * BigInt(REQUEST_CAP) - amount;
  assert.deepEqual(open.one('serviceClaims', 'ClaimPaid'), {
    policy: id, provider: pb.stash.address, round: BigInt(RECEIPT_ROUND), kind: 'Committed', served: BigInt(served), amount,
  });
  assert.equal(open.one('policyEscrow', 'Refunded').amount, refund);
  transfer(alice.address, pb.stash.address, amount);
  hold(alice.address, 'PolicyEscrow.Escrow', -(amount + refund));
  assert.ok((await api.query.serviceClaims.commitments(id, pb.stash.address, RECEIPT_ROUND)).isNone);
  assert.equal((await api.query.serviceClaims.claims(RECEIPT_ROUND, id, pb.stash.address)).unwrap().isPaid, true);
});

step('receipts of one provider do not pay another: its opening is rejected, its claim forfeited and its stake slashed', async () => {
  const { api, chain, alice } = S;
  const { id, pa } = S.requestPolicy;
  const { tree, served } = S.commitment;
  const who = pa.stash.address;
  // Opened in the same round as the paid claim over the same tree.
  if (await chain.number() < S.borrowed.seedBlock) await chain.sealUntil(S.borrowed.seedBlock);
  const stored = (await api.query.serviceClaims.commitments(id, who, RECEIPT_ROUND)).unwrap();
  const seed = (await api.query.serviceClaims.challengeSeeds(stored.seedBlock)).unwrap().seed.unwrap();
  const indices = challengeIndices(api, seed, { policy: id, provider: who, round: RECEIPT_ROUND, served }, stored.challengeCount.toNumber());
  const free = (await freeAndHeld(who)).free;
  const staked = (await holdsOf(who)).get('ProviderStaking.Staking');
  const escrow = (await holdsOf(alice.address)).get('PolicyEscrow.Escrow');
  const [open] = await chain.seal([{ tx: tx().serviceClaims.openClaim(id, RECEIPT_ROUND, openings(tree, indices)), signer: pa.stash, label: 'open a claim over another provider\'s receipts' }]);
  // A failed opening forfeits rather than fails, so that it cannot be
  // retried with other leaves. Every leaf is a receipt of the policy and
  // round, signed by an authorized requester, on a sorted path to the
  // root, but names the other provider: the first challenged one is
  // rejected.
  assertOk(open);
  assert.deepEqual(open.one('serviceClaims', 'OpeningRejected'), {
    policy: id, provider: who, round: BigInt(RECEIPT_ROUND), index: BigInt(indices[0]), failure: { wrongProvider: null },
  });
  // The slash: `claim_slash` plus the claimed fees.
  const slash = BigInt(S.claimParams.claimSlash) + REQUEST_PRICE * BigInt(served);
  assert.deepEqual(open.one('serviceClaims', 'ClaimForfeited'), {
    policy: id, provider: who, round: BigInt(RECEIPT_ROUND), reason: 'BadOpening', slashed: slash,
  });
  const slashed = open.one('providerStaking', 'Slashed');
  assert.equal(slashed.provider, who);
  assert.equal(slashed.amount, slash);
  assert.equal(slashed.reportersPaid, 0n);
  assert.deepEqual(open.find('serviceClaims', 'ClaimPaid'), []);
  assert.deepEqual(open.find('policyEscrow', 'RequestsPaid'), []);
  // Nothing from the escrow: the provider's free balance only paid the fee,
  // its stake lost the slash, and Alice's escrow is untouched.
  const fee = open.one('transactionPayment', 'TransactionFeePaid').actualFee;
  assert.equal((await freeAndHeld(who)).free, free - fee);
  assert.equal((await holdsOf(who)).get('ProviderStaking.Staking'), staked - slash);
  assert.equal((await holdsOf(alice.address)).get('PolicyEscrow.Escrow'), escrow);
  debit(who, slash);
  hold(who, 'ProviderStaking.Staking', -slash);
  burned.slashes += slash;
  assert.ok((await api.query.serviceClaims.commitments(id, who, RECEIPT_ROUND)).isNone);
  const outcome = (await api.query.serviceClaims.claims(RECEIPT_ROUND, id, who)).unwrap();
  assert.equal(outcome.isForfeited, true);
  assert.equal(outcome.asForfeited.slashed.toBigInt(), slash);
});

step('once the policy rounds settle, providers claim their fees; the unavailable round goes back to the owner', async () => {
  const { api, chain, alice } = S;
  const { id, providers, maxCost } = S.roundPolicy;
  const last = POLICY_START + 2;
  await passRoundsUntil(last + S.k.maxReportAge + 1);
  const results = await chain.seal(providers.map((p) => ({ tx: tx().policyEscrow.claimFees(id), signer: S.byStash.get(p).stash, label: `claim fees ${p}` })));
  let paid = 0n;
  let refunded = 0n;
  for (const [i, p] of providers.entries()) {
    assertOk(results[i]);
    const lost = p === S.unavailable.accused ? 1n : 0n;
    const amount = ROUND_PRICE * (3n - lost);
    assert.deepEqual(results[i].one('policyEscrow', 'FeesPaid'), { policy: id, provider: p, from: BigInt(POLICY_START), to: BigInt(last), amount });
    const refunds = results[i].find('policyEscrow', 'Refunded');
    assert.deepEqual(refunds.map((e) => e.data.amount), lost ? [ROUND_PRICE] : []);
    transfer(alice.address, p, amount);
    paid += amount;
    refunded += ROUND_PRICE * lost;
  }
  assert.equal(refunded, ROUND_PRICE);
  hold(alice.address, 'PolicyEscrow.Escrow', -(paid + refunded));
  const policy = (await api.query.policyEscrow.policies(id)).unwrap();
  assert.equal(policy.paid.toBigInt(), paid);
  assert.equal(policy.refunded.toBigInt(), refunded);
  assert.equal(paid + refunded, maxCost);
});

step('providers claim their inflation rewards for the settled rounds', async () => {
  const { api, chain } = S;
  const current = await chain.currentRound();
  const lastSettled = current - S.k.maxReportAge - 1;
  const snaps = new Map();
  for (let r = 0; r <= lastSettled; r++) snaps.set(r, await snapshot(r));
  const results = await chain.seal(S.providers.map((p) => ({ tx: tx().providerStaking.claimRewards(p.stash.address), signer: p.stash, label: `claim rewards ${p.stash.address}` })));
  for (const [i, p] of S.providers.entries()) {
    const who = p.stash.address;
    // Genesis providers earn from round 0, the others from the round after their bond.
    const from = p.genesis ? 0 : 1;
    let amount = 0n;
    for (let r = from; r <= lastSettled; r++) {
      const snap = snaps.get(r);
      const slot = snap.accounts.indexOf(who);
      const unavailable = S.unavailable.accused === who && S.unavailable.round === r;
      if (slot < 0 || unavailable) continue;
      amount += (S.k.rewardPerRound * snap.weights[slot]) / snap.total;
    }
    assert.ok(amount > 0n);
    assert.deepEqual(assertOk(results[i]).one('providerStaking', 'RewardsClaimed'), { provider: who, from: BigInt(from), to: BigInt(lastSettled), amount });
    credit(who, amount);
    minted.rewards += amount;
    assert.equal((await api.query.providerStaking.ledgers(who)).unwrap().rewardCursor.toNumber(), lastSettled + 1);
  }
});

step('total issuance changed by minted rewards minus burned slashes and fees, nothing else', async () => {
  const { api, chain } = S;
  const fees = [...chain.feesPaid.values()].reduce((a, f) => a + f, 0n);
  // The same totals from the chain's own events.
  const mintedByEvents = chain.logged('providerStaking', 'RewardsClaimed').reduce((a, e) => a + e.amount, 0n);
  const slashBurns = chain.logged('providerStaking', 'Slashed').reduce((a, e) => a + e.amount - e.reportersPaid, 0n);
  const ticketBurns = chain.logged('tickets', 'DoubleSignPunished').reduce((a, e) => a + e.burned, 0n);
  assert.equal(mintedByEvents, minted.rewards);
  assert.equal(slashBurns + ticketBurns, burned.slashes);
  // Fees are burned (no treasury); no account was reaped and lost dust.
  assert.equal(chain.logged('balances', 'DustLost').length, 0);
  const tips = chain.logged('transactionPayment', 'TransactionFeePaid').reduce((a, e) => a + e.tip, 0n);
  assert.equal(tips, 0n);
  const issuance = (await api.query.balances.totalIssuance()).toBigInt();
  assert.equal(issuance - S.issuanceAtStart, minted.rewards - burned.slashes - fees);
});

step('every account the story touched holds exactly what the story says', async () => {
  const { chain } = S;
  for (const who of chain.feesPaid.keys()) assert.ok(S.start.has(who), `fee payer ${who} is part of the story`);
  for (const who of book.keys()) assert.ok(S.start.has(who), `${who} is part of the story`);
  for (const who of S.accounts) {
    const start = S.start.get(who);
    const story = book.get(who) ?? { delta: 0n, holds: new Map() };
    const fees = chain.feesPaid.get(who) ?? 0n;
    const { free, reserved } = await freeAndHeld(who);
    const holds = await holdsOf(who);
    const held = [...holds.values()].reduce((a, h) => a + h, 0n);
    assert.equal(reserved, held, `${who}: reserved is the sum of its holds`);
    assert.equal(free + held, start.total + story.delta - fees, `${who}: free + held`);
    const reasons = new Set([...start.holds.keys(), ...story.holds.keys(), ...holds.keys()]);
    for (const reason of reasons) {
      const expected = (start.holds.get(reason) ?? 0n) + (story.holds.get(reason) ?? 0n);
      assert.equal(holds.get(reason) ?? 0n, expected, `${who}: ${reason} hold`);
    }
  }
});
