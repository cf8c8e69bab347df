/// The base module (many-rs `many-modules/src/_0_base.rs`, attribute 0): every server has
/// it. Its endpoints take no argument (`null`, or no data).
///
/// | method | returns |
/// |---|---|
/// | `status` | ``Status`` |
/// | `heartbeat` | ``EmptyReturn`` (`null`) |
/// | `endpoints` | ``Endpoints`` |
public enum BaseModule {
    /// The module's attribute id.
    public static let attributeID: UInt32 = 0
    public static let name = "BaseModule"

    public enum Method {
        public static let status = "status"
        public static let heartbeat = "heartbeat"
        public static let endpoints = "endpoints"
    }

    /// The endpoints, sorted.
    public static let endpoints = [Method.endpoints, Method.heartbeat, Method.status]
}

/// What `heartbeat` returns.
public typealias HeartbeatReturn = EmptyReturn
