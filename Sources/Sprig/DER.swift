/// Minimal ASN.1 DER encoding and reading (X.690), for keys and certificates.
enum DER {
    static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var bytes: [UInt8] = []
        var v = n
        while v > 0 {
            bytes.insert(UInt8(v & 0xFF), at: 0)
            v >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] { [tag] + length(content.count) + content }

    static func sequence(_ items: [[UInt8]]) -> [UInt8] { tlv(0x30, items.flatMap { $0 }) }

    static func set(_ items: [[UInt8]]) -> [UInt8] { tlv(0x31, items.flatMap { $0 }) }

    static func integer(_ v: BigUInt) -> [UInt8] {
        var b = v.bytes()
        if b.isEmpty { b = [0] }
        if b[0] & 0x80 != 0 { b.insert(0, at: 0) }
        return tlv(0x02, b)
    }

    static func integer(_ v: Int) -> [UInt8] { integer(BigUInt(UInt64(v))) }

    static func boolean(_ v: Bool) -> [UInt8] { tlv(0x01, [v ? 0xFF : 0x00]) }

    static let null: [UInt8] = [0x05, 0x00]

    static func octetString(_ b: [UInt8]) -> [UInt8] { tlv(0x04, b) }

    static func bitString(_ b: [UInt8], unusedBits: UInt8 = 0) -> [UInt8] { tlv(0x03, [unusedBits] + b) }

    /// Context-specific tag `[n]`, constructed (EXPLICIT) or primitive (IMPLICIT).
    static func context(_ n: UInt8, constructed: Bool, _ content: [UInt8]) -> [UInt8] {
        tlv((constructed ? 0xA0 : 0x80) | n, content)
    }

    static func oid(_ arcs: [UInt64]) -> [UInt8] {
        var out: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var v = arc >> 7
            while v > 0 {
                chunk.insert(UInt8(v & 0x7F) | 0x80, at: 0)
                v >>= 7
            }
            out += chunk
        }
        return tlv(0x06, out)
    }

    struct Element {
        let tag: UInt8
        let content: [UInt8]
        /// The whole encoding (tag, length and content).
        let raw: [UInt8]
    }

    /// Reads one element at the start of `b`.
    static func read(_ b: [UInt8], from start: Int = 0) -> Element? {
        guard start + 2 <= b.count else { return nil }
        let tag = b[start]
        var i = start + 1
        var len = Int(b[i])
        i += 1
        if len & 0x80 != 0 {
            let count = len & 0x7F
            guard count > 0, count <= 4, i + count <= b.count else { return nil }
            len = 0
            for _ in 0..<count {
                len = len << 8 | Int(b[i])
                i += 1
            }
        }
        guard i + len <= b.count else { return nil }
        return Element(tag: tag, content: Array(b[i..<(i + len)]), raw: Array(b[start..<(i + len)]))
    }

    /// The elements inside a constructed element's content.
    static func children(_ content: [UInt8]) -> [Element]? {
        var out: [Element] = []
        var i = 0
        while i < content.count {
            guard let e = read(content, from: i) else { return nil }
            out.append(e)
            i += e.raw.count
        }
        return out
    }
}

/// PEM armour (RFC 7468) as Go's `encoding/pem` writes it: 64-column base64 lines.
enum PEM {
    static func encode(type: String, _ der: [UInt8]) -> String {
        let b64 = Array(Base64.encode(der).utf8)
        var out = "-----BEGIN \(type)-----\n"
        var i = 0
        while i < b64.count {
            out += Bytes.string(b64[i..<min(i + 64, b64.count)]) + "\n"
            i += 64
        }
        return out + "-----END \(type)-----\n"
    }

    /// The type and bytes of the first PEM block in `text` (Go `pem.Decode`, without headers).
    static func decode(_ text: String) -> (type: String, bytes: [UInt8])? {
        guard let begin = text.range(of: "-----BEGIN ") else { return nil }
        let afterBegin = text[begin.upperBound...]
        guard let typeEnd = afterBegin.range(of: "-----") else { return nil }
        let type = String(afterBegin[..<typeEnd.lowerBound])
        let body = afterBegin[typeEnd.upperBound...]
        guard let end = body.range(of: "-----END \(type)-----") else { return nil }
        let b64 = body[..<end.lowerBound].filter { !$0.isWhitespace }
        guard case .success(let bytes) = Base64.decode(String(b64)) else { return nil }
        return (type, bytes)
    }
}
