/// Hosts many Raft groups in one process: write-ahead log, snapshot files, transport, tick driver.
public enum RaftHost {}
