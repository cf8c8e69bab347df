import Foundation
import KVStore
import Logging
import Raft
import RaftHost

/// Where `many-kvstore` gets its replication from: a ``NodeHost`` in `<persistent>/raft`
/// running one Raft group per shard, each with a ``KVStateMachine`` or, with
/// `--state-machine sqlite`, a ``KVDiskStateMachine`` in `<persistent>/sm/group-N.sqlite`.
enum BackendWiring {
    static func start(
        options: RaftOptions, groupCount: Int, persistentPath: String, logger: Logger
    ) async throws -> RaftKVBackend {
        guard let listen = PeerAddress(parsing: options.raftAddress) else { throw KVStoreServerCommand.Failure(description: "bad --raft-addr") }
        var hostLogger = logger
        hostLogger[metadataKey: "component"] = "raft"
        let configuration = NodeHostConfiguration(
            dataDirectory: persistentPath + "/raft", nodeID: options.id, listenAddress: listen,
            tickIntervalMilliseconds: options.tickMs, tls: options.tls, logger: hostLogger)
        let host: NodeHost
        do { host = try await NodeHost.start(configuration) } catch {
            throw KVStoreServerCommand.Failure(description: "could not start Raft: \(error)")
        }
        let founders = try options.founders()
        let groupOptions = GroupOptions(
            electionTicks: options.electionTicks, heartbeatTicks: 1, snapshotEveryEntries: options.snapshotEntries,
            leaseReads: options.leaseReads, parallelLeaderWrites: options.parallelLeaderWrites,
            lazyCommitAnnouncements: options.lazyCommitAnnouncements)
        let machineDirectory = persistentPath + "/sm"
        if options.stateMachine == .sqlite {
            do { try FileManager.default.createDirectory(atPath: machineDirectory, withIntermediateDirectories: true) } catch {
                await host.shutdown()
                throw KVStoreServerCommand.Failure(description: "could not create \(machineDirectory): \(error)")
            }
        }
        for group in 0..<groupCount {
            let factory: StateMachineFactory =
                switch options.stateMachine {
                case .memory: { KVStateMachine() }
                case .sqlite: { [path = machineDirectory + "/group-\(group).sqlite"] in KVDiskStateMachine(path: path) }
                }
            do {
                try await host.startGroup(GroupID(group), initialMembers: founders, options: groupOptions, stateMachine: factory)
            } catch {
                await host.shutdown()
                throw KVStoreServerCommand.Failure(description: "could not start group \(group): \(error)")
            }
        }
        logger.info("raft started", metadata: [
            "node": "\(options.id)", "raft": "\(host.listenAddress)", "groups": "\(groupCount)",
            "recovered": "\(host.recoveredGroups.count)",
        ])
        return RaftKVBackend(host: host, groupCount: groupCount, clientAddresses: try options.clientAddresses())
    }
}
