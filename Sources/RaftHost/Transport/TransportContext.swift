import NIOCore
import NIOSSL

/// What every connection of one transport shares: fixed at start, immutable after.
struct TransportContext: Sendable {
    let configuration: RaftTransportConfiguration
    let codec: RaftMessageCodec
    /// The address this host listens on, as sent in every batch.
    let sourceAddress: String
    let clientTLS: NIOSSLContext?
    let deliver: @Sendable (RaftTransportEvent) -> Void
}

extension Duration {
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
