/// The parts of Masterminds/semver v3 Helm relies on: version syntax (`NewVersion`) and constraint checks
/// (`IsCompatibleRange`, used to match `dependencies` entries to subcharts and for `kubeVersion`).
struct SemanticVersion: Comparable {
    var major: UInt64
    var minor: UInt64
    var patch: UInt64
    var prerelease: [Substring]

    /// Parses `v?MAJOR(.MINOR(.PATCH)?)?(-pre)?(+build)?` (missing parts are 0).
    init?(_ text: some StringProtocol) {
        var s = Substring(text)
        if s.hasPrefix("v") { s = s.dropFirst() }
        if let plus = s.firstIndex(of: "+") {
            let build = s[s.index(after: plus)...]
            guard Self.validIdentifiers(build) else { return nil }
            s = s[..<plus]
        }
        prerelease = []
        if let dash = s.firstIndex(of: "-") {
            let pre = s[s.index(after: dash)...]
            guard Self.validIdentifiers(pre) else { return nil }
            prerelease = pre.split(separator: ".")
            s = s[..<dash]
        }
        let numbers = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(numbers.count) else { return nil }
        var parsed: [UInt64] = []
        for n in numbers {
            guard !n.isEmpty, n.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let v = UInt64(n) else { return nil }
            parsed.append(v)
        }
        while parsed.count < 3 { parsed.append(0) }
        (major, minor, patch) = (parsed[0], parsed[1], parsed[2])
    }

    init(_ major: UInt64, _ minor: UInt64, _ patch: UInt64) {
        (self.major, self.minor, self.patch, self.prerelease) = (major, minor, patch, [])
    }

