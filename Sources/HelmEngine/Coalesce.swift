import Values

/// Whether defaults and overrides are combined as Helm's `CoalesceValues` or `MergeValues` does.
///
/// Helm: pkg/chart/common/util coalesce.go. The two differ only in how `null` is treated: coalescing lets a
/// `null` override delete the default key and drops `null` defaults; merging keeps every `null`.
public enum CoalesceMode: Sendable, Equatable {
    /// `CoalesceValues`/`CoalesceTables`: `null` in an override deletes the key.
    case coalesce
    /// `MergeValues`/`MergeTables`: `null` values are kept as they are.
    case merge
}

/// Helm's value combination: chart defaults under user overrides, subchart scoping and `global` propagation.
///
/// The maps passed in are mutated in place, as Go's are; callers hand in copies (`Value.deepCopy`) where Helm
/// calls `copystructure.Copy`. Type-mismatch warnings that Helm only logs are not reported.
public enum Coalesce {
    /// The key shared by a chart and all its subcharts. Helm: common.GlobalKey.
    public static let globalKey = "global"

    /// Chart defaults (recursively, subcharts included) combined under `values`, which is not modified.
    /// Helm: util.CoalesceValues / util.MergeValues.
    public static func values(chart: Chart, overrides values: ValueMap?, mode: CoalesceMode) throws -> ValueMap {
        let destination = values?.deepCopy() ?? ValueMap()
        try coalesce(chart: chart, into: destination, mode: mode)
        return destination
    }

    // Helm: coalesce — the chart's own values, then its dependencies.
    private static func coalesce(chart: Chart, into destination: ValueMap, mode: CoalesceMode) throws {
        coalesceValues(chart: chart, into: destination, mode: mode)
        try coalesceDependencies(chart: chart, into: destination, mode: mode)
    }

    // Helm: coalesceDeps — each subchart's section of the values, with globals pushed down first.
    private static func coalesceDependencies(
        chart: Chart, into destination: ValueMap, mode: CoalesceMode
    ) throws {
        // By index: the subcharts are read in place rather than copied field by field.
        for index in chart.dependencies.indices {
            let name = chart.dependencies[index].name
            let section: ValueMap
            switch destination[name] {
            case nil:
                section = ValueMap()
                destination[name] = .map(section)
            case .map(let m)?:
                section = m
            case let other?:
                throw HelmError.values("type mismatch on \(name): \(GoFormat.badVerbT(other))")
            }
            coalesceGlobals(into: section, from: destination)
            try coalesce(chart: chart.dependencies[index], into: section, mode: mode)
        }
    }

    // Helm: coalesceGlobals — the parent's `global` entries win over the subchart's (maps merge).
    private static func coalesceGlobals(into destination: ValueMap, from source: ValueMap) {
        let destinationGlobals: ValueMap
        let existingGlobals = destination[globalKey]
        switch existingGlobals {
        case nil: destinationGlobals = ValueMap()
        case .map(let m)?: destinationGlobals = m
        default: return  // Helm logs "skipping globals because destination global is not a table"
        }
        let sourceGlobals: ValueMap
        switch source[globalKey] {
        case nil: sourceGlobals = ValueMap()
        case .map(let m)?: sourceGlobals = m
        default: return
        }
        if case nil = existingGlobals {
            // The usual case (a subchart's section has no `global`): the loop below would copy the parent's
            // entries one insert at a time into an empty map; they are already in key order.
            destination[globalKey] = .map(
                ValueMap(
                    sortedKeys: sourceGlobals.keys,
                    values: sourceGlobals.values.map { value in
                        if case .map(let table) = value { return .map(table.copy()) }
                        return value
                    }))
            return
        }
        for (key, value) in zip(sourceGlobals.keys, sourceGlobals.values) {
            if case .map(let table) = value {
                // Helm copies only the top level (copyMap), so nested tables stay shared with the parent.
                let copied = table.copy()
                switch destinationGlobals[key] {
                case nil:
                    destinationGlobals[key] = .map(copied)
                case .map(let existing)?:
                    coalesceTables(copied, existing, mode: .merge)
                    destinationGlobals[key] = .map(copied)
                default:
                    break  // Helm: "Conflict: cannot merge map onto non-map"
                }
            } else if case .map? = destinationGlobals[key] {
                continue  // Helm: "key is table. Skipping"
            } else {
                destinationGlobals[key] = value
            }
        }
        destination[globalKey] = .map(destinationGlobals)
    }

