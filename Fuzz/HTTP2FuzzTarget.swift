// libFuzzer entry point for the HTTP/2 engine; built by `scripts/fuzz http2 SECONDS`
// together with Sources/HPACK and Sources/HTTP2 (swiftc -sanitize=fuzzer,address).
//
// Input: one control byte (bit 0: server or client role; the rest: how the peer's
// octets are sliced), then the peer's octets (a server first gets the client preface
// for free). A small application answers requests and consumes data. Any crash, hang
// or failed invariant below is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func http2FuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let control = bytes.first else { return 0 }
    let role: HTTP2Connection.Role = control & 1 == 0 ? .server : .client
    var engine = HTTP2Connection(role: role)
    if role == .client {
        _ = try? engine.sendRequest([
            HeaderField(name: ":method", value: "POST"), HeaderField(name: ":scheme", value: "http"),
            HeaderField(name: ":path", value: "/"),
        ], endStream: false)
    }
    let input = (role == .server ? FrameDecoder.clientPreface : []) + bytes.dropFirst()
    let slice = 1 + Int(control >> 1) * 8
    var written = engine.takeOutbound()
    var connectionErrors = 0
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + slice)
        for event in engine.receive(input[offset..<end]) {
            switch event {
            case let .headersReceived(stream, _, _) where role == .server:
                try? engine.sendHeaders([HeaderField(name: ":status", value: "200")], on: stream, endStream: false)
                try? engine.sendData([UInt8](repeating: 0x61, count: 100), on: stream, endStream: true)
            case let .dataReceived(stream, data, _):
                engine.dataConsumed(data.count, on: stream)
            case .connectionError:
                connectionErrors += 1
            default: break
            }
        }
        written += engine.takeOutbound()
        offset = end
    }
    precondition(connectionErrors <= 1, "more than one connection error")
    // Everything we wrote must be well-formed HTTP/2 by our own reader.
    var reader = FrameDecoder(maxFrameSize: Int(HTTP2Settings.maxMaxFrameBytes), expectsPreface: role == .client)
    reader.append(written)
    var sawGoAway = false
    while true {
        let next: HTTP2Frame?
        do {
            next = try reader.next()
        } catch {
            preconditionFailure("we wrote a malformed frame: \(error)")
        }
        guard let frame = next else { break }
        if case .goAway = frame.payload { sawGoAway = true }
    }
    precondition(reader.bufferedBytes == 0, "we wrote a partial frame")
    precondition(!engine.isClosed || sawGoAway, "closed without GOAWAY")
    return 0
}
