import FFGenTestSupport
import Foundation
@testable import HelmEngine
import Testing
import Values

/// `.Files`, `.Capabilities`, `.Release` and release-name checks. Expected strings come from Helm v4.2.3 (the
/// oracle): the recorded output of the helm-unit chart `f1` (its template prints `.Capabilities`, `.Files` accessors and
/// `.Release`, one `# name: ` line each) and the helm-files table (globs and AsSecrets over the chart
/// Tests/Fixtures/tables/charts/files-glob, whose files these tests load).
@Suite("Helm render values")
struct HelmRenderValuesTests {
    static let files = ChartFiles(
        (try? ChartLoader().load(directory: Fixtures.root.appendingPathComponent("tables/charts/files-glob").path).files) ?? [],
        codecs: TestJSON.codecs)

    /// The text after `# NAME: ` in what Helm printed for the helm-unit chart f1.
    static func f1(_ name: String) -> String {
        let url = Fixtures.root.appendingPathComponent("helm-unit/f1/expected.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("# \(name): ") }
        return line.map { String($0.dropFirst("# \(name): ".count)) } ?? "(no # \(name): line in \(url.path))"
    }

    /// What Helm printed for the helm-files table: `# glob "PATTERN" => PATH PATH ` lines and `# NAME: value` lines.
    static let filesOutput: [Substring] = {
        let row = OracleTable.load("helm-files").rows.first
        return (row?.output ?? "ERROR: " + (row?.error ?? "no helm-files row")).split(separator: "\n")
    }()

    static let globs: [(String, [String])] = filesOutput.compactMap { line in
        guard line.hasPrefix("# glob "), let arrow = line.range(of: " => ") else { return nil }
        let quoted = line[line.index(line.startIndex, offsetBy: "# glob ".count)..<arrow.lowerBound]
        return (String(quoted.dropFirst().dropLast()), line[arrow.upperBound...].split(separator: " ").map(String.init))
    }

    static func filesLine(_ name: String) -> String {
        filesOutput.first { $0.hasPrefix("# \(name): ") }.map { String($0.dropFirst("# \(name): ".count)) } ?? ""
    }

    @Test func globsAreRecorded() {
        #expect(Self.globs.count == 5)
    }

    @Test(arguments: globs)
    func glob(_ pattern: String, _ expected: [String]) {
        #expect(Self.files.glob(pattern).entries.map(\.name) == expected)
    }

    @Test func accessors() throws {
        let f = Self.files
        // f1 prints `{{ .Files.Get "files/a.txt" | quote }} {{ .Files.Get "missing" | quote }} …`.
        #expect(Self.f1("get").hasPrefix("\"line1\\nline2\\n\" \"\" "))
        #expect(f.get("files/a.txt") == "line1\nline2\n")
        #expect(f.get("missing") == "")
        #expect(GoFormat.describe(try f.callMethod("GetBytes", [.string("files/sub/c.txt")])) == Self.f1("getbytes"))
        let lines = GoFormat.describe(try f.callMethod("Lines", [.string("files/a.txt")]))
        let missing = GoFormat.describe(try f.callMethod("Lines", [.string("missing")]))
        #expect("\(lines) 2 \(missing)" == Self.f1("lines"))
        #expect(f.entries.count == 5)
        #expect(f.goTypeName == "engine.files")
        #expect(f.goKind == "map")
    }

    @Test func secretsAreBase64() throws {
        let recorded = Data(base64Encoded: Self.filesLine("secrets")).map { String(decoding: $0, as: UTF8.self) }
        #expect(recorded != nil)
        #expect(try Self.files.glob("files/*").asSecrets() == recorded)
    }

    @Test func emptyGlobAsConfigIsEmptyMap() throws {
        #expect(try "\"" + Self.files.glob("nomatch/*").asConfig() + "\"" == Self.filesLine("config-empty"))
    }

    @Test func capabilities() throws {
        let caps = Capabilities()
        #expect(caps.kubeVersion.goString == Self.f1("kv").components(separatedBy: " | ").first)
        #expect(caps.helmVersion.goString == Self.f1("helm").components(separatedBy: " | ").first)
        #expect(caps.goString == Self.f1("caps"))
        let has = Self.f1("has").split(separator: " ").map(String.init)
        #expect(GoFormat.describe(try caps.apiVersions.callMethod("Has", [.string("apps/v1")])) == has.first)
        #expect(GoFormat.describe(try caps.apiVersions.callMethod("Has", [.string("apps/v1/Deployment")])) == has.dropFirst().first)
        let types = Self.f1("typeOf").split(separator: " ").map(String.init)
        #expect([caps.goTypeName, caps.kubeVersion.goTypeName, caps.apiVersions.goTypeName, caps.helmVersion.goTypeName]
            == Array(types.prefix(4)))
        #expect(caps.kubeVersion.field("Major").map { GoFormat.describe($0) } == "1")
        #expect(caps.kubeVersion.field("Minor").map { GoFormat.describe($0) } == "36")
    }

    @Test func release() {
        let map = ReleaseOptions(name: "rel", namespace: "default").templateMap
        #expect(GoFormat.describe(.map(map)) == Self.f1("release"))
    }

    /// Rows of the helm-release-names table: each name and Helm's error when it refuses it.
    static let releaseNames: [(String, String?)] = OracleTable.load("helm-release-names").rows.map { ($0["release"], $0.error) }

    @Test(arguments: releaseNames)
    func releaseName(_ name: String, _ helmError: String?) {
        do {
            try ReleaseOptions.validate(releaseName: name)
            #expect(helmError == nil)
        } catch let error as HelmError {
            #expect(error.helmDescription == helmError)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// `--kube-version` parsing; rows from Helm v4.2.3's capabilities_test.go (TestParseKubeVersionWithVendorSuffixes).
    static let kubeVersions: [(String, String, String, String, String)] = [
        ("v1.33.4-gke.1245000", "v1.33.4-gke.1245000", "v1.33.4", "1", "33"),
        ("1.30.2-gke.1587003", "v1.30.2-gke.1587003", "v1.30.2", "1", "30"),
        ("v1.28+", "v1.28+", "v1.28", "1", "28"),
        ("1.28+", "v1.28+", "v1.28", "1", "28"),
        ("v1.31.0", "v1.31.0", "v1.31.0", "1", "31"),
        ("1.29.0", "v1.29.0", "v1.29.0", "1", "29"),
    ]

    @Test(arguments: kubeVersions)
    func kubeVersion(_ input: String, _ version: String, _ string: String, _ major: String, _ minor: String) throws {
        let kv = try KubeVersion(parsing: input)
        #expect(kv.version == version)
        #expect(kv.goString == string)
        #expect(kv.major == major)
        #expect(kv.minor == minor)
    }
}
