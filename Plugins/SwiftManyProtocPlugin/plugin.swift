import Foundation
import PackagePlugin

/// Runs `swift-many-protoc --swift_out` on every `.proto` file of the target it is applied
/// to, with the target's folder as the include path; the generated `NAME.pb.swift` files
/// are compiled with the target.
@main
struct SwiftManyProtocPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let tool = try context.tool(named: "swift-many-protoc")
        let root = target.directoryURL.path
        let protos = target.sourceFiles(withSuffix: "proto").map(\.url)
        let output = context.pluginWorkDirectoryURL
        return protos.map { proto in
            let name = String(proto.path.dropFirst(root.count + 1))
            let generated = output.appendingPathComponent(String(name.dropLast(".proto".count)) + ".pb.swift")
            return .buildCommand(
                displayName: "swift-many-protoc \(name)", executable: tool.url,
                arguments: ["-I\(root)", "--swift_out=\(output.path)", name],
                // Every .proto of the target, since any may be imported.
                inputFiles: protos, outputFiles: [generated])
        }
    }
}
