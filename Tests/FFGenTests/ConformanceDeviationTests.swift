import FFGenTestSupport
import Foundation
import HelmEngine
import Testing
import Values

/// The known differences from Helm listed in docs/compat.md, each pinned to what ffgen renders today.
///
/// Every row records Helm v4.2.3's output (through the oracle) next to ffgen's, so a change that closes a gap
/// fails here and the row moves into the corpus, and a change that widens one is noticed.
struct DeviationCase: CustomTestStringConvertible, Sendable {
    /// The docs/compat.md entry the row belongs to.
    let entry: String
    let template: String
    /// What ffgen renders (the template's output line, after `# Source:`).
    let ffgen: String
    /// What Helm renders for the same template (or its error), for the reader.
    let helm: String

    var testDescription: String { entry }
}

@Suite struct ConformanceDeviationTests {
    static let cases: [DeviationCase] = [
        DeviationCase(
            entry: "named map type belongs to the map",
            template: "# {{ typeOf (set .Values \"z\" 1) }} {{ typeOf (merge .Values dict) }}",
            ffgen: "# common.Values common.Values",
            helm: "# map[string]interface {} map[string]interface {}"),
        DeviationCase(
            entry: "slice of a Go slice type",
            template: "# {{ typeOf (slice .Capabilities.APIVersions 0 2) }}",
            ffgen: "# []interface {}",
            helm: "# common.VersionSet"),
        DeviationCase(
            entry: "toYamlPretty of a Go struct",
            template: "# {{ toYamlPretty .Capabilities.KubeVersion | replace \"\\n\" \" \" }}",
            ffgen: "# Major: \"1\" Minor: \"36\" Version: v1.36.0",
            helm: "# version: v1.36.0 major: \"1\" minor: \"36\""),
        DeviationCase(
            entry: "escape code points in template text",
            template: "# {{ \"\\U0010FFC3\" | len }}",
            ffgen: "# 1",
            helm: "# 4"),
        DeviationCase(
            entry: "rune functions on invalid UTF-8",
            template: "# {{ substr 0 2 \"h\u{E9}llo\" | upper | len }}",
            ffgen: "# 2",
            helm: "# 4"),
        DeviationCase(
            entry: "regex word boundaries",
            template: "# {{ regexReplaceAll \"\\\\b\u{E9}\" \"a\u{E9} \u{E9}\" \"X\" }}",
            ffgen: "# a\u{E9} X",
            helm: "# aX \u{E9}"),
        DeviationCase(
            entry: "uint64 beyond int64 outside %v",
            template: "# {{ (semver \"18446744073709551615.0.0\").Major }} {{ printf \"%d\" (semver \"18446744073709551615.0.0\").Major }}",
            ffgen: "# 18446744073709551615 -1",
            helm: "# 18446744073709551615 18446744073709551615"),
    ]

    @Test(arguments: cases)
    func rendersAsDocumented(_ row: DeviationCase) throws {
        #expect(try Self.render(row.template) == "---\n# Source: c/templates/t.yaml\n\(row.ffgen)\n")
    }

    /// Subchart `.Values` is a plain map in ffgen (Helm: `common.Values`), so a parent's `.Values.sub` is too.
    @Test func subchartValuesAreAPlainMap() throws {
        let out = try Self.render(
            "# {{ typeOf .Subcharts.s.Values }} {{ typeOf .Values.s }}",
            files: ["charts/s/Chart.yaml": "apiVersion: v2\nname: s\nversion: 0.1.0\n", "values.yaml": "s: {x: 1}\n"])
        // Helm: "# common.Values map[string]interface {}"
        #expect(out == "---\n# Source: c/templates/t.yaml\n# map[string]interface {} map[string]interface {}\n")
    }

    /// Key types ffgen cannot generate fail with an error of ffgen's own (Helm renders a DSA key).
    @Test func dsaKeysAreNotSupported() {
        #expect {
            _ = try Self.render("# {{ genPrivateKey \"dsa\" | len }}")
        } throws: { error in
            "\(error)".contains("genPrivateKey \"dsa\" is not supported by ffgen")
        }
    }

    /// A whole float literal in a Chart.yaml string field prints like an integer (Helm: `# 1e+06`).
    @Test func chartYAMLFloatLiteral() throws {
        let out = try Self.render(
            "# {{ .Chart.AppVersion }}", files: ["Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: 1e6\n"])
        #expect(out == "---\n# Source: c/templates/t.yaml\n# 1000000\n")
    }

    /// Unbounded `tpl` recursion stops with an error (Helm dies of a Go stack overflow).
    @Test func tplRecursionIsBounded() {
        #expect {
            _ = try Self.render("# {{ tpl .Values.x . }}", files: ["values.yaml": "x: \"{{ tpl .Values.x . }}\"\n"])
        } throws: { error in
            "\(error)".contains("tpl calls nested more than 1000 deep")
        }
    }

    /// Renders `template` as `c/templates/t.yaml` of a chart `c` (plus `files`) with default options.
    static func render(_ template: String, files: [String: String] = [:]) throws -> String {
        let dir = try Fixtures.temporaryDirectory("deviation")
        defer { try? FileManager.default.removeItem(at: dir) }
        var all = files
        all["Chart.yaml"] = files["Chart.yaml"] ?? "apiVersion: v2\nname: c\nversion: 0.1.0\n"
        all["templates/t.yaml"] = template + "\n"
        for (path, text) in all {
            let url = dir.appendingPathComponent("c/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let renderer = HelmRenderer()
        let chart = try ChartLoader(codecs: renderer.codecs).load(directory: dir.appendingPathComponent("c").path)
        return try renderer.render(chart: chart, values: ValueMap(), options: RenderOptions(releaseName: "r")).stdout
    }
}
