/// A `.proto` file as generated code embeds it: its `FileDescriptorProto` (base64, without
/// source info) and the generated files it imports. On first use (generated code keeps one in
/// a `static let`, which Swift initializes once, lazily) it builds the ``DescriptorPool`` of the
/// file and its imports, through which a generated message's JSON and text format go.
public final class GeneratedProtoFile: Sendable {
    /// The file's name as imported, e.g. `google/protobuf/any.proto`.
    public let name: String
    /// The file and every file it imports, transitively, each once, imports first.
    public let files: [FileDescriptorProto]
    /// The pool of `files` and the extensions they declare, or why they could not be built.
    private let built: Result<(pool: DescriptorPool, extensions: ExtensionFields), GeneratedMessageError>

    /// `descriptor` is the file's serialized `FileDescriptorProto` in base64, in chunks.
    public init(name: String, dependencies: [GeneratedProtoFile], descriptor: [String]) {
        self.name = name
        var files: [FileDescriptorProto] = []
        var seen: Set<String> = []
        for dependency in dependencies {
            for file in dependency.files where seen.insert(file.name ?? "").inserted { files.append(file) }
        }
        let own = Base64.decode(descriptor.joined()).flatMap { try? FileDescriptorProto(serializedBytes: $0) }
        if let own { files.append(own) }
        self.files = files
        guard own != nil else {
            built = .failure(.descriptor("the descriptor of \(name) does not decode"))
            return
        }
        do {
            built = .success((try DescriptorPool(files: files), ExtensionFields(files: files)))
        } catch {
            built = .failure(.descriptor(error.description))
        }
    }

    /// The pool of this file and its imports.
    public func pool() throws(GeneratedMessageError) -> DescriptorPool {
        try built.get().pool
    }

    /// The extensions this file and its imports declare.
    public func extensions() throws(GeneratedMessageError) -> ExtensionFields {
        try built.get().extensions
    }
}
