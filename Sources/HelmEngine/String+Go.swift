import Foundation

/// Go's byte-level view of text where Swift's `Character` view differs (`"\r\n"` is one `Character`).
extension String {
    /// The string without leading and trailing ASCII whitespace (Go's `strings.TrimSpace` for ASCII input).
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
        let view = utf8
        guard let start = view.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = view.lastIndex(where: { !isSpace($0) }) else { return "" }
        // Rendered manifests are mostly trimmed already: keep the storage rather than copying it.
        if start == view.startIndex && view.index(after: last) == view.endIndex { return self }
        return String(Substring(view[start...last]))
    }

    /// The last non-empty `/`-separated piece (`split(separator: "/").last ?? ""`), found on bytes as Go's
    /// `path.Base` does (a `/` followed by a combining mark is a separator here, as in Go).
    var lastPathPiece: Substring {
        // Offsets found on the contiguous bytes (the generic backward walk of the UTF-8 view is slow).
        let bounds = utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int) in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x2F { end -= 1 }
            var start = end
            while start > 0, bytes[start - 1] != 0x2F { start -= 1 }
            return (start, end)
        }
        let utf8 = self.utf8
        guard let (start, end) = bounds else {
            guard let last = utf8.lastIndex(where: { $0 != 0x2F }) else { return "" }
            let end = utf8.index(after: last)
            let start = utf8[..<end].lastIndex(of: 0x2F).map { utf8.index(after: $0) } ?? utf8.startIndex
            return self[start..<end]
        }
        return self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }

    /// Whether the UTF-8 bytes of `self` order before those of `other`: Go's string `<`, as
    /// `utf8.lexicographicallyPrecedes` decides it, compared with `memcmp` instead of byte by byte.
    func utf8Precedes(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let n = Swift.min(a.count, b.count)
                if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
                    let order = memcmp(pa, pb, n)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
        if let fast, let fast { return fast }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// The text with every `<no value>` removed, as Helm's `strings.ReplaceAll(s, "<no value>", "")` after
    /// executing a template (Helm: engine.go render, tplFun). Works on bytes; returns `self` when there is none.
    func removingNoValue() -> String {
        var text = self
        text.makeContiguousUTF8()  // a no-op for native strings
        return text.utf8.withContiguousStorageIfAvailable { bytes -> String in
            let needle = Self.noValue
            let n = bytes.count
            var result: [UInt8] = []
            var copiedUpTo = 0
            var i = 0
            while i + needle.count <= n, let base = bytes.baseAddress {
                // memchr finds the next `<` many bytes at a time.
                guard let found = memchr(base + i, 0x3C, n - needle.count + 1 - i) else { break }
                i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if Self.matches(needle, in: bytes, at: i) {
                    if copiedUpTo == 0 { result.reserveCapacity(n) }
                    result.append(contentsOf: bytes[copiedUpTo..<i])
                    i += needle.count
                    copiedUpTo = i
                } else {
                    i += 1
                }
            }
            if copiedUpTo == 0 { return text }
            result.append(contentsOf: bytes[copiedUpTo..<n])
            return String(decoding: result, as: UTF8.self)
        } ?? text.replacingNoValueSlowly()
    }

    private static let noValue: [UInt8] = Array("<no value>".utf8)

    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        for k in 0..<needle.count where bytes[i + k] != needle[k] { return false }
        return true
    }

    /// The byte-array fallback for a string without contiguous UTF-8 storage (never the case after
    /// `makeContiguousUTF8`).
    private func replacingNoValueSlowly() -> String {
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }.removingNoValue()
    }

    /// Go's `strings.Split(s, "\n")`: pieces between newline bytes, a `\r` before a newline kept.
    func splitLines() -> [String] {
        utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
