// Client-side market algorithms and payloads, ported from `market-primitives`
// (primitives/src) so that the suite builds everything a dapp builds, with
// polkadot.js and the chain's own metadata types:
//
// - signing domains and the payloads operators, gateways, committee members
//   and requesters sign (primitives/src/domain.rs, availability.rs, claims.rs),
//   a requester's being a receipt naming the provider that answered;
// - tickets: SCALE encoding through the metadata's `Ticket` type, the
//   sender's signature, the recipient's VRF and the win check (tickets.rs);
// - stake-weighted draws over a round's snapshot (sampling.rs): seats drawn
//   with replacement without the judged provider (`draw_seats_linear`,
//   `group_seats`) for gateways and committees, and distinct providers
//   (`sample_linear`) for sampled policies;
// - the range tree of a provider's receipts, its openings and the challenge
//   indices (claims.rs).
//
// Fixed-size byte arrays (the context strings) are SCALE-encoded as their raw
// bytes, so a payload `SCALE(context, domain, value)` is the concatenation of
// the three encodings.

import { compactAddLength, stringToU8a, u8aConcat, u8aToHex, u8aToU8a, u8aCmp } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** Eight-byte pallet tags of the signing domains. */
export const TAGS = {
  staking: 'staking_',
  tickets: 'tickets_',
  availability: 'availabl',
  serviceClaims: 'svclaims',
};

/**
 * Payload version of each pallet's signing domain, by tag (the `*_PAYLOAD_VERSION`
 * constants of primitives/src): bumped when a pallet's signed payloads change.
 * Service claims are at 2 since requesters sign receipts, not request records.
 */
export const PAYLOAD_VERSIONS = {
  [TAGS.staking]: 1,
  [TAGS.tickets]: 1,
  [TAGS.availability]: 1,
  [TAGS.serviceClaims]: 2,
};

/** Eight-byte domain tags of the round's random draws (sampling.rs). */
export const DRAW_TAGS = {
  gateways: stringToU8a('gateways'),
  committee: stringToU8a('committe'),
};

export const TICKET_VRF_CONTEXT = 'market/ticket-vrf';
const TICKET_WIN_TAG = stringToU8a('market/ticket-win');
const OPERATOR_POP_CONTEXT = stringToU8a('market/operator-pop');
const UNAVAILABILITY_CONTEXT = stringToU8a('market/unavailability');
const CLAIM_STATEMENT_CONTEXT = stringToU8a('market/service-claim');
const RECEIPT_CONTEXT = stringToU8a('market/service-receipt');
const CHALLENGE_CONTEXT = stringToU8a('market/claim-challenge');
const POLICY_DOMAIN_CONTEXT = stringToU8a('market/policy');

