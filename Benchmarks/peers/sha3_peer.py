#!/usr/bin/env python3
"""Peer figure for the SHA3 benchmark: hashlib's SHA3-256 (OpenSSL's) over the same 1 MiB
codec-bench hashes (bytes 0, 1, ..., 255 repeated), timed as codec-bench times it.

    sha3_peer.py [--min-seconds S] [--rounds N]

Prints one JSON line named `sha3.256.1mib`; `check` is the digest, which must equal
codec-bench's.
"""
import argparse
import hashlib
import ssl
import sys

from timing import result_line

INPUT_BYTES = 1 << 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    data = bytes(range(256)) * (INPUT_BYTES // 256)
    sha3_256 = hashlib.sha3_256

    def digest():
        return sha3_256(data).digest()

    print(result_line("sha3.256.1mib", digest, bytes_per_op=len(data), min_seconds=args.min_seconds,
                      rounds=args.rounds, check=sha3_256(data).hexdigest(), openssl=ssl.OPENSSL_VERSION,
                      python=sys.version.split()[0]), flush=True)


if __name__ == "__main__":
    main()
