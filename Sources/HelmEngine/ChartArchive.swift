/// Reading packaged charts (`.tgz`: a gzip-compressed tar with one top directory), as Helm loads subcharts
/// vendored into `charts/`. Helm: pkg/chart/loader/archive archive.go (LoadArchiveFiles).
enum ChartArchive {
    /// Helm: MaxDecompressedChartSize / MaxDecompressedFileSize.
    static let maxChartSize = 100 * 1024 * 1024
    static let maxFileSize = 5 * 1024 * 1024

    /// The files of a packaged chart, named relative to the chart root (the top directory is dropped).
    static func files(_ archive: [UInt8]) throws -> [ChartFile] {
        let tar = try Gzip.decompress(archive, limit: maxChartSize + 1024 * 1024)
        var files: [ChartFile] = []
        for entry in try Tar.entries(tar) {
            let parts = entry.name.split(separator: "/", omittingEmptySubsequences: false)
            if parts.first == "Chart.yaml" { throw HelmError.chartLoad("chart yaml not in base directory") }
            let relative = parts.dropFirst().joined(separator: "/")
            if relative.hasPrefix("/") { throw HelmError.chartLoad("chart illegally contains absolute paths") }
            let cleaned = cleanPath(relative)
            if cleaned == "." {
                throw HelmError.chartLoad("chart illegally contains content outside the base directory: \"\(entry.name)\"")
            }
            if cleaned.hasPrefix("..") { throw HelmError.chartLoad("chart illegally references parent directory") }
            if entry.data.count > maxFileSize {
                throw HelmError.chartLoad(
                    "decompressed chart file \"\(entry.name)\" is larger than the maximum file size \(maxFileSize)")
            }
            var data = entry.data
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            files.append(ChartFile(name: cleaned, data: data))
        }
        if files.isEmpty { throw HelmError.chartLoad("no files in chart archive") }
        return files
    }

    /// Go `path.Clean` for relative paths.
    static func cleanPath(_ path: String) -> String {
        var out: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = out.last, last != ".." {
                out.removeLast()
            } else {
                out.append(part)
            }
        }
        return out.isEmpty ? "." : out.joined(separator: "/")
    }
}

/// The entries of a POSIX/GNU tar stream: regular files only, with PAX `path` and GNU long names applied.
enum Tar {
    struct Entry {
        var name: String
        var data: [UInt8]
    }

    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        var longName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }
            guard let size = octal(header, 124, 12) else { throw HelmError.chartLoad("archive/tar: invalid tar header") }
            let dataStart = offset + 512
            guard dataStart + size <= bytes.count else { throw HelmError.chartLoad("unexpected EOF") }
            let data = Array(bytes[dataStart..<(dataStart + size)])
            offset = dataStart + (size + 511) / 512 * 512
            let type = header[header.startIndex + 156]
            var name = string(header, 0, 100)
            if string(header, 257, 5) == "ustar" {
                let prefix = string(header, 345, 155)
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            if let long = longName {
                name = long
                longName = nil
            }
            switch type {
            case UInt8(ascii: "x"):  // PAX extended header: `LEN path=VALUE\n` records
                longName = paxPath(data)
            case UInt8(ascii: "L"):  // GNU long name
                longName = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "0"), 0:
                if !name.hasSuffix("/") { entries.append(Entry(name: name, data: data)) }
            default:
                continue  // directories, links, global headers
            }
        }
        return entries
    }

    private static func string(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> String {
        let start = header.startIndex + at
        let field = header[start..<(start + length)]
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func octal(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) -> Int? {
        let text = string(header, at, length).trimmingASCIIWhitespace()
        if text.isEmpty { return 0 }
        return Int(text, radix: 8)
    }

    private static func paxPath(_ data: [UInt8]) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        for record in text.split(separator: "\n") {
            guard let space = record.firstIndex(of: " ") else { continue }
            let keyValue = record[record.index(after: space)...]
            if keyValue.hasPrefix("path=") { return String(keyValue.dropFirst("path=".count)) }
        }
        return nil
    }
}

