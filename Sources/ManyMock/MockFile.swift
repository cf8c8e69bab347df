import CBOR
import Foundation
import ManyProtocol

/// Canned responses, one per method, as many-rs's many-mock reads them
/// (`src/many-mock/src/lib.rs`): a TOML file whose keys are method names and whose values
/// are strings in CBOR diagnostic notation. The response to a method is the encoding of
/// its value.
///
/// ```toml
/// # mockfile.toml
/// simplefield = '"hello"'
/// object = '{"numfield": 10, "arrayfield": ["foo", "bar", "baz"]}'
/// echo = '{"method": "${method}", "id": "${id}"}'
/// ```
///
/// A value may hold placeholders, written as a quoted string `"${name}"`, which are
/// replaced by the request's field before the value is parsed (the placeholders of
/// many-rs's earlier JSON mock files): `id`, `version`, `method`, `nonce`, `data`,
/// `timestamp`, `attributes`, and here also `from` and `to`. Absent fields become `null`.
///
/// JSON files (`.json`, or text starting with `{`) are an object with the same meaning:
/// a string value is diagnostic notation, any other JSON value is that value as CBOR.
public struct MockFile: Sendable {
    /// One method's canned response.
    public struct Entry: Sendable {
        /// The method it answers.
        public let method: String
        /// The diagnostic notation, placeholders not yet filled.
        public let template: String
        /// The response bytes when the template has no placeholder.
        let fixedResponse: [UInt8]?
        /// The 1-based line of the entry in its file (0 for JSON).
        public let line: Int

        /// The response to `request`: the template with the request's fields filled in,
        /// encoded. Errors only when a filled template is not diagnostic notation.
        public func response(to request: RequestMessage) throws(MockFileError) -> [UInt8] {
            if let fixedResponse { return fixedResponse }
            return try Self.parse(MockPlaceholders.fill(template, with: request), method: method, line: line)
        }

        init(method: String, template: String, line: Int) throws(MockFileError) {
            self.method = method
            self.template = template
            self.line = line
            if MockPlaceholders.contains(template) {
                // Check the template now, with every placeholder standing for null.
                _ = try Self.parse(MockPlaceholders.fillWithNull(template), method: method, line: line)
                fixedResponse = nil
            } else {
                fixedResponse = try Self.parse(template, method: method, line: line)
            }
        }

        init(method: String, value: CBOR) {
            self.method = method
            template = value.diagnostic()
            fixedResponse = value.encoded()
            line = 0
        }

        private static func parse(_ text: String, method: String, line: Int) throws(MockFileError) -> [UInt8] {
            do {
                return try CBOR(diagnostic: text).encoded()
            } catch {
                let where_ = line > 0 ? "line \(line), " : ""
                throw MockFileError("\(where_)method \"\(method)\": not CBOR diagnostic notation: \(error)", line: line, column: 0)
            }
        }
    }

    /// The largest mock file read.
    public static let fileByteCountMax = 16 << 20

    /// The entries in file order.
    public let entries: [Entry]
    private let indexByMethod: [String: Int]

    /// The entry answering `method`, if any.
    public subscript(method: String) -> Entry? { indexByMethod[method].map { entries[$0] } }

    /// The methods, in file order.
    public var methods: [String] { entries.map(\.method) }

    public init(entries: [Entry]) {
        self.entries = entries
        indexByMethod = Dictionary(entries.enumerated().map { ($1.method, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// A TOML mock file.
    public init(toml text: String) throws(MockFileError) {
        let document = try TOMLStrings(parsing: text)
        var entries = [Entry]()
        for pair in document.pairs {
            entries.append(try Entry(method: pair.key, template: pair.value, line: pair.line))
        }
        self.init(entries: entries)
    }

    /// A JSON mock file: an object from method to diagnostic notation (strings) or value.
    public init(json text: String) throws(MockFileError) {
        let document: CBOR
        do {
            document = try CBOR(json: text)
        } catch {
            throw MockFileError(error.message, line: error.line, column: error.column)
        }
        guard case let .map(pairs) = document else { throw MockFileError("a JSON mock file is an object", line: 1, column: 1) }
        var entries = [Entry]()
        var seen = Set<String>()
        for (key, value) in pairs {
            guard case let .text(method) = key else { continue }
            guard seen.insert(method).inserted else { throw MockFileError("duplicate method \"\(method)\"") }
            if case let .text(template) = value {
                entries.append(try Entry(method: method, template: template, line: 0))
            } else {
                entries.append(Entry(method: method, value: value))
            }
        }
        self.init(entries: entries)
    }

    /// Reads a mock file: JSON when its name ends in `.json` or its text starts with `{`,
    /// TOML otherwise.
    public init(contentsOfFile path: String) throws(MockFileError) {
        guard FileManager.default.fileExists(atPath: path) else { throw MockFileError("File \"\(path)\" does not exist") }
        guard let data = FileManager.default.contents(atPath: path) else { throw MockFileError("Error reading file \"\(path)\"") }
        guard data.count <= Self.fileByteCountMax else {
            throw MockFileError("\"\(path)\" is larger than \(Self.fileByteCountMax) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw MockFileError("\"\(path)\" is not UTF-8 text") }
        let isJSON = path.lowercased().hasSuffix(".json") || text.drop(while: \.isWhitespace).first == "{"
        do {
            self = isJSON ? try MockFile(json: text) : try MockFile(toml: text)
        } catch {
            throw MockFileError("Invalid mockfile \"\(path)\": \(error.message)", line: error.line, column: error.column)
        }
    }
}
