import Foundation
import GoTemplate
import Values

// Sprig: regex.go over Go's regexp (RE2 syntax, leftmost-first matching).
//
// Patterns are checked for the RE2 errors Go reports, translated to ICU syntax (ASCII-only `\d \s \w`
// and POSIX classes, `.` excluding only `\n`, `$` meaning end of text without `(?m)`, `(?P<name>…)`),
// and run through NSRegularExpression with Go's iteration rules for empty matches.
// Known deviations: `(?U)` is not supported, case folding is ICU's (full) rather than RE2's (simple), and
// `\b` uses ICU's word boundaries.

extension SprigLibrary {
    static func regexFunctions() -> [GoFunc] {
        // The plain variants panic (regexp.MustCompile) where the must variants return the error.
        @Sendable func compiled(_ pattern: Value, must: Bool) throws -> GoRegex {
            let p = pattern.stringValue ?? ""
            do { return try GoRegex.compile(p) } catch let e as GoRegex.SyntaxError {
                if must { throw FunctionError("error parsing regexp: \(e.message)") }
                throw FunctionError("regexp: Compile(\(GoRegex.quoteForPanic(p))): error parsing regexp: \(e.message)")
            }
        }
        var fs: [GoFunc] = [
            GoFunc("regexMatch", [.string, .string]) { a in
                .bool((try? GoRegex.compile(a[0].stringValue ?? ""))?.matches(a[1].stringValue ?? "") ?? false)
            },
            GoFunc("mustRegexMatch", [.string, .string]) { a in
                .bool(try compiled(a[0], must: true).matches(a[1].stringValue ?? ""))
            },
            GoFunc("regexQuoteMeta", [.string]) { a in .string(GoRegex.quoteMeta(a[0].stringValue ?? "")) },
        ]
        for must in [false, true] {
            func name(_ n: String) -> String { must ? "must" + n.prefix(1).uppercased() + n.dropFirst() : n }
            fs += [
                GoFunc(name("regexFindAll"), [.string, .string, .int]) { a in
                    let s = a[1].stringValue ?? ""
                    let re = try compiled(a[0], must: must)
                    return .list(re.allMatches(s, limit: Cast.intArgument(a[2])).map { .string(re.substring(s, $0[0])) })
                },
                GoFunc(name("regexFind"), [.string, .string]) { a in
                    let s = a[1].stringValue ?? ""
                    let re = try compiled(a[0], must: must)
                    return .string(re.allMatches(s, limit: 1).first.map { re.substring(s, $0[0]) } ?? "")
                },
                GoFunc(name("regexReplaceAll"), [.string, .string, .string]) { a in
                    .string(try compiled(a[0], must: must).replaceAll(a[1].stringValue ?? "", a[2].stringValue ?? "",
                                                                     literal: false))
                },
                GoFunc(name("regexReplaceAllLiteral"), [.string, .string, .string]) { a in
                    .string(try compiled(a[0], must: must).replaceAll(a[1].stringValue ?? "", a[2].stringValue ?? "",
                                                                     literal: true))
                },
                GoFunc(name("regexSplit"), [.string, .string, .int]) { a in
                    .list(try compiled(a[0], must: must).split(a[1].stringValue ?? "", Cast.intArgument(a[2]))
                        .map(Value.string))
                },
            ]
        }
        return fs
    }
}

/// A compiled Go regular expression.
final class GoRegex: @unchecked Sendable {
    struct SyntaxError: Error { let message: String }

    let source: String
    let regex: NSRegularExpression
    /// Capture group names by index (index 0 is the whole match); `nil` for unnamed groups.
    let groupNames: [String?]

    private init(source: String, regex: NSRegularExpression, groupNames: [String?]) {
        self.source = source
        self.regex = regex
        self.groupNames = groupNames
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: GoRegex] = [:]

