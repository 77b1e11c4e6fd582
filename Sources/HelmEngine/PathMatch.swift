/// Shell-style name matching as Go's `path.Match` / `filepath.Match` does it (on `/`-separated names).
///
/// `*` matches any run of characters except `/`, `?` one character except `/`, `[a-z]`/`[^a-z]` a class, and
/// `\` escapes. A malformed pattern (`[` unclosed) never matches, as Helm treats the returned error.
enum PathMatch {
    /// Whether `name` matches `pattern` in full.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        matches(Array(pattern.unicodeScalars), Array(name.unicodeScalars))
    }

    /// `matches` on patterns and names already split into scalars (for matching many names against many rules).
    static func matches(_ pattern: [Unicode.Scalar], _ name: [Unicode.Scalar]) -> Bool {
        match(pattern, 0, name, 0) ?? false
    }

    /// Whether `pattern` is well formed (Go returns `ErrBadPattern` otherwise).
    static func isValid(_ pattern: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array("abc".unicodeScalars), 0) != nil
    }

    // Returns nil for a malformed pattern.
    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ n: [Unicode.Scalar], _ ni: Int) -> Bool? {
        var pi = pi
        var ni = ni
        while pi < p.count {
            switch p[pi] {
            case "*":
                // Go: a star matches the longest run first, never crossing a separator.
                var rest = pi
                while rest < p.count, p[rest] == "*" { rest += 1 }
                if rest == p.count { return !n[ni...].contains("/") }
                var end = ni
                while true {
                    if let r = match(p, rest, n, end), r { return true }
                    if end == n.count || n[end] == "/" { break }
                    end += 1
                }
                // Validate the remainder of the pattern so malformed patterns report as such.
                return match(p, rest, [], 0) == nil ? nil : false
            case "?":
                guard ni < n.count, n[ni] != "/" else { return false }
                pi += 1
                ni += 1
            case "[":
                guard let (matched, next) = matchClass(p, pi + 1, ni < n.count ? n[ni] : nil) else { return nil }
                guard ni < n.count, n[ni] != "/", matched else { return false }
                pi = next
                ni += 1
            case "\\":
                guard pi + 1 < p.count else { return nil }
                guard ni < n.count, n[ni] == p[pi + 1] else { return false }
                pi += 2
                ni += 1
            default:
                guard ni < n.count, n[ni] == p[pi] else { return false }
                pi += 1
                ni += 1
            }
        }
        return ni == n.count
    }

    /// Matches a `[...]` class starting after `[`; returns whether `c` is in it and the index after `]`.
    private static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar?) -> (Bool, Int)? {
        var i = start
        var negated = false
        if i < p.count, p[i] == "^" {
            negated = true
            i += 1
        }
        var matched = false
        var first = true
        while true {
            guard i < p.count else { return nil }
            if p[i] == "]" && !first { break }
            first = false
            guard let (lo, afterLo) = classChar(p, i) else { return nil }
            i = afterLo
            var hi = lo
            if i < p.count, p[i] == "-" {
                guard let (h, afterHi) = classChar(p, i + 1) else { return nil }
                hi = h
                i = afterHi
            }
            if let c, lo.value <= c.value, c.value <= hi.value { matched = true }
        }
        return (matched != negated, i + 1)
    }

    private static func classChar(_ p: [Unicode.Scalar], _ i: Int) -> (Unicode.Scalar, Int)? {
        guard i < p.count else { return nil }
        if p[i] == "\\" {
            guard i + 1 < p.count else { return nil }
            return (p[i + 1], i + 2)
        }
        if p[i] == "-" || p[i] == "]" { return nil }
        return (p[i], i + 1)
    }
}

/// `.helmignore` rules. Helm: pkg/ignore rules.go (including its quirk that a `!` rule which does not match a
/// path ignores that path).
struct HelmIgnoreRules {
    private struct Pattern {
        var rule: [Unicode.Scalar]
        var negate: Bool
        var mustDir: Bool
        var matchBaseName: Bool
        /// How the rule can be matched (most rules are a name or `*.ext`).
        var form = Form.general(prefix: [])

        enum Form {
            /// No wildcard: the name must be equal (compared as UTF-8 bytes, which is scalar equality).
            case literal([UInt8])
            /// `*` and then no wildcard or `/`: a name without `/` that ends with these bytes.
            case suffix([UInt8])
            /// Anything else; the bytes before the first wildcard must begin the name.
            case general(prefix: [UInt8])
        }

