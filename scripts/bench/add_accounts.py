#!/usr/bin/env python3
"""Adds N funded accounts to a plain chain spec, for `benchmark storage`.

    add_accounts.py N plain-spec.json out.json

The accounts are SS58 addresses (prefix 42) of deterministic 32-byte keys;
each gets one unit. Only the benchmark's throw-away database sees them.
"""
import hashlib
import json
import sys

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
UNIT = 10**12


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = ALPHABET[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def ss58(public: bytes, prefix: int = 42) -> str:
    body = bytes([prefix]) + public
    checksum = hashlib.blake2b(b"SS58PRE" + body, digest_size=64).digest()[:2]
    return b58encode(body + checksum)


def main() -> None:
    count, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    spec = json.load(open(src))
    genesis = spec["genesis"]["runtimeGenesis"]
    # `build-spec` without `--raw` gives the preset as a patch or as a full
    # config, depending on the node's options; both hold `balances`.
    config = genesis.get("patch") or genesis.get("config")
    balances = config.setdefault("balances", {}).setdefault("balances", [])
    for i in range(count):
        key = hashlib.blake2b(b"market-bench-account" + i.to_bytes(8, "little"), digest_size=32).digest()
        balances.append([ss58(key), UNIT])
    json.dump(spec, open(dst, "w"))


if __name__ == "__main__":
    main()
