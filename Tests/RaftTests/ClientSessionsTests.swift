import Testing
@testable import Raft

/// Exactly-once application: the first copy of a proposal applies, retries get the
/// recorded answer, older series are stale, evicted sessions are refused.
@Suite struct ClientSessionsTests {
    @Test func firstCopyAppliesAndRetriesGetTheRecordedResult() {
        var sessions = ClientSessions<String>()
        #expect(sessions.verdict(client: 7, series: 1) == .apply)
        sessions.record(client: 7, series: 1, result: "one", at: 10)
        #expect(sessions.verdict(client: 7, series: 1) == .duplicate("one"))
        #expect(sessions.verdict(client: 7, series: 2) == .apply)
        sessions.record(client: 7, series: 2, result: "two", at: 11)
        #expect(sessions.verdict(client: 7, series: 2) == .duplicate("two"))
        #expect(sessions.verdict(client: 7, series: 1) == .stale)
    }

    @Test func aClientsFirstAppliedProposalOpensItsSession() {
        var sessions = ClientSessions<Int>()
        #expect(sessions.verdict(client: 1, series: 3) == .apply)
        sessions.record(client: 1, series: 3, result: 30, at: 1)
        #expect(sessions.verdict(client: 1, series: 3) == .duplicate(30))
        #expect(sessions.verdict(client: 1, series: 2) == .stale)
    }

    @Test func theIdlestSessionIsEvictedTheSameWayEverywhere() {
        var a = ClientSessions<Int>(sessionsMax: 2)
        var b = ClientSessions<Int>(sessionsMax: 2)
        for (client, index) in [(UInt64(1), UInt64(5)), (2, 6), (1, 7), (3, 8)] {
            let series = (a.sessions[client]?.lastSeries ?? 0) + 1
            a.record(client: client, series: series, result: Int(index), at: index)
            b.record(client: client, series: series, result: Int(index), at: index)
        }
        #expect(a == b)
        #expect(Set(a.sessions.keys) == [1, 3], "client 2 was idle longest")
    }

    @Test func aRestoredTableAnswersLikeTheOriginal() {
        var original = ClientSessions<String>()
        original.record(client: 4, series: 1, result: "x", at: 3)
        let restored = ClientSessions(sessions: original.sessions)
        #expect(restored == original)
        #expect(restored.verdict(client: 4, series: 1) == .duplicate("x"))
    }
}