    private static func validIdentifiers(_ text: Substring) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { id in
            !id.isEmpty && id.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D
            }
        }
    }

    /// Whether Helm accepts `text` as a chart version.
    static func isValid(_ text: String) -> Bool { plainTriple(text) != nil || SemanticVersion(text) != nil }

    static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) {
            return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
        }
        // A pre-release sorts before the release; identifiers compare numerically when both are numbers.
        if a.prerelease.isEmpty || b.prerelease.isEmpty { return !a.prerelease.isEmpty && b.prerelease.isEmpty }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            switch (UInt64(x), UInt64(y)) {
            case (let nx?, let ny?): return nx < ny
            case (_?, nil): return true
            case (nil, _?): return false
            default: return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }

    /// Whether `version` satisfies `constraint` (`>=1.2 <2`, `^1.2.3`, `~1.2`, `1.x`, `a || b`). An empty or
    /// unparsable constraint or version is incompatible. Helm: chartutil.IsCompatibleRange.
    static func isCompatible(constraint: String, _ version: String) -> Bool {
        // The usual `version: 1.2.3` entry against a subchart's plain `1.2.3`: an exact comparison.
        if let exact = plainTriple(constraint), let plain = plainTriple(version) { return exact == plain }
        guard let v = SemanticVersion(version) else { return false }
        for alternative in alternatives(constraint) {
            guard let checks = parseConjunction(alternative) else { return false }
            // Masterminds: a pre-release version only satisfies ranges that mention a pre-release.
            if !v.prerelease.isEmpty && !checks.contains(where: { !$0.bound.prerelease.isEmpty }) { continue }
            if checks.allSatisfy({ $0.holds(v) }) { return true }
        }
        return false
    }

    /// `MAJOR.MINOR.PATCH` written with digits only, as numbers; nil for anything else.
    private static func plainTriple(_ text: String) -> [UInt64]? {
        var parts: [UInt64] = []
        var current: UInt64 = 0
        var digits = 0
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                guard digits < 18 else { return nil }
                current = current * 10 + UInt64(b - 0x30)
                digits += 1
            } else if b == 0x2E, digits > 0, parts.count < 2 {
                parts.append(current)
                (current, digits) = (0, 0)
            } else {
                return nil
            }
        }
        guard digits > 0, parts.count == 2 else { return nil }
        parts.append(current)
        return parts
    }

    /// The `||`-separated alternatives of a constraint (empty ones kept).
    private static func alternatives(_ constraint: String) -> [Substring] {
        var result: [Substring] = []
        var start = constraint.startIndex
        var i = constraint.startIndex
        let bars = constraint.utf8
        while i < constraint.endIndex {
            let next = bars.index(after: i)
            if bars[i] == 0x7C, next < constraint.endIndex, bars[next] == 0x7C {
                result.append(constraint[start..<i])
                i = bars.index(after: next)
                start = i
            } else {
                i = next
            }
        }
        result.append(constraint[start...])
        return result
    }

    private struct Check {
        var op: String
        var bound: SemanticVersion
        func holds(_ v: SemanticVersion) -> Bool {
            switch op {
            case ">": return v > bound
            case ">=": return v >= bound
            case "<": return v < bound
            case "<=": return v <= bound
            case "!=": return v != bound
            default: return v == bound
            }
        }
    }

    /// One `,`/space separated list of comparisons, expanded to plain bounds.
    private static func parseConjunction(_ text: Substring) -> [Check]? {
        var tokens: [Substring] = []
        for token in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            // `>= 1.2`: an operator written apart from its version.
            if let last = tokens.last, last.allSatisfy({ "<>=!~^".contains($0) }) {
                tokens[tokens.count - 1] = Substring(last + token)
            } else {
                tokens.append(token)
            }
        }
        guard !tokens.isEmpty else { return nil }
        var checks: [Check] = []
        var i = 0
        while i < tokens.count {
            // Hyphen range `1.2 - 1.4.5`.
            if i + 2 < tokens.count, tokens[i + 1] == "-" {
                guard let low = partial(tokens[i]), let high = partial(tokens[i + 2]) else { return nil }
                checks.append(Check(op: ">=", bound: low.version))
                checks.append(high.wildcardFrom < 3 ? Check(op: "<", bound: high.next) : Check(op: "<=", bound: high.version))
                i += 3
                continue
            }
            var token = tokens[i]
            var op = ""
            for candidate in [">=", "<=", "!=", "=>", "=<", ">", "<", "=", "^", "~>", "~"] where token.hasPrefix(candidate) {
                op = candidate
                token = token.dropFirst(candidate.count)
                break
            }
            guard let p = partial(token) else { return nil }
            switch op {
            case "^":
                checks.append(Check(op: ">=", bound: p.version))
                let upper: SemanticVersion
                if p.version.major > 0 || p.wildcardFrom == 1 {
                    upper = SemanticVersion(p.version.major + 1, 0, 0)
                } else if p.version.minor > 0 || p.wildcardFrom == 2 {
                    upper = SemanticVersion(0, p.version.minor + 1, 0)
                } else {
                    upper = SemanticVersion(0, 0, p.version.patch + 1)
                }
                checks.append(Check(op: "<", bound: upper))
            case "~", "~>":
                checks.append(Check(op: ">=", bound: p.version))
                let upper = p.wildcardFrom == 1
                    ? SemanticVersion(p.version.major + 1, 0, 0) : SemanticVersion(p.version.major, p.version.minor + 1, 0)
                checks.append(Check(op: "<", bound: upper))
            case "", "=":
                if p.wildcardFrom == 0 { break }  // `*`: anything
                if p.wildcardFrom < 3 {
                    checks.append(Check(op: ">=", bound: p.version))
                    checks.append(Check(op: "<", bound: p.next))
                } else {
                    checks.append(Check(op: "=", bound: p.version))
                }
            case ">", "<=", "=<":
                if p.wildcardFrom < 3 {
                    checks.append(Check(op: op == ">" ? ">=" : "<", bound: p.next))
                } else {
                    checks.append(Check(op: op == "=<" ? "<=" : op, bound: p.version))
                }
            default:
                checks.append(Check(op: op == "=>" ? ">=" : op, bound: p.version))
            }
            i += 1
        }
        return checks
    }

    /// A version that may stop early or use `x`/`X`/`*`: `wildcardFrom` is the index of the first missing part.
    private static func partial(_ token: Substring) -> (version: SemanticVersion, wildcardFrom: Int, next: SemanticVersion)? {
        var core = token
        if core.hasPrefix("v") { core = core.dropFirst() }
        let head = core.prefix { $0 != "-" && $0 != "+" }
        let parts = head.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var wildcardFrom = parts.count
        for (index, part) in parts.enumerated() where ["x", "X", "*"].contains(part) {
            wildcardFrom = min(wildcardFrom, index)
        }
        let concrete = parts.prefix(wildcardFrom).joined(separator: ".")
        let rest = core.dropFirst(head.count)
        guard let version = wildcardFrom == 0 ? SemanticVersion(0, 0, 0) : SemanticVersion(concrete + rest) else {
            return nil
        }
        let next: SemanticVersion
        switch wildcardFrom {
        case 1: next = SemanticVersion(version.major + 1, 0, 0)
        case 2: next = SemanticVersion(version.major, version.minor + 1, 0)
        default: next = SemanticVersion(version.major, version.minor, version.patch + 1)
        }
        return (version, wildcardFrom, next)
    }
}
