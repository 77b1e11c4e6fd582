/// Go strings are byte strings; Swift strings are valid Unicode. This maps between the two.
///
/// Sprig's `substr`/`trunc` can cut a multi-byte character and `b64dec` can produce any bytes, and later
/// functions (`len`, `b64enc`, `sha256sum`) see those bytes exactly. A byte that is not part of valid UTF-8
/// is kept in a Swift string as one scalar of the private-use range U+10FF80–U+10FFFF (`U+10FF00 + byte`),
/// and turned back into that byte wherever Go would look at bytes. A template whose own text contains
/// those code points is therefore read as the raw bytes (see docs/compat.md).
public enum GoBytes {
    /// The first scalar of the escape range; the escape of byte `b` (0x80…0xFF) is `escapeBase + b`.
    static let escapeBase: UInt32 = 0x10FF00

    /// A string holding `bytes`: valid UTF-8 decoded, every byte that Go's `utf8.DecodeRune` rejects escaped.
    public static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // Fast path: valid UTF-8 (the common case) decodes as is.
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        let b = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < b.count {
            let n = validSequenceLength(b, at: i)
            if n == 0 {
                scalars.append(escape(b[i]))
                i += 1
            } else {
                scalars.append(contentsOf: String(decoding: b[i..<(i + n)], as: UTF8.self).unicodeScalars)
                i += n
            }
        }
        return String(scalars)
    }

    /// The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none.
    /// Go: unicode/utf8 `DecodeRune` (first-byte table and accept ranges for the second byte).
    private static func validSequenceLength(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        if lead < 0x80 { return 1 }
        let n: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: n = 2
        case 0xE0: n = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: n = 3
        case 0xED: n = 3; high = 0x9F
        case 0xF0: n = 4; low = 0x90
        case 0xF1...0xF3: n = 4
        case 0xF4: n = 4; high = 0x8F
        default: return 0
        }
        guard i + n <= b.count, b[i + 1] >= low, b[i + 1] <= high else { return 0 }
        for j in (i + 2)..<(i + n) where b[j] < 0x80 || b[j] > 0xBF { return 0 }
        return n
    }

    /// The bytes Go would see for `s`: its UTF-8, with escaped bytes turned back into raw bytes.
    public static func bytes(_ s: String) -> [UInt8] {
        guard hasEscapes(s) else { return Array(s.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if u.value >= escapeBase + 0x80 {
                out.append(UInt8(truncatingIfNeeded: u.value - escapeBase))
            } else {
                out.append(contentsOf: String(u).utf8)
            }
        }
        return out
    }

    /// Go `len(s)`: the number of bytes.
    public static func count(_ s: String) -> Int {
        guard hasEscapes(s) else { return s.utf8.count }
        var n = 0
        for u in s.unicodeScalars { n += u.value >= escapeBase + 0x80 ? 1 : UTF8.width(u) }
        return n
    }

    /// The raw byte `u` stands for, when it is an escaped byte.
    @inline(__always)
    public static func escapedByte(_ u: Unicode.Scalar) -> UInt8? {
        u.value >= escapeBase + 0x80 ? UInt8(truncatingIfNeeded: u.value - escapeBase) : nil
    }

    /// `s` with every escaped byte replaced by U+FFFD, as Go's `strings.Map` and `encoding/json` treat
    /// invalid UTF-8.
    public static func replacingInvalid(_ s: String) -> String {
        guard hasEscapes(s) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(escapedByte(u) == nil ? u : "\u{FFFD}") }
        return String(out)
    }

    /// Whether `s` may hold escaped bytes (their UTF-8 starts with 0xF4 0x8F 0xBE or 0xF4 0x8F 0xBF).
    @inline(__always)
    static func hasEscapes(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(0xF4) } ?? s.utf8.contains(0xF4)
    }

    private static func escape(_ b: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(escapeBase + UInt32(b)) ?? "\u{FFFD}"
    }
}
