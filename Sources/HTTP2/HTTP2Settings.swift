/// A SETTINGS parameter identifier (RFC 9113 §6.5.2); unknown ones are kept and ignored.
public struct HTTP2SettingID: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let headerTableSize = HTTP2SettingID(rawValue: 0x1)
    public static let enablePush = HTTP2SettingID(rawValue: 0x2)
    public static let maxConcurrentStreams = HTTP2SettingID(rawValue: 0x3)
    public static let initialWindowSize = HTTP2SettingID(rawValue: 0x4)
    public static let maxFrameSize = HTTP2SettingID(rawValue: 0x5)
    public static let maxHeaderListSize = HTTP2SettingID(rawValue: 0x6)
}

/// One parameter of a SETTINGS frame.
public struct HTTP2Setting: Hashable, Sendable {
    public var id: HTTP2SettingID
    public var value: UInt32
    public init(_ id: HTTP2SettingID, _ value: UInt32) {
        self.id = id
        self.value = value
    }
}

/// The values of all known settings on one side of a connection, starting at the
/// RFC 9113 §6.5.2 initial values.
public struct HTTP2Settings: Hashable, Sendable {
    public static let defaultWindowBytes: UInt32 = 65_535
    public static let maxWindowBytes: UInt32 = 0x7fff_ffff
    public static let minMaxFrameBytes: UInt32 = 16_384
    public static let maxMaxFrameBytes: UInt32 = 0xff_ffff

    public var headerTableSize: UInt32 = 4_096
    public var enablePush: Bool = true
    /// `nil`: no limit (the initial value).
    public var maxConcurrentStreams: UInt32? = nil
    public var initialWindowSize: UInt32 = defaultWindowBytes
    public var maxFrameSize: UInt32 = minMaxFrameBytes
    /// `nil`: no limit (the initial value).
    public var maxHeaderListSize: UInt32? = nil

    public init() {}

    /// Checks `setting` against RFC 9113 §6.5.2's ranges, naming the error code the
    /// RFC gives a peer that sends a bad one.
    static func validate(_ setting: HTTP2Setting) -> HTTP2ErrorCode? {
        switch setting.id {
        case .enablePush where setting.value > 1: return .protocolError
        case .initialWindowSize where setting.value > maxWindowBytes: return .flowControlError
        case .maxFrameSize where setting.value < minMaxFrameBytes || setting.value > maxMaxFrameBytes:
            return .protocolError
        default: return nil
        }
    }

    /// Applies one (valid) setting; unknown identifiers are ignored (RFC 9113 §6.5).
    mutating func apply(_ setting: HTTP2Setting) {
        switch setting.id {
        case .headerTableSize: headerTableSize = setting.value
        case .enablePush: enablePush = setting.value == 1
        case .maxConcurrentStreams: maxConcurrentStreams = setting.value
        case .initialWindowSize: initialWindowSize = setting.value
        case .maxFrameSize: maxFrameSize = setting.value
        case .maxHeaderListSize: maxHeaderListSize = setting.value
        default: break
        }
    }

    /// The parameters that differ from the initial values, for the first SETTINGS frame.
    var nonDefaultParameters: [HTTP2Setting] {
        let initial = HTTP2Settings()
        var out: [HTTP2Setting] = []
        if headerTableSize != initial.headerTableSize { out.append(.init(.headerTableSize, headerTableSize)) }
        if enablePush != initial.enablePush { out.append(.init(.enablePush, enablePush ? 1 : 0)) }
        if let value = maxConcurrentStreams { out.append(.init(.maxConcurrentStreams, value)) }
        if initialWindowSize != initial.initialWindowSize { out.append(.init(.initialWindowSize, initialWindowSize)) }
        if maxFrameSize != initial.maxFrameSize { out.append(.init(.maxFrameSize, maxFrameSize)) }
        if let value = maxHeaderListSize { out.append(.init(.maxHeaderListSize, value)) }
        return out
    }
}
