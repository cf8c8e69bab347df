import Foundation
import Raft
import Testing
import TestSupport
@testable import RaftHost

/// Transports on 127.0.0.1 exchanging real traffic: order per connection, several
/// groups, reconnection, garbage from a stranger, and streamed snapshots.
@Suite(.serialized) struct RaftTransportTests {
    @Test func threeHostsExchangeThousandsOfMessagesInOrder() async throws {
        let inboxes = [Inbox(), Inbox(), Inbox()]
        var transports: [RaftTransport] = []
        for (index, inbox) in inboxes.enumerated() { transports.append(try await startTransport(host: UInt64(index + 1), inbox: inbox)) }
        var random = RandomMessages(seed: 3)
        // sent[from][to]: what host `from` sent to host `to`, in order.
        var sent = [[[GroupMessage]]](repeating: [[], [], []], count: 3)
        for round in 0..<2000 {
            for from in 0..<3 {
                for to in 0..<3 where to != from {
                    let message = GroupMessage(group: UInt64(round % 5), message: random.nonSnapshotMessage())
                    sent[from][to].append(message)
                    transports[from].send([message], to: transports[to].localAddress)
                }
            }
            if round % 250 == 0 { await Task.yield() }
        }
        for to in 0..<3 {
            let expected = sent.indices.filter { $0 != to }.reduce(0) { $0 + sent[$1][to].count }
            #expect(await inboxes[to].wait { inboxes[to].received.count >= expected })
            for from in 0..<3 where from != to {
                #expect(inboxes[to].received(from: UInt64(from + 1)) == sent[from][to])
            }
        }
        for transport in transports { await transport.shutdown() }
    }

    @Test func aRestartedPeerIsReconnected() async throws {
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA)
        let b = try await startTransport(host: 2, inbox: inboxB)
        let address = b.localAddress
        let probe = Message(from: 1, to: 2, term: 1, kind: .heartbeat(commit: 0, context: [1]))
        a.send(probe, group: 1, to: address)
        #expect(await inboxB.wait { inboxB.received.count == 1 })
        await b.shutdown()

