import Metrics
import Prometheus

/// The metrics of one ``NodeHost``, in a Prometheus registry of its own (the global
/// `MetricsSystem` is left alone, so one process may run several hosts). An HTTP server
/// serves ``render()`` as `/metrics`.
///
/// | name | type | what |
/// |---|---|---|
/// | `raft_proposals_total` | counter | proposals accepted by the engine on this host |
/// | `raft_commits_total` | counter | entries applied to state machines |
/// | `raft_apply_lag_entries{group}` | gauge | commit index minus applied index after each loop turn |
/// | `raft_wal_fsync_seconds` | histogram | `WriteAheadLog.sync()` duration (one per loop turn that must sync) |
/// | `raft_elections_total` | counter | campaigns this host's nodes started (pre-vote + vote count once) |
/// | `raft_leader_changes_total` | counter | leader changes observed by this host's nodes |
/// | `raft_snapshots_taken_total` | counter | snapshots written from local state machines |
/// | `raft_snapshots_sent_total` | counter | snapshots streamed to lagging followers in full |
/// | `raft_snapshots_received_total` | counter | leader snapshots installed |
public final class HostMetrics: Sendable {
    /// The registry the metrics live in; add your own metrics to it if you serve it.
    public let registry: PrometheusCollectorRegistry
    let proposals: Metrics.Counter
    let commits: Metrics.Counter
    let walSync: Metrics.Timer
    let elections: Metrics.Counter
    let leaderChanges: Metrics.Counter
    let snapshotsTaken: Metrics.Counter
    let snapshotsSent: Metrics.Counter
    let snapshotsReceived: Metrics.Counter
    private let factory: PrometheusMetricsFactory

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .seconds(1),
        ]
        self.factory = factory
        proposals = Metrics.Counter(label: "raft_proposals_total", factory: factory)
        commits = Metrics.Counter(label: "raft_commits_total", factory: factory)
        walSync = Metrics.Timer(label: "raft_wal_fsync_seconds", factory: factory)
        elections = Metrics.Counter(label: "raft_elections_total", factory: factory)
        leaderChanges = Metrics.Counter(label: "raft_leader_changes_total", factory: factory)
        snapshotsTaken = Metrics.Counter(label: "raft_snapshots_taken_total", factory: factory)
        snapshotsSent = Metrics.Counter(label: "raft_snapshots_sent_total", factory: factory)
        snapshotsReceived = Metrics.Counter(label: "raft_snapshots_received_total", factory: factory)
    }

    /// The apply-lag gauge of one group.
    func applyLag(group: UInt64) -> Metrics.Gauge {
        Metrics.Gauge(label: "raft_apply_lag_entries", dimensions: [("group", String(group))], factory: factory)
    }

    /// Everything in the registry in the Prometheus text exposition format.
    public func render() -> String {
        registry.emitToString()
    }
}
