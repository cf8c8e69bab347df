#!/usr/bin/env python3
"""Peer figures for the HPACK benchmark: Python hpack over the same shared corpus.

    hpack_peer.py --corpus DIR [--min-seconds S] [--rounds N]

Prints one JSON line per workload, named as hpack-bench names them, after a first line
saying which hpack ran:

- hpack.decode: every story with `wire`, one Decoder per story, blocks in order
  (`header_table_size` raises or lowers the decoder's allowed table size, as SETTINGS would).
- hpack.encode: every story's header lists (raw-data included), one Encoder per story,
  Huffman on (hpack then codes a string only when that is shorter, as ours does).

Before timing, it checks that decoding gives back each story's header lists.
"""
import argparse
import glob
import importlib.metadata
import json
import os
import sys

from hpack import Decoder, Encoder

from timing import measure


def load(directory):
    stories = []
    for path in sorted(glob.glob(os.path.join(directory, "*", "story_*.json"))):
        cases = json.load(open(path))["cases"]
        blocks = [([(k.encode(), v.encode()) for pair in c["headers"] for k, v in pair.items()],
                   bytes.fromhex(c.get("wire", "")), c.get("header_table_size")) for c in cases]
        stories.append((path, blocks, bool(cases) and "wire" in cases[0]))
    return stories


def decode_all(stories):
    count = 0
    for _, blocks, _ in stories:
        decoder = Decoder()
        for _, wire, size in blocks:
            if size is not None:
                decoder.max_allowed_table_size = size
            count += len(decoder.decode(wire, raw=True))
    return count


def encode_all(stories):
    total = 0
    for _, blocks, _ in stories:
        encoder = Encoder()
        for headers, _, _ in blocks:
            total += len(encoder.encode(headers, huffman=True))
    return total


def check(stories):
    for path, blocks, _ in stories:
        decoder = Decoder()
        for number, (headers, wire, size) in enumerate(blocks):
            if size is not None:
                decoder.max_allowed_table_size = size
            if [tuple(f) for f in decoder.decode(wire, raw=True)] != headers:
                sys.exit(f"hpack_peer: {path} case {number} decodes to other headers")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    print(json.dumps({"name": "hpack.info", "hpack": importlib.metadata.version("hpack"),
                      "python": sys.version.split()[0]}), flush=True)
    stories = load(args.corpus)
    encoded = [story for story in stories if story[2]]
    check(encoded)
    workloads = [
        ("hpack.decode", lambda: decode_all(encoded), sum(len(h) for _, b, _ in encoded for h, _, _ in b),
         lambda: sum(len(w) for _, b, _ in encoded for _, w, _ in b)),
        ("hpack.encode", lambda: encode_all(stories), sum(len(h) for _, b, _ in stories for h, _, _ in b),
         lambda: encode_all(stories)),
    ]
    for name, fn, headers, wire_bytes in workloads:
        corpus_per_s, iterations = measure(fn, min_seconds=args.min_seconds, rounds=args.rounds)
        print(json.dumps({"name": name, "headers_per_s": round(corpus_per_s * headers, 1),
                          "corpus_per_s": round(corpus_per_s, 3), "headers": headers,
                          "wire_bytes": wire_bytes(), "iterations": iterations}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
