// A thin driver over polkadot.js for a node started with `--sealing manual`:
// extrinsics are signed with explicit nonces, put into the pool with
// `author_submitExtrinsic`, and a block is sealed with `engine_createBlock`;
// then the block's events are read back and split per extrinsic. Every
// event of every sealed block is kept, so the suite can sum fees, mints and
// burns over the whole story.

import { ApiPromise, WsProvider } from '@polkadot/api';

/** A dispatch error as `Section.Name` (module errors) or its JSON. */
export function describeError (api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    // Pallet names as the runtime spells them (polkadot.js camel-cases them).
    return `${meta.section[0].toUpperCase()}${meta.section.slice(1)}.${meta.name}`;
  }
  return JSON.stringify(dispatchError.toHuman());
}

/** The outcome of one extrinsic in a sealed block. */
export class TxResult {
  constructor (label, events, error) {
    this.label = label;
    this.events = events; // [{ section, method, data }] in order
    this.error = error; // 'Section.Name' or null
  }

  get ok () { return this.error === null; }

  /** The events `section.method`, with their data as JSON-friendly objects. */
  find (section, method) {
    return this.events.filter((e) => e.section === section && e.method === method);
  }

  /** The one event `section.method` (throws unless exactly one). */
  one (section, method) {
    const found = this.find(section, method);
    if (found.length !== 1) {
      throw new Error(`${this.label}: expected one ${section}.${method}, got ${found.length}: ` +
        this.events.map((e) => `${e.section}.${e.method}`).join(', '));
    }
    return found[0].data;
  }
}

export class Chain {
  constructor (api, provider) {
    this.api = api;
    this.provider = provider;
    this.nonces = new Map();
    /** Every event of every block sealed through this driver. */
    this.log = [];
    /** Fees actually paid (`TransactionFeePaid.actual_fee`), per account. */
    this.feesPaid = new Map();
  }

  static async connect (url) {
    const provider = new WsProvider(url, 1000, {}, 60_000);
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    return new Chain(api, provider);
  }

  async disconnect () {
    await this.api.disconnect();
  }

  /**
   * Calls a JSON-RPC method the metadata does not describe (the node's
   * `market_*` methods) and returns its JSON result; an RPC error throws.
   */
  async rpc (method, params = []) {
    return this.provider.send(method, params);
  }

  async number () {
    return (await this.api.query.system.number()).toNumber();
  }

  async currentRound () {
    return (await this.api.query.providerStaking.currentRound()).toNumber();
  }

  async nextNonce (pair) {
    if (!this.nonces.has(pair.address)) {
      const next = await this.api.rpc.system.accountNextIndex(pair.address);
      this.nonces.set(pair.address, next.toNumber());
    }
    const nonce = this.nonces.get(pair.address);
    this.nonces.set(pair.address, nonce + 1);
    return nonce;
  }

  /**
   * Signs and submits `entries` (`{ tx, signer, label }`), seals blocks until
   * all of them are in one (normally the first), and returns one
   * `TxResult` per entry, in order. A transaction the pool refuses throws.
   */
  async seal (entries) {
    const pending = new Map();
    const signed = [];
    for (const { tx, signer, label } of entries) {
      const nonce = await this.nextNonce(signer);
      // Immortal, so that a block sealed later cannot outlive its era.
      const ext = await tx.signAsync(signer, { nonce, era: 0 });
      signed.push({ ext, label });
    }
    await Promise.all(signed.map(async ({ ext, label }, i) => {
      try {
        const hash = await this.api.rpc.author.submitExtrinsic(ext);
        pending.set(hash.toHex(), i);
      } catch (e) {
        throw new Error(`${label}: refused by the pool: ${e.message}`);
      }
    }));
    const results = new Array(entries.length);
    for (let attempt = 0; pending.size > 0; attempt++) {
      if (attempt === 5) {
        throw new Error(`not included after 5 blocks: ${[...pending.values()].map((i) => signed[i].label)}`);
      }
      const { hash, block, events } = await this.sealBlock();
      block.extrinsics.forEach((ext, index) => {
        const i = pending.get(ext.hash.toHex());
        if (i === undefined) return;
        pending.delete(ext.hash.toHex());
        const mine = events.filter((e) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.toNumber() === index);
        const failed = mine.find((e) => e.section === 'system' && e.method === 'ExtrinsicFailed');
        const error = failed ? describeError(this.api, failed.raw.data[0]) : null;
        results[i] = new TxResult(signed[i].label, mine, error);
        results[i].block = hash;
      });
    }
    return results;
  }

  /** Seals one block (empty if the pool is) and records its events. */
  async sealBlock () {
    const created = await this.api.rpc.engine.createBlock(true, true);
    const hash = created.blockHash.toHex();
    const { block } = await this.api.rpc.chain.getBlock(hash);
    const raw = await (await this.api.at(hash)).query.system.events();
    const number = block.header.number.toNumber();
    const events = raw.map(({ phase, event }) => ({
      phase,
      section: event.section,
      method: event.method,
      data: eventData(event),
      raw: event,
      block: number,
    }));
    for (const e of events) {
      this.log.push(e);
      if (e.section === 'transactionPayment' && e.method === 'TransactionFeePaid') {
        const who = e.data.who;
        this.feesPaid.set(who, (this.feesPaid.get(who) ?? 0n) + e.data.actualFee);
      }
    }
    return { hash, block, events };
  }

  /** Seals empty blocks until block `n` is the best block. */
  async sealUntil (n) {
    let number = await this.number();
    if (number > n) throw new Error(`already at block ${number}, past ${n}`);
    while (number < n) {
      await this.sealBlock();
      number++;
    }
  }

  /** The events `section.method` recorded over the whole run. */
  logged (section, method) {
    return this.log.filter((e) => e.section === section && e.method === method).map((e) => e.data);
  }
}

/**
 * An event's fields as a plain object keyed by the metadata's field names
 * (camelCase): numbers as BigInt, accounts as SS58 strings, the rest as
 * the codec's JSON.
 */
function eventData (event) {
  const out = {};
  const names = event.meta.fields.map((f, i) => f.name.isSome ? camel(f.name.unwrap().toString()) : `${i}`);
  event.data.forEach((value, i) => {
    out[names[i]] = plain(value);
  });
  return out;
}

function camel (name) {
  return name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}

function plain (value) {
  const type = value.toRawType();
  if (type === 'AccountId32' || type === 'AccountId') return value.toString();
  if (/^(u|i)(8|16|32|64|128|256)$/.test(type) || value.toBigInt) {
    try { return value.toBigInt(); } catch { /* not a number */ }
  }
  return value.toJSON();
}
