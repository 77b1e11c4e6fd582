import GoTemplate
import Values

// Conversions shared by every domain: Sprig's `strval`, `spf13/cast` numbers, `empty`, Go `%q`.

extension Value {
    /// Go's `reflect.Kind` name of the value as Sprig's messages print it (`Cannot find first on type int`).
    var sprigKind: String { goKind }

    /// The slice elements when the value is a Go slice or array (`reflect.Slice`, `reflect.Array`).
    /// Sprig reflects on the kind, so a Go slice type such as `common.VersionSet` or `[]uint8` counts too.
    var sliceElements: [Value]? {
        if case .list(let l) = self { return l }
        if case .list(let l)? = collectionElements { return l }
        return nil
    }
}

enum Cast {
    /// Sprig `strval`: strings as they are, `Stringer`s through `String()`, everything else through `%v`.
    static func string(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .object(let o): return o.goString
        default: return GoFormat.describe(v)
        }
    }

    /// `cast.ToInt64`: numbers truncated, booleans 0/1, strings through `strconv.ParseInt(s, 0, 0)` after
    /// trimming a zero decimal part (`"1.0"`), anything else 0.
    static func int64(_ v: Value) -> Int64 {
        switch v {
        case .int(let i, _): return i
        case .float(let f): return truncating(f)
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return parseInt(trimZeroDecimal(s)) ?? 0
        default: return 0
        }
    }

    /// `cast.ToFloat64`: numbers widened, booleans 0/1, strings through `strconv.ParseFloat`, anything else 0.
    static func float64(_ v: Value) -> Double {
        switch v {
        case .int(let i, _): return Double(i)
        case .float(let f): return f
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return parseFloat(s) ?? 0
        default: return 0
        }
    }

    /// Go's `int64(f)` conversion; out-of-range values (and NaN) give the amd64 result, the minimum int64.
    static func truncating(_ f: Double) -> Int64 {
        guard f.isFinite, f > -9.223372036854775808e18, f < 9.223372036854775808e18 else { return Int64.min }
        return Int64(f)
    }

    // cast: number.go trimZeroDecimal
    static func trimZeroDecimal(_ s: String) -> String {
        let b = Array(s.utf8)
        var foundZero = false
        var i = b.count
        while i > 0 {
            switch b[i - 1] {
            case UInt8(ascii: "."):
                if foundZero { return String(decoding: b[..<(i - 1)], as: UTF8.self) }
            case UInt8(ascii: "0"): foundZero = true
            default: return s
            }
            i -= 1
        }
        return s
    }

    /// `strconv.ParseInt(s, base, 64)`; base 0 reads Go literal prefixes (`0x`, `0o`, `0b`, `0`) and underscores.
    static func parseInt(_ s: String, base: Int = 0) -> Int64? {
        var b = Array(s.utf8)[...]
        guard !b.isEmpty else { return nil }
        var negative = false
        if b.first == UInt8(ascii: "+") || b.first == UInt8(ascii: "-") {
            negative = b.first == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        var radix = base
        var prefixed = false
        if base == 0 {
            radix = 10
            if b.first == UInt8(ascii: "0") {
                let next = b.count > 1 ? b[b.startIndex + 1] | 0x20 : 0
                if next == UInt8(ascii: "x") { radix = 16; b = b.dropFirst(2); prefixed = true }
                else if next == UInt8(ascii: "o") { radix = 8; b = b.dropFirst(2); prefixed = true }
                else if next == UInt8(ascii: "b") { radix = 2; b = b.dropFirst(2); prefixed = true }
                else { radix = 8; b = b.dropFirst(1); prefixed = true
                    if b.isEmpty { return 0 }
                }
            }
        }
        guard !b.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        var sawDigit = false
        var lastUnderscore = false
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        for c in b {
            if c == UInt8(ascii: "_") {
                // Go: atoi.go underscoreOK; only base 0 accepts underscores, between digits or after a prefix.
                guard base == 0, sawDigit || prefixed, !lastUnderscore else { return nil }
                lastUnderscore = true
                continue
            }
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard d < UInt64(radix) else { return nil }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: UInt64(radix))
            let (n, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2, n <= limit else { return nil }
            magnitude = n
            sawDigit = true
            lastUnderscore = false
        }
        guard sawDigit, !lastUnderscore else { return nil }
        if negative { return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude) }
        return Int64(magnitude)
    }

    /// `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1p-2`) forms, `Inf`, `Infinity`, `NaN`.
    static func parseFloat(_ s: String) -> Double? {
        var body = Substring(s)
        var sign = ""
        if let f = body.first, f == "+" || f == "-" {
            sign = f == "-" ? "-" : ""
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign == "-" ? -.infinity : .infinity
        case "nan": return sign.isEmpty && s.first != "+" ? .nan : nil
        default: break
        }
        var lower = body.lowercased()
        if lower.contains("_") {
            // Go: atoi.go underscoreOK; an underscore must sit between digits (or after a base prefix).
            let u = Array(lower.utf8)
            for (k, c) in u.enumerated() where c == UInt8(ascii: "_") {
                let isHexDigit: (UInt8) -> Bool = { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
                let before = k > 0 && (isHexDigit(u[k - 1]) || u[k - 1] == UInt8(ascii: "x"))
                let after = k + 1 < u.count && isHexDigit(u[k + 1])
                guard before, after else { return nil }
            }
            lower = lower.replacingOccurrences(of: "_", with: "")
        }
        if lower.hasPrefix("0x") {
            // Go requires a `p` exponent in hexadecimal floats; underscores may separate digits.
            guard lower.contains("p") else { return nil }
            return Double(sign + lower.replacingOccurrences(of: "_", with: ""))
        }
        // Decimal: digits [. digits] [e [sign] digits], at least one mantissa digit.
        var sawDigit = false
        var sawDot = false
        var i = lower.utf8.startIndex
        let u = lower.utf8
        while i < u.endIndex {
            let c = u[i]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { sawDigit = true }
            else if c == UInt8(ascii: "."), !sawDot { sawDot = true }
            else { break }
            i = u.index(after: i)
        }
        guard sawDigit else { return nil }
        if i < u.endIndex {
            guard u[i] == UInt8(ascii: "e") else { return nil }
            i = u.index(after: i)
            if i < u.endIndex, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
            var expDigits = false
            while i < u.endIndex, u[i] >= UInt8(ascii: "0"), u[i] <= UInt8(ascii: "9") {
                expDigits = true
                i = u.index(after: i)
            }
            guard expDigits, i == u.endIndex else { return nil }
        }
        return Double(sign + lower)
    }

    /// Sprig `empty`: nil, false, 0, 0.0, and empty strings, slices and maps are empty; structs never are.
    static func isEmpty(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i, _): return i == 0
        case .float(let f): return f == 0
        case .string(let s): return s.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .object(let o): return !o.isTruthy
        }
    }

    /// `int` argument of a Go function taking `...int` after the executor's conversion.
    static func intArgument(_ v: Value) -> Int {
        if case .int(let i, _) = v { return Int(i) }
        return Int(int64(v))
    }

    /// Go's `strconv.Quote` (`%q` of a string).
    static func quote(_ s: String) -> String { GoQuote.quote(s) }

    /// Go `strconv.IsPrint`.
    static func isPrint(_ s: Unicode.Scalar) -> Bool { GoQuote.isPrint(s) }
}

