extension SwiftGenerator {
    /// A service as a server protocol (with dispatch from method paths and bytes) and a
    /// client struct that sends each call through a ``ProtoTransport``.
    func writeService(
        _ service: ServiceDescriptorProto, package: String?, path: [Int32], comments: DocComments, to writer: inout CodeWriter
    ) {
        let protoName = (package.map { $0 + "." } ?? "") + (service.name ?? "")
        let swiftName = SwiftNames.packagePrefix(package) + (service.name ?? "")
        let methods = service.method.enumerated().map { index, method in
            MethodPlan(
                path: path + [2, Int32(index)],
                name: SwiftNames.escaped(SwiftNames.lowerCamel(method.name ?? "")), callPath: "/\(protoName)/\(method.name ?? "")",
                input: method.inputType.flatMap { messages[$0]?.swiftName } ?? "Never",
                output: method.outputType.flatMap { messages[$0]?.swiftName } ?? "Never",
                clientStreaming: method.clientStreaming == true, serverStreaming: method.serverStreaming == true)
        }
        if comments.write(path, to: &writer) { writer.line("///") }
        writer.line("/// The server side of `\(protoName)`: implement it, and route calls to it by method path with the `handle` methods.")
        writer.block("public protocol \(swiftName)Service: Sendable") { writer in
            for method in methods {
                comments.write(method.path, to: &writer)
                writer.line(method.requirement)
            }
        }
        writer.line()
        writeDispatch(swiftName: swiftName, methods: methods, to: &writer)
        writer.line()
        writer.line("/// The client side of `\(protoName)`: each call serialized and sent through `transport`.")
        writer.block("public struct \(swiftName)Client: Sendable") { writer in
            writer.line("public let transport: any ProtoTransport")
            writer.line()
            writer.line("public init(transport: any ProtoTransport) { self.transport = transport }")
            for method in methods {
                writer.line()
                comments.write(method.path, to: &writer)
                writeClientMethod(method, to: &writer)
            }
        }
    }

    struct MethodPlan {
        /// The method's source-info path.
        let path: [Int32]
        let name: String
        /// gRPC's path, `/package.Service/Method`.
        let callPath: String
        let input: String
        let output: String
        let clientStreaming: Bool
        let serverStreaming: Bool

        var requestParameter: String {
            clientStreaming ? "_ requests: AsyncThrowingStream<\(input), any Error>" : "_ request: \(input)"
        }

        var returnClause: String {
            serverStreaming ? "-> AsyncThrowingStream<\(output), any Error>" : "async throws -> \(output)"
        }

        var requirement: String { "func \(name)(\(requestParameter)) \(returnClause)" }
    }

    private func writeDispatch(swiftName: String, methods: [MethodPlan], to writer: inout CodeWriter) {
        writer.block("extension \(swiftName)Service") { writer in
            writer.line("/// Answers a unary call; `UnknownMethodError` for a path that is not one.")
            writer.block("public func handleUnary(path: String, request: [UInt8]) async throws -> [UInt8]") { writer in
                writer.switchBlock("switch path") { writer in
                    for method in methods where !method.clientStreaming && !method.serverStreaming {
                        writer.line("case \(SwiftNames.stringLiteral(method.callPath)): return try await \(method.name)(try \(method.input)(serializedBytes: request)).serializedBytes()")
                    }
                    writer.line("default: throw UnknownMethodError(path: path)")
                }
            }
            writer.line()
            writer.line("/// Answers a call with a stream of responses (server or bidirectional streaming).")
            writer.block("public func handleStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) -> AsyncThrowingStream<[UInt8], any Error>") { writer in
                writer.switchBlock("switch path") { writer in
                    for method in methods where method.serverStreaming {
                        if method.clientStreaming {
                            writer.line("case \(SwiftNames.stringLiteral(method.callPath)): return ProtoStreams.encode(\(method.name)(ProtoStreams.decode(requests, as: \(method.input).self)))")
                        } else {
                            writer.line("case \(SwiftNames.stringLiteral(method.callPath)):")
                            writer.line("    return ProtoStreams.respond(to: requests) { (request: \(method.input)) in self.\(method.name)(request) }")
                        }
                    }
                    writer.line("default: return AsyncThrowingStream { $0.finish(throwing: UnknownMethodError(path: path)) }")
                }
            }
            writer.line()
            writer.line("/// Answers a client-streaming call.")
            writer.block("public func handleClientStreaming(path: String, requests: AsyncThrowingStream<[UInt8], any Error>) async throws -> [UInt8]") { writer in
                writer.switchBlock("switch path") { writer in
                    for method in methods where method.clientStreaming && !method.serverStreaming {
                        writer.line("case \(SwiftNames.stringLiteral(method.callPath)): return try await \(method.name)(ProtoStreams.decode(requests, as: \(method.input).self)).serializedBytes()")
                    }
                    writer.line("default: throw UnknownMethodError(path: path)")
                }
            }
        }
    }

    private func writeClientMethod(_ method: MethodPlan, to writer: inout CodeWriter) {
        writer.block("public func \(method.name)(\(method.requestParameter)) \(method.returnClause)") { writer in
            let path = SwiftNames.stringLiteral(method.callPath)
            switch (method.clientStreaming, method.serverStreaming) {
            case (false, false):
                writer.line("try \(method.output)(serializedBytes: try await transport.unary(path: \(path), request: request.serializedBytes()))")
            case (false, true):
                writer.line("ProtoStreams.call(transport, path: \(path), request: request, responses: \(method.output).self)")
            case (true, false):
                writer.line("try \(method.output)(serializedBytes: try await transport.clientStreaming(path: \(path), requests: ProtoStreams.encode(requests)))")
            case (true, true):
                writer.line("ProtoStreams.decode(transport.bidirectionalStreaming(path: \(path), requests: ProtoStreams.encode(requests)), as: \(method.output).self)")
            }
        }
    }
}
