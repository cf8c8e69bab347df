import Protobuf
import TestSupport
import XCTest

/// Hand-written proto3 JSON, well-formed and not, read by us and by Python's
/// `json_format.Parse`: both accept the same texts, into the same bytes, and print what
/// they read back the same way.
final class JSONParsingOracleTests: XCTestCase {
    /// Reads a descriptor set, then `Type hex-of-json` lines; prints the parsed message
    /// re-serialized deterministically and printed back by `MessageToJson`, or `error`.
    private static let oracle = """
        import sys
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, json_format
        lines = sys.stdin.read().split("\\n")
        files = descriptor_pb2.FileDescriptorSet.FromString(bytes.fromhex(lines[0]))
        pool = descriptor_pool.DescriptorPool()
        for f in files.file:
            pool.Add(f)
        for line in lines[1:]:
            if not line:
                continue
            name, text = line.split(" ")
            cls = message_factory.GetMessageClass(pool.FindMessageTypeByName(name))
            try:
                message = json_format.Parse(bytes.fromhex(text).decode(), cls(), descriptor_pool=pool)
            except Exception:
                print("error")
                continue
            try:
                text = json_format.MessageToJson(message, indent=1, sort_keys=True, descriptor_pool=pool).encode().hex()
            except Exception:
                text = "unprintable"
            print(message.SerializeToString(deterministic=True).hex(), text)
        """

    private static let accepted = [
        #"{"at": "1972-01-01T10:00:20.021Z"}"#, #"{"at": "2020-02-29T23:59:59.999999999+05:30"}"#,
        #"{"at": "0001-01-01T00:00:00Z"}"#, #"{"at": "9999-12-31T23:59:59.999Z"}"#, #"{"at": "1970-01-01T00:00:00-08:00"}"#,
        #"{"took": "-1.5s"}"#, #"{"took": "0.000000001s"}"#, #"{"took": "315576000000s"}"#, #"{"took": "-0.5s"}"#,
        #"{"wrapped": "12"}"#, #"{"wrapped": 12}"#, #"{"wrapped": null}"#, #"{"wrapped": "0"}"#,
        #"{"mask": "fooBar,x.yZ"}"#, #"{"mask": ""}"#,
        #"{"meta": {"a": [1, "x", null, true, {"b": {}}], "c": -2.5e-3}}"#, #"{"value": null}"#, #"{"value": 1.5}"#, #"{"value": []}"#,
        #"{"any": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1s"}}"#,
        #"{"any": {"text": "hi", "@type": "type.googleapis.com/corpus.shared.SharedMessage"}}"#, #"{"any": {}}"#,
        #"{"any": {"@type": "type.googleapis.com/google.protobuf.Struct", "value": {"k": [1, {}]}}}"#,
        #"{"a_double": 1, "aFloat": "NaN", "aInt64": 5, "aUint64": "18446744073709551615", "aKind": 1, "kinds": ["KIND_A", 2, 7]}"#,
        #"{"aDouble": "-Infinity", "a_float": "1.25", "aSint64": "-9223372036854775808", "aFixed32": 4294967295}"#,
        #"{"aBytes": "-_8="}"#, #"{"aBytes": "AQI"}"#, #"{"aString": "\u00e9\ud83d\ude42\n\"\\/"}"#,
        #"{"total": "7"}"#, #"{"count": 7}"#, #"{"aInt32": 1.0}"#, #"{"aInt32": 1e3}"#, #"{"aInt32": -0}"#,
        #"{"byId": {"3": {}, "-1": {"aBool": true}}, "flags": {"true": "AQ==", "false": ""}, "kindsByNumber": {"18446744073709551615": "KIND_B"}}"#,
        #"{"labels": {"k": "v"}, "sharedMap": {"-5": {"text": "x"}}, "deepest": {"kind": "KIND_B", "deep": {}}}"#,
        #"{"maybeInt": 0, "maybeString": "", "aBool": false, "names": [], "labels": {}}"#,
        #"{"recursive": {"recursive": {"aInt32": 3}}, "child": {"aInt32": 4}}"#, #"  {  }  "#,
    ]

