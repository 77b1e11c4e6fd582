/// A position in a source file: 1-based line, 1-based UTF-8 byte column and 0-based byte offset.
///
/// libyaml counts columns in Unicode scalars; `LineIndex` converts its marks to byte positions so every layer
/// above can report `file:line:col` the same way, and derive Go's 0-based byte column (`column - 1`) when it
/// prints Helm-compatible text.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the user should see it (may be empty for inline text).
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in UTF-8 bytes.
    public var column: Int
    /// The 0-based byte offset from the start of the input.
    public var offset: Int

    /// Creates a location from its parts.
    public init(file: String, line: Int, column: Int, offset: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:col`, the ffgen diagnostic format.
    public var description: String { "\(file):\(line):\(column)" }
}

/// Maps libyaml marks (0-based line, column in Unicode scalars) to byte-based `SourceLocation`s.
struct LineIndex {
    let bytes: [UInt8]
    let file: String
    /// Byte offset at which each line starts, using libyaml's notion of a line break
    /// (`\r\n`, `\r`, `\n`, U+0085, U+2028, U+2029).
    private(set) var lineStarts: [Int] = [0]

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                lineStarts.append(i + 1)
                i += 1
            } else if b == 0x0D {
                let next = i + 1 < n && bytes[i + 1] == 0x0A ? i + 2 : i + 1
                lineStarts.append(next)
                i = next
            } else if b == 0xC2 && i + 1 < n && bytes[i + 1] == 0x85 {
                lineStarts.append(i + 2)
                i += 2
            } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                lineStarts.append(i + 3)
                i += 3
            } else {
                i += 1
            }
        }
    }

    /// The last mark converted, so that marks further along the same line continue from there instead of
    /// walking the line again (a long one-line document would otherwise cost quadratic time).
    private var cache: (line: Int, column: Int, offset: Int) = (-1, 0, 0)

    /// The location of a libyaml mark given as 0-based line and 0-based scalar column.
    mutating func location(line: Int, column: Int) -> SourceLocation {
        guard line >= 0, line < lineStarts.count else {
            return SourceLocation(file: file, line: line + 1, column: column + 1, offset: bytes.count)
        }
        var offset = lineStarts[line]
        // A byte-order mark at the very start is skipped by libyaml without counting a column.
        if line == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { offset = 3 }
        var remaining = column
        if cache.line == line && cache.column <= column {
            offset = cache.offset
            remaining = column - cache.column
        }
        while remaining > 0 && offset < bytes.count {
            let b = bytes[offset]
            let width: Int
            if b < 0x80 {
                width = 1
            } else if b & 0xE0 == 0xC0 {
                width = 2
            } else if b & 0xF0 == 0xE0 {
                width = 3
            } else {
                width = 4
            }
            offset += width
            remaining -= 1
        }
        offset = min(offset, bytes.count)
        if remaining == 0 { cache = (line, column, offset) }
        return SourceLocation(
            file: file, line: line + 1, column: offset - lineStarts[line] + 1 + remaining, offset: offset)
    }

    /// The location of a byte offset (reader errors report an offset rather than a mark).
    func location(offset: Int) -> SourceLocation {
        let offset = min(max(0, offset), bytes.count)
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return SourceLocation(file: file, line: lo + 1, column: offset - lineStarts[lo] + 1, offset: offset)
    }
}
