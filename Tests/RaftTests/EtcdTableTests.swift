import Testing
@testable import Raft

/// Table-driven tests ported from etcd-raft's raft_test.go with their tables.
@Suite struct EtcdTableTests {
    struct AppendCase: CustomTestStringConvertible {
        var term: Term
        var prevTerm: Term
        var prevIndex: Index
        var commit: Index
        var entries: [Entry] = []
        var lastIndex: Index
        var committed: Index
        var rejected: Bool
        var testDescription: String { "t\(term) prev=\(prevTerm)/\(prevIndex) commit=\(commit) entries=\(entries)" }
    }

    /// TestHandleMsgApp: (1) reject when the log lacks (prevIndex, prevTerm);
    /// (2) truncate a conflicting suffix and append; (3) commit up to
    /// min(leader commit, last new entry). The follower holds 1/1, 2/2 at term 2.
    @Test(arguments: [
        // 1
        AppendCase(term: 2, prevTerm: 3, prevIndex: 2, commit: 3, lastIndex: 2, committed: 0, rejected: true),
        AppendCase(term: 2, prevTerm: 3, prevIndex: 3, commit: 3, lastIndex: 2, committed: 0, rejected: true),
        // 2
        AppendCase(term: 2, prevTerm: 1, prevIndex: 1, commit: 1, lastIndex: 2, committed: 1, rejected: false),
        AppendCase(term: 2, prevTerm: 0, prevIndex: 0, commit: 1, entries: [Entry(term: 2, index: 1)],
                   lastIndex: 1, committed: 1, rejected: false),
        AppendCase(term: 2, prevTerm: 2, prevIndex: 2, commit: 3, entries: [Entry(term: 2, index: 3), Entry(term: 2, index: 4)],
                   lastIndex: 4, committed: 3, rejected: false),
        AppendCase(term: 2, prevTerm: 2, prevIndex: 2, commit: 4, entries: [Entry(term: 2, index: 3)],
                   lastIndex: 3, committed: 3, rejected: false),
        AppendCase(term: 2, prevTerm: 1, prevIndex: 1, commit: 4, entries: [Entry(term: 2, index: 2)],
                   lastIndex: 2, committed: 2, rejected: false),
        // 3
        AppendCase(term: 1, prevTerm: 1, prevIndex: 1, commit: 3, lastIndex: 2, committed: 1, rejected: false),
        AppendCase(term: 1, prevTerm: 1, prevIndex: 1, commit: 3, entries: [Entry(term: 2, index: 2)],
                   lastIndex: 2, committed: 2, rejected: false),
        AppendCase(term: 2, prevTerm: 2, prevIndex: 2, commit: 3, lastIndex: 2, committed: 2, rejected: false),
        AppendCase(term: 2, prevTerm: 2, prevIndex: 2, commit: 4, lastIndex: 2, committed: 2, rejected: false),
    ])
    func handleAppendEntries(_ row: AppendCase) throws {
        let storage = MemoryStorage(confState: ConfState(voters: [1]))
        try storage.append([Entry(term: 1, index: 1), Entry(term: 2, index: 2)])
        var raft = try RaftCore(config: RaftConfig(id: 1), storage: storage)
        raft.becomeFollower(term: 2, leader: .none)
        let append = AppendEntries(prevIndex: row.prevIndex, prevTerm: row.prevTerm, entries: row.entries, commit: row.commit)
        try raft.handleAppendEntries(append, from: 2)
        #expect(raft.lastIndex == row.lastIndex)
        #expect(raft.committedIndex == row.committed)
        #expect(raft.messages.count == 1)
        guard case .appendResponse(let response)? = raft.messages.first?.kind else {
            Issue.record("no append response")
            return
        }
        #expect((response.rejection != nil) == row.rejected)
    }

    struct VoteCase: CustomTestStringConvertible {
        var role: RaftRole
        var lastIndex: Index
        var lastTerm: Term
        var votedFor: NodeID
        var rejected: Bool
        var testDescription: String { "\(role) candidate=\(lastTerm)/\(lastIndex) voted=\(votedFor)" }
    }