    private static let rejected = [
        #"{"aInt32": 1.5}"#, #"{"aInt32": 2147483648}"#, #"{"aUint32": -1}"#, #"{"aKind": "NOPE"}"#, #"{"nope": 1}"#,
        #"{"text": "a", "data": "AQ=="}"#, #"{"at": "1970-01-01T00:00:00"}"#,
        #"{"at": "1970-02-30T00:00:00Z"}"#, #"{"took": "1.5"}"#, 
        #"{"aBool": "true"}"#, #"{"aString": 5}"#, #"{"any": {"@type": "type.googleapis.com/no.Such"}}"#, #"{"any": {"text": "x"}}"#,
        #"[1]"#, #"{"aInt32": 1,}"#, #"{"aInt32": 1, "aInt32": 2}"#, #"{"flags": {"yes": "AQ=="}}"#, #"{"names": [null]}"#,
        #"{"aInt32": 01}"#, #"{"aString": "\ud83d"}"#, #"{"names": "x"}"#, #"{"byId": {"x": {}}}"#,
        #"{"mask": "foo_bar"}"#, #"{"aDouble": 1e400}"#, #"{"aFloat": 1e39}"#, #"{} x"#,
    ]

    /// Texts Python accepts and we refuse: a field named twice (Python keeps the last),
    /// more than nine fraction digits in a Duration (Python truncates), characters outside
    /// base64 (Python's decoder drops them), and the bare `NaN` token, which is not JSON.
    private static let stricterThanPython = [
        #"{"aDouble": 1, "a_double": 2}"#, #"{"took": "1.0000000001s"}"#, #"{"aBytes": "@@"}"#, #"{"value": NaN}"#,
    ]

    func testHandWrittenJSONReadsLikePython() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let set = try compiler.compile(["proto3_features.proto"])
        let pool = try DescriptorPool(set)
        let type = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        let texts = Self.accepted + Self.rejected + Self.stricterThanPython
        let input = ([set.serializedBytes().hex] + texts.map { "corpus.p3.v1.Everything \(Array($0.utf8).hex)" }).joined(separator: "\n")
        let theirs = try PythonOracle.run(Self.oracle, input: input).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard theirs.count == texts.count else { return XCTFail("Python answered \(theirs.count) of \(texts.count)") }
        for (index, text) in texts.enumerated() {
            let ours: String
            do {
                let message = try DynamicMessage(jsonText: text, type: type, pool: pool)
                ours = try message.serializedBytes().hex + " " + Array(try message.jsonText(pool: pool, indent: 1, sortKeys: true).utf8).hex
            } catch {
                ours = "error"
            }
            let stricter = index >= Self.accepted.count + Self.rejected.count
            if stricter {
                XCTAssertNotEqual(theirs[index], "error", "Python now refuses \(text)")
            } else {
                XCTAssertEqual(ours, theirs[index], text)
            }
            XCTAssertEqual(ours == "error", index >= Self.accepted.count, "expected \(index >= Self.accepted.count ? "rejection" : "acceptance"): \(text)")
        }
    }

    /// Errors say where: byte offsets for the text, JSON paths for the mapping.
    func testErrorsCarryPositions() throws {
        let compiler = ProtoCompiler(loader: IncludePathLoader(includePaths: [ProtocOracle.corpus, ProtocOracle.systemInclude]))
        let pool = try DescriptorPool(try compiler.compile(["proto3_features.proto"]))
        let type = try XCTUnwrap(pool.messageType("corpus.p3.v1.Everything"))
        func error(_ text: String) -> JSONParseError? {
            do {
                _ = try DynamicMessage(jsonText: text, type: type, pool: pool)
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(error(#"{"aInt32": 1,}"#), .syntax(offset: 13, reason: "expected a member name"))
        XCTAssertEqual(error(#"{"a": 1, "a": 2}"#), .duplicateKey(offset: 9, key: "a"))
        XCTAssertEqual(error(#"{"byId": {"3": {"names": [1]}}}"#), .invalidValue(path: #"byId["3"].names[0]"#, reason: "expected a string"))
        XCTAssertEqual(error(#"{"recursive": {"nope": 1}}"#), .unknownField(path: "recursive", name: "nope"))
        XCTAssertEqual(error(#"{"text": "a", "child": {}}"#), .duplicateField(path: "child"))
        // The top object counts: its 100th nested array (at byte 109) is one too deep.
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertEqual(error(#"{"value": "# + deep + "}"), .nestingTooDeep(offset: 109, limit: 100))
        XCTAssertNotNil(try? DynamicMessage(jsonText: #"{"nope": 1, "aInt32": 2}"#, type: type, pool: pool, ignoreUnknownFields: true))
    }
}
