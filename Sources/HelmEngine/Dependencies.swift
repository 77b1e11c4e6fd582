import Values

/// Helm's dependency processing before rendering: aliases, `condition`, `tags` and `import-values`.
///
/// Helm v4.2.3: pkg/chart/v2/util dependencies.go (ProcessDependencies). Subcharts in `charts/` that no
/// `dependencies` entry matches (by name and version constraint) are kept as they are; matched ones are copied
/// under each entry's alias; disabled entries remove their subchart.
public enum Dependencies {
    /// The chart with disabled subcharts removed, aliases applied and imported values merged into defaults.
    public static func process(_ chart: Chart, values: ValueMap) throws -> Chart {
        var processed = try processEnabled(chart, values: values, path: "")
        processed = try processImportValues(processed)
        processed.reparent(under: nil)
        return processed
    }

    // Helm: processDependencyEnabled.
    private static func processEnabled(_ chart: Chart, values: ValueMap, path: String) throws -> Chart {
        guard !chart.metadata.dependencies.isEmpty else { return chart }
        var c = chart
        let requirements = c.metadata.dependencies
        let existing = c.dependencies
        // Whether requirement r names subchart s and its version fits. Helm asks this of each pair twice (to drop
        // the matched subcharts, then to pick each requirement's subchart); each version is checked once here.
        var fitsByPair = [Bool?](repeating: nil, count: requirements.count * existing.count)
        func fits(_ r: Int, _ s: Int) -> Bool {
            guard existing[s].name == requirements[r].name else { return false }
            if let known = fitsByPair[r * existing.count + s] { return known }
            let fit = SemanticVersion.isCompatible(constraint: requirements[r].version, existing[s].metadata.version)
            fitsByPair[r * existing.count + s] = fit
            return fit
        }
        var subcharts: [Chart] = []
        subcharts.reserveCapacity(existing.count + requirements.count)
        for s in existing.indices where !requirements.indices.contains(where: { fits($0, s) }) {
            subcharts.append(existing[s])
        }
        for index in requirements.indices {
            let req = requirements[index]
            // Helm: getAliasDependency — the first subchart of that name whose version fits.
            if let s = existing.indices.first(where: { fits(index, $0) }) {
                var match = existing[s]
                if !req.alias.isEmpty { match.metadata.name = req.alias }
                subcharts.append(match)
            }
            if !req.alias.isEmpty { c.metadata.dependencies[index].name = req.alias }
            c.metadata.dependencies[index].enabled = true
        }
        c.dependencies = subcharts
        c.reparent(under: c.parentPath)

        let coalesced = try Coalesce.values(chart: c, overrides: values, mode: .coalesce)
        applyTags(&c.metadata.dependencies, coalesced)
        applyConditions(&c.metadata.dependencies, coalesced, path: path)

        let removed = Set(c.metadata.dependencies.filter { !$0.enabled }.map(\.name))
        var kept: [Chart] = []
        kept.reserveCapacity(c.dependencies.count)
        for sub in c.dependencies where !removed.contains(sub.name) {
            kept.append(try processEnabled(sub, values: coalesced, path: path + sub.name + "."))
        }
        c.metadata.dependencies.removeAll { removed.contains($0.name) }
        c.dependencies = kept
        return c
    }

    // Helm: processDependencyTags — any true tag enables, otherwise any false tag disables.
    private static func applyTags(_ requirements: inout [ChartDependency], _ values: ValueMap) {
        guard let tags = Coalesce.table(values, path: "tags") else { return }
        for index in requirements.indices {
            var hasTrue = false
            var hasFalse = false
            for tag in requirements[index].tags {
                if case .bool(let b)? = tags[tag] {
                    if b { hasTrue = true } else { hasFalse = true }
                }
            }
            if !hasTrue && hasFalse {
                requirements[index].enabled = false
            } else if hasTrue || !hasFalse {
                requirements[index].enabled = true
            }
        }
    }

    // Helm: processDependencyConditions — the first listed path holding a bool decides.
    private static func applyConditions(_ requirements: inout [ChartDependency], _ values: ValueMap, path: String) {
        for index in requirements.indices {
            let condition = requirements[index].condition.trimmingASCIIWhitespace()
            for part in condition.utf8.split(separator: 0x2C, omittingEmptySubsequences: false) where !part.isEmpty {
                if case .bool(let b)? = Coalesce.pathValue(values, path: path + String(Substring(part))) {
                    requirements[index].enabled = b
                    break
                }
            }
        }
    }

    // Helm: processDependencyImportValues (merge mode, as ProcessDependencies calls it) — children first.
    private static func processImportValues(_ chart: Chart) throws -> Chart {
        var c = chart
        c.dependencies = try c.dependencies.map(processImportValues)
        guard !c.metadata.dependencies.isEmpty else { return c }
        let merged = try Coalesce.values(chart: c, overrides: nil, mode: .merge)
        var imported = ValueMap()
        for index in c.metadata.dependencies.indices {
            let req = c.metadata.dependencies[index]
            var normalized: [Value] = []
            for entry in req.importValues {
                let child: String
                let parent: String
                switch entry {
                case .map(let m):
                    child = GoFormat.describe(m["child"] ?? .null)
                    parent = GoFormat.describe(m["parent"] ?? .null)
                case .string(let s):
                    child = "exports." + s
                    parent = "."
                default:
                    continue
                }
                normalized.append(.map(ValueMap([("child", .string(child)), ("parent", .string(parent))])))
                guard let table = Coalesce.table(merged, path: req.name + "." + child) else { continue }
                imported = Coalesce.tables(imported, pathToMap(parent, table.deepCopy()), mode: .merge)
            }
            c.metadata.dependencies[index].importValues = normalized
        }
        // `merged` is a fresh map (Coalesce.values copies what it reads), so it can take the imports in place.
        c.values = Coalesce.tables(merged, imported, mode: .merge)
        return c
    }

    // Helm: pathToMap — `a.b` wraps the table as {a: {b: table}}; `.` is the table itself.
    private static func pathToMap(_ path: String, _ data: ValueMap) -> ValueMap {
        if path == "." { return data }
        var current = data
        for key in path.split(separator: ".", omittingEmptySubsequences: false).reversed() {
            current = ValueMap([(String(key), .map(current))])
        }
        return current
    }
}
