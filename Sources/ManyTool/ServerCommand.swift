import ArgumentParser

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "server", abstract: "Starts a base server.")
    func run() async throws { throw ToolFailure("not yet") }
}
