#!/usr/bin/env python3
"""Peer figures for the CBOR benchmarks: Python cbor2 (its C extension) on the same bytes.

    codec-bench --write-workloads DIR      # envelope.cbor and mixed.cbor
    cbor2_peer.py --workloads DIR [--min-seconds S] [--rounds N]

Prints one JSON line per workload, named as codec-bench names them, after a first line
saying which cbor2 ran. Before timing, it checks that cbor2's encoding of the decoded
workload is byte-identical to the file, so both sides encode exactly the same bytes.

The envelope is decoded fully, as codec-bench does: the COSE_Sign1 array, then the
protected header and the payload embedded in it. cbor2 turns tag 1 (epoch time) into a
`datetime`, as it does by default; the encoder is given tag 1 around the integer again.
"""
import argparse
import collections.abc
import datetime
import importlib.metadata
import os
import sys

import cbor2

from timing import result_line


def c_extension_in_use() -> bool:
    try:
        import cbor2._cbor2 as extension
    except ImportError:
        return False
    return cbor2.loads is extension.loads and cbor2.dumps is extension.dumps


def untag_datetimes(value):
    """Gives back tag 1 around integer seconds where cbor2 decoded a datetime."""
    if isinstance(value, datetime.datetime):
        return cbor2.CBORTag(1, int(value.timestamp()))
    if isinstance(value, cbor2.CBORTag):
        return cbor2.CBORTag(value.tag, untag_datetimes(value.value))
    if isinstance(value, collections.abc.Mapping):  # cbor2 decodes maps inside tags as frozendict
        return {key: untag_datetimes(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [untag_datetimes(item) for item in value]
    return value


def envelope_workload(wire: bytes):
    loads, dumps, CBORTag = cbor2.loads, cbor2.dumps, cbor2.CBORTag

    def decode():
        envelope = loads(wire)
        items = envelope.value
        return envelope, loads(items[0]), loads(items[2])

    envelope, protected, payload = decode()
    unprotected, signature = envelope.value[1], envelope.value[3]
    payload = untag_datetimes(payload)

    def encode():
        return dumps(CBORTag(18, [dumps(protected), unprotected, dumps(payload), signature]))

    return encode, decode, encode() == wire


def mixed_workload(wire: bytes):
    loads, dumps = cbor2.loads, cbor2.dumps
    value = loads(wire)

    def encode():
        return dumps(value)

    def decode():
        return loads(wire)

    return encode, decode, encode() == wire


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workloads", required=True, help="directory codec-bench --write-workloads wrote")
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--filter", default="")
    args = parser.parse_args()

    c_extension = c_extension_in_use()
    print(result_info(c_extension), flush=True)
    if not c_extension:
        print("cbor2_peer: cbor2's C extension (cbor2._cbor2) is not in use; figures would be the pure-Python "
              "cbor2's", file=sys.stderr)

    ok = True
    for workload, build in (("envelope", envelope_workload), ("mixed", mixed_workload)):
        with open(os.path.join(args.workloads, f"{workload}.cbor"), "rb") as file:
            wire = file.read()
        encode, decode, same_bytes = build(wire)
        if not same_bytes:
            print(f"cbor2_peer: cbor2 does not re-encode {workload}.cbor to the same bytes", file=sys.stderr)
            ok = False
        for operation, fn in (("encode", encode), ("decode", decode)):
            name = f"cbor.{workload}.{operation}"
            if args.filter in name:
                print(result_line(name, fn, bytes_per_op=len(wire), min_seconds=args.min_seconds,
                                  rounds=args.rounds, same_bytes=same_bytes), flush=True)
    return 0 if ok else 1


def result_info(c_extension: bool) -> str:
    import json
    return json.dumps({
        "name": "cbor2.info",
        "cbor2": importlib.metadata.version("cbor2"),
        "c_extension": c_extension,
        "python": sys.version.split()[0],
    })


if __name__ == "__main__":
    sys.exit(main())
