import Protobuf
import XCTest

/// `greeter.proto` and `names.proto` beside this file are compiled by the
/// SwiftManyProtocPlugin build-tool plugin; these types exist only through it.
final class PluginGeneratedTests: XCTestCase {
    func testPluginGeneratedTypesEncodeAndDecode() throws {
        var request = Greeter_HelloRequest()
        request.name.first = "Ada"
        request.name.last = "Lovelace"
        request.languages = ["en", "fr"]
        // Field 1 (name) holds first (1) and last (2); field 2 repeats the languages.
        XCTAssertEqual(try request.serializedBytes(), [0x0a, 0x0f, 0x0a, 0x03] + Array("Ada".utf8) + [0x12, 0x08] + Array("Lovelace".utf8)
            + [0x12, 0x02] + Array("en".utf8) + [0x12, 0x02] + Array("fr".utf8))
        let decoded = try Greeter_HelloRequest(serializedBytes: request.serializedBytes())
        XCTAssertEqual(decoded, request)
        XCTAssertTrue(decoded.name.hasLast)
        XCTAssertEqual(Greeter_HelloReply.protoMessageName, "greeter.HelloReply")
    }
}
