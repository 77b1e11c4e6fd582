import GoTemplate
import Values

// Sprig: strings.go, plus the goutils and xstrings helpers it calls.

extension SprigLibrary {
    static func stringFunctions(_ env: SprigEnvironment) -> [GoFunc] {
        [
            GoFunc("abbrev", [.int, .string]) { a in
                let width = Cast.intArgument(a[0])
                let s = a[1].stringValue ?? ""
                if width < 4 { return .string(s) }
                return .string(abbreviate(s, offset: 0, maxWidth: width))
            },
            GoFunc("abbrevboth", [.int, .int, .string]) { a in
                let left = Cast.intArgument(a[0])
                let right = Cast.intArgument(a[1])
                let s = a[2].stringValue ?? ""
                if right < 4 || left > 0 && right < 7 { return .string(s) }
                return .string(abbreviate(s, offset: left, maxWidth: right))
            },
            GoFunc("trunc", [.int, .string]) { a in
                let c = Cast.intArgument(a[0])
                // A string of at most c UTF-8 bytes has at most c Go bytes: nothing to cut.
                if c >= 0, case .string(let s) = a[1], s.utf8.count <= c { return a[1] }
                let b = Bytes.of(a[1])
                if c < 0 && b.count + c > 0 { return .string(Bytes.string(b[(b.count + c)...])) }
                if c >= 0 && b.count > c { return .string(Bytes.string(b[..<c])) }
                return a[1]
            },
            GoFunc("trim", [.string]) { a in .string(trimSpace(a[0].stringValue ?? "")) },
            GoFunc("upper", [.string]) { a in .string(GoUnicode.map(a[0].stringValue ?? "", GoUnicode.toUpper)) },
            GoFunc("lower", [.string]) { a in .string(GoUnicode.map(a[0].stringValue ?? "", GoUnicode.toLower)) },
            GoFunc("title", [.string]) { a in .string(title(a[0].stringValue ?? "")) },
            GoFunc("untitle", [.string]) { a in .string(uncapitalize(a[0].stringValue ?? "")) },
            GoFunc("substr", [.int, .int, .string]) { a in
                let start = Cast.intArgument(a[0])
                let end = Cast.intArgument(a[1])
                let b = Bytes.of(a[2])
                if start < 0 { return .string(Bytes.string(try GoPanic.slice(b, 0, end))) }
                if end < 0 || end > b.count { return .string(Bytes.string(try GoPanic.slice(b, start, b.count))) }
                return .string(Bytes.string(try GoPanic.slice(b, start, end)))
            },
            GoFunc("repeat", [.int, .string]) { a in
                let count = Cast.intArgument(a[0])
                guard count >= 0 else { throw FunctionError("strings: negative Repeat count") }
                return .string(String(repeating: a[1].stringValue ?? "", count: count))
            },
            GoFunc("trimall", [.string, .string]) { a in .string(trim(a[1].stringValue ?? "", a[0].stringValue ?? "")) },
            GoFunc("trimAll", [.string, .string]) { a in .string(trim(a[1].stringValue ?? "", a[0].stringValue ?? "")) },
            GoFunc("trimSuffix", [.string, .string]) { a in
                let suffix = a[0].stringValue ?? ""
                let s = a[1].stringValue ?? ""
                guard Bytes.hasSuffix(s, suffix) else { return .string(s) }
                return .string(Bytes.string(s.utf8.dropLast(suffix.utf8.count)))
            },
            GoFunc("trimPrefix", [.string, .string]) { a in
                let prefix = a[0].stringValue ?? ""
                let s = a[1].stringValue ?? ""
                guard Bytes.hasPrefix(s, prefix) else { return .string(s) }
                return .string(Bytes.string(s.utf8.dropFirst(prefix.utf8.count)))
            },
            GoFunc("nospace", [.string]) { a in .string(deleteWhiteSpace(a[0].stringValue ?? "")) },
            GoFunc("initials", [.string]) { a in .string(initials(a[0].stringValue ?? "")) },
            GoFunc("randAlphaNum", [.int]) { a in
                .string(randomString(env, Cast.intArgument(a[0]), from: asciiLetters + asciiDigits))
            },
            GoFunc("randAlpha", [.int]) { a in .string(randomString(env, Cast.intArgument(a[0]), from: asciiLetters)) },
            GoFunc("randAscii", [.int]) { a in
                .string(randomString(env, Cast.intArgument(a[0]), from: Array(32...126).map { UInt8($0) }))
            },
            GoFunc("hello", []) { _ in .string("Hello!") },
            GoFunc("randNumeric", [.int]) { a in .string(randomString(env, Cast.intArgument(a[0]), from: asciiDigits)) },
            GoFunc("swapcase", [.string]) { a in .string(swapCase(a[0].stringValue ?? "")) },
            GoFunc("shuffle", [.string]) { a in
                // xstrings: Shuffle (Fisher–Yates over runes with math/rand).
                var scalars = Array((a[0].stringValue ?? "").unicodeScalars)
                var i = scalars.count - 1
                while i > 0 {
                    let j = env.randomInt(below: i + 1)
                    scalars.swapAt(i, j)
                    i -= 1
                }
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars)
                return .string(String(out))
            },
            GoFunc("snakecase", [.string]) { a in .string(CaseWords.lowerCase(a[0].stringValue ?? "", connector: "_")) },
            GoFunc("camelcase", [.string]) { a in .string(CaseWords.pascalCase(a[0].stringValue ?? "")) },
            GoFunc("kebabcase", [.string]) { a in .string(CaseWords.lowerCase(a[0].stringValue ?? "", connector: "-")) },
            GoFunc("wrap", [.int, .string]) { a in
                .string(wrap(a[1].stringValue ?? "", Cast.intArgument(a[0]), newline: "", wrapLongWords: false))
            },
            GoFunc("wrapWith", [.int, .string, .string]) { a in
                .string(wrap(a[2].stringValue ?? "", Cast.intArgument(a[0]), newline: a[1].stringValue ?? "",
                             wrapLongWords: true))
            },
            GoFunc("contains", [.string, .string]) { a in
                .bool(Bytes.index(of: Bytes.of(a[0]), in: Bytes.of(a[1])) != nil)
            },
            GoFunc("hasPrefix", [.string, .string]) { a in .bool(Bytes.hasPrefix(a[1].stringValue ?? "", a[0].stringValue ?? "")) },
            GoFunc("hasSuffix", [.string, .string]) { a in .bool(Bytes.hasSuffix(a[1].stringValue ?? "", a[0].stringValue ?? "")) },
            GoFunc("quote", [], variadic: .interface) { a in
                .string(a.filter { !$0.isNull }.map { Cast.quote(Cast.string($0)) }.joined(separator: " "))
            },
            GoFunc("squote", [], variadic: .interface) { a in
                .string(a.filter { !$0.isNull }.map { "'" + GoFormat.describe($0) + "'" }.joined(separator: " "))
            },
            GoFunc("cat", [], variadic: .interface) { a in
                .string(a.filter { !$0.isNull }.map { GoFormat.describe($0) }.joined(separator: " "))
            },
            GoFunc("indent", [.int, .string]) { a in .string(try indent(Cast.intArgument(a[0]), a[1].stringValue ?? "")) },
            GoFunc("nindent", [.int, .string]) { a in
                .string(try indent(Cast.intArgument(a[0]), a[1].stringValue ?? "", after: "\n"))
            },
            GoFunc("replace", [.string, .string, .string]) { a in
                .string(Bytes.replaceAll(a[2].stringValue ?? "", a[0].stringValue ?? "", a[1].stringValue ?? ""))
            },
            GoFunc("plural", [.string, .string, .int]) { a in Cast.intArgument(a[2]) == 1 ? a[0] : a[1] },
            GoFunc("toString", [.interface]) { a in .string(Cast.string(a[0])) },
            GoFunc("join", [.string, .interface]) { a in
                .string(stringSlice(a[1]).joined(separator: a[0].stringValue ?? ""))
            },
            GoFunc("sortAlpha", [.interface]) { a in
                guard a[0].sliceElements != nil else { return .list([.string(Cast.string(a[0]))]) }
                let sorted = stringSlice(a[0]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                return .list(sorted.map(Value.string))
            },
            GoFunc("split", [.string, .string]) { a in
                splitMap(Bytes.split(a[1].stringValue ?? "", a[0].stringValue ?? ""))
            },
            GoFunc("splitList", [.string, .string]) { a in
                .list(Bytes.split(a[1].stringValue ?? "", a[0].stringValue ?? "").map(Value.string))
            },
            GoFunc("splitn", [.string, .int, .string]) { a in
                splitMap(Bytes.split(a[2].stringValue ?? "", a[0].stringValue ?? "", Cast.intArgument(a[1])))
            },
            GoFunc("toStrings", [.interface]) { a in .list(stringSlice(a[0]).map(Value.string)) },
        ]
    }

