import Testing
@testable import Raft

/// Progress state transitions and the inflight window (etcd-raft tracker tests).
@Suite struct TrackerTests {
    func progress(match: Index, next: Index, state: Progress.State = .probe) -> Progress {
        var progress = Progress(match: match, next: next, inflights: Inflights(countMax: 3))
        switch state {
        case .probe: progress.becomeProbe()
        case .replicate: progress.becomeReplicate()
        case .snapshot: progress.becomeSnapshot(10)
        }
        progress.next = next
        return progress
    }

    @Test func inflightsFillAndFreeByIndex() {
        var window = Inflights(countMax: 3, sizeBytesMax: 100)
        window.add(index: 1, sizeBytes: 10)
        window.add(index: 3, sizeBytes: 10)
        #expect(!window.isFull)
        window.add(index: 5, sizeBytes: 10)
        #expect(window.isFull)
        window.free(through: 3)
        #expect(window.count == 1 && window.totalSizeBytes == 10)
        window.add(index: 6, sizeBytes: 90)
        #expect(window.isFull, "the byte budget fills too")
        window.free(through: 100)
        #expect(window.count == 0 && !window.isFull)
    }

    @Test func replicateSendsOptimisticallyUntilTheWindowIsFull() {
        var progress = progress(match: 5, next: 6, state: .replicate)
        progress.sentEntries(2, sizeBytes: 2)
        #expect(progress.next == 8 && !progress.isPaused)
        progress.sentEntries(1, sizeBytes: 1)
        progress.sentEntries(1, sizeBytes: 1)
        #expect(progress.isPaused)
        let updated = progress.maybeUpdate(7)
        #expect(updated)
        progress.inflights.free(through: 7)
        #expect(!progress.isPaused)
        let again = progress.maybeUpdate(7)
        #expect(!again, "a stale acknowledgement")
    }

    @Test func probeSendsOneAtATime() {
        var progress = progress(match: 0, next: 6)
        progress.sentEntries(1, sizeBytes: 1)
        #expect(progress.isPaused)
        let wrongProbe = progress.maybeDecrease(rejected: 3, matchHint: 2)
        #expect(!wrongProbe, "not the outstanding probe")
        let lastProbe = progress.maybeDecrease(rejected: 5, matchHint: 2)
        #expect(lastProbe)
        #expect(progress.next == 3 && !progress.isPaused)
    }

    @Test func aProbeRejectionAtOrBelowTheMatchIsIgnored() {
        // Found by playing Figure 8 with a broken commit rule: a follower that had
        // committed a conflicting entry kept rejecting at the leader's match, and the
        // leader kept resending the same probe without a tick in between.
        var progress = progress(match: 2, next: 3)
        progress.sentEntries(1, sizeBytes: 1)
        let contradictory = progress.maybeDecrease(rejected: 2, matchHint: 1)
        #expect(!contradictory)
        #expect(progress.next == 3 && progress.isPaused)
    }

    @Test func replicateRejectionFallsBackToMatch() {
        var progress = progress(match: 5, next: 9, state: .replicate)
        let stale = progress.maybeDecrease(rejected: 5, matchHint: 5)
        #expect(!stale, "stale")
        let fresh = progress.maybeDecrease(rejected: 7, matchHint: 6)
        #expect(fresh)
        #expect(progress.next == 6)
    }

    @Test func snapshotPausesAndResumesAfterIt() {
        var progress = progress(match: 2, next: 3, state: .snapshot)
        #expect(progress.isPaused)
        progress.becomeProbe()
        #expect(progress.next == 11)
    }
}
