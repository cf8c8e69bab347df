import Foundation
import Transport

// Serves every request a fixed 14-octet 200 response over h2c on 127.0.0.1 (for h2load in
// scripts/bench h2), answering on the event loop (HTTP2Server.startOnEventLoop); with
// --async the handler runs as a task per request (HTTP2Server.start) instead. Prints the
// bound port on one line, then serves until killed.
//   h2-server [--async] [PORT]     PORT 0 (the default) lets the system choose

let arguments = CommandLine.arguments.dropFirst()
let isAsync = arguments.contains("--async")
let port = arguments.first { $0 != "--async" }.flatMap { Int($0) } ?? 0
let configuration = HTTP2ServerConfiguration(port: port)
let body = Array("hello, h2load\n".utf8)
let server = isAsync
    ? try await HTTP2Server.start(configuration: configuration) { _ in HTTP2Response(status: 200, body: body) }
    : try await HTTP2Server.startOnEventLoop(configuration: configuration) { _ in HTTP2Response(status: 200, body: body) }
FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))  // unbuffered: the script waits for it
while true {
    try await Task.sleep(for: .seconds(3_600))
}
