import Raft

extension HostLoop {
    /// Steps received messages into their groups, learns where their senders listen,
    /// and passes delivery news to the engines.
    func handle(_ event: RaftTransportEvent) {
        switch event {
        case let .received(batch):
            if let address = Self.parseAddress(batch.sourceAddress) { learn(address, for: batch.sourceHost) }
            for message in batch.messages { step(message) }
        case let .receivedSnapshot(_, message):
            step(message)
        case let .unreachable(address):
            let nodes = addresses.addresses.filter { $0.value == address }.map(\.key)
            for group in groups.values where group.failure == nil {
                for node in nodes { group.node.reportUnreachable(node) }
            }
        case let .snapshotStatus(id, to, _, delivered):
            groups[id]?.node.reportSnapshot(to: to, failed: !delivered)
            if delivered { metrics.snapshotsSent.increment() }
        case let .inboundError(remote, error):
            logger.warning("inbound connection closed", metadata: ["remote": "\(remote)", "error": "\(error)"])
        }
    }

    private func step(_ message: GroupMessage) {
        guard let group = groups[message.group], group.failure == nil else { return }
        do {
            try group.node.step(message.message)
        } catch {
            group.logger.debug("message refused", metadata: ["message": "\(message.message)", "error": "\(error)"])
        }
    }

    /// Records where `node`'s host listens when the book has no address for it yet,
    /// persisting the book. An address the book has (configured founding members, or
    /// carried by the log) is not overridden by what a batch claims: the operator's
    /// route to a peer (a proxy, a NAT) may differ from the address the peer listens on.
    func learn(_ address: PeerAddress, for node: NodeID) {
        guard node != nodeID, addresses.addresses[node] == nil, addresses.set(address, for: node) else { return }
        saveAddresses()
    }

    func saveAddresses() {
        do {
            try addresses.save()
        } catch {
            logger.error("saving the address book failed", metadata: ["error": "\(error)"])
        }
    }

    /// `host:port` as the transport sends it (an IPv6 host keeps its colons).
    static func parseAddress(_ text: String) -> PeerAddress? {
        PeerAddress(parsing: text).flatMap { $0.port == 0 ? nil : $0 }
    }
}
