import Foundation

/// Base64 (RFC 4648): standard alphabet with padding, or URL-safe without.
enum Base64 {
    static func encode(_ bytes: [UInt8], url: Bool) -> String {
        let standard = Data(bytes).base64EncodedString()
        guard url else { return standard }
        return String(standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").prefix { $0 != "=" })
    }
}
