import Testing
@testable import Raft

/// Scenarios as scripts with their expected transcript (etcd-raft testdata style).
/// When behaviour changes on purpose, the failure message prints the actual
/// transcript to paste in.
@Suite struct ScenarioTests {
    func check(_ script: String, nodes: Int = 3, configure: @escaping (inout RaftConfig) -> Void = { _ in }) {
        var scenario = Scenario(nodes: nodes, configure: configure)
        let (expected, actual) = scenario.run(script)
        #expect(!expected.isEmpty)
        for (want, got) in zip(expected, actual) where want != got {
            Issue.record("after `\(got.command)`:\n\(got.output)\n\nwhole transcript:\n\(Scenario.render(actual))")
            return
        }
        #expect(scenario.network.durabilityViolations.isEmpty)
    }

    @Test func electionReplicationAndAPartitionedFollowerWithPreVote() {
        check(
            """
            campaign 1
            ----

            propose 2 x
            ----

            status
            ----
            1: leader term=1 lead=1 commit=2 applied=["x"]
            2: follower term=1 lead=1 commit=2 applied=["x"]
            3: follower term=1 lead=1 commit=2 applied=["x"]

            isolate 3
            ----

            tick 3 30
            ----

            propose 1 y
            ----

            status
            ----
            1: leader term=1 lead=1 commit=3 applied=["x", "y"]
            2: follower term=1 lead=1 commit=3 applied=["x", "y"]
            3: pre-candidate term=1 lead=0 commit=2 applied=["x"]

            heal
            ----

            tick 1 1
            ----

            status
            ----
            1: leader term=1 lead=1 commit=3 applied=["x", "y"]
            2: follower term=1 lead=1 commit=3 applied=["x", "y"]
            3: follower term=1 lead=1 commit=3 applied=["x", "y"]

            log 3
            ----
            1/1 1/2 x 1/3 y
            """
        ) { $0.preVote = true }
    }

    @Test func checkQuorumStepDownAndAReadThatNeedsAQuorum() {
        check(
            """
            campaign 1
            ----

            read 1 r1
            ----

            isolate 1
            ----

            read 1 r2
            ----

            tick 1 20
            ----

            status
            ----
            1: follower term=1 lead=0 commit=1 applied=[] reads=["r1@1"]
            2: follower term=1 lead=1 commit=1 applied=[]
            3: follower term=1 lead=1 commit=1 applied=[]

            propose 1 z
            ----
            error: proposalDropped(Raft.ProposalDropReason.noLeader)
            """
        ) { $0.checkQuorum = true }
    }

    @Test func leadershipTransferAndProposalsDuringIt() {
        check(
            """
            campaign 1
            ----

            propose 1 a
            ----

            transfer 1 3
            ----

            status
            ----
            1: follower term=2 lead=3 commit=3 applied=["a"]
            2: follower term=2 lead=3 commit=3 applied=["a"]
            3: leader term=2 lead=3 commit=3 applied=["a"]

            log 2
            ----
            1/1 1/2 a 2/3
            """
        )
    }
}
