import Values

/// Go's `strconv` unquoting, as the template lexer and parser need it.
extension GoQuote {
    /// Go `strconv.Unquote` for `"…"`, `` `…` `` and `'…'` literals; `nil` means `invalid syntax`.
    public static func unquote(_ s: String) -> String? {
        let b = Array(s.utf8)
        guard b.count >= 2 else { return nil }
        let q = b[0]
        guard q == b[b.count - 1] else { return nil }
        let body = Array(b[1..<(b.count - 1)])
        switch q {
        case UInt8(ascii: "`"):
            if body.contains(UInt8(ascii: "`")) { return nil }
            return String(decoding: body.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            var bytes: [UInt8] = []
            var i = 0
            var runes = 0
            while i < body.count {
                let c = body[i]
                if c == q && q == UInt8(ascii: "\"") { return nil }
                if c == UInt8(ascii: "\n") { return nil }
                guard let (decoded, next) = unquoteChar(body, i, quote: q) else { return nil }
                bytes.append(contentsOf: decoded)
                i = next
                runes += 1
                if q == UInt8(ascii: "'") && runes > 1 { return nil }
            }
            if q == UInt8(ascii: "'") && runes != 1 { return nil }
            return String(decoding: bytes, as: UTF8.self)
        default:
            return nil
        }
    }

    /// Go strconv.Unquote of the bytes `from..<to` of `bytes`. Quoted strings without escapes (the usual case)
    /// are taken as they are; anything else goes through `unquote(_:)`.
    static func unquote(_ bytes: [UInt8], _ from: Int, _ to: Int) -> String? {
        bytes.withUnsafeBufferPointer { buf -> String? in
            if to - from >= 2 {
                let q = buf[from]
                if buf[to - 1] == q && (q == UInt8(ascii: "\"") || q == UInt8(ascii: "`")) {
                    var plain = true
                    for i in (from + 1)..<(to - 1) {
                        let c = buf[i]
                        let special = q == UInt8(ascii: "`")
                            ? c == q || c == UInt8(ascii: "\r")
                            : c == q || c == UInt8(ascii: "\\") || c == UInt8(ascii: "\n")
                        if special {
                            plain = false
                            break
                        }
                    }
                    if plain {
                        return String(decoding: UnsafeBufferPointer(rebasing: buf[(from + 1)..<(to - 1)]), as: UTF8.self)
                    }
                }
            }
            return unquote(String(decoding: UnsafeBufferPointer(rebasing: buf[from..<to]), as: UTF8.self))
        }
    }

    /// Decodes one (possibly escaped) character at `i`, returning its UTF-8 bytes and the next offset.
    /// Go: strconv.UnquoteChar.
    static func unquoteChar(_ b: [UInt8], _ i: Int, quote: UInt8) -> ([UInt8], Int)? {
        let c = b[i]
        if c == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { return nil }
        if c != UInt8(ascii: "\\") {
            // Copy one UTF-8 sequence.
            var n = 1
            if c >= 0xF0 { n = 4 } else if c >= 0xE0 { n = 3 } else if c >= 0xC0 { n = 2 }
            guard i + n <= b.count else { return nil }
            return (Array(b[i..<(i + n)]), i + n)
        }
        guard i + 1 < b.count else { return nil }
        let e = b[i + 1]
        var j = i + 2
        func scalarBytes(_ v: UInt32) -> [UInt8]? {
            guard let sc = Unicode.Scalar(v) else { return nil }
            return Array(String(Character(sc)).utf8)
        }
        switch e {
        case UInt8(ascii: "a"): return ([7], j)
        case UInt8(ascii: "b"): return ([8], j)
        case UInt8(ascii: "f"): return ([12], j)
        case UInt8(ascii: "n"): return ([10], j)
        case UInt8(ascii: "r"): return ([13], j)
        case UInt8(ascii: "t"): return ([9], j)
        case UInt8(ascii: "v"): return ([11], j)
        case UInt8(ascii: "\\"): return ([e], j)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard e == quote else { return nil }
            return ([e], j)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
            guard j + n <= b.count else { return nil }
            var v: UInt32 = 0
            for k in j..<(j + n) {
                guard let d = hexDigit(b[k]) else { return nil }
                v = v << 4 | UInt32(d)
            }
            j += n
            if e == UInt8(ascii: "x") {
                // A single byte; a lone byte above 0x7f is not valid UTF-8 and is replaced.
                if v < 0x80 { return ([UInt8(v)], j) }
                return (Array("\u{FFFD}".utf8), j)
            }
            guard let bytes = scalarBytes(v) else { return nil }
            return (bytes, j)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard i + 4 <= b.count else { return nil }
            var v: UInt32 = 0
            for k in (i + 1)..<(i + 4) {
                guard b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "7") else { return nil }
                v = v * 8 + UInt32(b[k] - UInt8(ascii: "0"))
            }
            guard v <= 255 else { return nil }
            if v < 0x80 { return ([UInt8(v)], i + 4) }
            return (Array("\u{FFFD}".utf8), i + 4)
        default:
            return nil
        }
    }

    static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The value of a character constant such as `'a'` or `'\n'` (Go: parse.go newNumber via UnquoteChar).
    static func charConstantValue(_ text: String) -> Unicode.Scalar? {
        guard let s = unquote(text) else { return nil }
        let scalars = Array(s.unicodeScalars)
        return scalars.count == 1 ? scalars[0] : nil
    }
}
