/// A map key that is an integer or a text string, for maps that mix both (the base
/// module's status puts extras under text keys beside its numbered fields).
struct DynamicCodingKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?

    init(intValue: Int) {
        self.intValue = intValue
        stringValue = String(intValue)
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(_ text: String) {
        stringValue = text
        intValue = nil
    }
}
