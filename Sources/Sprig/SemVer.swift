import GoTemplate
import Values

// Sprig: semver.go over Masterminds/semver v3 (version.go, constraints.go).

extension SprigLibrary {
    static func semverFunctions() -> [GoFunc] {
        [
            GoFunc("semver", [.string]) { a in
                .object(try SemVersion.parse(a[0].stringValue ?? ""))
            },
            GoFunc("semverCompare", [.string, .string]) { a in
                let constraint = try SemConstraints.parse(a[0].stringValue ?? "")
                let version = try SemVersion.parse(a[1].stringValue ?? "")
                return .bool(constraint.check(version))
            },
        ]
    }
}

/// A Masterminds `*semver.Version`: fields through methods (`.Major`, `.Prerelease`, …), printed as `String()`.
final class SemVersion: TemplateObject, @unchecked Sendable {
    let major: UInt64
    let minor: UInt64
    let patch: UInt64
    let pre: String
    let metadata: String
    let original: String

    /// `*semver.Version` (from `semver`) or a `semver.Version` value (from `IncPatch`, `SetPrerelease`, …),
    /// which lacks the pointer-receiver methods (`Original`, `LessThan`, `Compare`, …).
    let isPointer: Bool

    init(major: UInt64, minor: UInt64, patch: UInt64, pre: String, metadata: String, original: String,
         isPointer: Bool = true) {
        self.isPointer = isPointer
        self.major = major
        self.minor = minor
        self.patch = patch
        self.pre = pre
        self.metadata = metadata
        self.original = original
    }

    static let invalid = FunctionError("invalid semantic version")