/** Little-endian unsigned integer of `bytes`. */
export function readLe (bytes) {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

const hash256 = (data) => blake2AsU8a(data, 256);

/** The chain's `SigningDomain` for `tag`, at the pallet's payload version. */
export function signingDomain (api, tag, version = PAYLOAD_VERSIONS[tag]) {
  if (version === undefined) throw new Error(`no payload version for the tag ${tag}`);
  return api.createType('MarketPrimitivesDomainSigningDomain', {
    genesisHash: api.genesisHash,
    pallet: stringToU8a(tag),
    version,
  });
}

/** What an operator key signs to act for `stash`: `SCALE(ctx, domain, stash)`. */
export function operatorPopPayload (api, stash) {
  return u8aConcat(
    OPERATOR_POP_CONTEXT,
    signingDomain(api, TAGS.staking).toU8a(),
    api.createType('AccountId32', stash).toU8a(),
  );
}

/** What a gateway signs: `SCALE(ctx, domain, UnavailabilityStatement)`. */
export function unavailabilityPayload (api, statement) {
  return u8aConcat(
    UNAVAILABILITY_CONTEXT,
    signingDomain(api, TAGS.availability).toU8a(),
    api.createType('MarketPrimitivesAvailabilityUnavailabilityStatement', statement).toU8a(),
  );
}

/**
 * What a committee member signs: `SCALE(ctx, domain, ClaimStatement)` in the
 * service-claims domain (the receipts' one, so at their payload version), the
 * statement being `(policy u64, provider, round u32, served u32)` (it is no
 * call argument, so the metadata has no type for it; its fields are).
 */
export function claimStatementPayload (api, { policy, provider, round, served }) {
  return u8aConcat(
    CLAIM_STATEMENT_CONTEXT,
    signingDomain(api, TAGS.serviceClaims).toU8a(),
    api.createType('(u64, AccountId32, u32, u32)', [policy, provider, round, served]).toU8a(),
  );
}

/**
 * A receipt as the metadata's `Receipt`: `(policy u64, round u32, provider,
 * requester, nonce u64, request_hash, response_hash)`, what a requester signs
 * once `provider` answered its request `nonce` (`response_hash` being
 * `blake2_256` of the response). It pays the provider it names only.
 */
export function serviceReceipt (api, fields) {
  return api.createType('MarketPrimitivesClaimsReceipt', fields);
}

/** What a requester signs: `SCALE(ctx, domain, Receipt)`. */
export function receiptPayload (api, receipt) {
  return u8aConcat(
    RECEIPT_CONTEXT,
    signingDomain(api, TAGS.serviceClaims).toU8a(),
    receipt.toU8a(),
  );
}

/** `requester`'s receipt for `fields` (see `serviceReceipt`) with its signature, as `{ receipt, signature }`. */
export function signReceipt (api, requester, fields) {
  const receipt = serviceReceipt(api, { ...fields, requester: requester.publicKey });
  return { receipt, signature: requester.sign(receiptPayload(api, receipt)) };
}

// ---------------------------------------------------------------- tickets --

/** A ticket as the metadata's `Ticket` (the call argument's type). */
export function ticket (api, fields) {
  return api.createType('MarketPrimitivesTicketsTicket', {
    domain: signingDomain(api, TAGS.tickets),
    aux: null,
    ...fields,
  });
}

/** The sender's signature of a ticket's SCALE encoding, as a `MultiSignature`. */
export function signTicket (api, sender, t) {
  return api.createType('SpRuntimeMultiSignature', { Sr25519: sender.sign(t.toU8a()) });
}

/** `blake2_256(SCALE(ticket))`: the ticket's identity and VRF message. */
export function ticketHash (t) {
  return hash256(t.toU8a());
}

/**
 * The recipient's VRF evaluation of a ticket (96 bytes: pre-output, proof)
 * and its win value: `u128_le(blake2_256(tag ‖ hash ‖ pre_output)[..16])`.
 */
export function evaluateTicket (recipient, t) {
  const hash = ticketHash(t);
  const vrf = recipient.vrfSign(hash, TICKET_VRF_CONTEXT);
  const win = readLe(hash256(u8aConcat(TICKET_WIN_TAG, hash, vrf.subarray(0, 32))).subarray(0, 16));
  return { hash, vrf, win };
}

/** `floor((2^128 - 1) / n)`: a win probability of about one in `n`. */
export function oneIn (n) {
  return ((1n << 128n) - 1n) / BigInt(n);
}

// --------------------------------------------------------------- sampling --

/** `u128_le(blake2_256(seed ‖ domain ‖ u32_le(draw))[0..16])`. */
function drawPoint (api, seed, domain, draw) {
  const bytes = api.createType('([u8;32], [u8;8], u32)', [seed, domain, draw]).toU8a();
  return readLe(hash256(bytes).subarray(0, 16));
}

/**
 * `sample_linear`: up to `n` distinct slots (1-based) drawn without
 * replacement, each with probability proportional to its weight, in draw
 * order. `weights[k]` is slot `k + 1`. For sampled policies only: quorums
 * draw seats (`drawSeats`).
 */
export function sampleSlots (api, weights, seed, domain, n) {
  const taken = weights.map(() => false);
  const drawn = [];
  let remaining = weights.reduce((a, w) => a + w, 0n);
  for (let i = 0; i < n && remaining > 0n; i++) {
    const x = drawPoint(api, seed, domain, i) % remaining;
    let acc = 0n;
    let found = -1;
    for (let k = 0; k < weights.length; k++) {
      if (taken[k] || weights[k] === 0n) continue;
      acc += weights[k];
      if (acc > x) { found = k; break; }
    }
    if (found < 0) break;
    taken[found] = true;
    drawn.push(found + 1);
    remaining -= weights[found];
  }
  return drawn;
}

/**
 * `draw_seats_linear`: `n` seats drawn with replacement, each a slot
 * (1-based) with probability proportional to its weight, never the slot
 * `excluded` (the accused or the claimant; `null` for none), in draw order,
 * repeats included. Draw `i` takes the smallest slot other than `excluded`
 * whose prefix sum of weights (without `excluded`) is greater than
 * `drawPoint(i) % R`, `R` being the total weight without `excluded`; slots of
 * weight 0 are never drawn, and nothing is drawn if `R` is 0.
 * `weights[k]` is slot `k + 1`.
 */
export function drawSeats (api, weights, seed, domain, n, excluded = null) {
  const weightOf = (k) => (k + 1 === excluded ? 0n : weights[k]);
  const remaining = weights.reduce((a, _, k) => a + weightOf(k), 0n);
  const seats = [];
  for (let i = 0; i < n && remaining > 0n; i++) {
    const x = drawPoint(api, seed, domain, i) % remaining;
    let acc = 0n;
    let found = -1;
    for (let k = 0; k < weights.length; k++) {
      const w = weightOf(k);
      if (w === 0n) continue;
      acc += w;
      if (acc > x) { found = k; break; }
    }
    if (found < 0) break;
    seats.push(found + 1);
  }
  return seats;
}

/**
 * `group_seats`: the distinct slots of `seats` in order of first draw, each
 * with its number of seats, as `{ slot, seats }`. A quorum's signers are
 * named by their index in this list.
 */
export function groupSeats (seats) {
  const grouped = [];
  for (const slot of seats) {
    const known = grouped.find((g) => g.slot === slot);
    if (known) known.seats++; else grouped.push({ slot, seats: 1 });
  }
  return grouped;
}

/** The policy escrow's sampling tag of policy `id`: `blake2_256(SCALE(ctx, u64))[..8]`. */
export function policySamplingDomain (api, id) {
  const bytes = u8aConcat(POLICY_DOMAIN_CONTEXT, api.createType('u64', id).toU8a());
  return hash256(bytes).subarray(0, 8);
}

// ------------------------------------------------------------- range tree --

/** Sort key of a receipt: `requester ‖ u64_be(nonce)`. */
function sortKey (receipt) {
  const nonce = new Uint8Array(8);
  new DataView(nonce.buffer).setBigUint64(0, receipt.nonce.toBigInt(), false);
  return u8aConcat(receipt.requester.toU8a(), nonce);
}

/** The leaf of a receipt: `(blake2_256(0x00 ‖ SCALE(receipt)), key, key)`. */
export function leaf (receipt) {
  const key = sortKey(receipt);
  return { digest: hash256(u8aConcat([0], receipt.toU8a())), min: key, max: key };
}

/** `(blake2_256(0x01 ‖ L.digest ‖ L.min ‖ L.max ‖ R.digest ‖ R.min ‖ R.max), L.min, R.max)`. */
function parent (l, r) {
  const digest = hash256(u8aConcat([1], l.digest, l.min, l.max, r.digest, r.min, r.max));
  return { digest, min: l.min, max: r.max };
}

/**
 * The range tree over signed receipts `{ receipt, signature }`, sorted by key
 * (strictly: the caller's receipts are distinct): levels pair nodes left to
 * right and promote an odd last node. Returns the sorted signed receipts,
 * the root digest and `proof(index)`.
 */
export function rangeTree (receipts) {
  const sorted = [...receipts].sort((a, b) => u8aCmp(sortKey(a.receipt), sortKey(b.receipt)));
  const levels = [sorted.map((r) => leaf(r.receipt))];
  while (levels[levels.length - 1].length > 1) {
    const last = levels[levels.length - 1];
    const next = [];
    for (let i = 0; i < last.length; i += 2) {
      next.push(i + 1 < last.length ? parent(last[i], last[i + 1]) : last[i]);
    }
    levels.push(next);
  }
  const proof = (index) => {
    const path = [];
    let pos = index;
    for (const level of levels.slice(0, -1)) {
      const sibling = pos % 2 === 1 ? pos - 1 : pos + 1;
      if (sibling < level.length) path.push(level[sibling]);
      pos = Math.floor(pos / 2);
    }
    return path;
  };
  return { sorted, root: levels[levels.length - 1][0].digest, proof };
}

/**
 * `challenge_indices`: `min(count, leaves)` distinct leaf indices from the
 * commitment's seed and the claim's identity `(policy, provider, round,
 * served)`, by a partial Fisher-Yates shuffle whose draw `j` is
 * `u128_le(blake2_256(SCALE(ctx, seed, identity bytes, j))[..16]) % (leaves - j)`.
 */
export function challengeIndices (api, seed, { policy, provider, round, served }, count) {
  const identity = api.createType('(u64, AccountId32, u32, u32)', [policy, provider, round, served]).toU8a();
  const n = Math.min(count, served);
  const swapped = new Map();
  const out = [];
  for (let j = 0; j < n; j++) {
    // The identity is SCALE-encoded as a byte slice: with its compact length.
    const bytes = u8aConcat(CHALLENGE_CONTEXT, u8aToU8a(seed), compactAddLength(identity), api.createType('u32', j).toU8a());
    const span = BigInt(Math.max(served - j, 1));
    const x = j + Number(readLe(hash256(bytes).subarray(0, 16)) % span);
    const atX = swapped.has(x) ? swapped.get(x) : x;
    const atJ = swapped.has(j) ? swapped.get(j) : j;
    swapped.set(x, atJ);
    out.push(atX);
  }
  return out;
}

/** A range node in the metadata's JSON form. */
export function rangeNodeJson (node) {
  return { digest: u8aToHex(node.digest), min: u8aToHex(node.min), max: u8aToHex(node.max) };
}

/**
 * `open_claim`'s `openings` for the leaves `indices` of `tree` (a `rangeTree`),
 * in that order: each `Opening { receipt, signature, proof }`.
 */
export function openings (tree, indices) {
  return indices.map((i) => ({
    receipt: tree.sorted[i].receipt,
    signature: tree.sorted[i].signature,
    proof: tree.proof(i).map(rangeNodeJson),
  }));
}

export { u8aToHex, u8aToU8a };
