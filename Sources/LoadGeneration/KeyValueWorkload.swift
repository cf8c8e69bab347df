import Foundation

/// The requests of a key-value benchmark, for our HTTP API or etcd v3's JSON gateway:
/// fixed-size keys drawn uniformly from a key space, fixed-size values, a read fraction.
public struct KeyValueWorkload: Sendable {
    /// Which API the requests speak.
    public enum API: String, Sendable, CaseIterable {
        /// Ours, raftdb style: `POST /key` with `{"<key>": "<value>"}`, `GET /key/<key>?level=`.
        case ours
        /// etcd v3's gRPC gateway: `POST /v3/kv/put` and `/v3/kv/range`, base64 fields.
        case etcd
    }

    public var api: API
    public var keySize: Int
    public var valueSize: Int
    public var keyCount: Int
    public var readFraction: Double
    /// Our read level (`stale`, `default`, `consistent`); etcd's ranges are linearizable.
    public var readLevel: String

    private let value: String
    private let valueBase64: String

    public init(api: API, keySize: Int = 16, valueSize: Int = 128, keyCount: Int = 100_000, readFraction: Double = 0, readLevel: String = "default") {
        self.api = api
        self.keySize = max(8, keySize)
        self.valueSize = max(0, valueSize)
        self.keyCount = max(1, keyCount)
        self.readFraction = min(1, max(0, readFraction))
        self.readLevel = readLevel
        value = String(repeating: "v", count: self.valueSize)
        valueBase64 = Data(value.utf8).base64EncodedString()
    }

    /// The key with number `n`: `k` and zero-padded digits, `keySize` bytes.
    public func key(_ n: Int) -> String {
        let digits = String(n)
        return "k" + String(repeating: "0", count: max(0, keySize - 1 - digits.count)) + digits
    }

    /// One operation of the workload: which key, read or write.
    public struct Operation: Sendable {
        public var key: String
        public var isRead: Bool
    }

    /// Draws the next operation.
    public func nextOperation(_ random: inout SplitMix64) -> Operation {
        let key = key(Int.random(in: 0..<keyCount, using: &random))
        return Operation(key: key, isRead: readFraction > 0 && Double.random(in: 0..<1, using: &random) < readFraction)
    }

    /// A whole HTTP/1.1 request for the next operation.
    public func request(host: String, _ random: inout SplitMix64) -> [UInt8] {
        request(nextOperation(&random), host: host)
    }

    /// A whole HTTP/1.1 request for `operation`.
    public func request(_ operation: Operation, host: String) -> [UInt8] {
        let (method, path, body) = parts(operation)
        return Self.http(method, path, host: host, body: body)
    }

    /// The method, path and JSON body (if any) of `operation`'s request, for any HTTP version.
    public func parts(_ operation: Operation) -> (method: String, path: String, body: String?) {
        let key = operation.key
        switch (api, operation.isRead) {
        case (.ours, false):
            return ("POST", "/key", "{\"\(key)\":\"\(value)\"}")
        case (.ours, true):
            return ("GET", "/key/\(key)?level=\(readLevel)", nil)
        case (.etcd, false):
            return ("POST", "/v3/kv/put", "{\"key\":\"\(Data(key.utf8).base64EncodedString())\",\"value\":\"\(valueBase64)\"}")
        case (.etcd, true):
            return ("POST", "/v3/kv/range", "{\"key\":\"\(Data(key.utf8).base64EncodedString())\"}")
        }
    }

    /// The write that fills key `n` before a run with reads.
    public func fillRequest(host: String, key n: Int) -> [UInt8] {
        request(Operation(key: key(n), isRead: false), host: host)
    }

    static func http(_ method: String, _ path: String, host: String, body: String?) -> [UInt8] {
        BlockingHTTPConnection.request(method, path, host: host, body: body, contentType: "application/json")
    }
}
