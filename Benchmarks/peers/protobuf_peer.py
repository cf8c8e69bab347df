#!/usr/bin/env python3
"""Peer figures for the Protobuf benchmarks: Python protobuf (upb) on the same bytes.

    protobuf-bench --write-workloads DIR    # node.pb, node-schema.pb, descriptor-set.pb
    protobuf_peer.py --workloads DIR [--min-seconds S] [--rounds N] [--filter TEXT]

Prints one JSON line per workload, named as protobuf-bench names its dynamic ones, after a
first line saying which protobuf ran. Before timing it checks that Python re-encodes each
workload to exactly the bytes in the file.
"""
import argparse
import json
import os
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.internal import api_implementation
import google.protobuf

from timing import result_line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workloads", required=True)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--filter", default="")
    args = parser.parse_args()

    def read(name: str) -> bytes:
        with open(os.path.join(args.workloads, name), "rb") as file:
            return file.read()

    print(json.dumps({"name": "protobuf.info", "protobuf": google.protobuf.__version__,
                      "implementation": api_implementation.Type(), "python": sys.version.split()[0]}), flush=True)

    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_pb2.FileDescriptorSet.FromString(read("node-schema.pb")).file:
        pool.Add(file)
    test = message_factory.GetMessageClass(pool.FindMessageTypeByName("Test"))
    node = read("node.pb")
    descriptor_set = read("descriptor-set.pb")
    cases = [
        ("protobuf.node", test, node),
        ("protobuf.descriptor_set", descriptor_pb2.FileDescriptorSet, descriptor_set),
    ]
    for prefix, cls, data in cases:
        message = cls.FromString(data)
        same = message.SerializeToString(deterministic=True) == data
        for name, fn in (
            (prefix + ".decode", lambda cls=cls, data=data: cls.FromString(data)),
            (prefix + ".encode", lambda message=message: message.SerializeToString()),
        ):
            if args.filter and args.filter not in name:
                continue
            print(result_line(name, fn, bytes_per_op=len(data), min_seconds=args.min_seconds,
                              rounds=args.rounds, same_bytes=same), flush=True)


if __name__ == "__main__":
    main()
