// Test vectors for pallet-tickets, made with the polkadot.js client libraries
// (what dapps use): the ticket's SCALE encoding (built by hand, layout below),
// its blake2-256 hash, the sender's sr25519 signature (`sr25519Sign`, i.e.
// `pair.sign`), the recipient's VRF evaluation (`sr25519VrfSign` with the
// chain's ticket VRF context and the default empty `extra`) and the win value.
// The Rust tests in `primitives/src/tickets.rs` check that Rust reproduces
// every byte and accepts every signature and proof.
//
// Run: npm ci && node generate.mjs  (writes vectors.json next to this file).
//
// Ticket layout (SCALE, 32-byte accounts, u128 balances, u32 blocks):
//   genesis_hash[32] ++ pallet_tag[8] ("tickets_") ++ version[1]
//   ++ sender[32] ++ recipient[32] ++ face_value u128 LE[16]
//   ++ win_probability u128 LE[16] ++ index u64 LE[8] ++ expiry u32 LE[4]
//   ++ aux: 0x00 | 0x01 ++ aux[32]

import { writeFileSync } from 'node:fs';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import {
  blake2AsU8a,
  cryptoWaitReady,
  encodeAddress,
  keyExtractPath,
  keyFromPath,
  mnemonicToMiniSecret,
  sr25519PairFromSeed,
  sr25519Sign,
  sr25519Verify,
  sr25519VrfSign,
  sr25519VrfVerify,
} from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/keyring';

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const GENESIS_HASH = blake2AsU8a(stringToU8a('market-chain test-vector genesis'), 256);
const PALLET_TAG = stringToU8a('tickets_');
const VERSION = 1;
const VRF_CONTEXT = stringToU8a('market/ticket-vrf');
const WIN_TAG = stringToU8a('market/ticket-win');
const U128_MAX = (1n << 128n) - 1n;

function le (value, bytes) {
  const out = new Uint8Array(bytes);
  let v = BigInt(value);
  for (let i = 0; i < bytes; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new Error('value does not fit');
  return out;
}

function readLe (bytes) {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

function encodeTicket (t) {
  return u8aConcat(
    GENESIS_HASH, PALLET_TAG, new Uint8Array([VERSION]),
    t.sender.publicKey, t.recipient.publicKey,
    le(t.faceValue, 16), le(t.winProbability, 16), le(t.index, 8), le(t.expiry, 4),
    t.aux ? u8aConcat(new Uint8Array([1]), t.aux) : new Uint8Array([0]),
  );
}

function winValue (hash, vrf) {
  return readLe(blake2AsU8a(u8aConcat(WIN_TAG, hash, vrf.subarray(0, 32)), 256).subarray(0, 16));
}

await cryptoWaitReady();
const master = sr25519PairFromSeed(mnemonicToMiniSecret(DEV_PHRASE));
const keyring = new Keyring({ type: 'sr25519' });
function dev (name) {
  const pair = keyFromPath(master, keyExtractPath(`//${name}`).path, 'sr25519');
  // The same account as the keyring's dev pair.
  if (keyring.addFromUri(`//${name}`).address !== encodeAddress(pair.publicKey)) {
    throw new Error('derivation differs from the keyring');
  }
  return { ...pair, name };
}
const alice = dev('Alice');
const bob = dev('Bob');
const charlie = dev('Charlie');

function vector (name, t, vrfSigner = t.recipient) {
  const encoded = encodeTicket(t);
  const hash = blake2AsU8a(encoded, 256);
  const senderSignature = sr25519Sign(encoded, t.sender);
  if (!sr25519Verify(encoded, senderSignature, t.sender.publicKey)) throw new Error('signature');
  const vrf = sr25519VrfSign(hash, vrfSigner, VRF_CONTEXT);
  if (!sr25519VrfVerify(hash, vrf, vrfSigner.publicKey, VRF_CONTEXT)) throw new Error('vrf');
  const win = winValue(hash, vrf);
  const probabilities = [0n, win, win + 1n, U128_MAX / 2n, U128_MAX / 1000n, U128_MAX];
  return {
    name,
    ticket: {
      genesisHash: u8aToHex(GENESIS_HASH),
      pallet: u8aToHex(PALLET_TAG),
      version: VERSION,
      sender: encodeAddress(t.sender.publicKey),
      recipient: encodeAddress(t.recipient.publicKey),
      faceValue: t.faceValue.toString(),
      winProbability: t.winProbability.toString(),
      index: t.index.toString(),
      expiry: t.expiry,
      aux: t.aux ? u8aToHex(t.aux) : null,
    },
    senderUri: `//${t.sender.name}`,
    recipientUri: `//${t.recipient.name}`,
    vrfSigner: encodeAddress(vrfSigner.publicKey),
    encoded: u8aToHex(encoded),
    hash: u8aToHex(hash),
    senderSignature: u8aToHex(senderSignature),
    vrf: u8aToHex(vrf),
    winValue: win.toString(),
    outcomes: probabilities.map((p) => ({ probability: p.toString(), wins: win < p })),
  };
}

const vectors = [
  vector('alice-to-bob', {
    sender: alice, recipient: bob, faceValue: 1_000_000_000_000n,
    winProbability: U128_MAX / 100n, index: 0n, expiry: 1_000,
  }),
  vector('charlie-to-bob-with-aux', {
    sender: charlie, recipient: bob, faceValue: 5n,
    winProbability: U128_MAX / 2n, index: 42n, expiry: 123_456,
    aux: blake2AsU8a(stringToU8a('request #1'), 256),
  }),
  vector('bob-to-charlie-large-values', {
    sender: bob, recipient: charlie, faceValue: U128_MAX,
    winProbability: U128_MAX, index: (1n << 64n) - 1n, expiry: 4_294_967_295,
  }),
];
// Bob's ticket evaluated with Charlie's key: a valid VRF, by the wrong key.
const wrongKey = vector('alice-to-bob-evaluated-by-charlie', {
  sender: alice, recipient: bob, faceValue: 7n,
  winProbability: U128_MAX, index: 1n, expiry: 2_000,
}, charlie);

const out = {
  generator: 'pallets/tickets/test-vectors/generate.mjs',
  libraries: {
    '@polkadot/util-crypto': '14.0.3',
    '@polkadot/keyring': '14.0.3',
    '@polkadot/util': '14.0.3',
  },
  vrfContext: u8aToHex(VRF_CONTEXT),
  winTag: u8aToHex(WIN_TAG),
  vectors,
  wrongKey,
};
writeFileSync(new URL('./vectors.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${vectors.length} vectors and one wrong-key vector`);
