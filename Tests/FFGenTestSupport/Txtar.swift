import Foundation

/// A Go txtar archive: a comment followed by files introduced by `-- NAME --` marker lines.
public struct Txtar: Sendable {
    public var comment: String
    public var files: [(name: String, content: String)]

    /// Parses txtar text. Every file's content runs to the next marker line.
    public init(parsing text: String) {
        var comment = ""
        var files: [(String, String)] = []
        var currentName: String?
        var current = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count >= 6 {
                if let name = currentName { files.append((name, current)) } else { comment = current }
                currentName = String(line.dropFirst(3).dropLast(3)).trimmingCharacters(in: .whitespaces)
                current = ""
            } else {
                current += line
                current += "\n"
            }
        }
        if let name = currentName { files.append((name, current)) } else { comment = current }
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
