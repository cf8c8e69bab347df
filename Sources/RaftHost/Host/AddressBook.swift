import Raft

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each node's host listens, for every group of this host (one node ID per
/// host), kept in `<data>/addresses` so that a restarted host can reach its peers
/// before any of them calls.
///
/// File: `crc32c: u32` over the rest, then `count: u32, (node: u64, port: u16,
/// host length: u16, host) * count`. Written to a temporary file, fsynced and renamed.
struct AddressBook {
    private(set) var addresses: [NodeID: PeerAddress]
    let path: String

    /// Hosts named in one book at most (bounds decoding).
    static let countMax = 65_536

    /// Loads the book at `path`, empty when there is none.
    init(path: String) throws(NodeHostError) {
        self.path = path
        let bytes: [UInt8]
        do {
            let file = try File.open(path, readOnly: true)
            defer { file.close() }
            bytes = try file.readAll()
        } catch where error.code == ENOENT {
            addresses = [:]
            return
        } catch {
            throw .storage("\(error)")
        }
        var reader = ByteReader(bytes)
        do {
            let checksum = try reader.u32()
            guard checksum == CRC32C.checksum(bytes[4...]) else { throw NodeHostError.storage("\(path): checksum mismatch") }
            addresses = try Self.read(&reader)
        } catch let error as NodeHostError {
            throw error
        } catch {
            throw .storage("\(path): \(error)")
        }
    }

    subscript(node: NodeID) -> PeerAddress? { addresses[node] }

    /// Records `address` for `node`; true when that changed the book (the caller saves).
    mutating func set(_ address: PeerAddress, for node: NodeID) -> Bool {
        if addresses[node] == address { return false }
        addresses[node] = address
        return true
    }

    mutating func merge(_ other: [NodeID: PeerAddress]) -> Bool {
        var changed = false
        for (node, address) in other where set(address, for: node) { changed = true }
        return changed
    }

    /// Writes the book durably.
    func save() throws(NodeHostError) {
        var body = ByteWriter()
        Self.write(addresses, into: &body)
        var writer = ByteWriter(capacity: body.bytes.count + 4)
        writer.u32(CRC32C.checksum(body.bytes))
        writer.raw(body.bytes)
        let temporary = path + ".tmp"
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        do {
            let file = try File.open(temporary, create: true)
            defer { file.close() }
            try file.truncate(to: 0)
            try file.write(writer.bytes, at: 0)
            try file.sync()
            try Directory.rename(temporary, to: path)
            try Directory.sync(directory)
        } catch {
            throw .storage("\(error)")
        }
    }

    static func write(_ addresses: [NodeID: PeerAddress], into writer: inout ByteWriter) {
        writer.u32(UInt32(addresses.count))
        for (node, address) in addresses.sorted(by: { $0.key < $1.key }) {
            let host = Array(address.host.utf8.prefix(Int(UInt16.max)))
            writer.u64(node)
            writer.u16(UInt16(clamping: address.port))
            writer.u16(UInt16(host.count))
            writer.raw(host)
        }
    }

    static func read(_ reader: inout ByteReader) throws -> [NodeID: PeerAddress] {
        let count = Int(try reader.u32())
        guard count <= countMax else { throw NodeHostError.storage("address book: \(count) hosts") }
        var addresses: [NodeID: PeerAddress] = [:]
        for _ in 0..<count {
            let node = try reader.u64()
            let port = Int(try reader.u16())
            let length = Int(try reader.u16())
            guard let host = String(validating: try reader.raw(length), as: UTF8.self) else {
                throw NodeHostError.storage("address book: host name is not UTF-8")
            }
            addresses[node] = PeerAddress(host: host, port: port)
        }
        return addresses
    }
}