    /// Compiles `pattern` as Go's `regexp.Compile` would accept it (cached per pattern).
    static func compile(_ pattern: String) throws -> GoRegex {
        lock.lock()
        if let hit = cache[pattern] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let (translated, names) = try translate(pattern)
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw SyntaxError(message: "invalid regexp: `\(pattern)`")
        }
        let compiled = GoRegex(source: pattern, regex: regex, groupNames: names)
        lock.lock()
        if cache.count > 512 { cache.removeAll() }
        cache[pattern] = compiled
        lock.unlock()
        return compiled
    }

    /// How Go's `regexp.MustCompile` panic quotes the pattern (`strconv.Quote` unless a raw string fits).
    static func quoteForPanic(_ p: String) -> String {
        if !p.contains("`") && p.unicodeScalars.allSatisfy({ Cast.isPrint($0) || $0 == "\t" }) { return "`" + p + "`" }
        return Cast.quote(p)
    }

    /// Go `regexp.QuoteMeta`.
    static func quoteMeta(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out += "\\" }
            out.unicodeScalars.append(c)
        }
        return out
    }

    // MARK: Translation from RE2 to ICU

    private static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ",
        "cntrl": "\\x00-\\x1F\\x7F", "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~",
        "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_",
        "xdigit": "0-9A-Fa-f",
    ]

    private static func perlClass(_ c: Character, inClass: Bool) -> String? {
        let body: String
        switch c.lowercased() {
        case "d": body = "0-9"
        case "s": body = "\\t\\n\\f\\r "
        case "w": body = "0-9A-Za-z_"
        default: return nil
        }
        let negated = c.isUppercase
        if inClass && !negated { return body }
        return negated ? "[^" + body + "]" : "[" + body + "]"
    }

    /// Checks RE2 syntax (the errors Go reports most often) and rewrites the pattern for ICU.
    static func translate(_ pattern: String) throws -> (String, [String?]) {
        let p = Array(pattern)
        var out = ""
        var names: [String?] = [nil]
        var depth = 0
        var i = 0
        // Flags that change `.` and `$` make us keep them as ICU reads them under the same flags.
        let dotAll = pattern.contains("(?s") || pattern.range(of: #"\(\?[a-zA-Z]*s"#, options: .regularExpression) != nil
        let multiLine = pattern.range(of: #"\(\?[a-zA-Z]*m"#, options: .regularExpression) != nil
        var lastWasAtom = false
        var lastWasRepeat = false
        var lastRepeat = ""
        var ungreedy = false
        while i < p.count {
            let c = p[i]
            switch c {
            case "\\":
                guard i + 1 < p.count else { throw SyntaxError(message: "trailing backslash at end of expression: ``") }
                let e = p[i + 1]
                if let cls = perlClass(e, inClass: false) {
                    out += cls
                } else if (e == "p" || e == "P" || e == "x") && i + 2 < p.count && p[i + 2] == "{" {
                    // `\p{Greek}`, `\x{263a}`: copied whole (ICU spells them the same way).
                    guard let close = (i + 3..<p.count).first(where: { p[$0] == "}" }) else {
                        throw SyntaxError(message: e == "x"
                            ? "invalid escape sequence: `\(String(p[i...]))`"
                            : "invalid character class range: `\(String(p[i...]))`")
                    }
                    let construct = String(p[i...close])
                    if e != "x" { try GoRegex.checkProperty(construct) }
                    out += construct
                    i = close + 1
                    lastWasAtom = true
                    lastWasRepeat = false
                    continue
                } else if e.isNumber && e != "0" || e.isASCII && e.isLetter && !"afnrtvxpPbBAzQE".contains(e) {
                    // Go has no backreferences and no `\Z`, `\e`, `\u`, … escapes.
                    throw SyntaxError(message: "invalid escape sequence: `\\\(e)`")
                } else if e == "Q" {
                    // \Q…\E: literal text.
                    var j = i + 2
                    var literal = ""
                    while j < p.count && !(p[j] == "\\" && j + 1 < p.count && p[j + 1] == "E") {
                        literal.append(p[j])
                        j += 1
                    }
                    out += NSRegularExpression.escapedPattern(for: literal)
                    i = min(j + 2, p.count)
                    lastWasAtom = true
                    lastWasRepeat = false
                    continue
                } else {
                    out.append(c)
                    out.append(e)
                }
                i += 2
                lastWasAtom = true
                lastWasRepeat = false
                continue
            case "[":
                let start = i
                var j = i + 1
                var cls = "["
                if j < p.count && p[j] == "^" { cls += "^"; j += 1 }
                var first = true
                var closed = false
                while j < p.count {
                    let d = p[j]
                    if d == "]" && !first { closed = true; break }
                    first = false
                    if d == "[" && j + 1 < p.count && p[j + 1] == ":" {
                        if let end = (j + 2..<p.count).first(where: { p[$0] == ":" && $0 + 1 < p.count && p[$0 + 1] == "]" }) {
                            var name = String(p[(j + 2)..<end])
                            let negated = name.hasPrefix("^")
                            if negated { name.removeFirst() }
                            guard let body = posixClasses[name] else {
                                throw SyntaxError(message: "invalid character class range: `\(String(p[j...(end + 1)]))`")
                            }
                            cls += negated ? "[^" + body + "]" : body
                            j = end + 2
                            continue
                        }
                    }
                    if d == "[" { cls += "\\["; j += 1; continue }
                    if d == "&" || d == "-" && j + 1 < p.count && p[j + 1] == "-" { cls += "\\" + String(d); j += 1; continue }
                    if d == "\\" {
                        guard j + 1 < p.count else { break }
                        let e = p[j + 1]
                        if cls.hasSuffix("-") && cls.count > 2 && perlClass(e, inClass: true) != nil {
                            // A class escape cannot end a range (`[a-\d]`).
                            throw SyntaxError(message: "invalid escape sequence: `\\\(e)`")
                        }
                        if let body = perlClass(e, inClass: true) { cls += body } else { cls += "\\" + String(e) }
                        j += 2
                        continue
                    }
                    if j + 2 < p.count, p[j + 1] == "-", p[j + 2] != "]", p[j + 2] != "\\", p[j + 2] != "[",
                       d.unicodeScalars.first.map({ lo in p[j + 2].unicodeScalars.first.map { lo.value > $0.value } ?? false }) == true {
                        throw SyntaxError(message: "invalid character class range: `\(d)-\(p[j + 2])`")
                    }
                    cls.append(d)
                    j += 1
                }
                guard closed else {
                    throw SyntaxError(message: "missing closing ]: `\(String(p[start...]))`")
                }
                out += cls + "]"
                i = j + 1
                lastWasAtom = true
                lastWasRepeat = false
                continue
            case "(":
                if i + 1 < p.count && p[i + 1] == "?" {
                    let rest = String(p[(i + 2)...])
                    if rest.hasPrefix("P<") || rest.hasPrefix("<") {
                        let nameStart = i + (rest.hasPrefix("P<") ? 4 : 3)
                        guard let close = (nameStart..<p.count).first(where: { p[$0] == ">" }) else {
                            throw SyntaxError(message: "invalid named capture: `\(String(p[i...]))`")
                        }
                        let name = String(p[nameStart..<close])
                        guard !name.isEmpty, name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
                            throw SyntaxError(message: "invalid named capture: `\(String(p[i...close]))`")
                        }
                        // Names stay on our side (Go allows duplicates; ICU does not).
                        names.append(name)
                        out += "("
                        i = close + 1
                        depth += 1
                        lastWasAtom = false
                        lastWasRepeat = false
                        continue
                    }
                    // Flags `(?i)`, `(?i:…)`, non-capturing `(?:…)`; anything else is Perl syntax RE2 lacks.
                    var j = i + 2
                    while j < p.count && "imsU-".contains(p[j]) { j += 1 }
                    guard j < p.count, p[j] == ")" || p[j] == ":" else {
                        let shown = String(p[i..<min(j + 1, p.count)])
                        throw SyntaxError(message: "invalid or unsupported Perl syntax: `\(shown)`")
                    }
                    // ICU has no `U` (ungreedy) flag: it is applied here by flipping each quantifier's laziness
                    // from this point on (scoped `(?U:…)` groups are treated as applying to the rest).
                    var flags = String(p[(i + 2)..<j])
                    if let u = flags.firstIndex(of: "U") {
                        let negated = flags[..<u].contains("-")
                        ungreedy = !negated
                        flags.remove(at: u)
                    }
                    if flags.hasSuffix("-") { flags.removeLast() }
                    if flags.isEmpty && p[j] == ")" {
                        i = j + 1
                        continue
                    }
                    out += "(?" + flags + String(p[j])
                    if p[j] == ":" { depth += 1 }
                    i = j + 1
                    lastWasAtom = false
                    lastWasRepeat = false
                    continue
                }
                names.append(nil)
                depth += 1
                out.append(c)
                lastWasAtom = false
            case ")":
                guard depth > 0 else { throw SyntaxError(message: "unexpected ): `\(pattern)`") }
                depth -= 1
                out.append(c)
                lastWasAtom = true
                lastWasRepeat = false
                i += 1
                continue
            case "*", "+", "?", "{":
                if c == "{" {
                    // `{n}`, `{n,}`, `{n,m}` repeat; anything else is a literal brace in RE2.
                    let rest = String(p[i...])
                    if rest.range(of: #"^\{[0-9]+(,[0-9]*)?\}"#, options: .regularExpression) == nil {
                        out += "\\{"
                        i += 1
                        lastWasAtom = true
                        lastWasRepeat = false
                        continue
                    }
                }
                let opEnd: Int
                if c == "{", let close = (i..<p.count).first(where: { p[$0] == "}" }) { opEnd = close } else { opEnd = i }
                let op = String(p[i...opEnd])
                if c == "{" {
                    let bounds = op.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
                    let low = Int(bounds[0]) ?? 0
                    let high = bounds.count > 1 ? (bounds[1].isEmpty ? nil : Int(bounds[1])) : low
                    if low > 1000 || (high ?? 0) > 1000 || high.map({ $0 < low }) == true {
                        throw SyntaxError(message: "invalid repeat count: `\(op)`")
                    }
                }
                if lastWasRepeat && !(c == "?" && op.count == 1) {
                    throw SyntaxError(message: "invalid nested repetition operator: `\(lastRepeat)\(op)`")
                }
                if !lastWasAtom && !lastWasRepeat {
                    throw SyntaxError(message: "missing argument to repetition operator: `\(op)`")
                }
                out += op
                lastRepeat = op
                i = opEnd + 1
                // A lazy `?` after a repeat is part of that repeat.
                var lazy = false
                if i < p.count && p[i] == "?" {
                    lazy = true
                    lastRepeat += "?"
                    i += 1
                }
                if lazy != ungreedy { out += "?" }
                lastWasRepeat = true
                lastWasAtom = false
                continue
            case "}":
                out += "\\}"
            case ".":
                out += dotAll ? "." : "[^\\n]"
            case "$":
                out += multiLine ? "$" : "\\z"
            case "|":
                out.append(c)
                lastWasAtom = false
                lastWasRepeat = false
                i += 1
                continue
            case "^":
                out.append(c)
                lastWasAtom = true
                lastWasRepeat = false
                i += 1
                continue
            default:
                out.append(c)
            }
            lastWasAtom = true
            lastWasRepeat = false
            i += 1
        }
        if depth > 0 { throw SyntaxError(message: "missing closing ): `\(pattern)`") }
        // ICU rejects an empty pattern, which Go matches everywhere.
        return (out.isEmpty ? "(?:)" : out, names)
    }

    /// Rejects `\p{Name}` for names neither Go nor ICU know, with Go's message.
    static func checkProperty(_ construct: String) throws {
        if (try? NSRegularExpression(pattern: construct, options: [])) == nil {
            throw SyntaxError(message: "invalid character class range: `\(construct)`")
        }
    }

    // MARK: Matching (Go: regexp.go allMatches, ReplaceAllString, Split)

    /// Match ranges (UTF-16 `NSRange`s of each group) in Go's order, at most `limit` (all when negative).
    func allMatches(_ s: String, limit: Int) -> [[NSRange]] {
        let ns = s as NSString
        var result: [[NSRange]] = []
        var pos = 0
        var prevMatchEnd = -1
        let options: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
        while (limit < 0 || result.count < limit) && pos <= ns.length {
            guard let m = regex.firstMatch(in: s, options: options, range: NSRange(location: pos, length: ns.length - pos))
            else { break }
            var accept = true
            let r = m.range
            if r.length == 0 {
                if r.location == prevMatchEnd { accept = false }
                // Advance past one rune (a surrogate pair is one rune).
                if r.location < ns.length {
                    let unit = ns.character(at: r.location)
                    pos = r.location + (UTF16.isLeadSurrogate(unit) ? 2 : 1)
                } else {
                    pos = r.location + 1
                }
            } else {
                pos = r.location + r.length
            }
            prevMatchEnd = r.location + r.length
            if accept { result.append((0..<m.numberOfRanges).map { m.range(at: $0) }) }
        }
        return result
    }

    func substring(_ s: String, _ r: NSRange) -> String {
        guard r.location != NSNotFound else { return "" }
        return (s as NSString).substring(with: r)
    }

    func matches(_ s: String) -> Bool { !allMatches(s, limit: 1).isEmpty }

    /// Go `ReplaceAllString` (with `$1`, `${1}`, `$name`, `${name}`, `$$` expansion) or `ReplaceAllLiteralString`.
    func replaceAll(_ s: String, _ template: String, literal: Bool) -> String {
        let ns = s as NSString
        var out = ""
        var last = 0
        for m in allMatches(s, limit: -1) {
            out += ns.substring(with: NSRange(location: last, length: m[0].location - last))
            out += literal ? template : expand(template, s, m)
            last = m[0].location + m[0].length
        }
        out += ns.substring(from: last)
        return out
    }

    // Go: regexp.go expand
    private func expand(_ template: String, _ s: String, _ m: [NSRange]) -> String {
        let t = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            c == "_" || (c.value < 0x80 && (CharacterSet.alphanumerics.contains(c))) || GoUnicode.isLetter(c) || GoUnicode.isDigit(c)
        }
        while i < t.count {
            guard t[i] == "$" else {
                out.append(t[i])
                i += 1
                continue
            }
            if i + 1 < t.count && t[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            var name = ""
            var j = i + 1
            if j < t.count && t[j] == "{" {
                j += 1
                var k = j
                while k < t.count && isNameChar(t[k]) { k += 1 }
                guard k < t.count, t[k] == "}", k > j else {
                    // Malformed: the `$` is copied literally.
                    out.append("$")
                    i += 1
                    continue
                }
                name = String(String.UnicodeScalarView(t[j..<k]))
                j = k + 1
            } else {
                var k = j
                while k < t.count && isNameChar(t[k]) { k += 1 }
                guard k > j else {
                    out.append("$")
                    i += 1
                    continue
                }
                name = String(String.UnicodeScalarView(t[j..<k]))
                j = k
            }
            i = j
            var group: Int? = nil
            if let n = Int(name), name.allSatisfy({ $0.isASCII && $0.isNumber }) {
                group = n
            } else {
                group = groupNames.firstIndex { $0 == name }
            }
            if let g = group, g < m.count, m[g].location != NSNotFound {
                out.append(contentsOf: substring(s, m[g]).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Go `(*Regexp).Split`.
    func split(_ s: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if !source.isEmpty && s.isEmpty { return [""] }
        let ns = s as NSString
        var parts: [String] = []
        var begin = 0
        var end = 0
        for m in allMatches(s, limit: n) {
            if n > 0 && parts.count == n - 1 { break }
            end = m[0].location
            if m[0].location + m[0].length != 0 {
                parts.append(ns.substring(with: NSRange(location: begin, length: end - begin)))
            }
            begin = m[0].location + m[0].length
        }
        if end != ns.length { parts.append(ns.substring(from: begin)) }
        return parts
    }
}

extension GoRegex {
    /// Go `FindStringSubmatch`: the groups of the first match ("" for a group that did not take part).
    func submatch(_ s: String) -> [String]? {
        guard let m = allMatches(s, limit: 1).first else { return nil }
        return m.map { substring(s, $0) }
    }

    /// Go `FindAllStringSubmatch`.
    func allSubmatches(_ s: String) -> [[String]] {
        allMatches(s, limit: -1).map { m in m.map { substring(s, $0) } }
    }

    /// A pattern known to be valid (used for the library's own patterns).
    static func builtin(_ pattern: String) -> GoRegex? { try? compile(pattern) }
}
