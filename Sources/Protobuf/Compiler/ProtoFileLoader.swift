import Foundation

/// Where the compiler reads `.proto` sources from, by the name they are imported as.
public protocol ProtoFileLoader {
    /// The bytes of the file imported as `name`, or nil when no include path holds it.
    func load(_ name: String) -> [UInt8]?
}

/// `.proto` sources held in memory, keyed by import name; for tests and embedded schemas.
public struct InMemoryProtoFiles: ProtoFileLoader, Sendable {
    public var files: [String: String]

    public init(_ files: [String: String]) {
        self.files = files
    }

    public func load(_ name: String) -> [UInt8]? {
        files[name].map { Array($0.utf8) }
    }
}

/// `.proto` sources found on disk through include directories, searched in order like protoc's `-I`.
public struct IncludePathLoader: ProtoFileLoader, Sendable {
    public var includePaths: [String]

    public init(includePaths: [String]) {
        self.includePaths = includePaths
    }

    public func load(_ name: String) -> [UInt8]? {
        for directory in includePaths {
            let path = (directory as NSString).appendingPathComponent(name)
            if let data = FileManager.default.contents(atPath: path) { return Array(data) }
        }
        return nil
    }
}
