import Foundation
import Testing
import Values

/// Runs the corpus cases whose only template is built from a few fixed lines (`toYaml .Values | nindent 2`,
/// `toJson .Values`, …) with nothing but the values reader and the encoders, so YAML conformance is checked
/// without the template engine. Cases with other template lines, `-f` files or `--set` flags are left to the
/// full corpus runner. Skips silently when the corpus is not present.
@Test func yamlCorpusSubset() throws {
    let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/corpus")
    guard FileManager.default.fileExists(atPath: corpus.path) else { return }
    var checked = 0
    for category in ["toyaml", "yaml", "helmfuncs"] {
        let dir = corpus.appendingPathComponent(category)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for file in names.sorted() where file.hasSuffix(".txtar") {
            let name = String(file.dropLast(".txtar".count))
            // The output of this case is valid toYaml text that Helm then fails to read back (a `<<` key).
            if category == "toyaml" && name == "str-merge" { continue }
            let archive = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            guard let expected = CorpusSubsetCase.expected(dir: dir, name: name),
                let output = CorpusSubsetCase.render(archive: archive)
            else { continue }
            checked += 1
            #expect(output == expected, "\(category)/\(name)")
        }
    }
    #expect(checked > 0)
}

/// The tiny subset of template lines `yamlCorpusSubset` understands.
enum CorpusSubsetCase {
    static func expected(dir: URL, name: String) -> String? {
        if let golden = try? String(contentsOf: dir.appendingPathComponent(name + ".golden"), encoding: .utf8) {
            return golden
        }
        return try? String(contentsOf: dir.appendingPathComponent(name + ".error"), encoding: .utf8)
    }

    /// txtar files split on `\n` only.
    static func files(_ archive: String) -> [String: String] {
        var files: [String: String] = [:]
        var current: String?
        for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- ") && line.hasSuffix(" --") {
                let name = String(line.dropFirst(3).dropLast(3))
                current = name
                files[name] = ""
            } else if let c = current {
                files[c, default: ""] += line + "\n"
            }
        }
        return files
    }

    /// Helm drops `null` entries of a chart's own values.yaml (coalescing).
    static func dropNulls(_ v: Value) -> Value {
        guard case .map(let m) = v else { return v }
        let out = ValueMap()
        for (k, x) in m where !x.isNull { out[k] = dropNulls(x) }
        return .map(out)
    }

    /// Sprig `indent`, with `nindent`'s leading newline when asked.
    static func indent(_ s: String, _ n: Int, newline: Bool) -> String {
        let pad = String(repeating: " ", count: n)
        var out = newline ? "\n" + pad : pad
        for u in s.unicodeScalars {
            out.unicodeScalars.append(u)
            if u == "\n" { out += pad }
        }
        return out
    }

    /// The rendered output (`helm template` stdout, or the load error), or nil when the case is out of scope.
    static func render(archive: String) -> String? {
        let files = files(archive)
        let templates = files.keys.filter { $0.hasPrefix("chart/templates/") }
        guard files["args.yaml"] == nil, templates == ["chart/templates/t.yaml"],
            let template = files["chart/templates/t.yaml"]
        else { return nil }
        let values: Value
        do {
            values = dropNulls(.map(try HelmYAML.loadValues(files["chart/values.yaml"] ?? "", file: "values.yaml")))
        } catch {
            return "cannot load values.yaml: " + error.message
        }
        let map = values.mapValue ?? ValueMap()
        var out = ""
        var lines = template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            // `{{-` removes the newline before the action.
            func trimmed(_ text: String) {
                if out.hasSuffix("\n") { out.removeLast() }
                out += indent(text, 2, newline: true) + "\n"
            }
            switch line {
            case "{{- toYaml .Values | nindent 2 }}": trimmed(HelmYAML.toYaml(values))
            case "{{- toYamlPretty .Values | nindent 2 }}": trimmed(HelmYAML.toYamlPretty(values))
            case "{{- dict .Values.v 1 | toYaml | nindent 2 }}":
                guard case .string(let key)? = map["v"] else { return nil }
                trimmed(HelmYAML.toYaml(.map(ValueMap([(key, .int(1))]))))
            case "{{- list .Values.v | toYaml | nindent 2 }}": trimmed(HelmYAML.toYaml(.list([map["v"] ?? .null])))
            case "json: {{ toJson .Values }}": out += "json: " + ((try? GoJSON.marshal(values)) ?? "") + "\n"
            case "# x={{ .Values.x }} type={{ typeOf .Values.x }}":
                // A missing value prints `<no value>`, which Helm removes from the output.
                let x = map["x"]
                out += "# x=\(x.map { GoFormat.describe($0) } ?? "") type=\(x?.goTypeName ?? "<nil>")\n"
            case "{{ toToml .Values | indent 2 }}":
                guard let toml = try? HelmTOML.toToml(values) else { return nil }
                out += indent(toml, 2, newline: false) + "\n"
            default:
                if line.contains("{{") { return nil }
                out += line + "\n"
            }
        }
        let body = out.trimmingCharacters(in: .whitespacesAndNewlines)
        return body.isEmpty ? "\n" : "---\n# Source: c/templates/t.yaml\n" + body + "\n"
    }
}