    // semver: version.go looseSemVerRegex, used by NewVersion (coercing).
    private static let loose = GoRegex.builtin(
        #"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$"#)

    private static let digits = Set("0123456789")
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789")

    /// semver `NewVersion`.
    static func parse(_ v: String) throws -> SemVersion {
        guard let m = loose?.submatch(v) else { throw invalid }
        func segment(_ s: String) throws -> UInt64 {
            let digits = s.hasPrefix(".") ? String(s.dropFirst()) : s
            if digits.isEmpty { return 0 }
            guard let n = UInt64(digits) else {
                throw FunctionError("error parsing version segment: strconv.ParseUint: parsing \(Cast.quote(digits)): value out of range")
            }
            return n
        }
        let version = SemVersion(major: try segment(m[1]), minor: try segment(m[2]), patch: try segment(m[3]),
                                 pre: m[5], metadata: m[8], original: v)
        if !version.pre.isEmpty { try validatePrerelease(version.pre) }
        if !version.metadata.isEmpty {
            for part in version.metadata.split(separator: ".", omittingEmptySubsequences: false)
            where part.isEmpty || !part.allSatisfy(allowed.contains) {
                throw FunctionError("invalid metadata string")
            }
        }
        return version
    }

    static func validatePrerelease(_ p: String) throws {
        for part in p.split(separator: ".", omittingEmptySubsequences: false) {
            if part.isEmpty { throw FunctionError("invalid prerelease string") }
            if part.allSatisfy(digits.contains) {
                if part.count > 1 && part.first == "0" { throw FunctionError("version segment starts with 0") }
            } else if !part.allSatisfy(allowed.contains) {
                throw FunctionError("invalid prerelease string")
            }
        }
    }

    var string: String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty { s += "-" + pre }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    // MARK: Ordering (semver: version.go Compare)

    func compare(_ o: SemVersion) -> Int {
        if major != o.major { return major < o.major ? -1 : 1 }
        if minor != o.minor { return minor < o.minor ? -1 : 1 }
        if patch != o.patch { return patch < o.patch ? -1 : 1 }
        if pre.isEmpty && o.pre.isEmpty { return 0 }
        if pre.isEmpty { return 1 }
        if o.pre.isEmpty { return -1 }
        return SemVersion.comparePrerelease(pre, o.pre)
    }

    static func comparePrerelease(_ v: String, _ o: String) -> Int {
        let s = v.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let t = o.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for i in 0..<max(s.count, t.count) {
            let d = comparePrePart(i < s.count ? s[i] : "", i < t.count ? t[i] : "")
            if d != 0 { return d }
        }
        return 0
    }

    private static func comparePrePart(_ s: String, _ o: String) -> Int {
        if s == o { return 0 }
        if s.isEmpty { return o.isEmpty ? 1 : -1 }
        if o.isEmpty { return 1 }
        let oi = UInt64(o)
        let si = UInt64(s)
        switch (si, oi) {
        case (nil, nil): return s.utf8.lexicographicallyPrecedes(o.utf8) ? -1 : 1
        case (_, nil): return -1
        case (nil, _): return 1
        case (let a?, let b?): return a > b ? 1 : -1
        }
    }

    // MARK: TemplateObject

    var goTypeName: String { isPointer ? "*semver.Version" : "semver.Version" }
    var goKind: String { isPointer ? "ptr" : "struct" }
    var goString: String { string }
    var serialized: Value { .string(string) }
    func field(_ name: String) -> Value? { nil }

    private static let valueMethods: Set<String> = [
        "Major", "Minor", "Patch", "Prerelease", "Metadata", "String", "IncMajor", "IncMinor", "IncPatch",
        "SetPrerelease", "SetMetadata",
    ]
    private static let pointerMethods: Set<String> = [
        "Original", "LessThan", "LessThanEqual", "GreaterThan", "GreaterThanEqual", "Equal", "Compare",
    ]

    func hasMethod(_ name: String) -> Bool {
        SemVersion.valueMethods.contains(name) || isPointer && SemVersion.pointerMethods.contains(name)
    }

    private var vPrefix: String { original.hasPrefix("v") ? "v" : "" }

    private func with(major: UInt64? = nil, minor: UInt64? = nil, patch: UInt64? = nil, pre: String? = nil,
                      metadata: String? = nil) -> SemVersion {
        let next = SemVersion(major: major ?? self.major, minor: minor ?? self.minor, patch: patch ?? self.patch,
                              pre: pre ?? self.pre, metadata: metadata ?? self.metadata, original: "")
        return SemVersion(major: next.major, minor: next.minor, patch: next.patch, pre: next.pre,
                          metadata: next.metadata, original: vPrefix + next.string, isPointer: false)
    }

    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        guard hasMethod(name) else { throw TemplateObjectError("can't evaluate field \(name) in type \(goTypeName)") }
        func expectCount(_ n: Int) throws {
            guard arguments.count == n else {
                throw TemplateObjectError("wrong number of args for \(name): want \(n) got \(arguments.count)")
            }
        }
        func other() throws -> SemVersion {
            try expectCount(1)
            guard case .object(let o) = arguments[0], let v = o as? SemVersion else {
                throw TemplateObjectError(
                    "wrong type for value; expected *semver.Version; got \(arguments[0].goTypeName)")
            }
            return v
        }
        switch name {
        case "Major": try expectCount(0); return .int(Int64(bitPattern: major), kind: .uint64)
        case "Minor": try expectCount(0); return .int(Int64(bitPattern: minor), kind: .uint64)
        case "Patch": try expectCount(0); return .int(Int64(bitPattern: patch), kind: .uint64)
        case "Prerelease": try expectCount(0); return .string(pre)
        case "Metadata": try expectCount(0); return .string(metadata)
        case "Original": try expectCount(0); return .string(original)
        case "String": try expectCount(0); return .string(string)
        case "IncPatch":
            try expectCount(0)
            return .object(pre.isEmpty ? with(patch: patch &+ 1, pre: "", metadata: "") : with(pre: "", metadata: ""))
        case "IncMinor": try expectCount(0); return .object(with(minor: minor &+ 1, patch: 0, pre: "", metadata: ""))
        case "IncMajor": try expectCount(0); return .object(with(major: major &+ 1, minor: 0, patch: 0, pre: "", metadata: ""))
        case "SetPrerelease", "SetMetadata":
            try expectCount(1)
            guard case .string(let s) = arguments[0] else {
                throw TemplateObjectError("wrong type for value; expected string; got \(arguments[0].goTypeName)")
            }
            if name == "SetPrerelease" {
                if !s.isEmpty {
                    do { try SemVersion.validatePrerelease(s) } catch let e as FunctionError {
                        throw TemplateObjectError(e.message)
                    }
                }
                return .object(with(pre: s))
            }
            return .object(with(metadata: s))
        case "LessThan": return .bool(compare(try other()) < 0)
        case "LessThanEqual": return .bool(compare(try other()) <= 0)
        case "GreaterThan": return .bool(compare(try other()) > 0)
        case "GreaterThanEqual": return .bool(compare(try other()) >= 0)
        case "Equal": return .bool(compare(try other()) == 0)
        case "Compare": return .int(Int64(compare(try other())))
        default:
            throw TemplateObjectError("can't evaluate field \(name) in type *semver.Version")
        }
    }
}

/// Masterminds `semver.Constraints`: `||`-separated groups of comma/space-separated comparisons.
struct SemConstraints {
    struct Constraint {
        let version: SemVersion
        let original: String
        let op: String
        let minorDirty: Bool
        let patchDirty: Bool
        let dirty: Bool
    }

    let groups: [[Constraint]]
    let containsPre: [Bool]