/// A Go runtime panic inside a function, reported as text/template's `safeCall` does.
enum GoPanic {
    static let nilDereference = FunctionError("runtime error: invalid memory address or nil pointer dereference")

    static func sliceBounds(_ low: Int, _ high: Int) -> FunctionError {
        FunctionError("runtime error: slice bounds out of range [\(low):\(high)]")
    }

    static func sliceBoundsCapacity(_ high: Int, _ capacity: Int) -> FunctionError {
        FunctionError("runtime error: slice bounds out of range [:\(high)] with capacity \(capacity)")
    }

    static func sliceBoundsLength(_ high: Int, _ length: Int) -> FunctionError {
        FunctionError("runtime error: slice bounds out of range [:\(high)] with length \(length)")
    }
}

extension GoPanic {
    /// `s[low:high]` on bytes with Go's bounds checks (high against the length first, then low against high).
    static func slice<T>(_ s: [T], _ low: Int, _ high: Int, what: String = "length") throws -> ArraySlice<T> {
        if high < 0 { throw FunctionError("runtime error: slice bounds out of range [:\(high)]") }
        if high > s.count {
            throw FunctionError("runtime error: slice bounds out of range [:\(high)] with \(what) \(s.count)")
        }
        if low < 0 { throw FunctionError("runtime error: slice bounds out of range [\(low):]") }
        if low > high { throw sliceBounds(low, high) }
        return s[low..<high]
    }
}

/// Byte-level string helpers: Go strings are byte sequences and Go compares, searches and slices bytes.
enum Bytes {
    /// A Go string of these bytes (invalid UTF-8 kept, see `GoBytes`).
    static func string<C: Collection>(_ b: C) -> String where C.Element == UInt8 {
        GoBytes.string(b)
    }

    /// The bytes Go sees for a string argument (escaped raw bytes restored, see `GoBytes`).
    static func of(_ v: Value) -> [UInt8] { GoBytes.bytes(v.stringValue ?? "") }

    /// Index of the first occurrence of `needle` in `hay` at or after `from` (Go `strings.Index`).
    static func index(of needle: [UInt8], in hay: [UInt8], from: Int = 0) -> Int? {
        if needle.isEmpty { return from <= hay.count ? from : nil }
        guard hay.count >= needle.count else { return nil }
        var i = from
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func lastIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        if needle.isEmpty { return hay.count }
        guard hay.count >= needle.count else { return nil }
        var i = hay.count - needle.count
        while i >= 0 {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }

    /// Go `strings.SplitN` (`n < 0`: all; `n == 0`: nil; an empty separator splits after each UTF-8 sequence).
    static func split(_ s: String, _ sep: String, _ n: Int = -1) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            var parts = s.unicodeScalars.map { String($0) }
            if n > 0 && parts.count > n {
                let tail = parts[(n - 1)...].joined()
                parts = Array(parts[..<(n - 1)]) + [tail]
            }
            return parts
        }
        let hay = Array(s.utf8)
        let needle = Array(sep.utf8)
        var parts: [String] = []
        var start = 0
        while n < 0 || parts.count < n - 1, let i = index(of: needle, in: hay, from: start) {
            parts.append(string(hay[start..<i]))
            start = i + needle.count
        }
        parts.append(string(hay[start...]))
        return parts
    }

    /// Go `strings.Replace(s, old, new, -1)`.
    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for scalar in s.unicodeScalars {
                out.unicodeScalars.append(scalar)
                out += new
            }
            return out
        }
        let hay = Array(s.utf8)
        let needle = Array(old.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var start = 0
        while let i = index(of: needle, in: hay, from: start) {
            out += hay[start..<i]
            out += new.utf8
            start = i + needle.count
        }
        out += hay[start...]
        return string(out)
    }

    static func hasPrefix(_ s: String, _ p: String) -> Bool { s.utf8.starts(with: p.utf8) }

    static func hasSuffix(_ s: String, _ p: String) -> Bool { s.utf8.reversed().starts(with: p.utf8.reversed()) }

    static func equal(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}