    static let voteCases: [VoteCase] = [
        VoteCase(role: .follower, lastIndex: 0, lastTerm: 0, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 0, lastTerm: 1, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 0, lastTerm: 2, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 0, lastTerm: 3, votedFor: .none, rejected: false),
        VoteCase(role: .follower, lastIndex: 1, lastTerm: 0, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 1, lastTerm: 1, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 1, lastTerm: 2, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 1, lastTerm: 3, votedFor: .none, rejected: false),
        VoteCase(role: .follower, lastIndex: 2, lastTerm: 0, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 2, lastTerm: 1, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 2, lastTerm: 2, votedFor: .none, rejected: false),
        VoteCase(role: .follower, lastIndex: 2, lastTerm: 3, votedFor: .none, rejected: false),
        VoteCase(role: .follower, lastIndex: 3, lastTerm: 0, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 3, lastTerm: 1, votedFor: .none, rejected: true),
        VoteCase(role: .follower, lastIndex: 3, lastTerm: 2, votedFor: .none, rejected: false),
        VoteCase(role: .follower, lastIndex: 3, lastTerm: 3, votedFor: .none, rejected: false),
        VoteCase(role: .follower, lastIndex: 3, lastTerm: 2, votedFor: 2, rejected: false),
        VoteCase(role: .follower, lastIndex: 3, lastTerm: 2, votedFor: 1, rejected: true),
        VoteCase(role: .leader, lastIndex: 3, lastTerm: 3, votedFor: 1, rejected: true),
        VoteCase(role: .preCandidate, lastIndex: 3, lastTerm: 3, votedFor: 1, rejected: true),
        VoteCase(role: .candidate, lastIndex: 3, lastTerm: 3, votedFor: 1, rejected: true),
    ]

    /// TestRecvMsgVote and TestRecvMsgPreVote: the voter holds 1/2, 2/2 and is in
    /// the candidate's term; it grants only an up-to-date log, and only once.
    @Test(arguments: voteCases, [false, true])
    func receiveVoteRequest(_ row: VoteCase, preVote: Bool) throws {
        let storage = MemoryStorage(confState: ConfState(voters: [1]))
        try storage.append([Entry(term: 2, index: 1), Entry(term: 2, index: 2)])
        var raft = try RaftCore(config: RaftConfig(id: 1), storage: storage)
        let term = max(2, row.lastTerm)
        raft.term = term
        raft.role = row.role
        raft.vote = row.votedFor
        let request = VoteRequest(lastIndex: row.lastIndex, lastTerm: row.lastTerm)
        try raft.step(Message(from: 2, to: 1, term: term, kind: preVote ? .preVote(request) : .requestVote(request)))
        let expected: Message.Kind = preVote ? .preVoteResponse(granted: !row.rejected) : .voteResponse(granted: !row.rejected)
        #expect(raft.messages.map(\.kind) == [expected])
    }

    /// TestAllServerStepdown: a vote request or append of a newer term makes any
    /// role a follower in that term (leader known only from the append).
    @Test(arguments: [RaftRole.follower, .preCandidate, .candidate, .leader])
    func everyRoleStepsDownOnANewerTerm(_ role: RaftRole) throws {
        for (position, kind) in [
            Message.Kind.requestVote(VoteRequest(lastIndex: 0, lastTerm: 3)),
            .appendEntries(AppendEntries(prevIndex: 0, prevTerm: 3, entries: [], commit: 0)),
        ].enumerated() {
            var raft = try RaftCore(config: RaftConfig(id: 1), storage: MemoryStorage(confState: ConfState(voters: [1, 2, 3])))
            switch role {
            case .follower: raft.becomeFollower(term: 1, leader: .none)
            case .preCandidate: raft.becomePreCandidate()
            case .candidate: raft.becomeCandidate()
            case .leader:
                raft.becomeCandidate()
                raft.becomeLeader()
            }
            try raft.step(Message(from: 2, to: 1, term: 3, kind: kind))
            #expect(raft.role == .follower)
            #expect(raft.term == 3)
            #expect(raft.lastIndex == (role == .leader ? 1 : 0))
            #expect(raft.leader == (position == 0 ? .none : 2))
        }
    }

    /// TestHandleHeartbeat: a heartbeat raises the commit index, never lowers it.
    @Test(arguments: [(Index(3), Index(3)), (Index(1), Index(2))])
    func heartbeatCommits(commit: Index, expected: Index) throws {
        let storage = MemoryStorage(confState: ConfState(voters: [1, 2]))
        try storage.append([Entry(term: 1, index: 1), Entry(term: 2, index: 2), Entry(term: 3, index: 3)])
        var raft = try RaftCore(config: RaftConfig(id: 1), storage: storage)
        raft.becomeFollower(term: 2, leader: 2)
        raft.log.commit(to: 2)
        try raft.step(Message(from: 2, to: 1, term: 2, kind: .heartbeat(commit: commit, context: [])))
        #expect(raft.committedIndex == expected)
        #expect(raft.messages.map(\.kind) == [.heartbeatResponse(context: [])])
    }
}
