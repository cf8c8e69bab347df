import ManyModules
import ManyProtocol

/// Why a module could not be registered (many-rs panics in `add_module` for both).
public enum ManyServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another module already has this attribute id.
    case duplicateAttribute(id: UInt32, module: String, registeredBy: String)
    /// Another module already answers this method.
    case duplicateEndpoint(method: String, module: String)

    public var description: String {
        switch self {
        case let .duplicateAttribute(id, module, registeredBy):
            return "module \(module) has attribute \(id), which \(registeredBy) already implements"
        case let .duplicateEndpoint(method, module):
            return "module \(module) has endpoint \(method), which is already implemented"
        }
    }
}

/// The server's modules and their endpoints by method name.
struct ModuleRegistry: Sendable {
    private(set) var modules: [any ManyModule] = []
    private(set) var endpoints: [String: Endpoint] = [:]

    mutating func register(_ module: any ManyModule) throws(ManyServerError) {
        if let id = module.attribute?.id, let owner = modules.first(where: { $0.attribute?.id == id }) {
            throw .duplicateAttribute(id: id, module: module.name, registeredBy: owner.name)
        }
        let moduleEndpoints = module.endpoints
        if let method = moduleEndpoints.keys.sorted().first(where: { endpoints[$0] != nil }) {
            throw .duplicateEndpoint(method: method, module: module.name)
        }
        modules.append(module)
        endpoints.merge(moduleEndpoints) { existing, _ in existing }
    }

    /// The modules' attributes, for `status`.
    var attributes: AttributeSet { AttributeSet(modules.compactMap(\.attribute)) }

    /// Every method name, for `endpoints`.
    var methods: Endpoints { Endpoints(endpoints.keys) }
}
