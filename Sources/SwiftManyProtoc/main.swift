import Foundation
import Protobuf

/// `swift-many-protoc`: protoc's `--encode`, `--decode`, `--descriptor_set_out` and a
/// `--swift_out` generator, over module Protobuf. Thin: arguments in, files and pipes out.
do throws(ProtocFailure) {
    let arguments = try ProtocArguments(Array(CommandLine.arguments.dropFirst()))
    try ProtocRun(arguments).run()
} catch {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}