    // Helm: coalesceValues — one chart's values.yaml under the values given for it.
    private static func coalesceValues(chart: Chart, into v: ValueMap, mode: CoalesceMode) {
        let defaults = chart.values.deepCopy()
        v.combine(defaults) { key, value, defaultValue in
            guard let value else {
                if mode == .coalesce {
                    if defaultValue.isNull { return nil }
                    if case .map(let table) = defaultValue { cleanNilValues(table) }
                }
                return defaultValue
            }
            if value.isNull && mode == .coalesce { return nil }
            if case .map(let destination) = value, case .map(let source) = defaultValue {
                // A subchart's section is merged here and coalesced when the subchart itself is processed.
                let tableMode: CoalesceMode = chart.dependencies.contains { $0.name == key } ? .merge : mode
                if tableMode == .coalesce { cleanNilValues(source) }
                coalesceTables(destination, source, mode: tableMode)
            }
            return value
        }
    }

    /// Fills `destination` with the keys of `source` it lacks, recursively for tables; `destination` wins.
    /// Helm: util.CoalesceTables (`.coalesce`) / util.MergeTables (`.merge`).
    @discardableResult
    public static func tables(_ destination: ValueMap, _ source: ValueMap, mode: CoalesceMode) -> ValueMap {
        coalesceTables(destination, source, mode: mode)
        return destination
    }

    // Helm: coalesceTablesFullKey.
    private static func coalesceTables(_ destination: ValueMap, _ source: ValueMap, mode: CoalesceMode) {
        // A null override must reach the key loop below even when the defaults lack the key; it deletes the key
        // only where the defaults held a non-null value. (Null overrides are rare, so this list is usually empty.)
        var deletedByNull: [String] = []
        for (key, value) in zip(destination.keys, destination.values) where value.isNull {
            if let original = source[key], !original.isNull { deletedByNull.append(key) }
            source[key] = .null
        }
        destination.combine(source) { key, existing, value in
            switch existing {
            case .some(.null) where mode == .coalesce && deletedByNull.contains(key):
                return nil
            case nil:
                return value
            case .some(.map(let destinationTable)):
                if case .map(let sourceTable) = value {
                    coalesceTables(destinationTable, sourceTable, mode: mode)
                }
                return existing
            default:
                return existing  // Helm logs a warning when a table meets a non-table.
            }
        }
    }

    // Helm: cleanNilValues.
    private static func cleanNilValues(_ map: ValueMap) {
        var nullKeys: [String] = []
        for (key, value) in zip(map.keys, map.values) {
            if value.isNull {
                nullKeys.append(key)
            } else if case .map(let sub) = value {
                cleanNilValues(sub)
            }
        }
        for key in nullKeys { map.removeValue(forKey: key) }
    }

    /// `b` merged over `a` into a new map: tables merge recursively, everything else in `b` replaces.
    /// Helm: loader.MergeMaps, used for `-f` files and `--set-json` objects.
    public static func mergeMaps(_ a: ValueMap, _ b: ValueMap) -> ValueMap {
        let out = a.copy()
        for (key, value) in b {
            if case .map(let bTable) = value, case .map(let aTable)? = out[key] {
                out[key] = .map(mergeMaps(aTable, bTable))
            } else {
                out[key] = value
            }
        }
        return out
    }

    /// The table at a dotted path (`a.b`), or nil when a step is missing or not a table. Helm: Values.Table.
    public static func table(_ values: ValueMap, path: String) -> ValueMap? {
        table(values, components: path.utf8.split(separator: 0x2E, omittingEmptySubsequences: false))
    }

    // Components split on bytes, as Go's strings.Split does.
    private static func table(_ values: ValueMap, components: some Sequence<Substring.UTF8View>) -> ValueMap? {
        var table = values
        for name in components {
            guard case .map(let next)? = table[String(Substring(name))] else { return nil }
            table = next
        }
        return table
    }

    /// The non-table value at a dotted path, or nil when absent. Helm: Values.PathValue.
    public static func pathValue(_ values: ValueMap, path: String) -> Value? {
        guard !path.isEmpty else { return nil }
        let parts = path.utf8.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard let last = parts.last, let parent = table(values, components: parts.dropLast()) else { return nil }
        guard let value = parent[String(Substring(last))] else { return nil }
        if case .map = value { return nil }
        return value
    }
}

extension GoFormat {
    /// Go's `%t` applied to a non-bool value: `%!t(string=x)`.
    static func badVerbT(_ value: Value) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .null: return "%!t(<nil>)"
        default: return "%!t(\(value.goTypeName)=\(describe(value)))"
        }
    }
}
