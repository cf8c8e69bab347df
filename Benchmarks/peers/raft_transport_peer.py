"""The socket floor for `scripts/bench raft-transport`: the same framed bytes our Raft
transport sends (written by `raft-transport-bench --write-stream`), moved over one
loopback TCP connection by Python's asyncio, optionally with mutual TLS through the
ssl module (OpenSSL). The receiver walks the frame headers and counts the messages in
each batch; it does not checksum or decode them. Prints one JSON line like the bench.

    python3 raft_transport_peer.py STREAM_FILE SECONDS [CERT_DIR]
"""
import asyncio
import json
import os
import ssl
import struct
import sys
import time


def contexts(cert_dir):
    if not cert_dir:
        return None, None
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.minimum_version = ssl.TLSVersion.TLSv1_3
    server.load_cert_chain(f"{cert_dir}/node2.pem", f"{cert_dir}/node2.key")
    server.load_verify_locations(f"{cert_dir}/ca.pem")
    server.verify_mode = ssl.CERT_REQUIRED
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.minimum_version = ssl.TLSVersion.TLSv1_3
    client.load_cert_chain(f"{cert_dir}/node1.pem", f"{cert_dir}/node1.key")
    client.load_verify_locations(f"{cert_dir}/ca.pem")
    client.check_hostname = False  # verified against the CA, as our transport does for IPs by SAN
    return server, client


async def main(stream_path, seconds, cert_dir):
    stream = open(stream_path, "rb").read()
    server_ctx, client_ctx = contexts(cert_dir)
    counted = {"messages": 0, "bytes": 0}
    done = asyncio.Event()

    async def receive(reader, writer):
        buffer = bytearray()
        while True:
            data = await reader.read(1 << 20)
            if not data:
                break
            buffer += data
            offset = 0
            while len(buffer) - offset >= 12:
                (length,) = struct.unpack_from("<I", buffer, offset + 4)
                if len(buffer) - offset - 12 < length:
                    break
                address_length = struct.unpack_from("<H", buffer, offset + 20)[0]
                (count,) = struct.unpack_from("<I", buffer, offset + 22 + address_length)
                counted["messages"] += count
                counted["bytes"] += 12 + length
                offset += 12 + length
            del buffer[:offset]
        writer.close()
        done.set()

    server = await asyncio.start_server(receive, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    _, writer = await asyncio.open_connection("127.0.0.1", port, ssl=client_ctx)

    async def send_for(duration):
        end = time.perf_counter() + duration
        while time.perf_counter() < end:
            writer.write(stream)
            await writer.drain()

    await send_for(min(0.5, seconds / 4))  # warm-up
    start_messages, start = counted["messages"], time.perf_counter()
    await send_for(seconds)
    writer.close()
    await writer.wait_closed()
    await done.wait()
    elapsed = time.perf_counter() - start
    server.close()
    sidecar = json.load(open(stream_path + ".json"))
    messages = counted["messages"] - start_messages
    payload = int(os.environ.get("PAYLOAD_BYTES", "0"))
    mode = "tls" if cert_dir else "plain"
    per_second = messages / elapsed
    print(json.dumps({
        "name": f"raft-transport.{mode}.payload{payload}", "impl": "peer", "messages": messages,
        "seconds": round(elapsed, 3), "msgs_per_s": round(per_second, 1),
        "mb_per_s": round(per_second * sidecar["wire_bytes_per_msg"] / 1e6, 2),
        "python": sys.version.split()[0], "openssl": ssl.OPENSSL_VERSION,
    }))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None))