        // While B is down A's messages are dropped and B is reported unreachable.
        #expect(await inboxA.wait {
            a.send(probe, group: 1, to: address)
            return inboxA.unreachable(address)
        })
        #expect(await inboxA.wait {
            a.send(probe, group: 1, to: address)
            return a.droppedMessages(to: address) > 0
        })

        let inboxB2 = Inbox()
        let b2 = try await startTransport(host: 2, inbox: inboxB2, port: address.port)
        #expect(await inboxB2.wait {
            a.send(probe, group: 1, to: address)
            return !inboxB2.received.isEmpty
        })
        #expect(inboxB2.received.first?.message == GroupMessage(group: 1, message: probe))
        await a.shutdown()
        await b2.shutdown()
    }

    @Test func aFullQueueDropsAndCounts() async throws {
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: Inbox(), queueLengthMax: 10)
        let b = try await startTransport(host: 2, inbox: inboxB)
        let messages = (0..<1000).map { GroupMessage(group: 1, message: Message(from: 1, to: 2, term: UInt64($0), kind: .timeoutNow)) }
        a.send(messages, to: b.localAddress)
        #expect(a.droppedMessages(to: b.localAddress) == 990)
        #expect(await inboxB.wait { inboxB.received.count == 10 })
        #expect(inboxB.received(from: 1) == Array(messages.prefix(10)))
        await a.shutdown()
        await b.shutdown()
    }

    @Test func garbageClosesThatConnectionOnly() async throws {
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA)
        let b = try await startTransport(host: 2, inbox: inboxB)
        let stranger = try RawConnection(port: b.localAddress.port)
        stranger.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        #expect(stranger.waitForClose())
        stranger.close()
        #expect(await inboxB.wait { !inboxB.inboundErrors.isEmpty })
        #expect(inboxB.inboundErrors == [.badMagic(offset: 0, found: 0x4745)])

        // A frame with a bad checksum after a good one: the good one is delivered.
        let codec = RaftMessageCodec()
        let message = GroupMessage(group: 3, message: Message(from: 9, to: 2, term: 1, kind: .timeoutNow))
        let good = codec.encode(.batch(RaftMessageBatch(sourceHost: 9, sourceAddress: "x", messages: [message])))
        var bad = good
        bad[bad.count - 1] ^= 0xFF
        let second = try RawConnection(port: b.localAddress.port)
        second.send(good + bad)
        #expect(second.waitForClose())
        second.close()
        #expect(await inboxB.wait { inboxB.inboundErrors.count == 2 })
        guard case .checksumMismatch(offset: good.count + 8, _, _) = inboxB.inboundErrors.last else {
            Issue.record("expected a checksum mismatch in the second frame, got \(inboxB.inboundErrors)")
            return
        }
        #expect(inboxB.received(from: 9) == [message])

        // The transport keeps serving real peers.
        let messages = (0..<100).map { GroupMessage(group: 1, message: Message(from: 1, to: 2, term: UInt64($0), kind: .timeoutNow)) }
        a.send(messages, to: b.localAddress)
        #expect(await inboxB.wait { inboxB.received(from: 1).count == 100 })
        #expect(inboxB.received(from: 1) == messages)
        await a.shutdown()
        await b.shutdown()
    }

    @Test func inboundConnectionsBeyondTheLimitAreClosed() async throws {
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA)
        let b = try await startTransport(host: 2, inbox: inboxB, inboundConnectionsMax: 1)
        let first = try RawConnection(port: b.localAddress.port)
        let second = try RawConnection(port: b.localAddress.port)
        #expect(second.waitForClose())
        second.close()
        first.close()
        // Once the idle one is gone, a real peer gets in.
        let probe = Message(from: 1, to: 2, term: 1, kind: .timeoutNow)
        #expect(await inboxB.wait {
            a.send(probe, group: 1, to: b.localAddress)
            return !inboxB.received.isEmpty
        })
        await a.shutdown()
        await b.shutdown()
    }

    @Test func multiMebibyteSnapshotsAreStreamedInChunks() async throws {
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA)
        let b = try await startTransport(host: 2, inbox: inboxB)
        var random = RandomMessages(seed: 9)
        var snapshot = random.snapshot()
        snapshot.data = random.random.bytes(count: 5 << 20 + 123)
        let message = GroupMessage(group: 4, message: Message(from: 1, to: 2, term: 8, kind: .snapshot(snapshot)))
        let after = GroupMessage(group: 4, message: Message(from: 1, to: 2, term: 8, kind: .heartbeat(commit: 1, context: [])))
        a.send([message, after], to: b.localAddress)
        #expect(await inboxB.wait { inboxB.snapshots.count == 1 && inboxB.received.count == 1 })
        #expect(inboxB.snapshots == [message])
        #expect(inboxB.received(from: 1) == [after])
        #expect(await inboxA.wait { inboxA.snapshotStatuses == [true] })
        await a.shutdown()
        await b.shutdown()
    }

    @Test func aNewerSnapshotForTheSameGroupSupersedesOneStillStreaming() async throws {
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA)
        let b = try await startTransport(host: 2, inbox: inboxB)
        var random = RandomMessages(seed: 10)
        func snapshotMessage(term: Term) -> GroupMessage {
            var snapshot = random.snapshot()
            snapshot.data = random.random.bytes(count: 3 << 20)
            return GroupMessage(group: 6, message: Message(from: 1, to: 2, term: term, kind: .snapshot(snapshot)))
        }
        let older = snapshotMessage(term: 4)
        let newer = snapshotMessage(term: 5)
        let heartbeats = (0..<50).map { GroupMessage(group: 7, message: Message(from: 1, to: 2, term: 5, kind: .heartbeat(commit: UInt64($0), context: []))) }
        a.send([older, newer] + heartbeats, to: b.localAddress)
        #expect(await inboxB.wait { inboxB.snapshots.count == 1 && inboxB.received.count == 50 })
        #expect(inboxB.snapshots == [newer])
        #expect(inboxB.received(from: 1) == heartbeats)
        #expect(inboxB.inboundErrors.isEmpty)
        #expect(await inboxA.wait { inboxA.snapshotStatuses.count == 2 })
        #expect(inboxA.snapshotStatuses.sorted { !$0 && $1 } == [false, true])
        await a.shutdown()
        await b.shutdown()
    }

    @Test func aSnapshotBeyondTheReceiversLimitIsRefused() async throws {
        let inboxA = Inbox()
        let inboxB = Inbox()
        let a = try await startTransport(host: 1, inbox: inboxA)
        let b = try await startTransport(host: 2, inbox: inboxB, limits: RaftCodecLimits(snapshotBytesMax: 1 << 20))
        let snapshot = Snapshot(metadata: SnapshotMetadata(index: 5, term: 1), data: [UInt8](repeating: 7, count: 3 << 20))
        a.send(Message(from: 1, to: 2, term: 1, kind: .snapshot(snapshot)), group: 1, to: b.localAddress)
        #expect(await inboxB.wait { !inboxB.inboundErrors.isEmpty })
        guard case .snapshotTooLarge(_, totalBytes: 3 << 20, maxBytes: 1 << 20) = inboxB.inboundErrors.first else {
            Issue.record("expected snapshotTooLarge, got \(inboxB.inboundErrors)")
            return
        }
        #expect(inboxB.snapshots.isEmpty)
        await a.shutdown()
        await b.shutdown()
    }

    @Test func chunksOutOfOrderAreRefused() throws {
        var assembler = SnapshotAssembler(limits: RaftCodecLimits())
        let metadata = SnapshotMetadata(index: 3, term: 1)
        func chunk(_ offset: UInt64, _ data: [UInt8]) -> SnapshotChunk {
            SnapshotChunk(sourceHost: 1, group: 1, from: 1, to: 2, term: 1, metadata: metadata, totalBytes: 6, offset: offset, data: data)
        }
        #expect(try assembler.add(chunk(0, [1, 2]), streamOffset: 0) == nil)
        #expect(throws: RaftTransportError.snapshotChunkOutOfOrder(offset: 50, group: 1, expectedOffset: 2, chunkOffset: 4)) {
            try assembler.add(chunk(4, [5, 6]), streamOffset: 50)
        }
        #expect(try assembler.add(chunk(2, [3, 4]), streamOffset: 60) == nil)
        let done = try assembler.add(chunk(4, [5, 6]), streamOffset: 70)
        #expect(done?.message.kind == .snapshot(Snapshot(metadata: metadata, data: [1, 2, 3, 4, 5, 6])))
    }
}
