import CBOR
import Testing
import TestSupport

@testable import ManyProtocol

/// ManyError: the template rendering of many-rs's `reason.rs` (its own test cases), the
/// standard table, and the CBOR map.
struct ManyErrorTests {
    static let numbered = ["0": "ZERO", "1": "ONE", "2": "TWO"]

    /// many-rs `error.rs` tests `works`, `works_with_only_replacement`, `works_for_others`,
    /// `supports_double_brackets`, and a few more edges of the same regex.
    @Test(arguments: [
        ("Hello {0} and {2}.", "Hello ZERO and TWO."),
        ("{2}", "TWO"),
        ("@{a}{b}{c}.", "@."),
        ("/{{}}{{{0}}}{{{a}}}{b}}}{{{2}.", "/{}{ZERO}{}}{TWO."),
        ("{ 0}", "{ 0}"),
        ("{0 }", "{0 }"),
        ("{}", ""),
        ("{", "{"),
        ("}", "}"),
        ("{{0}", "{0}"),
        ("{{{0}", "{ZERO"),
        ("{{0}}", "{0}"),
        ("x{0", "x{0"),
        ("{0{1}", ""),
        ("é{1}ü", "éONEü"),
    ])
    func rendering(template: String, expected: String) {
        #expect(ManyError(code: -1, message: template, arguments: Self.numbered).description == expected)
    }

    @Test func standardErrorsRenderTheirTemplates() {
        #expect(ManyError.unknownDestination(to: "mto", this: "mthis").description
            == "Unknown destination for message.\nThis is \"mthis\", message was for \"mto\".")
        #expect(ManyError.couldNotVerifySignature("bad").description == "Could not verify the signature: bad.")
        #expect(ManyError.invalidMethodName("x").description == "Invalid method name: \"x\".")
        #expect(ManyError.deserializationError("oops").description == "Deserialization error:\noops")
        #expect(ManyError.invalidIdentityKind(actual: "3").description == "Identity kind \"3\" was not recognized.")
        #expect(ManyError.requiredFieldMissing("timestamp").description == "Field is required but missing: 'timestamp'.")
        #expect(ManyError.emptyEnvelope().code == -1004 && ManyError.internalServerError().code == -2000)
        #expect(ManyError.attributeSpecific(attribute: 2, id: 3, message: "m").code == -20003)
        #expect(ManyError.applicationSpecific(code: 7, message: "m{a}", arguments: ["a": "!"]).description == "m!")
    }

    /// Without a message many-rs prints `Error '‹code›'`, the code shown as its template.
    @Test func missingMessageShowsTheCode() {
        #expect(ManyError(code: -1, arguments: ["message": "x"]).description == "Error 'Unknown error: x'")
        #expect(ManyError(code: -1004).description == "Error 'An envelope must contain a payload.'")
        #expect(ManyError(code: 42).description == "Error '42'")
        #expect(ManyError(code: -77).description == "Error '-77'")
    }

    @Test func standardTableIsComplete() {
        let codes = ManyError.standardErrors.map(\.code)
        #expect(codes.count == 35 && Set(codes).count == 35)
        #expect(codes.filter { $0 >= -11 }.count == 11 && codes.filter { (-209)...(-200) ~= $0 }.count == 10)
        for standard in ManyError.standardErrors {
            let placeholders = standard.fields.map { "{\($0)}" }
            #expect(placeholders.allSatisfy(standard.template.contains), "\(standard.name)")
        }
    }

    /// `{0: code, 1: message, 2: {args}}`, arguments sorted, optional parts left out.
    @Test func cborEncoding() throws {
        let error = ManyError.unknownDestination(to: "b", this: "a")
        var writer = CBORWriter()
        writer.writeMapHeader(count: 3)
        writer.writeUnsigned(0); writer.writeInt(-1003)
        writer.writeUnsigned(1); writer.writeText(error.message!)
        writer.writeUnsigned(2); writer.writeMapHeader(count: 2)
        writer.writeText("this"); writer.writeText("a")
        writer.writeText("to"); writer.writeText("b")
        #expect(error.encoded() == writer.bytes)
        #expect(try ManyError(decoding: writer.bytes) == error)
        #expect(ManyError(code: 5).encoded().hex == "a10005")
        #expect(try ManyError(decoding: [UInt8](hex: "a10005")) == ManyError(code: 5))
    }

    @Test func cborDecodingIsLenientLikeManyRs() throws {
        // Missing code is -1; unknown keys are skipped; indefinite maps are fine.
        #expect(try ManyError(decoding: [UInt8](hex: "a1016178")) == ManyError(code: -1, message: "x"))
        #expect(try ManyError(decoding: [UInt8](hex: "a200200983010203")) == ManyError(code: -1))
        #expect(try ManyError(decoding: [UInt8](hex: "bf0020ff")) == ManyError(code: -1))
        #expect(try ManyError(decoding: [UInt8](hex: "a100393a97")).code == -15000)  // kept, not folded into -1
        #expect(throws: ManyError.self) { try ManyError(decoding: [UInt8](hex: "a10061")) }
        #expect(throws: ManyError.self) { try ManyError(decoding: [UInt8](hex: "a1026178")) }
        #expect(throws: ManyError.self) { try ManyError(decoding: [UInt8](hex: "a1")) }
    }
}
