@testable import HelmEngine
import Testing
import Values

/// `.Files`, `.Capabilities`, `.Release` and release-name checks. Expected strings come from Helm v4.2.3 (the
/// oracle) rendering chart `f1`: files `files/a.txt` ("line1\nline2\n"), `files/b.yaml`, `files/bin.dat`
/// (bytes ff fe "bin"), `files/sub/c.txt` ("deep") and `.helmignore`.
@Suite("Helm render values")
struct HelmRenderValuesTests {
    static let files = ChartFiles(
        [
            ChartFile(name: ".helmignore", text: "ignored.txt\n"),
            ChartFile(name: "files/a.txt", text: "line1\nline2\n"),
            ChartFile(name: "files/b.yaml", text: "key: \"v\"\n"),
            ChartFile(name: "files/bin.dat", data: [0xFF, 0xFE] + Array("bin".utf8)),
            ChartFile(name: "files/sub/c.txt", text: "deep"),
        ], codecs: TestJSON.codecs)

    static let globs: [(String, [String])] = [
        ("files/**", ["files/a.txt", "files/b.yaml", "files/bin.dat", "files/sub/c.txt"]),
        ("files/*", ["files/a.txt", "files/b.yaml", "files/bin.dat"]),
        ("files/{a,b}.*", ["files/a.txt", "files/b.yaml"]),
        ("**.txt", ["files/a.txt", "files/sub/c.txt"]),
        ("nomatch/*", []),
    ]

    @Test(arguments: globs)
    func glob(_ pattern: String, _ expected: [String]) {
        #expect(Self.files.glob(pattern).entries.map(\.name) == expected)
    }

    @Test func accessors() throws {
        let f = Self.files
        #expect(f.get("files/a.txt") == "line1\nline2\n")
        #expect(f.get("missing") == "")
        #expect(GoFormat.describe(try f.callMethod("GetBytes", [.string("files/sub/c.txt")])) == "[100 101 101 112]")
        #expect(GoFormat.describe(try f.callMethod("Lines", [.string("files/a.txt")])) == "[line1 line2]")
        #expect(GoFormat.describe(try f.callMethod("Lines", [.string("missing")])) == "[]")
        #expect(f.entries.count == 5)
        #expect(f.goTypeName == "engine.files")
        #expect(f.goKind == "map")
    }

    @Test func secretsAreBase64() throws {
        #expect(try Self.files.glob("files/*").asSecrets() == "a.txt: bGluZTEKbGluZTIK\nb.yaml: a2V5OiAidiIK\nbin.dat: //5iaW4=")
    }

    @Test func emptyGlobAsConfigIsEmptyMap() throws {
        #expect(try Self.files.glob("nomatch/*").asConfig() == "{}")
    }

    @Test func capabilities() throws {
        let caps = Capabilities()
        #expect(caps.kubeVersion.goString == "v1.36.0")
        #expect(caps.helmVersion.goString == "{v4.2   go1.26.6 v1.36}")
        #expect(caps.goString.hasPrefix("{{v1.36.0 v1.36.0 1 36} [v1 admissionregistration.k8s.io/v1 "))
        #expect(caps.goString.hasSuffix(" apiextensions.k8s.io/v1beta1 apiextensions.k8s.io/v1] {v4.2   go1.26.6 v1.36}}"))
        #expect(GoFormat.describe(try caps.apiVersions.callMethod("Has", [.string("apps/v1")])) == "true")
        #expect(GoFormat.describe(try caps.apiVersions.callMethod("Has", [.string("apps/v1/Deployment")])) == "false")
        #expect(caps.goTypeName == "*common.Capabilities")
        #expect(caps.kubeVersion.goTypeName == "common.KubeVersion")
        #expect(caps.apiVersions.goTypeName == "common.VersionSet")
        #expect(caps.helmVersion.goTypeName == "version.BuildInfo")
        #expect(caps.kubeVersion.field("Major").map { GoFormat.describe($0) } == "1")
        #expect(caps.kubeVersion.field("Minor").map { GoFormat.describe($0) } == "36")
    }

    @Test func release() {
        let map = ReleaseOptions(name: "rel", namespace: "default").templateMap
        #expect(GoFormat.describe(.map(map)) == "map[IsInstall:true IsUpgrade:false Name:rel Namespace:default Revision:1 Service:Helm]")
    }

    static let releaseNames: [(String, Bool)] = [
        ("Bad_Name", false), (String(repeating: "a", count: 54), false), ("ok-name", true), ("a.b", true), ("-a", false),
    ]

    @Test(arguments: releaseNames)
    func releaseName(_ name: String, _ valid: Bool) {
        do {
            try ReleaseOptions.validate(releaseName: name)
            #expect(valid)
        } catch let error as HelmError {
            #expect(!valid)
            #expect(error.helmDescription == "release name check failed: release name \"\(name)\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53")
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
