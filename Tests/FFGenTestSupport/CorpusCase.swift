import Foundation
import Values

/// One case of the Helm conformance corpus (`Tests/Fixtures/corpus/<category>/<name>.txtar`) with the result real
/// Helm recorded for it (`.golden`: stdout, or `.error`: Helm's error text).
public struct CorpusCase: Sendable, CustomStringConvertible {
    /// `<category>/<name>`.
    public let name: String
    public let archive: URL

    /// What Helm produced.
    public enum Expected: Sendable, Equatable {
        case output(String)
        case error(String)
    }

    public var description: String { name }

    /// Every case of the corpus, sorted by name.
    public static func all() -> [CorpusCase] {
        let root = Fixtures.root.appendingPathComponent("corpus")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var cases: [CorpusCase] = []
        for case let url as URL in walker where url.pathExtension == "txtar" {
            let relative = url.path.dropFirst(root.path.count + 1).dropLast(".txtar".count)
            cases.append(CorpusCase(name: String(relative), archive: url))
        }
        return cases.sorted { $0.name < $1.name }
    }

    /// The recorded result.
    public func expected() throws -> Expected {
        let base = archive.deletingPathExtension()
        let golden = base.appendingPathExtension("golden")
        let error = base.appendingPathExtension("error")
        if let data = FileManager.default.contents(atPath: golden.path) {
            return .output(String(decoding: data, as: UTF8.self))
        }
        if let data = FileManager.default.contents(atPath: error.path) {
            return .error(String(decoding: data, as: UTF8.self))
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: golden.path])
    }

    /// The `helm template` invocation a case stands for.
    public struct Invocation: Sendable {
        public var release = "release-name"
        public var namespace = "default"
        public var chartDirectory: String
        public var valueFiles: [String] = []
        public var set: [String] = []
        public var setString: [String] = []
        public var setJSON: [String] = []
        public var setLiteral: [String] = []
    }

    /// Unpacks the case below `directory` and returns the invocation to run there.
    public func unpack(into directory: URL) throws -> Invocation {
        let text = String(decoding: try Data(contentsOf: archive), as: UTF8.self)
        let txtar = Txtar(parsing: text)
        try txtar.write(to: directory)
        var invocation = Invocation(chartDirectory: directory.appendingPathComponent("chart").path)
        guard let argsText = txtar.file("args.yaml") else { return invocation }
        let args = try HelmYAML.parseValues(argsText, file: "args.yaml")
        func strings(_ key: String) -> [String] {
            (args[key]?.listValue ?? []).map { GoFormat.describe($0) }
        }
        if let release = args["release"] { invocation.release = GoFormat.describe(release) }
        if let namespace = args["namespace"] { invocation.namespace = GoFormat.describe(namespace) }
        invocation.valueFiles = strings("valuesFiles").map { directory.appendingPathComponent($0).path }
        invocation.set = strings("set")
        invocation.setString = strings("setString")
        invocation.setJSON = strings("setJSON")
        invocation.setLiteral = strings("setLiteral")
        return invocation
    }
}
