"""Seed frames for `scripts/fuzz raft-codec`, written from the wire format's description
(Sources/RaftHost/Transport/RaftMessageCodec.swift and RaftPayloadEncoding.swift), not
from our encoder: a second implementation of the format.

    python3 Fuzz/raft_codec_seeds.py DIR     writes one file per seed into DIR
"""
import os
import struct
import sys


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def frame(frame_type: int, payload: bytes) -> bytes:
    header = bytes([1, frame_type]) + struct.pack("<I", len(payload))
    return b"RH" + header + struct.pack("<I", crc32c(header + payload)) + payload


def blob(data: bytes) -> bytes:
    return struct.pack("<I", len(data)) + data


def entries(items) -> bytes:
    out = struct.pack("<I", len(items))
    for term, index, kind, data in items:
        out += struct.pack("<QQB", term, index, kind) + blob(data)
    return out


def node_set(ids) -> bytes:
    return struct.pack("<I", len(ids)) + b"".join(struct.pack("<Q", i) for i in sorted(ids))


def metadata(index, term, voters, learners=(), outgoing=(), learners_next=(), auto_leave=False,
             witnesses=()) -> bytes:
    return (struct.pack("<QQ", index, term) + node_set(voters) + node_set(learners) + node_set(outgoing)
            + node_set(learners_next) + bytes([auto_leave]) + node_set(witnesses))


def message(group, sender, to, term, kind, body=b"") -> bytes:
    return struct.pack("<QQQQB", group, sender, to, term, kind) + body


def batch(host: int, address: str, messages) -> bytes:
    address_bytes = address.encode()
    payload = struct.pack("<QH", host, len(address_bytes)) + address_bytes + struct.pack("<I", len(messages))
    return frame(1, payload + b"".join(messages))


def chunk(host, group, sender, to, term, meta, total, offset, data) -> bytes:
    return frame(2, struct.pack("<QQQQQ", host, group, sender, to, term) + meta
                 + struct.pack("<QQ", total, offset) + blob(data))


def seeds():
    meta = metadata(10, 2, {1, 2, 3}, {4}, {1, 2, 5}, {5}, True)
    every_kind = [
        message(1, 1, 2, 3, 1, struct.pack("<QQQ", 5, 2, 4) + entries([(2, 6, 0, b"put x"), (2, 7, 1, b"conf")])),
        message(1, 2, 1, 3, 2, struct.pack("<QB", 7, 0)),
        message(1, 2, 1, 3, 2, struct.pack("<QBQQ", 7, 1, 5, 2)),
        message(2, 1, 2, 4, 3, struct.pack("<QQB", 9, 3, 1)),
        message(2, 2, 1, 4, 4, bytes([1])),
        message(2, 1, 2, 5, 5, struct.pack("<QQB", 9, 3, 0)),
        message(2, 2, 1, 5, 6, bytes([0])),
        message(3, 1, 2, 3, 7, struct.pack("<Q", 8) + blob(b"ctx")),
        message(3, 2, 1, 3, 8, blob(b"ctx")),
        message(3, 1, 2, 3, 9, meta + blob(b"state machine image")),
        message(3, 1, 2, 3, 10),
        message(4, 2, 1, 0, 11, blob(b"read-1")),
        message(4, 1, 2, 3, 12, struct.pack("<Q", 11) + blob(b"read-1")),
        message(4, 2, 1, 0, 13, entries([(0, 0, 0, b"proposal")])),
        message(4, 1, 2, 3, 14, struct.pack("<QQQ", 11, 3, 11) + entries([])),
    ]
    yield "every-kind", batch(1, "127.0.0.1:7001", every_kind)
    yield "empty-batch", batch(2, "", [])
    yield "heartbeats", b"".join(batch(1, "h", [message(g, 1, 2, 1, 7, struct.pack("<Q", g) + blob(b""))]) for g in range(3))
    yield "chunks", (chunk(1, 3, 1, 2, 4, meta, 10, 0, b"01234") + chunk(1, 3, 1, 2, 4, meta, 10, 5, b"56789"))


if __name__ == "__main__":
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(sys.argv[1], f"seed-{name}"), "wb") as file:
            file.write(data)
