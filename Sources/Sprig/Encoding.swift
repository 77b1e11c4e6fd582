import GoTemplate
import Values

// Sprig: b64enc/b64dec/b32enc/b32dec (Go encoding/base64 and encoding/base32 standard encodings with
// padding). Decoding errors are returned as the function's result text, as Sprig does.

extension SprigLibrary {
    static func encodingFunctions() -> [GoFunc] {
        [
            GoFunc("b64enc", [.string]) { a in .string(Base64.encode(Bytes.of(a[0]))) },
            GoFunc("b64dec", [.string]) { a in
                switch Base64.decode(a[0].stringValue ?? "") {
                case .success(let bytes): return .string(Bytes.string(bytes))
                case .failure(let e): return .string(e.message)
                }
            },
            GoFunc("b32enc", [.string]) { a in .string(Base32.encode(Bytes.of(a[0]))) },
            GoFunc("b32dec", [.string]) { a in
                switch Base32.decode(a[0].stringValue ?? "") {
                case .success(let bytes): return .string(Bytes.string(bytes))
                case .failure(let e): return .string(e.message)
                }
            },
        ]
    }
}

/// A Go `base64.CorruptInputError` / `base32.CorruptInputError`.
struct CorruptInput: Error {
    let encoding: String
    let offset: Int
    var message: String { "illegal \(encoding) data at input byte \(offset)" }
}

/// A padded radix-2^k codec shared by base64 (6 bits, quanta of 4) and base32 (5 bits, quanta of 8).
struct PaddedCodec {
    let name: String
    let alphabet: [UInt8]
    let bitsPerChar: Int
    let quantum: Int
    private let reverse: [Int16]

    init(name: String, alphabet: String, bitsPerChar: Int, quantum: Int) {
        self.name = name
        self.alphabet = Array(alphabet.utf8)
        self.bitsPerChar = bitsPerChar
        self.quantum = quantum
        var r = [Int16](repeating: -1, count: 256)
        for (i, c) in self.alphabet.enumerated() { r[Int(c)] = Int16(i) }
        reverse = r
    }

    func encode(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= bitsPerChar {
                bits -= bitsPerChar
                out.append(alphabet[(buffer >> bits) & ((1 << bitsPerChar) - 1)])
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (bitsPerChar - bits)) & ((1 << bitsPerChar) - 1)]) }
        while out.count % quantum != 0 { out.append(UInt8(ascii: "=")) }
        return Bytes.string(out)
    }

    /// Decodes padded input, skipping `\r` and `\n` as Go does; errors carry Go's byte offsets.
    func decode(_ s: String) -> Result<[UInt8], CorruptInput> {
        // Keep each significant character with its offset in the original input.
        let src = Array(s.utf8)
        let chars = src.enumerated().filter { $0.element != 0x0A && $0.element != 0x0D }
        var out: [UInt8] = []
        var q = 0
        while q < chars.count {
            let group = chars[q..<min(q + quantum, chars.count)]
            var values: [Int] = []
            var padAt: Int? = nil
            for (j, (offset, c)) in group.enumerated() {
                if c == UInt8(ascii: "=") {
                    padAt = j
                    break
                }
                let v = reverse[Int(c)]
                if v < 0 { return .failure(CorruptInput(encoding: name, offset: offset)) }
                values.append(Int(v))
            }
            if let p = padAt {
                // Padding must complete the quantum, start at a valid position, and end the input.
                let validStarts: Set<Int> = quantum == 4 ? [2, 3] : [2, 4, 5, 7]
                let padOffset = group[group.startIndex + p].offset
                if !validStarts.contains(p) { return .failure(CorruptInput(encoding: name, offset: padOffset)) }
                for k in p..<quantum {
                    let idx = group.startIndex + k
                    guard idx < group.endIndex else {
                        return .failure(CorruptInput(encoding: name, offset: src.count))
                    }
                    if group[idx].element != UInt8(ascii: "=") {
                        return .failure(CorruptInput(encoding: name, offset: group[idx].offset - 1))
                    }
                }
                if q + quantum < chars.count {
                    return .failure(CorruptInput(encoding: name, offset: chars[q + quantum].offset))
                }
            } else if group.count < quantum {
                // Go reports an unpadded, incomplete quantum at its first character.
                return .failure(CorruptInput(encoding: name, offset: group.first?.offset ?? src.count))
            }
            var buffer = 0
            var bits = 0
            for v in values {
                buffer = (buffer << bitsPerChar) | v
                bits += bitsPerChar
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8((buffer >> bits) & 0xFF))
                    buffer &= (1 << bits) - 1
                }
            }
            q += quantum
        }
        return .success(out)
    }
}

enum Base64 {
    static let std = PaddedCodec(
        name: "base64", alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", bitsPerChar: 6,
        quantum: 4)
    static func encode(_ d: [UInt8]) -> String { std.encode(d) }
    static func decode(_ s: String) -> Result<[UInt8], CorruptInput> { std.decode(s) }
}

enum Base32 {
    static let std = PaddedCodec(
        name: "base32", alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", bitsPerChar: 5, quantum: 8)
    static func encode(_ d: [UInt8]) -> String { std.encode(d) }
    static func decode(_ s: String) -> Result<[UInt8], CorruptInput> { std.decode(s) }
}
