import GoTemplate
import Values

// Sprig: network.go and url.go (Go net/url parsing and formatting, the parts these functions observe).

extension SprigLibrary {
    static func networkFunctions(_ env: SprigEnvironment) -> [GoFunc] {
        [
            // Helm renders without network lookups: the result is always empty.
            GoFunc("getHostByName", [.string]) { _ in .string("") },
            GoFunc("urlParse", [.string]) { a in
                let s = a[0].stringValue ?? ""
                let u: GoURL
                do { u = try GoURL.parse(s) } catch let e as GoURL.ParseError {
                    throw FunctionError("unable to parse url: parse \(Cast.quote(s)): \(e.message)")
                }
                let m = ValueMap()
                m["scheme"] = .string(u.scheme)
                m["host"] = .string(u.host)
                m["hostname"] = .string(u.hostname)
                m["path"] = .string(u.path)
                m["query"] = .string(u.rawQuery)
                m["opaque"] = .string(u.opaque)
                m["fragment"] = .string(u.fragment)
                m["userinfo"] = .string(u.user?.description ?? "")
                return .map(m)
            },
            GoFunc("urlJoin", [.map]) { a in
                let d = mapArgument(a[0])
                func field(_ key: String) throws -> String {
                    guard let v = d[key] else { return "" }
                    guard case .string(let s) = v else {
                        if v.isNull { throw GoPanic.nilDereference }
                        throw FunctionError("unable to parse \(key) key, must be of type string, but \(v.sprigKind) found")
                    }
                    return s
                }
                var u = GoURL()
                u.scheme = try field("scheme")
                u.host = try field("host")
                u.path = try field("path")
                u.rawQuery = try field("query")
                u.opaque = try field("opaque")
                u.fragment = try field("fragment")
                let userinfo = try field("userinfo")
                if !userinfo.isEmpty {
                    do { u.user = try GoURL.parse("proto://\(userinfo)@host").user } catch let e as GoURL.ParseError {
                        throw FunctionError(
                            "unable to parse userinfo in dict: parse \(Cast.quote("proto://\(userinfo)@host")): \(e.message)")
                    }
                }
                return .string(u.description)
            },
        ]
    }
}

/// The fields of Go's `url.URL` that Sprig reads and writes.
struct GoURL: CustomStringConvertible {
    struct ParseError: Error { let message: String }

    struct User: CustomStringConvertible {
        var username: String
        var password: String?
        var description: String {
            var s = GoURL.escape(username, .userPassword)
            if let password { s += ":" + GoURL.escape(password, .userPassword) }
            return s
        }
    }

    var scheme = ""
    var opaque = ""
    var user: User?
    var host = ""
    var path = ""
    var rawQuery = ""
    var forceQuery = false
    var fragment = ""

    /// `Hostname()`: the host without port and IPv6 brackets.
    var hostname: String {
        var h = Substring(host)
        if h.hasPrefix("[") {
            if let close = h.firstIndex(of: "]") { return String(h[h.index(after: h.startIndex)..<close]) }
            return String(h.dropFirst())
        }
        if let colon = h.lastIndex(of: ":") { h = h[..<colon] }
        return String(h)
    }

    enum Mode { case path, host, userPassword, fragment }

    // Go: url.go shouldEscape
    static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        default: break
        }
        if mode == .host {
            if Array("!$&'()*+,;=:[]<>\"".utf8).contains(c) { return false }
        }
        if Array("-_.~".utf8).contains(c) { return false }
        if Array("$&+,/:;=?@".utf8).contains(c) {
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .userPassword: return c == UInt8(ascii: "@") || c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: ":")
            case .fragment: return false
            case .host: return true
            }
        }
        if mode == .fragment && Array("!()*".utf8).contains(c) { return false }
        return true
    }

    static func escape(_ s: String, _ mode: Mode) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in s.utf8 {
            if shouldEscape(c, mode) {
                out += [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 15)]]
            } else {
                out.append(c)
            }
        }
        return Bytes.string(out)
    }

    static func unescape(_ s: String) throws -> String {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while i < b.count {
            if b[i] == UInt8(ascii: "%") {
                guard i + 2 < b.count, let h = hexValue(b[i + 1]), let l = hexValue(b[i + 2]) else {
                    let bad = Bytes.string(b[i..<min(i + 3, b.count)])
                    throw ParseError(message: "invalid URL escape \(Cast.quote(bad))")
                }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return Bytes.string(out)
    }

    /// Go `url.Parse` (absolute and relative references, no request-URI mode).
    static func parse(_ raw: String) throws -> GoURL {
        var u = GoURL()
        var rest = Substring(raw)
        if let hash = rest.firstIndex(of: "#") {
            u.fragment = try unescape(String(rest[rest.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if rest.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw ParseError(message: "net/url: invalid control character in URL")
        }
        if rest == "*" {
            u.path = "*"
            return u
        }
        // Go: getScheme
        if let first = rest.first, first.isASCII, first.isLetter {
            if let colon = rest.firstIndex(of: ":"),
               rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
                u.scheme = rest[..<colon].lowercased()
                rest = rest[rest.index(after: colon)...]
            }
        } else if rest.first == ":" {
            throw ParseError(message: "missing protocol scheme")
        }
        if rest.hasSuffix("?") && rest.filter({ $0 == "?" }).count == 1 {
            u.forceQuery = true
            rest = rest.dropLast()
        } else if let q = rest.firstIndex(of: "?") {
            u.rawQuery = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if !rest.hasPrefix("/") {
            if !u.scheme.isEmpty {
                u.opaque = String(rest)
                return u
            }
            let segment = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
            if segment.contains(":") { throw ParseError(message: "first path segment in URL cannot contain colon") }
        }
        if rest.hasPrefix("//") && !rest.hasPrefix("///") {
            var authority = rest.dropFirst(2)
            if let slash = authority.firstIndex(of: "/") {
                rest = authority[slash...]
                authority = authority[..<slash]
            } else {
                rest = ""
            }
            if let at = authority.lastIndex(of: "@") {
                let info = authority[..<at]
                if let colon = info.firstIndex(of: ":") {
                    u.user = User(username: try unescape(String(info[..<colon])),
                                  password: try unescape(String(info[info.index(after: colon)...])))
                } else {
                    u.user = User(username: try unescape(String(info)), password: nil)
                }
                authority = authority[authority.index(after: at)...]
            }
            u.host = try unescape(String(authority))
        } else if rest.hasPrefix("///") {
            rest = rest.dropFirst(2)
        }
        u.path = try unescape(String(rest))
        return u
    }

    /// Go `(*url.URL).String`.
    var description: String {
        var buf = ""
        if !scheme.isEmpty { buf += scheme + ":" }
        if !opaque.isEmpty {
            buf += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !host.isEmpty || !path.isEmpty || user != nil { buf += "//" }
                if let user { buf += user.description + "@" }
                if !host.isEmpty { buf += GoURL.escape(host, .host) }
            }
            let escapedPath = GoURL.escape(path, .path)
            if !escapedPath.isEmpty && !escapedPath.hasPrefix("/") && !host.isEmpty { buf += "/" }
            if buf.isEmpty {
                let segment = escapedPath.split(separator: "/", omittingEmptySubsequences: false).first ?? ""
                if segment.contains(":") { buf += "./" }
            }
            buf += escapedPath
        }
        if forceQuery || !rawQuery.isEmpty { buf += "?" + rawQuery }
        if !fragment.isEmpty { buf += "#" + GoURL.escape(fragment, .fragment) }
        return buf
    }
}
