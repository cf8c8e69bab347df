import ManyIdentity
import ManyModules

/// Command encoding, version 1: `[version u8][opcode u8][fields]`, integers little-endian,
/// byte strings `u32 length + bytes`, optional fields behind a 0/1 byte, addresses
/// `u8 length + bytes`.
extension KVCommand {
    static let version: UInt8 = 1

    private enum Opcode: UInt8 {
        case put = 1, delete, compareAndSet, manyPut, manyDisable, manyTransfer, initialize
    }

    /// The command's bytes.
    public func encoded() -> [UInt8] {
        var writer = KVByteWriter(capacity: 16 + (key?.count ?? 0))
        writer.u8(Self.version)
        switch self {
        case let .put(key, value):
            writer.u8(Opcode.put.rawValue)
            writer.data(key)
            writer.data(value)
        case let .delete(key):
            writer.u8(Opcode.delete.rawValue)
            writer.data(key)
        case let .compareAndSet(key, expected, new):
            writer.u8(Opcode.compareAndSet.rawValue)
            writer.data(key)
            writer.optionalData(expected)
            writer.optionalData(new)
        case let .manyPut(sender, args):
            writer.u8(Opcode.manyPut.rawValue)
            writer.address(sender)
            writer.data(args.key)
            writer.data(args.value)
            writer.optionalAddress(args.alternativeOwner)
        case let .manyDisable(sender, args):
            writer.u8(Opcode.manyDisable.rawValue)
            writer.address(sender)
            writer.data(args.key)
            writer.optionalAddress(args.alternativeOwner)
            writer.u8(args.reason == nil ? 0 : 1)
            if let reason = args.reason { writer.reason(reason) }
        case let .manyTransfer(sender, args):
            writer.u8(Opcode.manyTransfer.rawValue)
            writer.address(sender)
            writer.data(args.key)
            writer.optionalAddress(args.alternativeOwner)
            writer.address(args.newOwner)
        case let .initialize(state):
            writer.u8(Opcode.initialize.rawValue)
            writer.initialState(state)
        }
        return writer.bytes
    }

    /// Reads a command; every length is bounded before it is trusted.
    public init(decoding bytes: [UInt8]) throws(KVCodingError) {
        var reader = KVByteReader(bytes)
        let version = try reader.u8()
        guard version == Self.version else { throw KVCodingError(offset: 0, reason: "unknown command version \(version)") }
        let opcodeByte = try reader.u8()
        guard let opcode = Opcode(rawValue: opcodeByte) else { throw KVCodingError(offset: 1, reason: "unknown opcode \(opcodeByte)") }
        let keyMax = KVCodingLimits.keyBytesMax, valueMax = KVCodingLimits.valueBytesMax
        switch opcode {
        case .put:
            self = .put(key: try reader.data(sizeBytesMax: keyMax), value: try reader.data(sizeBytesMax: valueMax))
        case .delete:
            self = .delete(key: try reader.data(sizeBytesMax: keyMax))
        case .compareAndSet:
            self = .compareAndSet(
                key: try reader.data(sizeBytesMax: keyMax), expected: try reader.optionalData(sizeBytesMax: valueMax),
                new: try reader.optionalData(sizeBytesMax: valueMax))
        case .manyPut:
            let sender = try reader.address()
            let key = try reader.data(sizeBytesMax: keyMax), value = try reader.data(sizeBytesMax: valueMax)
            self = .manyPut(sender: sender, KVStorePutArgs(key: key, value: value, alternativeOwner: try reader.optionalAddress()))
        case .manyDisable:
            let sender = try reader.address()
            let key = try reader.data(sizeBytesMax: keyMax)
            let alternative = try reader.optionalAddress()
            let reason = try reader.bool() ? try reader.reason() : nil
            self = .manyDisable(sender: sender, KVStoreDisableArgs(key: key, alternativeOwner: alternative, reason: reason))
        case .manyTransfer:
            let sender = try reader.address()
            let key = try reader.data(sizeBytesMax: keyMax)
            let alternative = try reader.optionalAddress()
            self = .manyTransfer(
                sender: sender, KVStoreTransferArgs(key: key, alternativeOwner: alternative, newOwner: try reader.address()))
        case .initialize:
            self = .initialize(try reader.initialState())
        }
        try reader.expectEnd()
    }
}

extension KVByteWriter {
    mutating func reason(_ reason: Reason) {
        u64(reason.code)
        u8(reason.message == nil ? 0 : 1)
        if let message = reason.message { string(message) }
        let arguments = reason.arguments.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        u32(UInt32(arguments.count))
        for (name, value) in arguments {
            string(name)
            string(value)
        }
    }

    mutating func initialState(_ state: KVInitialState) {
        address(state.identity)
        let acl = state.acl.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        u32(UInt32(acl.count))
        for (key, owner) in acl {
            data(key)
            address(owner)
        }
        let accounts = state.accounts.sorted { $0.address.bytes.lexicographicallyPrecedes($1.address.bytes) }
        u32(UInt32(accounts.count))
        for account in accounts { self.account(account) }
    }

    mutating func account(_ account: KVAccount) {
        address(account.address)
        let members = account.roles.sorted { $0.key.bytes.lexicographicallyPrecedes($1.key.bytes) }
        u32(UInt32(members.count))
        for (identity, roles) in members {
            address(identity)
            u32(UInt32(roles.count))
            for role in roles.sorted() { string(role) }
        }
    }
}

extension KVByteReader {
    mutating func reason() throws(KVCodingError) -> Reason {
        let code = try u64()
        let message = try bool() ? try string(sizeBytesMax: KVCodingLimits.textBytesMax) : nil
        let count = try count(max: 1024, itemBytesMin: 8)
        var arguments: [String: String] = [:]
        for _ in 0..<count {
            let name = try string(sizeBytesMax: KVCodingLimits.textBytesMax)
            arguments[name] = try string(sizeBytesMax: KVCodingLimits.textBytesMax)
        }
        return Reason(code: code, message: message, arguments: arguments)
    }

    mutating func initialState() throws(KVCodingError) -> KVInitialState {
        let identity = try address()
        var acl: [[UInt8]: Address] = [:]
        for _ in 0..<(try count(max: KVCodingLimits.itemsMax, itemBytesMin: 6)) {
            let key = try data(sizeBytesMax: KVCodingLimits.keyBytesMax)
            acl[key] = try address()
        }
        var accounts: [KVAccount] = []
        for _ in 0..<(try count(max: KVCodingLimits.itemsMax, itemBytesMin: 6)) { accounts.append(try account()) }
        return KVInitialState(identity: identity, acl: acl, accounts: accounts)
    }

    mutating func account() throws(KVCodingError) -> KVAccount {
        let accountAddress = try address()
        var roles: [Address: Set<String>] = [:]
        for _ in 0..<(try count(max: 1 << 16, itemBytesMin: 6)) {
            let identity = try address()
            var names: Set<String> = []
            for _ in 0..<(try count(max: 64, itemBytesMin: 4)) { names.insert(try string(sizeBytesMax: 256)) }
            roles[identity] = names
        }
        return KVAccount(address: accountAddress, roles: roles)
    }
}
