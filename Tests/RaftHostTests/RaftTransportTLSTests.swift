import Foundation
import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Mutual TLS with certificates made by `scripts/gen-certs` (openssl): peers of one CA
/// talk; a peer whose certificate comes from another CA is refused in both directions.
@Suite(.serialized) struct RaftTransportTLSTests {
    /// Two CAs in a fresh directory: `one/` with nodes a, b; `other/` with node c.
    static func makeCertificates() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let script = repositoryRoot.appendingPathComponent("scripts/gen-certs")
        for (ca, nodes) in [("one", ["a", "b"]), ("other", ["c"])] {
            let output = try ChildProcess.run(script, [directory.path + "/" + ca] + nodes)
            try #require(output.status == 0, "gen-certs failed: \(output.stderr)")
        }
        return directory
    }

    static func tls(_ directory: TemporaryDirectory, _ ca: String, _ node: String) -> RaftTLSConfiguration {
        let base = directory.path + "/" + ca + "/"
        return RaftTLSConfiguration(
            certificateChainPath: base + node + ".pem", privateKeyPath: base + node + ".key", trustRootsPath: base + "ca.pem")
    }

    @Test func peersOfOneCAExchangeMessages() async throws {
        let certificates = try Self.makeCertificates()
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA, tls: Self.tls(certificates, "one", "a"))
        let b = try await startTransport(host: 2, inbox: inboxB, tls: Self.tls(certificates, "one", "b"))
        var random = RandomMessages(seed: 12)
        let toB = (0..<1000).map { GroupMessage(group: UInt64($0 % 3), message: random.nonSnapshotMessage()) }
        let toA = (0..<1000).map { GroupMessage(group: UInt64($0 % 3), message: random.nonSnapshotMessage()) }
        for index in 0..<1000 {
            a.send([toB[index]], to: b.localAddress)
            b.send([toA[index]], to: a.localAddress)
        }
        #expect(await inboxB.wait { inboxB.received.count == 1000 })
        #expect(await inboxA.wait { inboxA.received.count == 1000 })
        #expect(inboxB.received(from: 1) == toB)
        #expect(inboxA.received(from: 2) == toA)
        await a.shutdown()
        await b.shutdown()
    }

    @Test func aPeerWithAnotherCAsCertificateIsRefused() async throws {
        let certificates = try Self.makeCertificates()
        let inboxA = Inbox()
        let inboxC = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA, tls: Self.tls(certificates, "one", "a"))
        let c = try await startTransport(host: 3, inbox: inboxC, tls: Self.tls(certificates, "other", "c"))
        let message = Message(from: 1, to: 3, term: 1, kind: .timeoutNow)
        // A dials C: A refuses C's server certificate, so A reports C unreachable.
        #expect(await inboxA.wait {
            a.send(message, group: 1, to: c.localAddress)
            return inboxA.unreachable(c.localAddress)
        })
        // C dials A: A refuses C's client certificate and closes; C reports A unreachable.
        #expect(await inboxC.wait {
            c.send(message, group: 1, to: a.localAddress)
            return inboxC.unreachable(a.localAddress)
        })
        #expect(inboxA.received.isEmpty)
        #expect(inboxC.received.isEmpty)
        await a.shutdown()
        await c.shutdown()
    }

    @Test func missingCertificateFilesFailToStart() async throws {
        let tls = RaftTLSConfiguration(certificateChainPath: "/nonexistent.pem", privateKeyPath: "/nonexistent.key", trustRootsPath: "/nonexistent-ca.pem")
        await #expect {
            _ = try await startTransport(host: 1, inbox: Inbox(), tls: tls)
        } throws: { error in
            if case .startFailed = error as? RaftTransportError { true } else { false }
        }
    }
}
