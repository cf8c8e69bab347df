import Foundation
import Transport

// Serves every request a fixed 14-octet 200 response over h2c on 127.0.0.1 (for h2load in
// scripts/bench h2). Prints the bound port on one line, then serves until killed.
//   h2-server [PORT]     PORT 0 (the default) lets the system choose

let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 0
let body = Array("hello, h2load\n".utf8)
let server = try await HTTP2Server.start(configuration: HTTP2ServerConfiguration(port: port)) { _ in
    HTTP2Response(status: 200, body: body)
}
FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))  // unbuffered: the script waits for it
while true {
    try await Task.sleep(for: .seconds(3_600))
}
