/// How ``CBOR/diagnostic(_:)`` writes a data item.
public enum DiagnosticStyle: Sendable, Equatable {
    /// RFC 8949 §8 diagnostic notation on one line, which
    /// ``CBOR/init(diagnostic:)`` reads back to the same item (float widths and
    /// indefinite lengths included).
    ///
    /// Integers in decimal, bignums as tags 2/3 around `h'…'`, byte strings as
    /// `h'…'`, text with JSON escapes, floats with the shortest round-trip digits
    /// and an encoding indicator (`_1`, `_2`, `_3`) only when the float is not in
    /// its preferred width, indefinite items as `[_ …]`, `{_ …}`, `(_ …)`.
    case standard

    /// The output of the Python package `cbor-diag` (`cbor_diag.cbor2diag(bytes)`
    /// with its defaults), byte for byte: the EDN pretty-printer of the Rust
    /// crate `cbor-edn`.
    ///
    /// Floats are positional and always carry an encoding indicator
    /// (`1.5_1`, `0.00000005960464477539063_1`); printable byte strings are
    /// written `'…'`; bignums are plain integers; tag 1 becomes `DT'…'`;
    /// indefinite-string chunks carry `_i`/`_0`…; items whose one-line form
    /// would reach column 80 are broken over indented lines. See
    /// `docs/cbor-diagnostic.md` for the corners that are not reproduced.
    case cborDiag
}
