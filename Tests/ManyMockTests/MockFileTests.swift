import Foundation
import CBOR
import ManyIdentity
import ManyProtocol
import Testing

@testable import ManyMock

/// Mock files as many-rs's many-mock reads them: TOML, method → CBOR diagnostic notation.
struct MockFileTests {
    /// many-rs `src/many-mock/tests/testmockfile.toml`, and what its integration test
    /// (`tests/features/integration.feature`) expects back.
    static let manyRsMockFile = """
        simplefield = '"hello"'

        object = '{"numfield":10,"arrayfield":["foo","bar","baz"]}'

        """

    static let request = RequestMessage(method: "object", timestamp: Timestamp(seconds: 1_700_000_000))

    @Test func manyRsTestMockFile() throws {
        let file = try MockFile(toml: Self.manyRsMockFile)
        #expect(file.methods == ["simplefield", "object"])
        let hello = try #require(file["simplefield"]).response(to: Self.request)
        #expect(try CBOR(decoding: hello) == .text("hello"))
        let object = try CBOR(decoding: try #require(file["object"]).response(to: Self.request))
        #expect(object.diagnostic() == #"{"numfield": 10, "arrayfield": ["foo", "bar", "baz"]}"#)
    }

    @Test func everyTOMLStringFormAndComments() throws {
        let toml = #"""
            # a comment line
            basic = "{\"a\": 1}"   # trailing comment
            literal = "h'0102'"
            "quoted.key" = '1'
            'literal key' = "\u00e9" # not diagnostic: a bare é
            multi = """
            [1,
             2]"""
            multiLiteral = '''
            {"x": "y"}
            '''
            joined = """\
                [3, \
                4]"""
            dash-and_under = 'null'
            """#
        let file = try MockFile(toml: toml.replacingOccurrences(of: #"\u00e9"#, with: #"\"\u00e9\""#))
        func value(_ method: String) throws -> CBOR {
            try CBOR(decoding: try #require(file[method]).response(to: Self.request))
        }
        #expect(try value("basic") == .map([(key: .text("a"), value: .unsigned(1))]))
        #expect(try value("literal") == .bytes([1, 2]))
        #expect(try value("quoted.key") == .unsigned(1))
        #expect(try value("literal key") == .text("é"))
        #expect(try value("multi") == .array([.unsigned(1), .unsigned(2)]))
        #expect(try value("multiLiteral") == .map([(key: .text("x"), value: .text("y"))]))
        #expect(try value("joined") == .array([.unsigned(3), .unsigned(4)]))
        #expect(try value("dash-and_under") == .null)
        #expect(file["multi"]?.line == 6)
    }

    @Test(arguments: [
        ("a = 1", 1, 5, "mock values are strings"),
        ("a = \"x", 1, 7, "unterminated string"),
        ("\n\n[table]", 3, 1, "tables are not supported"),
        ("a.b = '1'", 1, 2, "dotted keys"),
        ("a '1'", 1, 3, "expected '='"),
        ("a = '1'\na = '2'", 2, 1, "duplicate key"),
        ("a = '1' b", 1, 9, "expected the end of the line"),
        ("a = \"\\q\"", 1, 6, "unknown escape"),
        ("= '1'", 1, 1, "expected a key"),
        ("a = '''x", 1, 9, "unterminated multi-line literal"),
    ])
    func badTOMLSaysWhere(text: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try MockFile(toml: text)
        } throws: { error in
            guard let error = error as? MockFileError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    @Test func badDiagnosticNotationNamesTheMethodAndLine() {
        #expect {
            _ = try MockFile(toml: "ok = '1'\nbroken = '{1: '\n")
        } throws: { error in
            guard let error = error as? MockFileError else { return false }
            return error.line == 2 && error.message.contains("method \"broken\"")
                && error.message.contains("not CBOR diagnostic notation")
        }
    }

    @Test func placeholdersAreFilledFromTheRequest() throws {
        let alice = try Address(string: "mahek5lid7ek7ckhq7j77nfwgk3vkspnyppm2u467ne5mwiqys")
        let file = try MockFile(toml: """
            echo = '{"id": "${id}", "method": "${method}", "data": "${data}", "nonce": "${nonce}", "ts": "${timestamp}", "from": "${from}", "attrs": "${attributes}", "v": "${version}"}'
            """)
        let request = RequestMessage(
            from: alice, method: "echo", data: [0xf6], timestamp: Timestamp(seconds: 42), id: 7,
            attributes: [Attribute(id: 3), Attribute(id: 1, arguments: [.bytes([9])])])
        let answer = try CBOR(decoding: try #require(file["echo"]).response(to: request))
        #expect(answer.diagnostic() == """
            {"id": 7, "method": "echo", "data": h'f6', "nonce": null, "ts": 1(42), \
            "from": 10000(h'\(hex(alice.bytes))'), "attrs": [[1, h'09'], 3], "v": null}
            """)
        // A method name that would break the notation is written as an escaped string.
        let tricky = RequestMessage(method: #"a"b\c"#, timestamp: nil)
        let escaped = try CBOR(decoding: try #require(file["echo"]).response(to: tricky))
        guard case let .map(entries) = escaped else { Issue.record("not a map"); return }
        #expect(entries.contains { $0.key == .text("method") && $0.value == .text(#"a"b\c"#) })
    }

    @Test func jsonMockFiles() throws {
        let file = try MockFile(json: #"{"simplefield": "\"hello\"", "object": {"numfield": 10}, "n": 5}"#)
        #expect(file.methods == ["simplefield", "object", "n"])
        #expect(try CBOR(decoding: try #require(file["simplefield"]).response(to: Self.request)) == .text("hello"))
        #expect(try CBOR(decoding: try #require(file["object"]).response(to: Self.request))
            == .map([(key: .text("numfield"), value: .unsigned(10))]))
        #expect(try CBOR(decoding: try #require(file["n"]).response(to: Self.request)) == .unsigned(5))
        #expect(throws: MockFileError.self) { try MockFile(json: "[1]") }
        #expect(throws: MockFileError.self) { try MockFile(json: #"{"a": "{"}"#) }
    }

    @Test func filesAreReadByExtensionOrContent() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mock-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let toml = directory.appendingPathComponent("mockfile.toml")
        try Self.manyRsMockFile.write(to: toml, atomically: true, encoding: .utf8)
        #expect(try MockFile(contentsOfFile: toml.path).methods == ["simplefield", "object"])
        let json = directory.appendingPathComponent("mock.json")
        try #"{"a": "1"}"#.write(to: json, atomically: true, encoding: .utf8)
        #expect(try MockFile(contentsOfFile: json.path).methods == ["a"])
        #expect {
            _ = try MockFile(contentsOfFile: directory.appendingPathComponent("missing.toml").path)
        } throws: { ($0 as? MockFileError)?.message.contains("does not exist") == true }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab =\"'#\n\\[]{}:,u0123\t.-_".unicodeScalars)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                text.unicodeScalars.append(alphabet.randomElement(using: &generator)!)
            }
            _ = try? MockFile(toml: text)
            _ = try? MockFile(json: text)
        }
    }

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
