extension CBORReader {
    /// Skips the next data item, checking it is well-formed (and deterministic
    /// when asked) without allocating.
    public mutating func skip() throws(CBORError) {
        try skip(depth: 0)
    }

    /// Reads the whole input as exactly one well-formed item and nothing after it.
    public mutating func validate() throws(CBORError) {
        try skip()
        try finish()
    }

    private mutating func skip(depth: Int) throws(CBORError) {
        let header = try readHeader()
        switch header.majorType {
        case .unsigned, .negative:
            return
        case .bytes, .text:
            if !header.isIndefinite {
                let range = take(try checkedLength(header, minimumBytesPerUnit: 1))
                if header.majorType == .text { _ = try decodeUTF8(range, at: header.offset) }
                return
            }
            for chunk in try readChunks(of: header.majorType, after: header) where header.majorType == .text {
                _ = try decodeUTF8(chunk, at: header.offset)
            }
        case .array:
            try checkDepth(depth, header)
            if header.isIndefinite {
                while try !readBreakIfPresent() { try skip(depth: depth + 1) }
                return
            }
            for _ in 0..<(try checkedLength(header, minimumBytesPerUnit: 1)) { try skip(depth: depth + 1) }
        case .map:
            try checkDepth(depth, header)
            var keys = MapKeyOrderCheck(options)
            let count = header.isIndefinite ? nil : try checkedLength(header, minimumBytesPerUnit: 2)
            var index = 0
            while true {
                if let count {
                    if index == count { break }
                } else if try readBreakIfPresent() {
                    break
                }
                let keyStart = offset
                try skip(depth: depth + 1)
                try keys.check(bytes[keyStart..<offset], at: keyStart)
                try skip(depth: depth + 1)
                index += 1
            }
        case .tag:
            try checkDepth(depth, header)
            try skip(depth: depth + 1)
        case .simpleOrFloat:
            switch header.additionalInfo {
            case 26: try checkFloatShortest(Double(Float(bitPattern: UInt32(header.argument))), width: 4, header)
            case 27: try checkFloatShortest(Double(bitPattern: header.argument), width: 8, header)
            default: return
            }
        }
    }
}
