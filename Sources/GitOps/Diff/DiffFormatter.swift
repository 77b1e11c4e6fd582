import Values

/// Prints a `DiffReport` as text (optionally coloured), a markdown pull-request comment, JSON, or a unified
/// diff of the generated files. Secret values never appear: masked fields print fingerprints, and the unified
/// format masks file lines.
public struct DiffFormatter: Sendable {
    /// An output format.
    public enum Format: String, Sendable, CaseIterable {
        /// Grouped by environment and object, one line per changed field.
        case text
        /// A summary table, then one collapsible section per environment.
        case markdown
        /// Machine-readable.
        case json
        /// A classic unified diff of the generated files.
        case unified
    }

    /// The format.
    public var format: Format
    /// ANSI colours in the text format.
    public var color: Bool
    /// The most bytes of a markdown report (pull-request comments have a size limit): environment sections
    /// that would pass it are left out, and a last line says how many. Nil for no limit.
    public var maximumBytes: Int?

    /// A formatter.
    public init(format: Format, color: Bool = false, maximumBytes: Int? = nil) {
        self.format = format
        self.color = color
        self.maximumBytes = maximumBytes
    }

    /// The report in this format, ending in a line break.
    public func render(_ report: DiffReport) -> String {
        switch format {
        case .text: text(report)
        case .markdown: markdown(report)
        case .json: json(report)
        case .unified: unified(report)
        }
    }

    // MARK: text

