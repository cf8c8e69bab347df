import CBOR
import ManyIdentity

/// Why a state file could not be used.
public struct KVStateFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// many-kvstore's `--state` file (many-rs `staging/kvstore_state.json5`):
///
/// ```json5
/// {
///   identity: "mahukzwuwgt3porn6q4vq4xu3mwy5gyskhouryzbscq7wb2iow",   // creates accounts
///   acl: { "010203": { owner: "maffbahksdwaqeenayy2gxke32hgb7aq4ao4wt745lsfs6wijp" } },  // hex keys
///   hash: "…",            // optional: the expected kvstore.info hash (many-rs checks it)
///   accounts: [ { address: "…", roles: { "<identity>": ["canKvStorePut"] } } ],  // ours
/// }
/// ```
extension KVInitialState {
    /// Reads a state file's text; also returns the optional `hash` it names.
    public static func parse(json5 text: String) throws(KVStateFileError) -> (state: KVInitialState, hash: String?) {
        let document: CBOR
        do { document = try JSON5Parser.parse(text) } catch { throw KVStateFileError(message: error.description) }
        guard let root = fields(document) else { throw KVStateFileError(message: "the state file is not an object") }
        guard case let .text(identityText)? = root["identity"] else { throw KVStateFileError(message: "missing \"identity\"") }
        let identity = try address(identityText)
        var acl: [[UInt8]: Address] = [:]
        if let aclValue = root["acl"] {
            guard let entries = fields(aclValue) else { throw KVStateFileError(message: "\"acl\" is not an object") }
            for (hexKey, metadata) in entries {
                guard let key = hexBytes(hexKey) else { throw KVStateFileError(message: "ACL key \(hexKey) is not hex") }
                guard let fields = fields(metadata), case let .text(owner)? = fields["owner"] else {
                    throw KVStateFileError(message: "ACL entry \(hexKey) has no owner")
                }
                acl[key] = try address(owner)
            }
        }
        var accounts: [KVAccount] = []
        if case let .array(items)? = root["accounts"] {
            for item in items {
                guard let fields = fields(item), case let .text(accountText)? = fields["address"], let roles = fields["roles"].flatMap(Self.fields)
                else { throw KVStateFileError(message: "an account needs \"address\" and \"roles\"") }
                var members: [Address: Set<String>] = [:]
                for (member, names) in roles {
                    guard case let .array(list) = names else { throw KVStateFileError(message: "roles of \(member) are not a list") }
                    members[try address(member)] = Set(list.compactMap(\.textValue))
                }
                accounts.append(KVAccount(address: try address(accountText), roles: members))
            }
        }
        let hash: String? = if case let .text(text)? = root["hash"] { text } else { nil }
        return (KVInitialState(identity: identity, acl: acl, accounts: accounts), hash)
    }

    private static func fields(_ value: CBOR) -> [String: CBOR]? {
        guard case let .map(entries) = value else { return nil }
        var fields: [String: CBOR] = [:]
        for entry in entries {
            guard case let .text(name) = entry.key else { return nil }
            fields[name] = entry.value
        }
        return fields
    }

    private static func address(_ text: String) throws(KVStateFileError) -> Address {
        do { return try Address(string: text) } catch { throw KVStateFileError(message: "bad address \(text): \(error)") }
    }

    static func hexBytes(_ text: String) -> [UInt8]? { Hex.decode(text) }
}
