/// The `content type` header parameter (label 3): a CoAP Content-Format number or a
/// media type string.
public enum COSEContentType: Sendable, Hashable {
    /// A CoAP Content-Format identifier.
    case format(UInt64)
    /// A media type, such as `application/cbor`.
    case mediaType(String)
}
