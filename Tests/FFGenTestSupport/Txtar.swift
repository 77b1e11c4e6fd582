import Foundation

/// A Go txtar archive: a comment followed by files introduced by `-- NAME --` marker lines.
public struct Txtar: Sendable {
    public var comment: String
    public var files: [(name: String, content: String)]

    /// Parses txtar text. Lines are split on LF only (a CR is content); every file's content runs to the next
    /// marker line.
    public init(parsing text: String) {
        var comment = ""
        var files: [(String, String)] = []
        var currentName: String?
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            let isMarker = line.count >= 6 && line.starts(with: Array("-- ".utf8))
                && line.reversed().starts(with: Array(" --".utf8).reversed())
            if isMarker {
                let finished = String(decoding: current, as: UTF8.self)
                if let name = currentName { files.append((name, finished)) } else { comment = finished }
                let nameBytes = line.dropFirst(3).dropLast(3)
                currentName = String(decoding: nameBytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                current = []
            } else {
                current.append(contentsOf: line)
                current.append(UInt8(ascii: "\n"))
            }
            lineStart = lineEnd + 1
        }
        let finished = String(decoding: current, as: UTF8.self)
        if let name = currentName { files.append((name, finished)) } else { comment = finished }
        self.comment = comment
        self.files = files
    }

    /// The content of the file named `name`, if present.
    public func file(_ name: String) -> String? { files.first { $0.name == name }?.content }

    /// Writes every file below `directory`, creating folders as needed.
    public func write(to directory: URL) throws {
        for (name, content) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
    }
}

/// Paths of the test fixtures, found relative to this source file so tests run from any directory.
public enum Fixtures {
    /// `Tests/Fixtures`.
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    /// The repository root.
    public static var repositoryRoot: URL {
        root.deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory(_ prefix: String = "ffgen-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
