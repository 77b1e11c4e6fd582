import Values

/// Go's `strconv` number parsing as the template parser uses it (`ParseInt`/`ParseUint` with base 0, `ParseFloat`).
enum GoNumber {
    /// Go `underscoreOK`: underscores only between digits (or after a base prefix).
    static func underscoreOK(_ text: Substring) -> Bool {
        var s = Array(text.utf8)
        var saw: UInt8 = UInt8(ascii: "^")
        var i = 0
        if let f = s.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { s.removeFirst() }
        var hex = false
        if s.count >= 2 && s[0] == UInt8(ascii: "0") {
            let l = s[1] | 0x20
            if l == UInt8(ascii: "b") || l == UInt8(ascii: "o") || l == UInt8(ascii: "x") {
                i = 2
                saw = UInt8(ascii: "0")
                hex = l == UInt8(ascii: "x")
            }
        }
        while i < s.count {
            let c = s[i]
            let l = c | 0x20
            if (c >= 0x30 && c <= 0x39) || (hex && l >= UInt8(ascii: "a") && l <= UInt8(ascii: "f")) {
                saw = UInt8(ascii: "0")
            } else if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
            } else {
                if saw == UInt8(ascii: "_") { return false }
                saw = UInt8(ascii: "!")
            }
            i += 1
        }
        return saw != UInt8(ascii: "_")
    }

    /// Go `strconv.ParseUint(s, 0, 64)`.
    static func parseUint(_ text: String) -> UInt64? {
        var s = Substring(text)
        guard !s.isEmpty else { return nil }
        var base: UInt64 = 10
        let b = Array(s.utf8)
        if b[0] == UInt8(ascii: "0") {
            let l = b.count >= 3 ? b[1] | 0x20 : 0
            if l == UInt8(ascii: "b") { base = 2; s = s.dropFirst(2) } else if l == UInt8(ascii: "o") {
                base = 8; s = s.dropFirst(2)
            } else if l == UInt8(ascii: "x") { base = 16; s = s.dropFirst(2) } else { base = 8; s = s.dropFirst(1) }
        }
        var n: UInt64 = 0
        var underscores = false
        for c in s.utf8 {
            var d: UInt64
            switch c {
            case UInt8(ascii: "_"):
                underscores = true
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            if d >= base { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            n = a
        }
        if underscores && !underscoreOK(Substring(text)) { return nil }
        return n
    }

    /// Go `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ text: String) -> Int64? {
        guard let f = text.utf8.first else { return nil }
        var neg = false
        var body = text
        if f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            neg = f == UInt8(ascii: "-")
            body = String(text.dropFirst())
        }
        guard let u = parseUint(body) else { return nil }
        if neg {
            if u > UInt64(Int64.max) + 1 { return nil }
            return u == UInt64(Int64.max) + 1 ? Int64.min : -Int64(u)
        }
        if u > UInt64(Int64.max) { return nil }
        return Int64(u)
    }

    /// Go `strconv.ParseFloat(s, 64)` for the spellings the lexer produces.
    static func parseFloat(_ text: String) -> Double? {
        var b = Array(text.utf8)
        guard !b.isEmpty else { return nil }
        var neg = false
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") {
            neg = b[0] == UInt8(ascii: "-")
            b.removeFirst()
        }
        if b.contains(UInt8(ascii: "_")) {
            guard underscoreOK(Substring(text)) else { return nil }
            b.removeAll { $0 == UInt8(ascii: "_") }
        }
        guard !b.isEmpty else { return nil }
        let isHex = b.count >= 2 && b[0] == UInt8(ascii: "0") && (b[1] | 0x20) == UInt8(ascii: "x")
        var i = isHex ? 2 : 0
        var mantissaDigits = 0
        var sawDot = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                if sawDot { return nil }
                sawDot = true
            } else if isHex ? GoQuote.hexDigit(c) != nil : (c >= 0x30 && c <= 0x39) {
                mantissaDigits += 1
            } else {
                break
            }
            i += 1
        }
        guard mantissaDigits > 0 else { return nil }
        if i < b.count {
            let e = b[i] | 0x20
            guard e == (isHex ? UInt8(ascii: "p") : UInt8(ascii: "e")) else { return nil }
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            var expDigits = 0
            while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1; expDigits += 1 }
            guard expDigits > 0, i == b.count else { return nil }
        } else if isHex {
            return nil  // Go: hexadecimal mantissa requires a 'p' exponent.
        }
        guard let v = Double(String(decoding: b, as: UTF8.self)) else { return nil }
        if v.isInfinite { return nil }  // Go: value out of range.
        return neg ? -v : v
    }

    /// `re+imi` / `re-imi` (Go: strconv.ParseComplex for template constants).
    static func parseComplex(_ text: String) -> (Double, Double)? {
        guard text.hasSuffix("i") else { return nil }
        let b = Array(text.utf8.dropLast())
        var k = b.count - 1
        while k > 0 {
            if (b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-")) && (b[k - 1] | 0x20) != UInt8(ascii: "e")
                && (b[k - 1] | 0x20) != UInt8(ascii: "p") {
                break
            }
            k -= 1
        }
        guard k > 0, let re = parseFloat(String(decoding: b[0..<k], as: UTF8.self)),
            let im = parseFloat(String(decoding: b[k...], as: UTF8.self))
        else { return nil }
        return (re, im)
    }
}
