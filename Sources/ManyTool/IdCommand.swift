import ArgumentParser
import CBOR
import Foundation
import ManyIdentity

/// `many id ARG [SUBID]`, as many-rs: hexadecimal bytes → the textual address, a textual
/// address → its hexadecimal bytes, a PEM file → the key's textual address; SUBID turns
/// the address into that subresource first.
struct IdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "Transform a textual ID into its hexadecimal value, or the other way around.",
        discussion: """
        If the argument is neither a hexadecimal value nor an identity, it is read as a PEM \
        file. Exit status: 0 done, 1 bytes that are no address or a bad key or subresource, \
        2 an argument that is none of the three.
        """
    )

    @OptionGroup var verbosity: VerbosityOptions

    @Argument(help: "A hexadecimal value to encode, an identity textual format to decode or a PEM file to read.")
    var arg: String

    @Argument(help: "Generate the identity with this subresource ID.")
    var subid: UInt32?

    func run() throws {
        print(try Self.describe(arg, subresource: subid))
    }

    /// What `many id` prints for `argument`, tried in many-rs's order: hex, text, PEM file.
    static func describe(_ argument: String, subresource: UInt32?) throws(ToolFailure) -> String {
        if let bytes = Hex.decode(argument) {
            let address: Address
            do {
                address = try Address(bytes: bytes)
            } catch {
                throw ToolFailure("Identity did not parse: \"\(error)\"")
            }
            return try applying(subresource, to: address).description
        }
        if let address = try? Address(string: argument) {
            return Hex.encode(try applying(subresource, to: address).bytes)
        }
        if let pem = try? String(contentsOfFile: argument, encoding: .utf8) {
            let identity: any SigningIdentity
            do {
                identity = try PrivateKeyPEM.identity(pem: pem)
            } catch {
                throw ToolFailure("Could not read a key from \(argument): \(error)")
            }
            return try applying(subresource, to: identity.address).description
        }
        throw ToolFailure("Could not understand the argument.", exitCode: ToolFailure.usageExitCode)
    }

    private static func applying(_ subresource: UInt32?, to address: Address) throws(ToolFailure) -> Address {
        guard let subresource else { return address }
        do {
            return try address.with(subresource: UInt64(subresource))
        } catch {
            throw ToolFailure("Invalid subresource id: \(error)")
        }
    }
}
