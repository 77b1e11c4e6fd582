import GoTemplate
import Values

// Go: path and path/filepath (on Linux, where filepath uses `/` and behaves as path does).

extension SprigLibrary {
    static func pathFunctions() -> [GoFunc] {
        var fs: [GoFunc] = []
        for prefix in ["", "os"] {
            func name(_ n: String) -> String { prefix.isEmpty ? n : prefix + n.prefix(1).uppercased() + n.dropFirst() }
            fs += [
                GoFunc(name("base"), [.string]) { a in .string(GoPath.base(a[0].stringValue ?? "")) },
                GoFunc(name("dir"), [.string]) { a in .string(GoPath.dir(a[0].stringValue ?? "")) },
                GoFunc(name("clean"), [.string]) { a in .string(GoPath.clean(a[0].stringValue ?? "")) },
                GoFunc(name("ext"), [.string]) { a in .string(GoPath.ext(a[0].stringValue ?? "")) },
                GoFunc(name("isAbs"), [.string]) { a in .bool((a[0].stringValue ?? "").utf8.first == UInt8(ascii: "/")) },
            ]
        }
        return fs
    }
}

/// Go's `path` package on byte strings.
enum GoPath {
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// Go `path.Clean`: the shortest equivalent path (lexical processing only).
    static func clean(_ s: String) -> String {
        let p = Array(s.utf8)
        if p.isEmpty { return "." }
        let rooted = p[0] == slash
        var out: [UInt8] = rooted ? [slash] : []
        var dotdot = out.count
        var r = rooted ? 1 : 0
        while r < p.count {
            if p[r] == slash {
                r += 1
            } else if p[r] == dot && (r + 1 == p.count || p[r + 1] == slash) {
                r += 1
            } else if p[r] == dot && p[r + 1] == dot && (r + 2 == p.count || p[r + 2] == slash) {
                r += 2
                if out.count > dotdot {
                    var w = out.count - 1
                    while w > dotdot && out[w] != slash { w -= 1 }
                    out.removeSubrange(w...)
                } else if !rooted {
                    if !out.isEmpty { out.append(slash) }
                    out += [dot, dot]
                    dotdot = out.count
                }
            } else {
                if rooted && out.count != 1 || !rooted && !out.isEmpty { out.append(slash) }
                while r < p.count && p[r] != slash {
                    out.append(p[r])
                    r += 1
                }
            }
        }
        if out.isEmpty { return "." }
        return Bytes.string(out)
    }

    /// Go `path.Base`.
    static func base(_ s: String) -> String {
        var p = Array(s.utf8)
        if p.isEmpty { return "." }
        while p.count > 0 && p[p.count - 1] == slash { p.removeLast() }
        if let i = p.lastIndex(of: slash) { p = Array(p[(i + 1)...]) }
        if p.isEmpty { return "/" }
        return Bytes.string(p)
    }

    /// Go `path.Dir`: everything but the last element, cleaned.
    static func dir(_ s: String) -> String {
        let p = Array(s.utf8)
        let i = p.lastIndex(of: slash).map { $0 + 1 } ?? 0
        return clean(Bytes.string(p[..<i]))
    }

    /// Go `path.Ext`: the suffix from the last dot of the last element.
    static func ext(_ s: String) -> String {
        let p = Array(s.utf8)
        var i = p.count - 1
        while i >= 0 && p[i] != slash {
            if p[i] == dot { return Bytes.string(p[i...]) }
            i -= 1
        }
        return ""
    }
}
