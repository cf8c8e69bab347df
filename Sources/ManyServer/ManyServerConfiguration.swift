import CBOR
import ManyProtocol

/// How a ``ManyServer`` checks requests and answers them.
public struct ManyServerConfiguration: Sendable {
    /// The server version reported by `status` (key 5), e.g. `"0.1.0"`.
    public var serverVersion: String?
    /// A request's timestamp must be less than this many seconds from the server's clock,
    /// either way; 0 refuses every request. many-rs: `MANYSERVER_DEFAULT_TIMEOUT` = 300.
    /// Reported by `status` as the timeout (key 7).
    public var timestampWindowSeconds: UInt64
    /// Remember this many recent requests and refuse the same request again while its
    /// timestamp is inside the window; nil (the default, as in many-rs) turns replay
    /// protection off.
    public var replayCacheEntriesMax: Int?
    /// Answer with an async token when an endpoint takes longer than this; nil (the
    /// default) always waits. Enables the `async.status` endpoint (attribute 8).
    public var asyncThresholdMilliseconds: Int64?
    /// Deferred results kept at most; the oldest are dropped first.
    public var asyncResultsMax: Int
    /// How long a deferred result can be fetched; afterwards `async.status` says expired.
    public var asyncResultLifetimeSeconds: Int64
    /// Limits for decoding envelopes.
    public var decodingOptions: CBORDecodingOptions
    /// The server's clock (many-rs `set_time_fn`); tests pin it.
    public var clock: @Sendable () -> Timestamp

    public init(
        serverVersion: String? = nil, timestampWindowSeconds: UInt64 = 300, replayCacheEntriesMax: Int? = nil,
        asyncThresholdMilliseconds: Int64? = nil, asyncResultsMax: Int = 10_000, asyncResultLifetimeSeconds: Int64 = 300,
        decodingOptions: CBORDecodingOptions = .default, clock: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) {
        self.serverVersion = serverVersion
        self.timestampWindowSeconds = timestampWindowSeconds
        self.replayCacheEntriesMax = replayCacheEntriesMax
        self.asyncThresholdMilliseconds = asyncThresholdMilliseconds
        self.asyncResultsMax = asyncResultsMax
        self.asyncResultLifetimeSeconds = asyncResultLifetimeSeconds
        self.decodingOptions = decodingOptions
        self.clock = clock
    }
}
