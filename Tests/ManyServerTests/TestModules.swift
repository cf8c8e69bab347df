import ManyIdentity
import ManyModules
import ManyProtocol
import ManyServer

/// The argument of `calc.add`: `{0: a, 1: b}`.
struct AddArgs: Codable, Sendable, Equatable {
    var a: Int64
    var b: Int64
    enum CodingKeys: Int, CodingKey { case a = 0, b = 1 }
}

/// The return of `calc.add`: `{0: sum}`.
struct AddReturn: Codable, Sendable, Equatable {
    var sum: Int64
    enum CodingKeys: Int, CodingKey { case sum = 0 }
}

/// A test module with typed endpoints, an error, an anonymous-only restriction and a raw echo.
struct CalculatorModule: ManyModule {
    let name = "CalculatorModule"
    let attribute: Attribute? = Attribute(id: 1000)

    var endpoints: [String: Endpoint] {
        [
            "calc.add": .typed { (args: AddArgs) async throws(ManyError) -> AddReturn in
                let (sum, overflow) = args.a.addingReportingOverflow(args.b)
                guard !overflow else { throw .applicationSpecific(code: 1, message: "Overflow adding {a} and {b}.", arguments: ["a": "\(args.a)", "b": "\(args.b)"]) }
                return AddReturn(sum: sum)
            },
            "calc.whoami": .typed(deniesAnonymous: true) { (_: EmptyArgument, call: EndpointCall) async throws(ManyError) -> String in
                call.sender.description
            },
            "calc.echo": Endpoint { call throws(ManyError) in call.data },
        ]
    }
}

/// An endpoint that waits until the test lets it finish, for async calls without timing.
final class Gate: Sendable {
    private let stream = AsyncStream<Void>.makeStream()

    func open() { stream.continuation.finish() }

    func wait() async {
        for await _ in stream.stream {}
    }

    var module: SimpleModule {
        SimpleModule(name: "GateModule", attributeID: 1001, endpoints: [
            "gate.wait": .typed { [self] (value: String) async throws(ManyError) -> String in
                await wait()
                return "opened: " + value
            },
        ])
    }
}
