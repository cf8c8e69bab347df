import Foundation
import Transport

/// `kvstore URL member add ID RAFT_ADDRESS | promote ID | remove ID | transfer ID [--group N]`:
/// membership changes through the store's JSON API (`POST /v1/members/…`). Prints the
/// server's answer; a non-200 answer exits 1.
enum MemberCommand {
    static func run(_ arguments: ToolArguments) async throws {
        let words = arguments.positionals
        guard let action = words.first, words.count >= 2, let id = UInt64(words[1]) else {
            throw UsageError(message: "member add ID ADDRESS | promote ID | remove ID | transfer ID [--group N]")
        }
        let path: String
        var body = "{\"id\":\(id)"
        switch (action, words.count) {
        case ("add", 3):
            path = "add"
            body += ",\"address\":\"\(words[2].filter { $0 != "\"" && $0 != "\\" })\""
        case ("promote", 2): path = "promote"
        case ("remove", 2): path = "remove"
        case ("transfer", 2):
            path = "transfer-leader"
            if let group = arguments.options["--group"] {
                guard let number = UInt64(group) else { throw UsageError(message: "--group is a number") }
                body += ",\"group\":\(number)"
            }
        default:
            throw UsageError(message: "member add ID ADDRESS | promote ID | remove ID | transfer ID [--group N]")
        }
        body += "}"
        let client = HTTPClient()
        defer { Task { await client.shutdown() } }
        let base = arguments.server.hasSuffix("/") ? String(arguments.server.dropLast()) : arguments.server
        let response = try await client.post(
            base + "/v1/members/" + path, body: Array(body.utf8), headers: [HTTPHeader(name: "Content-Type", value: "application/json")])
        let text = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200 else { throw MemberFailure(description: "HTTP \(response.status): \(text)") }
        print(text)
    }

    struct MemberFailure: Error, CustomStringConvertible {
        let description: String
    }
}
