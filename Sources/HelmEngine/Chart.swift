import Values

/// A file of a chart, named by its path relative to the chart root with `/` separators (Helm `common.File`).
public struct ChartFile: Sendable, Equatable {
    /// Path relative to the chart directory, for example `templates/deployment.yaml`.
    public var name: String
    /// The raw bytes.
    public var data: [UInt8]

    /// Creates a file from a relative path and its bytes.
    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }

    /// Creates a file from a relative path and UTF-8 text.
    public init(name: String, text: String) {
        self.init(name: name, data: Array(text.utf8))
    }

    /// The content decoded as UTF-8 (invalid bytes become U+FFFD, as Go's `string(b)` prints them).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

/// A maintainer entry of Chart.yaml. Helm: pkg/chart/v2 metadata.go `Maintainer`.
public struct ChartMaintainer: Sendable, Equatable {
    /// `name`.
    public var name: String
    /// `email`.
    public var email: String
    /// `url`.
    public var url: String

    /// Creates a maintainer entry.
    public init(name: String = "", email: String = "", url: String = "") {
        self.name = name
        self.email = email
        self.url = url
    }
}

/// A `dependencies` entry of Chart.yaml. Helm: pkg/chart/v2 dependency.go `Dependency`.
public struct ChartDependency: Sendable {
    /// `name`: the subchart's chart name.
    public var name: String
    /// `version` (a constraint; not checked offline).
    public var version: String
    /// `repository`.
    public var repository: String
    /// `condition`: comma-separated value paths; the first that resolves to a bool decides.
    public var condition: String
    /// `tags`: the subchart is enabled when any listed tag in `.Values.tags` is true.
    public var tags: [String]
    /// `enabled`, as computed while processing dependencies.
    public var enabled: Bool
    /// `import-values`, each a string (`child.path` or `exports.name`) or a `{child, parent}` map.
    public var importValues: [Value]
    /// `alias`: the name the subchart gets in this parent.
    public var alias: String

    /// Creates a dependency entry.
    public init(
        name: String, version: String = "", repository: String = "", condition: String = "", tags: [String] = [],
        enabled: Bool = false, importValues: [Value] = [], alias: String = ""
    ) {
        self.name = name
        self.version = version
        self.repository = repository
        self.condition = condition
        self.tags = tags
        self.enabled = enabled
        self.importValues = importValues
        self.alias = alias
    }

    /// The name the subchart is known by in its parent (alias, else name).
    public var effectiveName: String { alias.isEmpty ? name : alias }
}

/// Chart.yaml. Helm: pkg/chart/v2 metadata.go `Metadata`.
///
/// The fields (`Fields`, read and written as `metadata.name`) sit behind one copy-on-write reference: charts are
/// copied at every processing step (dependency processing, coalescing, the engine), and a copy then retains one
/// object instead of each string and list.
@dynamicMemberLookup
public struct ChartMetadata: Sendable {
    /// The fields of Chart.yaml.
    public struct Fields: Sendable {
        /// `apiVersion` (`v1` or `v2`).
        public var apiVersion: String = ""
        /// `name`.
        public var name: String = ""
        /// `version` (SemVer 2).
        public var version: String = ""
        /// `appVersion`.
        public var appVersion: String = ""
        /// `description`.
        public var description: String = ""
        /// `home`.
        public var home: String = ""
        /// `icon`.
        public var icon: String = ""
        /// `sources`.
        public var sources: [String] = []
        /// `keywords`.
        public var keywords: [String] = []
        /// `maintainers`.
        public var maintainers: [ChartMaintainer] = []
        /// `annotations` (`nil` when Chart.yaml has none: `.Chart.Annotations` is then nil).
        public var annotations: [(key: String, value: String)]? = nil
        /// `kubeVersion`: a SemVer range the cluster must satisfy.
        public var kubeVersion: String = ""
        /// `dependencies`.
        public var dependencies: [ChartDependency] = []
        /// `type`: empty, `application` or `library`.
        public var type: String = ""
        /// `deprecated`.
        public var deprecated: Bool = false
        /// `condition` (deprecated v1 field, kept because `.Chart.Condition` shows it).
        public var condition: String = ""
        /// `tags` (deprecated v1 field, a string).
        public var tags: String = ""
    }

    /// The shared storage of `Fields`, copied before a write when it is shared.
    private final class Storage: @unchecked Sendable {
        var fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// A field of Chart.yaml; writing copies the storage first when other charts share it.
    ///
    /// Changes reach the field in place (`metadata.dependencies[i].enabled = true` changes one entry of the
    /// stored list rather than a copy of the whole list that is then written back).
    public subscript<T>(dynamicMember field: WritableKeyPath<Fields, T>) -> T {
        get { storage.fields[keyPath: field] }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields[keyPath: field]
        }
    }

    /// Creates empty metadata.
    public init() { storage = Storage(Fields()) }

    /// Creates metadata with the given fields.
    public init(_ fields: Fields) { storage = Storage(fields) }

    /// The keys of `asTemplateMap` (Go's field names of `Metadata`, `IsRoot` added) in byte order, made once.
    private static let templateKeys = [
        "APIVersion", "Annotations", "AppVersion", "Condition", "Dependencies", "Deprecated", "Description", "Home",
        "Icon", "IsRoot", "Keywords", "KubeVersion", "Maintainers", "Name", "Sources", "Tags", "Type", "Version",
    ]
    /// The keys of a `.Chart.Dependencies` entry (Go's field names of `Dependency`) in byte order.
    private static let dependencyTemplateKeys = [
        "Alias", "Condition", "Enabled", "ImportValues", "Name", "Repository", "Tags", "Version",
    ]
    /// The keys of a `.Chart.Maintainers` entry (Go's field names of `Maintainer`) in byte order.
    private static let maintainerTemplateKeys = ["Email", "Name", "URL"]

