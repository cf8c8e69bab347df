import ManyModules
import ManyProtocol
import ManyServer

/// A module that answers each method of a ``MockFile`` with its canned response, as
/// many-rs's `ManyMockServer` does when `many server --mockfile` installs it as the
/// fallback: it only gets the methods no other module serves, so the base module's
/// `status`, `heartbeat` and `endpoints` stay the server's own.
///
/// ```swift
/// let mock = try MockFile(contentsOfFile: "mockfile.toml")
/// try server.register(MockModule(mock))
/// ```
public struct MockModule: ManyModule {
    public let name = "MockModule"
    /// Mocks have no attribute of their own (many-rs's mock status lists none).
    public let attribute: Attribute? = nil
    public let endpoints: [String: Endpoint]
    /// The file's methods this module answers (file order).
    public let methods: [String]

    /// Serves every method of `file` except those in `excluded` (by default the base
    /// module's, which the server answers itself).
    public init(_ file: MockFile, excluding excluded: Set<String> = Set(BaseModule.endpoints)) {
        var endpoints = [String: Endpoint]()
        var methods = [String]()
        for entry in file.entries where !excluded.contains(entry.method) {
            methods.append(entry.method)
            endpoints[entry.method] = Endpoint(raw: { call throws(ManyError) in
                do {
                    return try entry.response(to: call.request)
                } catch {
                    throw .unknown("mock response for \(entry.method): \(error)")
                }
            })
        }
        self.endpoints = endpoints
        self.methods = methods
    }
}