    private static let cv = #"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?"#
    private static let ops = #"=||!=|>|<|>=|=>|<=|=<|~|~>|\^"#
    private static let constraintRegex = GoRegex.builtin(#"^\s*("# + ops + #")\s*("# + cv + #")\s*$"#)
    private static let rangeRegex = GoRegex.builtin(#"\s*("# + cv + #")\s+-\s+("# + cv + #")\s*"#)
    private static let findRegex = GoRegex.builtin("(" + ops + #")\s*("# + cv + ")")
    private static let validRegex = GoRegex.builtin(
        #"^(\s*("# + ops + #")\s*("# + cv + #")\s*)((?:\s+|,\s*)("# + ops + #")\s*("# + cv + #")\s*)*$"#)

    /// semver `NewConstraint`.
    static func parse(_ text: String) throws -> SemConstraints {
        var c = text
        // semver: rewriteRange turns `a - b` into `>= a, <= b`.
        if let r = rangeRegex {
            for m in r.allSubmatches(text) {
                if let range = c.range(of: m[0]) { c.replaceSubrange(range, with: ">= \(m[1]), <= \(m[11]) ") }
            }
        }
        var groups: [[Constraint]] = []
        var pre: [Bool] = []
        for or in c.components(separatedBy: "||") {
            guard validRegex?.submatch(or) != nil else {
                throw FunctionError("improper constraint: \(Cast.quote(or))")
            }
            var found = findRegex?.allSubmatches(or).map { $0[0] } ?? []
            if found.isEmpty { found = [or] }
            var group: [Constraint] = []
            var hasPre = false
            for s in found {
                let pc = try parseConstraint(s)
                if !pc.version.pre.isEmpty { hasPre = true }
                group.append(pc)
            }
            groups.append(group)
            pre.append(hasPre)
        }
        return SemConstraints(groups: groups, containsPre: pre)
    }

    private static func isX(_ s: String) -> Bool { s == "x" || s == "X" || s == "*" }

    private static func parseConstraint(_ c: String) throws -> Constraint {
        guard !c.isEmpty else {
            return Constraint(version: SemVersion(major: 0, minor: 0, patch: 0, pre: "", metadata: "", original: "0.0.0"),
                              original: c, op: "", minorDirty: false, patchDirty: false, dirty: true)
        }
        guard let m = constraintRegex?.submatch(c) else { throw FunctionError("improper constraint: \(Cast.quote(c))") }
        var ver = m[2]
        var minorDirty = false
        var patchDirty = false
        var dirty = false
        let minor = m[4].hasPrefix(".") ? String(m[4].dropFirst()) : m[4]
        let patch = m[5].hasPrefix(".") ? String(m[5].dropFirst()) : m[5]
        if isX(m[3]) || m[3].isEmpty {
            ver = "0.0.0" + m[6]
            dirty = true
        } else if isX(minor) || m[4].isEmpty {
            minorDirty = true
            dirty = true
            ver = m[3] + ".0.0" + m[6]
        } else if isX(patch) || m[5].isEmpty {
            dirty = true
            patchDirty = true
            ver = m[3] + m[4] + ".0" + m[6]
        }
        guard let v = try? SemVersion.parse(ver) else { throw FunctionError("constraint parser error") }
        return Constraint(version: v, original: m[2], op: m[1], minorDirty: minorDirty, patchDirty: patchDirty,
                          dirty: dirty)
    }

    /// semver `Constraints.Check`.
    func check(_ v: SemVersion) -> Bool {
        for (i, group) in groups.enumerated() where group.allSatisfy({ SemConstraints.check(v, $0, containsPre[i]) }) {
            return true
        }
        return false
    }

    // semver: constraints.go constraint functions (the boolean part).
    private static func check(_ v: SemVersion, _ c: Constraint, _ includePre: Bool) -> Bool {
        if !v.pre.isEmpty && !includePre { return false }
        let con = c.version
        switch c.op {
        case "", "=":
            return c.dirty ? tilde(v, c) : v.compare(con) == 0
        case "!=":
            if c.dirty {
                if con.major != v.major { return true }
                if con.minor != v.minor && !c.minorDirty { return true }
                if c.minorDirty { return false }
                if con.patch != v.patch && !c.patchDirty { return true }
                if c.patchDirty {
                    if !v.pre.isEmpty || !con.pre.isEmpty { return SemVersion.comparePrerelease(v.pre, con.pre) != 0 }
                    return false
                }
            }
            return v.compare(con) != 0
        case ">":
            if !c.dirty { return v.compare(con) == 1 }
            if v.major > con.major { return true }
            if v.major < con.major { return false }
            if c.minorDirty { return false }
            if c.patchDirty { return v.minor > con.minor }
            return v.compare(con) == 1
        case "<":
            return v.compare(con) < 0
        case ">=", "=>":
            return v.compare(con) >= 0
        case "<=", "=<":
            if !c.dirty { return v.compare(con) <= 0 }
            if v.major > con.major { return false }
            if v.major == con.major && v.minor > con.minor && !c.minorDirty { return false }
            return true
        case "~", "~>":
            return tilde(v, c)
        case "^":
            if v.compare(con) < 0 { return false }
            if con.major > 0 || c.minorDirty { return v.major == con.major }
            if con.major == 0 && v.major > 0 { return false }
            if con.minor > 0 || c.patchDirty { return v.minor == con.minor }
            if con.minor == 0 && v.minor > 0 { return false }
            return con.patch == v.patch
        default:
            return false
        }
    }

    private static func tilde(_ v: SemVersion, _ c: Constraint) -> Bool {
        let con = c.version
        if v.compare(con) < 0 { return false }
        if con.major == 0 && con.minor == 0 && con.patch == 0 && !c.minorDirty && !c.patchDirty { return true }
        if v.major != con.major { return false }
        if v.minor != con.minor && !c.minorDirty { return false }
        return true
    }
}