    /// `.Chart` as Helm 4 gives it to templates: Go field names, every field present.
    /// Helm: pkg/chart common.go `structToMap` (plus `IsRoot`, added by the engine).
    public func asTemplateMap(isRoot: Bool) -> ValueMap {
        let f = storage.fields
        let strings: ([String]) -> Value = { .list($0.map { .string($0) }) }
        // Built in key order (UTF-8 byte order), which skips a sorted insert per field on every render.
        return ValueMap(
            sortedASCIIKeys: Self.templateKeys,
            values: [
                .string(f.apiVersion),
                f.annotations.map { pairs in .map(ValueMap(pairs.map { ($0.key, Value.string($0.value)) })) } ?? .null,
                .string(f.appVersion),
                .string(f.condition),
                .list(
                    f.dependencies.map { d in
                        .map(
                            ValueMap(
                                sortedASCIIKeys: Self.dependencyTemplateKeys,
                                values: [
                                    .string(d.alias), .string(d.condition), .bool(d.enabled), .list(d.importValues),
                                    .string(d.name), .string(d.repository), strings(d.tags), .string(d.version),
                                ]))
                    }),
                .bool(f.deprecated),
                .string(f.description),
                .string(f.home),
                .string(f.icon),
                .bool(isRoot),
                strings(f.keywords),
                .string(f.kubeVersion),
                .list(
                    f.maintainers.map { m in
                        .map(
                            ValueMap(
                                sortedASCIIKeys: Self.maintainerTemplateKeys,
                                values: [.string(m.email), .string(m.name), .string(m.url)]))
                    }),
                .string(f.name),
                strings(f.sources),
                .string(f.tags),
                .string(f.type),
                .string(f.version),
            ])
    }
}

/// A loaded chart: metadata, default values, templates, other files and subcharts (Helm `chart.Chart`).
///
/// Immutable once loaded; dependency processing returns a new tree with disabled subcharts removed.
public struct Chart: Sendable {
    /// Chart.yaml.
    public var metadata: ChartMetadata
    /// The files under `templates/` (names keep the `templates/` prefix).
    public var templates: [ChartFile]
    /// Every other file that is not ignored (`.Files`), including `crds/` files and Chart.yaml.
    public var files: [ChartFile]
    /// values.yaml, all documents merged (an empty map when absent).
    public var values: ValueMap
    /// values.schema.json, when present.
    public var schema: [UInt8]?
    /// Subcharts from `charts/`.
    public var dependencies: [Chart]
    /// The full path of the parent (`parent` or `parent/charts/child`); `nil` for the root chart.
    public var parentPath: String?

    /// Creates a chart from its parts.
    public init(
        metadata: ChartMetadata, templates: [ChartFile] = [], files: [ChartFile] = [], values: ValueMap = ValueMap(),
        schema: [UInt8]? = nil, dependencies: [Chart] = [], parentPath: String? = nil
    ) {
        self.metadata = metadata
        self.templates = templates
        self.files = files
        self.values = values
        self.schema = schema
        self.dependencies = dependencies
        self.parentPath = parentPath
    }

    /// `metadata.name`.
    public var name: String { metadata.name }
    /// Whether this chart has no parent.
    public var isRoot: Bool { parentPath == nil }
    /// Whether Chart.yaml says `type: library` (such charts render only their `_` partials' defines).
    public var isLibrary: Bool { metadata.type == "library" }

    /// The chart's path in template names: `root`, `root/charts/child`. Helm: chart.go ChartFullPath.
    public var fullPath: String {
        guard let parentPath else { return name }
        return parentPath + "/charts/" + name
    }

    /// The CRD files of this chart and its subcharts, as `(full path, file)`. Helm: chart.go CRDObjects.
    public var crdObjects: [(path: String, file: ChartFile)] {
        var result: [(path: String, file: ChartFile)] = []
        for f in files where f.name.hasPrefix("crds/") && Self.hasManifestExtension(f.name) {
            result.append((fullPath + "/" + f.name, f))
        }
        for d in dependencies { result.append(contentsOf: d.crdObjects) }
        return result
    }

    /// `.yaml`, `.yml` or `.json`, any case. Helm: chart.go hasManifestExtension.
    static func hasManifestExtension(_ name: String) -> Bool {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: ".") else { return false }
        let ext = base[dot...].lowercased()
        return ext == ".yaml" || ext == ".yml" || ext == ".json"
    }

    /// Re-roots this chart under `parentPath` in place (subcharts' paths follow). A tree whose paths are right
    /// already is left alone: copying a chart retains each of its many fields, and charts are re-rooted after
    /// every step that builds them.
    mutating func reparent(under parentPath: String?) {
        guard !isRooted(under: parentPath) else { return }
        self.parentPath = parentPath
        let path = fullPath
        for index in dependencies.indices { dependencies[index].reparent(under: path) }
    }

    /// Whether this chart and its subcharts have the paths `reparent(under:)` gives.
    private func isRooted(under parentPath: String?) -> Bool {
        guard self.parentPath == parentPath else { return false }
        // A leaf needs no path of its own (building one allocates); subcharts are read in place, not copied.
        if dependencies.isEmpty { return true }
        let path = fullPath
        for index in dependencies.indices where !dependencies[index].isRooted(under: path) { return false }
        return true
    }
}