/// gzip (RFC 1952) around DEFLATE (RFC 1951) decompression.
enum Gzip {
    static func decompress(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
        // Go's gzip.NewReader reads the 10-byte header first: a shorter input is an unexpected EOF.
        guard bytes.count >= 10 else { throw HelmError.chartLoad("unexpected EOF") }
        guard bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 8 else { throw HelmError.chartLoad("gzip: invalid header") }
        let flags = bytes[3]
        var offset = 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard offset + 2 <= bytes.count else { throw HelmError.chartLoad("gzip: invalid header") }
            offset += 2 + Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while offset < bytes.count, bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }  // FHCRC
        guard offset < bytes.count else { throw HelmError.chartLoad("gzip: invalid header") }
        var inflater = Inflater(bytes, start: offset, limit: limit)
        return try inflater.run()
    }
}

/// A DEFLATE decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
struct Inflater {
    private let input: [UInt8]
    private var position: Int
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private var output: [UInt8] = []
    private let limit: Int

    init(_ input: [UInt8], start: Int, limit: Int) {
        self.input = input
        self.position = start
        self.limit = limit
    }

    private static func corrupt() -> HelmError { HelmError.chartLoad("flate: corrupt input") }

    /// A canonical Huffman code: symbol counts per length and the symbols in code order.
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }
    }

    private mutating func bits(_ n: Int) throws -> Int {
        while bitCount < n {
            guard position < input.count else { throw HelmError.chartLoad("unexpected EOF") }
            bitBuffer |= UInt32(input[position]) << UInt32(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(n)) - 1))
        bitBuffer >>= UInt32(n)
        bitCount -= n
        return value
    }

    // Codes are read one bit at a time, most significant first, comparing with each length's first code.
    private mutating func decode(_ h: Huffman) throws -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1..<16 {
            code |= try bits(1)
            let count = h.counts[length]
            if code - first < count { return h.symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw Self.corrupt()
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    mutating func run() throws -> [UInt8] {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1: try codes(try Huffman(lengths: Self.fixedLiteralLengths), try Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let (literals, distances) = try dynamicTables()
                try codes(literals, distances)
            default: throw Self.corrupt()
            }
        }
        return output
    }

    private static let fixedLiteralLengths: [Int] =
        [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24)
        + [Int](repeating: 8, count: 8)

    private mutating func stored() throws {
        // Skip to the byte boundary; whole bytes still buffered go back to the input.
        position -= bitCount / 8
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw HelmError.chartLoad("unexpected EOF") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF, position + 4 + length <= input.count else { throw Self.corrupt() }
        output.append(contentsOf: input[(position + 4)..<(position + 4 + length)])
        position += 4 + length
        try checkLimit()
    }

    private mutating func dynamicTables() throws -> (Huffman, Huffman) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengths[order[i]] = try bits(3) }
        let codeLengthCode = try Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            switch symbol {
            case 0..<16:
                lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Self.corrupt() }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try bits(2))))
            case 17:
                lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits(3))))
            default:
                lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits(7))))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw Self.corrupt() }
        return (
            try Huffman(lengths: Array(lengths[..<literalCount])),
            try Huffman(lengths: Array(lengths[literalCount...]))
        )
    }

    private mutating func codes(_ literals: Huffman, _ distances: Huffman) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { break }
            let lengthIndex = symbol - 257
            guard lengthIndex < Self.lengthBase.count else { throw Self.corrupt() }
            let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < Self.distanceBase.count else { throw Self.corrupt() }
            let distance = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw Self.corrupt() }
            let start = output.count - distance
            for i in 0..<length { output.append(output[start + i]) }
            try checkLimit()
        }
    }

    private func checkLimit() throws {
        if output.count > limit {
            throw HelmError.chartLoad("decompressed chart is larger than the maximum size \(ChartArchive.maxChartSize)")
        }
    }
}
