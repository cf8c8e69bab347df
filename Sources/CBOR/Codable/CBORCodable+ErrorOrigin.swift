/// Where a type's own coding code threw an error that is not ours.
///
/// Such an error passes up through every level unchanged, as Codable expects,
/// so it carries no place. The innermost level it passes notes its coding path
/// and offset; outer levels see the same description and keep that note; at
/// the top the note is used if the description still matches (a type that
/// caught the error and threw another is noted afresh where it threw).
struct CBORErrorOrigin {
    private var description: String?
    private var path: [any CodingKey] = []
    private var itemOffset: Int?

    /// Notes the place of `error` unless it is ours or was noted further in.
    mutating func note(_ error: any Error, codingPath: @autoclosure () -> [any CodingKey], offset: Int?) {
        guard CBORCodingError.wrapped(in: error) == nil else { return }
        let text = String(describing: error)
        if text == description { return }
        description = text
        path = codingPath()
        itemOffset = offset
    }

    func offset(for error: any Error) -> Int? {
        description == String(describing: error) ? itemOffset : nil
    }

    func codingPath(for error: any Error) -> [any CodingKey] {
        description == String(describing: error) ? path : []
    }
}