    private enum Paint: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
        case bold = "1"
        case dim = "2"
    }

    private func paint(_ text: String, _ paint: Paint) -> String {
        color ? "\u{1B}[" + paint.rawValue + "m" + text + "\u{1B}[0m" : text
    }

    private func text(_ report: DiffReport) -> String {
        guard report.hasDifferences else {
            return "no differences between \(report.oldLabel) and \(report.newLabel) "
                + "(\(report.compared) environment\(report.compared == 1 ? "" : "s") compared)\n"
        }
        var out = "ffgen diff \(report.oldLabel) → \(report.newLabel): \(summary(report))\n"
        let patterns = report.patterns
        if report.environments.count > 1 {
            out += "\nmost common changes:\n"
            for pattern in patterns.prefix(Self.patternLimit) {
                out += "  " + describe(pattern) + " (\(counted(pattern)))\n"
            }
            if patterns.count > Self.patternLimit { out += "  … \(patterns.count - Self.patternLimit) more\n" }
        }
        for environment in report.environments {
            out +=
                "\n" + paint(environment.name, .bold) + environmentStatus(environment) + ": " + counts(environment)
                + "\n"
            for object in environment.objects {
                out += objectLines(object, indent: "  ", colored: true).joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    /// How many change patterns the text and markdown summaries list.
    public static let patternLimit = 12

    // `Certificate spec.revisionHistoryLimit: added 3`, `Certificate object added`.
    private func describe(_ pattern: ChangePattern) -> String {
        if pattern.path.isEmpty { return pattern.kind + " " + pattern.change }
        return pattern.kind + " " + pattern.path + ": " + change(of: pattern)
    }

    private func change(of pattern: ChangePattern) -> String {
        guard let values = pattern.values else { return pattern.change }
        switch pattern.change {
        case "added": return "added " + show(values.new)
        case "removed": return "removed " + show(values.old)
        case "changed": return show(values.old) + " → " + show(values.new)
        case "moved": return "moved " + show(values.new)
        default: return pattern.change
        }
    }

    private func counted(_ pattern: ChangePattern) -> String {
        "\(pattern.objects) object\(pattern.objects == 1 ? "" : "s") in \(pattern.environments) "
            + "environment\(pattern.environments == 1 ? "" : "s")"
    }

    private func environmentStatus(_ environment: EnvironmentDiff) -> String {
        switch environment.status {
        case .added: " (new environment)"
        case .removed: " (environment removed)"
        case .changed: ""
        }
    }

    private func summary(_ report: DiffReport) -> String {
        let objects = report.environments.reduce(0) { $0 + $1.objects.count }
        return "\(report.environments.count) of \(report.compared) environment\(report.compared == 1 ? "" : "s") "
            + "differ\(report.environments.count == 1 ? "s" : ""), \(objects) object\(objects == 1 ? "" : "s")"
    }

    private func counts(_ environment: EnvironmentDiff) -> String {
        var parts: [String] = []
        if environment.added > 0 { parts.append("\(environment.added) added") }
        if environment.removed > 0 { parts.append("\(environment.removed) removed") }
        if environment.changed > 0 { parts.append("\(environment.changed) changed") }
        if environment.cosmetic > 0 { parts.append("\(environment.cosmetic) cosmetic") }
        return parts.joined(separator: ", ")
    }

    // An object's header and its field lines. `colored` is false inside markdown code blocks.
    private func objectLines(_ object: ObjectDiff, indent: String, colored: Bool) -> [String] {
        let p: (String, Paint) -> String = { colored ? paint($0, $1) : { s, _ in s }($0, $1) }
        let title = "\(object.key.kind) \(object.key.qualifiedName)"
        let origin = "(\(object.key.apiVersion), application \(object.application))"
        var lines: [String] = []
        switch object.status {
        case .added: lines.append(indent + p("+ " + title, .green) + " " + p(origin, .dim))
        case .removed: lines.append(indent + p("- " + title, .red) + " " + p(origin, .dim))
        case .changed:
            let renamed = object.oldKey.map { " (was \($0.qualifiedName))" } ?? ""
            let note = object.impact == .cosmetic ? " [cosmetic]" : object.impact == .order ? " [order only]" : ""
            lines.append(indent + p("~ " + title + renamed, .yellow) + note + " " + p(origin, .dim))
        }
        for change in object.changes {
            lines += fieldLines(change, indent: indent + "    ", colored: colored)
        }
        return lines
    }

    private func fieldLines(_ change: FieldChange, indent: String, colored: Bool) -> [String] {
        let p: (String, Paint) -> String = { colored ? paint($0, $1) : { s, _ in s }($0, $1) }
        let path = p(change.path, .cyan)
        switch change.kind {
        case .changed:
            return [indent + path + ": " + p(show(change.old), .red) + " → " + p(show(change.new), .green)]
        case .added:
            return [indent + path + ": " + p("added " + show(change.new), .green)]
        case .removed:
            return [indent + path + ": " + p("removed " + show(change.old), .red)]
        case .moved:
            let move = change.move.map { "[\($0.from)] → [\($0.to)]" } ?? ""
            return [indent + path + ": moved " + show(change.new) + " " + move]
        case .masked:
            let old = change.hashes.old.map { "hash " + $0 } ?? "absent"
            let new = change.hashes.new.map { "hash " + $0 } ?? "absent"
            return [indent + path + ": " + p("secret changed", .yellow) + " (value hidden; \(old) → \(new))"]
        case .text:
            if change.path == "# Source" {
                return [indent + path + ": " + show(change.old) + " → " + show(change.new) + " (cosmetic)"]
            }
            return [indent + path + ": formatting only, same object (cosmetic)"]
        case .lines:
            var lines = [indent + path + ": (multi-line text)"]
            for edit in compact(change.lines) {
                switch edit {
                case .same(let line): lines.append(indent + "  " + "  " + line)
                case .delete(let line): lines.append(indent + "  " + p("- " + line, .red))
                case .insert(let line): lines.append(indent + "  " + p("+ " + line, .green))
                }
            }
            return lines
        }
    }

    // A line diff with runs of more than 2 unchanged lines folded to `…`.
    private func compact(_ edits: [LineDiff.Edit]) -> [LineDiff.Edit] {
        let keep = edits.indices.filter { index in
            (max(0, index - 2)...min(edits.count - 1, index + 2)).contains {
                if case .same = edits[$0] { false } else { true }
            }
        }
        var out: [LineDiff.Edit] = []
        var last = -1
        for index in keep {
            if index > last + 1 { out.append(.same("…")) }
            out.append(edits[index])
            last = index
        }
        if last < edits.count - 1 { out.append(.same("…")) }
        return out
    }

    /// A value on one line: strings and structures as JSON, `(none)` for nothing.
    public static func show(_ value: Value?) -> String {
        guard let value else { return "(none)" }
        return (try? GoJSON.marshal(value, escapeHTML: false)) ?? GoFormat.describe(value)
    }

    private func show(_ value: Value?) -> String { Self.show(value) }

    // MARK: markdown

    private func markdown(_ report: DiffReport) -> String {
        var out = "### ffgen diff: `\(report.oldLabel)` → `\(report.newLabel)`\n\n"
        guard report.hasDifferences else {
            return out + "No differences in the rendered objects (\(report.compared) environments compared).\n"
        }
        out += summary(report) + ".\n\n"
        out += "| Environment | Added | Removed | Changed | Cosmetic |\n|---|---:|---:|---:|---:|\n"
        for environment in report.environments {
            out +=
                "| `\(environment.name)`\(environmentStatus(environment)) | \(environment.added) | "
                + "\(environment.removed) | \(environment.changed) | \(environment.cosmetic) |\n"
        }
        let patterns = report.patterns
        if report.environments.count > 1 {
            out += "\n| Object | Field | Change | Objects | Environments |\n|---|---|---|---:|---:|\n"
            for pattern in patterns.prefix(Self.patternLimit) {
                let field = pattern.path.isEmpty ? "" : "`" + pattern.path + "`"
                out +=
                    "| \(pattern.kind) | \(field) | \(cell(change(of: pattern))) | \(pattern.objects) | "
                    + "\(pattern.environments) |\n"
            }
            if patterns.count > Self.patternLimit {
                out += "\n\(patterns.count - Self.patternLimit) more kinds of change in the sections below.\n"
            }
        }
        var left = report.environments.count
        for environment in report.environments {
            var section =
                "\n<details><summary><b>\(escapeHTML(environment.name))</b>\(environmentStatus(environment)): "
                + "\(counts(environment))</summary>\n\n```diff\n"
            for object in environment.objects {
                section +=
                    objectLines(object, indent: "", colored: false).map(diffMarker).joined(separator: "\n") + "\n"
            }
            section += "```\n\n</details>\n"
            // Room for the closing note too.
            if let maximumBytes, out.utf8.count + section.utf8.count + 200 > maximumBytes { break }
            out += section
            left -= 1
        }
        if left > 0 {
            out +=
                "\n\(left) more environment section\(left == 1 ? "" : "s") left out to stay under "
                + "\(maximumBytes ?? 0) bytes: run `ffgen diff` locally for the full report.\n"
        }
        return out
    }

    // Lines for a ```diff block: `+`/`-` lead the line so they are highlighted; others are indented by one.
    private func diffMarker(_ line: String) -> String {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("+ ") { return "+" + line }
        if trimmed.hasPrefix("- ") { return "-" + line }
        if line.contains(": added ") { return "+" + line }
        if line.contains(": removed ") { return "-" + line }
        if line.hasPrefix("~ ") { return "! " + line.dropFirst(2) }
        return " " + line
    }

    // Text for a table cell: pipes escaped, HTML neutralised, at most 80 characters.
    private func cell(_ text: String) -> String {
        let short = text.count > 80 ? String(text.prefix(79)) + "…" : text
        return escapeHTML(short).replacingOccurrences(of: "|", with: "\\|")
    }

    private func escapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    // MARK: json

    private func json(_ report: DiffReport) -> String {
        func map(_ pairs: [(String, Value)]) -> Value { .map(ValueMap(pairs)) }
        func key(_ key: ObjectKey) -> Value {
            map([
                ("apiVersion", .string(key.apiVersion)), ("kind", .string(key.kind)),
                ("namespace", .string(key.namespace)), ("name", .string(key.name)),
            ])
        }
        let environments: [Value] = report.environments.map { environment in
            let objects: [Value] = environment.objects.map { object in
                var pairs: [(String, Value)] = [
                    ("status", .string(object.status.rawValue)), ("object", key(object.key)),
                    ("application", .string(object.application)), ("impact", .string(object.impact.description)),
                ]
                if let oldKey = object.oldKey { pairs.append(("oldObject", key(oldKey))) }
                if let old = object.old { pairs.append(("oldPath", .string(old.path))) }
                if let new = object.new { pairs.append(("newPath", .string(new.path))) }
                pairs.append(("changes", .list(object.changes.map(jsonChange))))
                return map(pairs)
            }
            return map([
                ("environment", .string(environment.name)), ("status", .string(environment.status.rawValue)),
                ("added", .int(Int64(environment.added))), ("removed", .int(Int64(environment.removed))),
                ("changed", .int(Int64(environment.changed))), ("cosmetic", .int(Int64(environment.cosmetic))),
                ("objects", .list(objects)),
            ])
        }
        let document = map([
            ("old", .string(report.oldLabel)), ("new", .string(report.newLabel)),
            ("compared", .int(Int64(report.compared))), ("differences", .bool(report.hasDifferences)),
            ("environments", .list(environments)),
            ("patterns", .list(report.patterns.map(jsonPattern))),
        ])
        return ((try? GoJSON.marshal(document, escapeHTML: false, indent: "  ")) ?? "{}") + "\n"
    }

    private func jsonPattern(_ pattern: ChangePattern) -> Value {
        var pairs: [(String, Value)] = [
            ("kind", .string(pattern.kind)), ("path", .string(pattern.path)), ("change", .string(pattern.change)),
            ("objects", .int(Int64(pattern.objects))), ("environments", .int(Int64(pattern.environments))),
        ]
        if let values = pattern.values {
            if let old = values.old { pairs.append(("old", old)) }
            if let new = values.new { pairs.append(("new", new)) }
        }
        return .map(ValueMap(pairs))
    }

    private func jsonChange(_ change: FieldChange) -> Value {
        var pairs: [(String, Value)] = [
            ("path", .string(change.path)), ("kind", .string(change.kind.rawValue)),
            ("impact", .string(change.impact.description)),
        ]
        if change.kind == .masked {
            if let old = change.hashes.old { pairs.append(("oldHash", .string(old))) }
            if let new = change.hashes.new { pairs.append(("newHash", .string(new))) }
        } else {
            if let old = change.old { pairs.append(("old", old)) }
            if let new = change.new { pairs.append(("new", new)) }
        }
        if let move = change.move {
            pairs.append(("from", .int(Int64(move.from))))
            pairs.append(("to", .int(Int64(move.to))))
        }
        if change.kind == .lines {
            let lines: [Value] = change.lines.map {
                switch $0 {
                case .same(let line): .string(" " + line)
                case .delete(let line): .string("-" + line)
                case .insert(let line): .string("+" + line)
                }
            }
            pairs.append(("lines", .list(lines)))
        }
        return .map(ValueMap(pairs))
    }

    // MARK: unified

    private func unified(_ report: DiffReport) -> String {
        var out = ""
        for environment in report.environments {
            for object in environment.objects {
                let kind = object.key.kind
                out += LineDiff.unified(
                    oldPath: object.old?.path, newPath: object.new?.path,
                    old: object.old.map { SecretMasking.maskText($0.content, kind: kind) } ?? "",
                    new: object.new.map { SecretMasking.maskText($0.content, kind: kind) } ?? "")
            }
        }
        return out
    }
}
