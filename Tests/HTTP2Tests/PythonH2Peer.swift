/// The Python `h2` (hyper-h2) peer: a client that fetches and posts, or a server that
/// answers, each checking bodies itself and reporting in JSON.
enum PythonH2Peer {
    /// The requests both directions make: GETs of generated bodies up to 300,000 octets
    /// (beyond the 65,535-octet initial window), POSTs echoed back, and a page that
    /// brings a push.
    static let script = #"""
import hashlib, json, struct, sys
import h2.config, h2.connection, h2.events, h2.exceptions

mode = sys.argv[1]
inp, out = sys.stdin.buffer, sys.stdout.buffer

def pattern(n, seed):
    return bytes(((i * 31 + (i >> 8) + seed) & 0xff) for i in range(n))

def read_exact(n):
    data = b""
    while len(data) < n:
        chunk = inp.read(n - len(data))
        if not chunk:
            sys.exit(3)
        data += chunk
    return data

def receive():
    return read_exact(struct.unpack(">I", read_exact(4))[0])

def send(data):
    out.write(struct.pack(">I", len(data)) + data)
    out.flush()

def finish(report):
    blob = json.dumps(report).encode()
    out.write(b"\xff\xff\xff\xff" + struct.pack(">I", len(blob)) + blob)
    out.flush()
    sys.exit(0)

REQUESTS = [("GET", "/bytes/%d" % n, None) for n in (0, 1, 1000, 16384, 16385, 65535, 65536, 100000, 300000)]
REQUESTS += [("POST", "/echo", pattern(n, n % 251)) for n in (0, 10, 70000, 150000, 400000)]
REQUESTS += [("GET", "/index.html", None)] + [("GET", "/bytes/%d" % (i * 997), None) for i in range(30)]

conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=(mode == "client"), header_encoding="utf-8"))
conn.initiate_connection()
outgoing = {}   # stream id -> [body, offset]
errors = []

def pump():
    for sid in list(outgoing):
        body, offset = outgoing[sid]
        try:
            while offset < len(body):
                n = min(conn.local_flow_control_window(sid), conn.max_outbound_frame_size, len(body) - offset)
                if n <= 0:
                    break
                conn.send_data(sid, body[offset:offset + n], end_stream=(offset + n == len(body)))
                offset += n
        except h2.exceptions.StreamClosedError:
            errors.append("stream %d closed while sending" % sid)
            offset = len(body)
        if offset == len(body):
            if not body:
                conn.end_stream(sid)
            del outgoing[sid]
        else:
            outgoing[sid][1] = offset

def respond(sid, headers, body):
    conn.send_headers(sid, headers + [("content-length", str(len(body)))])
    outgoing[sid] = [body, 0]

# Client: requests and what each response body must be.
expected, got, status, pushes, done = {}, {}, {}, {}, set()
# Server: requests being received.
requests, served = {}, 0
terminated = None

if mode == "client":
    for method, path, body in REQUESTS:
        sid = conn.get_next_available_stream_id()
        headers = [(":method", method), (":scheme", "http"), (":path", path), (":authority", "localhost")]
        conn.send_headers(sid, headers, end_stream=body is None)
        if body is not None:
            outgoing[sid] = [body, 0]
            expected[sid] = (path, body)
        elif path.startswith("/bytes/"):
            expected[sid] = (path, pattern(int(path[7:]), sid))
        else:
            expected[sid] = (path, path.encode())
        got[sid] = b""
    pump()
    send(conn.data_to_send())

idle = 0
while True:
    data = receive()
    try:
        events = conn.receive_data(data)
    except h2.exceptions.ProtocolError as error:
        finish({"errors": errors + ["h2 protocol error: %r" % error]})
    for event in events:
        if isinstance(event, h2.events.ResponseReceived):
            status[event.stream_id] = dict(event.headers)[":status"]
        elif isinstance(event, h2.events.PushedStreamReceived):
            pushes[event.pushed_stream_id] = dict(event.headers)[":path"]
            got[event.pushed_stream_id] = b""
        elif isinstance(event, h2.events.RequestReceived):
            requests[event.stream_id] = [dict(event.headers), b""]
        elif isinstance(event, h2.events.DataReceived):
            conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            if mode == "client":
                got[event.stream_id] += event.data
            else:
                requests[event.stream_id][1] += event.data
        elif isinstance(event, h2.events.StreamEnded):
            if mode == "client":
                done.add(event.stream_id)
            else:
                headers, body = requests.pop(event.stream_id)
                path, sid = headers[":path"], event.stream_id
                served += 1
                if path == "/index.html":
                    promised = conn.get_next_available_stream_id()
                    conn.push_stream(sid, promised, [(":method", "GET"), (":scheme", "http"), (":path", "/pushed.txt"), (":authority", "localhost")])
                    respond(promised, [(":status", "200")], b"pushed by h2")
                if headers[":method"] == "POST":
                    respond(sid, [(":status", "200")], body)
                elif path.startswith("/bytes/"):
                    respond(sid, [(":status", "200")], pattern(int(path[7:]), sid))
                else:
                    respond(sid, [(":status", "200")], path.encode())
        elif isinstance(event, h2.events.StreamReset):
            errors.append("stream %d reset with %r" % (event.stream_id, event.error_code))
        elif isinstance(event, h2.events.ConnectionTerminated):
            terminated = int(event.error_code)
    pump()
    if mode == "client" and set(expected) <= done and set(pushes) <= done and terminated is None:
        report = {"errors": errors, "responses": [], "pushes": []}
        for sid, (path, body) in sorted(expected.items()):
            report["responses"].append({"path": path, "status": status.get(sid), "length": len(got[sid]),
                                        "ok": got[sid] == body})
        for sid, path in sorted(pushes.items()):
            report["pushes"].append({"path": path, "body": got[sid].decode()})
        conn.close_connection()
        send(conn.data_to_send())
        receive()
        finish(report)
    if mode == "server" and terminated is not None:
        finish({"errors": errors, "served": served, "goaway": terminated})
    reply = conn.data_to_send()
    idle = idle + 1 if not reply and not data else 0
    if idle > 50:
        finish({"errors": errors + ["stalled"]})
    send(reply)
"""#
}