        /// Whether `name` (the whole path or the base name, by `matchBaseName`) matches the rule.
        func matches(_ name: Substring) -> Bool {
            switch form {
            case .literal(let bytes):
                return name.utf8.elementsEqual(bytes)
            case .suffix(let bytes):
                let utf8 = name.utf8
                return utf8.count >= bytes.count && !utf8.contains(0x2F) && utf8.suffix(bytes.count).elementsEqual(bytes)
            case .general(let prefix):
                guard name.utf8.starts(with: prefix) else { return false }
                return PathMatch.matches(rule, Array(name.unicodeScalars))
            }
        }
    }

    private var patterns: [Pattern] = []

    /// Whether rules may use the literal and suffix shortcuts (tests turn them off to compare).
    private var shortcuts = true

    /// Parses `.helmignore` text (a UTF-8 BOM is skipped). `**` is rejected as Helm rejects it.
    init(text: String = "", shortcuts: Bool = true) throws {
        self.shortcuts = shortcuts
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // Go's bufio.Scanner drops a `\r` before each newline.
        for line in String(body).splitLines() {
            try add(line.utf8.last == 0x0D ? String(decoding: line.utf8.dropLast(), as: UTF8.self) : line)
        }
    }

    /// Helm: Rules.AddDefaults — hidden files directly under templates/ are ignored.
    mutating func addDefaults() {
        guard shortcuts else {
            try? add("templates/.?*")
            return
        }
        patterns.append(contentsOf: Self.defaultPatterns)
    }

    /// The parsed default rule, the same for every chart.
    private static let defaultPatterns: [Pattern] = (try? HelmIgnoreRules(text: "templates/.?*"))?.patterns ?? []

    private mutating func add(_ line: String) throws {
        var rule = line.trimmingASCIIWhitespace()
        if rule.isEmpty || rule.hasPrefix("#") { return }
        var previous: UInt8 = 0
        for byte in rule.utf8 {
            if byte == 0x2A && previous == 0x2A {
                throw HelmError.chartLoad("double-star (**) syntax is not supported")
            }
            previous = byte
        }
        if !PathMatch.isValid(rule) { throw HelmError.chartLoad("syntax error in pattern") }
        var pattern = Pattern(rule: [], negate: false, mustDir: false, matchBaseName: false)
        if rule.hasPrefix("!") {
            pattern.negate = true
            rule.removeFirst()
        }
        if rule.hasSuffix("/") {
            pattern.mustDir = true
            rule.removeLast()
        }
        if rule.hasPrefix("/") {
            rule.removeFirst()
        } else if !rule.utf8.contains(0x2F) {
            pattern.matchBaseName = true
        }
        pattern.rule = Array(rule.unicodeScalars)
        if shortcuts { pattern.form = Self.form(of: pattern.rule) }
        patterns.append(pattern)
    }

    /// The cheapest way to match `rule` that decides as the general matcher does.
    private static func isWildcard(_ c: Unicode.Scalar) -> Bool { c == "*" || c == "?" || c == "[" || c == "\\" }

    private static func form(of rule: [Unicode.Scalar]) -> Pattern.Form {
        let utf8 = { (scalars: ArraySlice<Unicode.Scalar>) in Array(String(String.UnicodeScalarView(scalars)).utf8) }
        guard let first = rule.firstIndex(where: isWildcard) else { return .literal(utf8(rule[...])) }
        if first == 0, rule[0] == "*", rule.count > 1,
            !rule.dropFirst().contains(where: { isWildcard($0) || $0 == "/" })
        {
            return .suffix(utf8(rule.dropFirst()))
        }
        return .general(prefix: utf8(rule[..<first]))
    }

    /// Whether `path` (relative, `/`-separated) is ignored. Helm: Rules.Ignore.
    func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        let whole = Substring(path)
        var base: Substring?
        for p in patterns {
            let subject: Substring
            if p.matchBaseName {
                if base == nil { base = path.lastPathPiece }
                subject = base ?? ""
            } else {
                subject = whole
            }
            if p.negate {
                if p.mustDir && !isDirectory { return true }
                if !p.matches(subject) { return true }
                continue
            }
            if p.mustDir && !isDirectory { continue }
            if p.matches(subject) { return true }
        }
        return false
    }
}