    /// Sprig `strslice`: slice elements (nils dropped) through `strval`; nil → `[]`; anything else → `[strval v]`.
    static func stringSlice(_ v: Value) -> [String] {
        switch v {
        case .list(let l): return l.filter { !$0.isNull }.map(Cast.string)
        case .null: return []
        default:
            // Sprig: strslice reflects over any slice type (`join "," .Capabilities.APIVersions`).
            if case .list(let l)? = v.collectionElements { return l.filter { !$0.isNull }.map(Cast.string) }
            return [Cast.string(v)]
        }
    }

    private static func splitMap(_ parts: [String]) -> Value {
        let m = ValueMap()
        for (i, p) in parts.enumerated() { m["_\(i)"] = .string(p) }
        m.namedType = "map[string]string"  // Sprig's split and splitn return map[string]string
        return .map(m)
    }

    /// Sprig `indent`: `pad + strings.Replace(s, "\n", "\n"+pad, -1)`, after `prefix` (`nindent` puts a newline
    /// first), built in one pass over the bytes. A newline is ASCII, so the lines between are copied unchanged.
    static func indent(_ spaces: Int, _ s: String, after prefix: String = "") throws -> String {
        guard spaces >= 0 else { throw FunctionError("strings: negative Repeat count") }
        let pad = [UInt8](repeating: UInt8(ascii: " "), count: spaces)
        var text = s
        return text.withUTF8 { buf in
            var out: [UInt8] = []
            out.reserveCapacity(prefix.utf8.count + buf.count + spaces * 8)
            out += prefix.utf8
            out += pad
            var lineStart = 0
            for i in 0..<buf.count where buf[i] == UInt8(ascii: "\n") {
                out += UnsafeBufferPointer(rebasing: buf[lineStart...i])
                out += pad
                lineStart = i + 1
            }
            out += UnsafeBufferPointer(rebasing: buf[lineStart...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Go `strings.TrimSpace`.
    static func trimSpace(_ s: String) -> String {
        let u = s.unicodeScalars
        guard let start = u.firstIndex(where: { !GoUnicode.isSpace($0) }),
              let end = u.lastIndex(where: { !GoUnicode.isSpace($0) }) else { return "" }
        return String(u[start...end])
    }

    /// Go `strings.Trim(s, cutset)`.
    static func trim(_ s: String, _ cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        let u = s.unicodeScalars
        guard let start = u.firstIndex(where: { !cut.contains($0) }),
              let end = u.lastIndex(where: { !cut.contains($0) }) else { return "" }
        return String(u[start...end])
    }

    /// Go `strings.Title`: upper-cases (title-cases) the first letter of each word.
    static func title(_ s: String) -> String {
        var prev: Unicode.Scalar = " "
        return GoUnicode.map(s) { r in
            defer { prev = r }
            return isTitleSeparator(prev) ? GoUnicode.toTitle(r) : r
        }
    }

    // Go: strings.go isSeparator
    private static func isTitleSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if GoUnicode.isLetter(r) || GoUnicode.isDigit(r) { return false }
        return GoUnicode.isSpace(r)
    }

    /// goutils `Uncapitalize` with no delimiters: lower-cases the first rune after each space.
    static func uncapitalize(_ s: String) -> String {
        var next = true
        return GoUnicode.map(s) { r in
            if GoUnicode.isSpace(r) { next = true; return r }
            if next { next = false; return GoUnicode.toLower(r) }
            return r
        }
    }

    /// goutils `SwapCase`: upper ↔ lower, title-casing a lower-case letter that starts a word.
    static func swapCase(_ s: String) -> String {
        var whitespace = true
        return GoUnicode.map(s) { r in
            if GoUnicode.isUpper(r) || GoUnicode.isTitle(r) {
                whitespace = false
                return GoUnicode.toLower(r)
            }
            if GoUnicode.isLower(r) {
                defer { whitespace = false }
                return whitespace ? GoUnicode.toTitle(r) : GoUnicode.toUpper(r)
            }
            whitespace = GoUnicode.isSpace(r)
            return r
        }
    }

    /// Appends byte `b` as goutils does: `rune(str[i])`, so bytes ≥ 0x80 become Latin-1 runes.
    private static func appendLatin1(_ b: UInt8, to out: inout String) {
        out.unicodeScalars.append(Unicode.Scalar(b))
    }

    /// goutils `DeleteWhiteSpace` (byte-wise, as goutils reads `str[i]`).
    static func deleteWhiteSpace(_ s: String) -> String {
        var out = ""
        var count = 0
        for b in s.utf8 where !GoUnicode.isSpace(Unicode.Scalar(b)) {
            appendLatin1(b, to: &out)
            count += 1
        }
        return count == s.utf8.count ? s : out
    }

    /// goutils `Initials` (byte-wise).
    static func initials(_ s: String) -> String {
        var out = ""
        var lastWasGap = true
        for b in s.utf8 {
            if GoUnicode.isSpace(Unicode.Scalar(b)) {
                lastWasGap = true
            } else if lastWasGap {
                appendLatin1(b, to: &out)
                lastWasGap = false
            }
        }
        return out
    }

    /// goutils `AbbreviateFull` (byte offsets; widths below 4, or below 7 with an offset, give "").
    static func abbreviate(_ str: String, offset: Int, maxWidth: Int) -> String {
        let b = Array(str.utf8)
        if b.isEmpty || maxWidth < 4 { return "" }
        if b.count <= maxWidth { return str }
        var offset = min(offset, b.count)
        if b.count - offset < maxWidth - 3 { offset = b.count - (maxWidth - 3) }
        if offset <= 4 { return Bytes.string(b[0..<(maxWidth - 3)]) + "..." }
        if maxWidth < 7 { return "" }
        if offset + maxWidth - 3 < b.count {
            return "..." + abbreviate(Bytes.string(b[offset...]), offset: 0, maxWidth: maxWidth - 3)
        }
        return "..." + Bytes.string(b[(b.count - (maxWidth - 3))...])
    }

    /// goutils `WrapCustom` (byte offsets, breaking at ASCII spaces).
    static func wrap(_ str: String, _ width: Int, newline: String, wrapLongWords: Bool) -> String {
        let s = Array(str.utf8)
        if s.isEmpty { return "" }
        let nl = newline.isEmpty ? Array("\n".utf8) : Array(newline.utf8)
        let width = max(width, 1)
        let space = UInt8(ascii: " ")
        var offset = 0
        var out: [UInt8] = []
        while s.count - offset > width {
            if s[offset] == space {
                offset += 1
                continue
            }
            let end = width + offset + 1
            if let rel = s[offset..<end].lastIndex(of: space) {
                out += s[offset..<rel]
                out += nl
                offset = rel + 1
            } else if wrapLongWords {
                out += s[offset..<(width + offset)]
                out += nl
                offset += width
            } else if let next = s[(width + offset)...].firstIndex(of: space) {
                out += s[offset..<next]
                out += nl
                offset = next + 1
            } else {
                out += s[offset...]
                offset = s.count
            }
        }
        out += s[offset...]
        return Bytes.string(out)
    }

    static let asciiLetters: [UInt8] = Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
    static let asciiDigits: [UInt8] = Array(UInt8(ascii: "0")...UInt8(ascii: "9"))

    /// goutils `CryptoRandom*`: `count` characters drawn from `alphabet`; a negative count gives "".
    static func randomString(_ env: SprigEnvironment, _ count: Int, from alphabet: [UInt8]) -> String {
        guard count > 0 else { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(alphabet[env.randomInt(below: alphabet.count)]) }
        return Bytes.string(out)
    }
}
