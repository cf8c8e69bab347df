import Testing
@testable import Raft

/// Majority and joint counting (etcd-raft quorum/testdata, by example).
@Suite struct QuorumTests {
    @Test func committedIndexIsTheQuorumthLargestMatch() {
        let three = MajorityConfig([1, 2, 3])
        #expect(three.committedIndex { [1: 5, 2: 3, 3: 1][$0] } == 3)
        #expect(three.committedIndex { [1: 5][$0] } == 0)
        let five = MajorityConfig([1, 2, 3, 4, 5])
        #expect(five.committedIndex { [1: 9, 2: 8, 3: 2, 4: 7, 5: 1][$0] } == 7)
        #expect(MajorityConfig().committedIndex { _ in 0 } == .max)
    }

    @Test func votesWinLoseOrWait() {
        let three = MajorityConfig([1, 2, 3])
        #expect(three.voteResult([1: true]) == .pending)
        #expect(three.voteResult([1: true, 2: true]) == .won)
        #expect(three.voteResult([1: true, 2: false]) == .pending)
        #expect(three.voteResult([1: true, 2: false, 3: false]) == .lost)
        #expect(three.voteResult([1: true, 9: true]) == .pending, "non-voters do not count")
        let four = MajorityConfig([1, 2, 3, 4])
        #expect(four.voteResult([1: true, 2: true, 3: false]) == .pending)
        #expect(four.voteResult([1: true, 2: false, 3: false]) == .lost)
    }

    @Test func jointNeedsBothHalves() {
        let joint = JointConfig(incoming: MajorityConfig([1, 2, 3]), outgoing: MajorityConfig([3, 4, 5]))
        #expect(joint.committedIndex { [1: 9, 2: 9, 3: 4, 4: 2, 5: 1][$0] } == 2)
        #expect(joint.voteResult([1: true, 2: true]) == .pending)
        #expect(joint.voteResult([1: true, 2: true, 3: true]) == .pending, "the outgoing half lacks a majority")
        #expect(joint.voteResult([1: true, 2: true, 3: true, 4: true]) == .won)
        #expect(joint.voteResult([1: true, 2: true, 4: false, 5: false]) == .lost)
        let plain = JointConfig(incoming: MajorityConfig([1, 2, 3]))
        #expect(plain.committedIndex { [1: 3, 2: 2, 3: 1][$0] } == 2)
    }
}
