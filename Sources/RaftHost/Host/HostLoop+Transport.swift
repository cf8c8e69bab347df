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

    /// Records where `node`'s host listens, persisting the book when it changed.
    func learn(_ address: PeerAddress, for node: NodeID) {
        guard node != nodeID, addresses.set(address, for: node) else { return }
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
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65_535).contains(port)
        else { return nil }
        return PeerAddress(host: String(text[..<colon]), port: port)
    }
}
