import Foundation
import GoTemplate
import Values

/// Loads a chart directory (or an in-memory file list) as Helm's v2 loader does.
///
/// Helm: pkg/chart/v2/loader directory.go (walk + `.helmignore`) and load.go (`LoadFiles`: classification of
/// Chart.yaml, values.yaml, values.schema.json, templates/, charts/, everything else into `.Files`), then
/// metadata validation with Helm's messages (`validation: chart.metadata.name is required`).
public struct ChartLoader: Sendable {
    /// The YAML/JSON readers to use.
    public var codecs: HelmCodecs

    /// Whether to walk chart folders by path only (tests compare it with the descriptor-relative walk).
    var pathBasedWalk = false

    /// Creates a loader using `codecs` for Chart.yaml and values.yaml.
    public init(codecs: HelmCodecs = .standard) {
        self.codecs = codecs
    }

    /// Loads the chart in directory `path`. Helm: loader.LoadDir.
    public func load(directory path: String) throws -> Chart {
        // Helm walks filepath.Abs(dir), which also cleans `.` and `..` lexically; a path without such components
        // names the same files as it is.
        let hasDotComponents = path.split(separator: "/").contains { $0 == "." || $0 == ".." }
        let root = hasDotComponents ? URL(fileURLWithPath: path).standardizedFileURL.path : path
        // The usual case: the path opens as a directory, whose listing also tells whether there is a .helmignore
        // to read. Anything else (a packaged chart, a missing path, an unreadable folder, `..` components, which
        // Helm stats before cleaning) takes the path below.
        if !pathBasedWalk, !hasDotComponents, let directory = FileSystem.openDirectory(root, in: AT_FDCWD) {
            defer { close(directory) }
            let buffer = FileSystem.ReadBuffer()
            if let entries = FileSystem.entries(ofDirectory: directory, buffer: buffer) {
                let ignoreFile =
                    entries.contains { $0.name == ".helmignore" }
                    ? FileSystem.contents(of: ".helmignore", in: directory, regularFile: false, buffer: buffer) : nil
                let rules = try Self.ignoreRules(ignoreFile)
                var files: [ChartFile] = []
                try PhaseTimer.measure("l.walk") {
                    try walk(
                        entries: entries, path: root, directory: directory, relative: "", rules: rules, into: &files,
                        buffer: buffer)
                }
                return try load(files: files)
            }
        }
        guard let isDirectory = FileSystem.isDirectory(path) else {
            throw HelmError.chartLoad("stat \(path): no such file or directory", hint: "check the chart path")
        }
        guard isDirectory else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HelmError.chartLoad("open \(path): permission denied")
            }
            return try load(files: ChartArchive.files(Array(data)))
        }
        let ignorePath = root.hasSuffix("/") ? root + ".helmignore" : root + "/.helmignore"
        let rules = try Self.ignoreRules(FileSystem.contents(ignorePath))
        var files: [ChartFile] = []
        try PhaseTimer.measure("l.walk") {
            try walk(
                entries: FileSystem.entries(of: root), path: root, directory: nil, relative: "", rules: rules,
                into: &files, buffer: FileSystem.ReadBuffer())
        }
        return try load(files: files)
    }

    /// The rules of a chart's `.helmignore` (its bytes, or nil when there is none) plus Helm's defaults.
    private static func ignoreRules(_ file: [UInt8]?) throws -> HelmIgnoreRules {
        var rules = try HelmIgnoreRules(text: file.map { String(decoding: $0, as: UTF8.self) } ?? "")
        rules.addDefaults()
        return rules
    }

    /// Loads a chart from files named relative to the chart root. Helm: loader.LoadFiles.
    public func load(files: [ChartFile]) throws -> Chart {
        guard let chartYAML = files.first(where: { $0.name == "Chart.yaml" }) else {
            throw HelmError.chartLoad("Chart.yaml file is missing")
        }
        var metadata = try PhaseTimer.measure("l.meta") { try decodeMetadata(chartYAML.text, file: "Chart.yaml") }
        if metadata.apiVersion.isEmpty { metadata.apiVersion = "v1" }

        var chart = Chart(metadata: metadata)
        var subchartFiles: [String: [ChartFile]] = [:]
        for file in files {
            switch file.name {
            case "Chart.yaml", "Chart.lock":
                continue
            case "requirements.lock":
                // Only apiVersion v1 charts keep their lock file among `.Files`.
                if chart.metadata.apiVersion == "v1" { chart.files.append(file) }
            case "values.yaml":
                do {
                    chart.values = try PhaseTimer.measure("l.values") { try codecs.loadValues(file.text) }
                } catch {
                    throw HelmError.chartLoad("cannot load values.yaml: " + HelmCodecs.message(of: error))
                }
            case "values.schema.json":
                chart.schema = file.data
            case "requirements.yaml":
                // apiVersion v1 charts list their dependencies here.
                let extra = try decodeMetadata(file.text, file: "requirements.yaml")
                chart.metadata.dependencies = extra.dependencies
                if chart.metadata.apiVersion == "v1" { chart.files.append(file) }
            default:
                if file.name.hasPrefix("templates/") {
                    chart.templates.append(file)
                } else if file.name.hasPrefix("charts/") {
                    if file.name.hasSuffix(".prov") {
                        chart.files.append(file)
                        continue
                    }
                    // Helm: strings.SplitN(strings.TrimPrefix(f.Name, "charts/"), "/", 2), on bytes.
                    let rest = file.name.utf8.dropFirst("charts/".utf8.count)
                    let subchart = String(file.name[rest.startIndex..<(rest.firstIndex(of: 0x2F) ?? rest.endIndex)])
                    subchartFiles[subchart, default: []].append(
                        ChartFile(name: String(file.name[rest.startIndex...]), data: file.data))
                } else {
                    chart.files.append(file)
                }
            }
        }
        try PhaseTimer.measure("l.validate") { try validate(chart.metadata) }

        // Go iterates a map here; sorting by directory name makes the order deterministic.
        for name in subchartFiles.keys.sorted() {
            guard let first = name.unicodeScalars.first, first != "_", first != "." else { continue }
            let entries = subchartFiles[name] ?? []
            if name.hasSuffix(".tgz"), let archive = entries.first, archive.name != name {
                throw HelmError.chartLoad("error unpacking subchart tar in \(chart.name): expected \(name), got \(archive.name)")
            }
            do {
                if name.hasSuffix(".tgz"), let archive = entries.first {
                    chart.dependencies.append(try load(files: ChartArchive.files(archive.data)))
                } else {
                    let inner = entries.compactMap { f -> ChartFile? in
                        guard let slash = f.name.utf8.firstIndex(of: 0x2F) else { return nil }
                        return ChartFile(name: String(f.name[f.name.utf8.index(after: slash)...]), data: f.data)
                    }
                    chart.dependencies.append(try load(files: inner))
                }
            } catch let error as HelmError {
                throw HelmError.chartLoad("error unpacking subchart \(name) in \(chart.name): " + error.message)
            }
        }
        PhaseTimer.measure("l.reparent") { chart.reparent(under: nil) }
        return chart
    }

    // MARK: Directory walk

    // Helm: directory.go LoadDir — lexical walk, following symlinks, honouring .helmignore.
    // POSIX calls rather than FileManager: a chart is dozens of small files and FileManager's per-call overhead
    // (URL building, attribute dictionaries, Data) dominated loading.
    /// Walks the folder `path` whose listing is `entries`. With `directory` (the folder's open descriptor), real
    /// subfolders and regular files are opened relative to it; symlinks, unknown entry types and everything under
    /// a symlinked folder go by path, so loops and errors behave exactly as with path-based calls. `depth`
    /// counts the folders above, each holding a descriptor open while its subfolders are walked.
    private func walk(
        entries: [FileSystem.Entry], path: String, directory: Int32?, depth: Int = 0, relative: String,
        rules: HelmIgnoreRules, into files: inout [ChartFile], buffer: FileSystem.ReadBuffer
    ) throws {
        for (name, kind) in entries.sorted(by: { $0.name.utf8Precedes($1.name) }) {
            // The full path is needed for folders and for anything read by path.
            var childPath: String { path.hasSuffix("/") ? path + name : path + "/" + name }
            let relativeName = relative.isEmpty ? name : relative + "/" + name
            // Symlinks are followed, as Helm's walk does (stat); a dangling link is skipped.
            guard let isDirectory = kind ?? FileSystem.isDirectory(childPath) else { continue }
            if isDirectory {
                if rules.ignores(relativeName, isDirectory: true) { continue }
                let childPath = childPath
                // A path this short resolves the same relative to its parent (no symlinks on the way); deep trees
                // go by path below a few dozen levels rather than hold a descriptor per level.
                if kind == true, let directory, depth < Self.relativeDepthLimit,
                    childPath.utf8.count < Self.relativePathLimit,
                    let child = FileSystem.openDirectory(name, in: directory)
                {
                    defer { close(child) }
                    if let listing = FileSystem.entries(ofDirectory: child, buffer: buffer) {
                        try walk(
                            entries: listing, path: childPath, directory: child, depth: depth + 1,
                            relative: relativeName, rules: rules, into: &files, buffer: buffer)
                        continue
                    }
                }
                try walk(
                    entries: FileSystem.entries(of: childPath), path: childPath, directory: nil,
                    relative: relativeName, rules: rules, into: &files, buffer: buffer)
                continue
            }
            if rules.ignores(relativeName, isDirectory: false) { continue }
            let data: [UInt8]?
            if kind == false, let directory {
                data = FileSystem.contents(of: name, in: directory, regularFile: true, buffer: buffer)
            } else {
                data = FileSystem.contents(childPath, regularFile: kind == false)
            }
            guard let bytes = data else { throw HelmError.chartLoad("error reading \(relativeName)") }
            let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])  // Helm drops a UTF-8 BOM
            files.append(ChartFile(name: relativeName, data: hasBOM ? Array(bytes.dropFirst(3)) : bytes))
        }
    }

    /// Paths shorter than this (well under PATH_MAX) are opened relative to their folder.
    private static let relativePathLimit = 2048
    /// How many folders deep the walk keeps descriptors open (far below the usual limit of 1024 open files).
    private static let relativeDepthLimit = 32

    // MARK: Chart.yaml

    /// The string fields of Helm's `Metadata` (and its `Maintainer` and `Dependency`) by JSON name.
    static let metadataTarget: GoJSONTarget = .structure([
        "name": .string, "home": .string, "sources": .slice(.string), "version": .string, "description": .string,
        "keywords": .slice(.string), "icon": .string, "apiVersion": .string, "condition": .string, "tags": .string,
        "appVersion": .string, "annotations": .map(.string), "kubeVersion": .string, "type": .string,
        "maintainers": .slice(.structure(["name": .string, "email": .string, "url": .string])),
        "dependencies": .slice(
            .structure([
                "name": .string, "version": .string, "repository": .string, "condition": .string,
                "tags": .slice(.string), "alias": .string,
            ])),
    ])

    /// Decodes Chart.yaml as `yaml.Unmarshal` into Helm's `Metadata` struct (unknown keys ignored).
    private func decodeMetadata(_ text: String, file: String) throws -> ChartMetadata {
        let document: Value
        do {
            if let typed = codecs.yamlTypedDocument {
                document = try typed(text, Self.metadataTarget)
            } else {
                document = try codecs.yamlDocument(text)
            }
        } catch {
            throw HelmError.chartLoad("cannot load \(file): " + HelmCodecs.message(of: error))
        }
        guard case .map(let map) = document else { return ChartMetadata() }
        if let fields = Self.plainMetadataFields(map) { return ChartMetadata(fields) }
        return try metadata(from: map, file: file)
    }

    /// The Chart.yaml map `map` as Helm's `Metadata`, with Go's errors for fields of the wrong type (`file` names
    /// the file in them).
    func metadata(from map: ValueMap, file: String) throws -> ChartMetadata {
        var metadata = ChartMetadata()
        var decoder = GoStructDecoder(structName: "Metadata", context: ("cannot load ", file), code: .chartLoad)
        metadata.name = try decoder.string(map, "name")
        metadata.home = try decoder.string(map, "home")
        metadata.sources = try decoder.strings(map, "sources")
        metadata.version = try decoder.string(map, "version")
        metadata.description = try decoder.string(map, "description")
        metadata.keywords = try decoder.strings(map, "keywords")
        metadata.icon = try decoder.string(map, "icon")
        metadata.apiVersion = try decoder.string(map, "apiVersion")
        metadata.condition = try decoder.string(map, "condition")
        metadata.tags = try decoder.string(map, "tags")
        metadata.appVersion = try decoder.string(map, "appVersion")
        metadata.deprecated = try decoder.bool(map, "deprecated")
        metadata.kubeVersion = try decoder.string(map, "kubeVersion")
        metadata.type = try decoder.string(map, "type")
        if case .map(let annotations)? = map["annotations"] {
            metadata.annotations = try annotations.map { entry in
                (entry.key, try decoder.scalarString(entry.value, field: "annotations"))
            }
        } else if let other = map["annotations"], !other.isNull {
            throw decoder.mismatch(other, field: "annotations", goType: "map[string]string")
        }
        for entry in try decoder.list(map, "maintainers") {
            guard case .map(let m) = entry else {
                if entry.isNull { throw validationError("maintainers must not contain empty or null nodes") }
                throw decoder.mismatch(entry, field: "maintainers", goType: "v2.Maintainer")
            }
            decoder.structName = "Maintainer"
            metadata.maintainers.append(
                ChartMaintainer(
                    name: try decoder.string(m, "name"), email: try decoder.string(m, "email"),
                    url: try decoder.string(m, "url")))
            decoder.structName = "Metadata"
        }
        for entry in try decoder.list(map, "dependencies") {
            guard case .map(let d) = entry else {
                if entry.isNull { throw validationError("dependencies must not contain empty or null nodes") }
                throw decoder.mismatch(entry, field: "dependencies", goType: "v2.Dependency")
            }
            decoder.structName = "Dependency"
            let importValues: [Value] = try decoder.list(d, "import-values")
            metadata.dependencies.append(
                ChartDependency(
                    name: try decoder.string(d, "name"), version: try decoder.string(d, "version"),
                    repository: try decoder.string(d, "repository"), condition: try decoder.string(d, "condition"),
                    tags: try decoder.strings(d, "tags"), enabled: try decoder.bool(d, "enabled"),
                    importValues: importValues, alias: try decoder.string(d, "alias")))
            decoder.structName = "Metadata"
        }
        return metadata
    }

    /// The fields of a usual Chart.yaml map in one pass over its entries, or nil when anything is unusual (a field
    /// of another type than text, text lists, a bool, or maps of those; nulls in lists): then
    /// `metadata(from:file:)`, which looks each field up and reports Go's errors, decodes it.
    static func plainMetadataFields(_ map: ValueMap) -> ChartMetadata.Fields? {
        var f = ChartMetadata.Fields()
        for (key, value) in zip(map.keys, map.values) {
            switch key {
            case "name": guard let s = plainString(value) else { return nil }; f.name = s
            case "home": guard let s = plainString(value) else { return nil }; f.home = s
            case "sources": guard let l = plainStrings(value) else { return nil }; f.sources = l
            case "version": guard let s = plainString(value) else { return nil }; f.version = s
            case "description": guard let s = plainString(value) else { return nil }; f.description = s
            case "keywords": guard let l = plainStrings(value) else { return nil }; f.keywords = l
            case "icon": guard let s = plainString(value) else { return nil }; f.icon = s
            case "apiVersion": guard let s = plainString(value) else { return nil }; f.apiVersion = s
            case "condition": guard let s = plainString(value) else { return nil }; f.condition = s
            case "tags": guard let s = plainString(value) else { return nil }; f.tags = s
            case "appVersion": guard let s = plainString(value) else { return nil }; f.appVersion = s
            case "deprecated": guard let b = plainBool(value) else { return nil }; f.deprecated = b
            case "kubeVersion": guard let s = plainString(value) else { return nil }; f.kubeVersion = s
            case "type": guard let s = plainString(value) else { return nil }; f.type = s
            case "annotations":
                switch value {
                case .null: break
                case .map(let m):
                    var pairs: [(key: String, value: String)] = []
                    pairs.reserveCapacity(m.count)
                    for (k, v) in zip(m.keys, m.values) {
                        guard case .string(let s) = v else { return nil }
                        pairs.append((k, s))
                    }
                    f.annotations = pairs
                default: return nil
                }
            case "maintainers":
                guard let entries = plainList(value) else { return nil }
                for entry in entries {
                    guard case .map(let m) = entry else { return nil }
                    var maintainer = ChartMaintainer()
                    for (k, v) in zip(m.keys, m.values) {
                        switch k {
                        case "name": guard let s = plainString(v) else { return nil }; maintainer.name = s
                        case "email": guard let s = plainString(v) else { return nil }; maintainer.email = s
                        case "url": guard let s = plainString(v) else { return nil }; maintainer.url = s
                        default: continue
                        }
                    }
                    f.maintainers.append(maintainer)
                }
            case "dependencies":
                guard let entries = plainList(value) else { return nil }
                f.dependencies.reserveCapacity(entries.count)
                for entry in entries {
                    guard case .map(let m) = entry, let dependency = plainDependency(m) else { return nil }
                    f.dependencies.append(dependency)
                }
            default:
                continue
            }
        }
        return f
    }

    /// A `dependencies` entry read as `plainMetadataFields` reads Chart.yaml, or nil when anything is unusual.
    private static func plainDependency(_ map: ValueMap) -> ChartDependency? {
        var d = ChartDependency(name: "")
        for (key, value) in zip(map.keys, map.values) {
            switch key {
            case "name": guard let s = plainString(value) else { return nil }; d.name = s
            case "version": guard let s = plainString(value) else { return nil }; d.version = s
            case "repository": guard let s = plainString(value) else { return nil }; d.repository = s
            case "condition": guard let s = plainString(value) else { return nil }; d.condition = s
            case "tags": guard let l = plainStrings(value) else { return nil }; d.tags = l
            case "enabled": guard let b = plainBool(value) else { return nil }; d.enabled = b
            case "import-values": guard let l = plainList(value) else { return nil }; d.importValues = l
            case "alias": guard let s = plainString(value) else { return nil }; d.alias = s
            default: continue
            }
        }
        return d
    }

    /// Text as a string field takes it (null is empty); nil for anything else.
    private static func plainString(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .null: return ""
        default: return nil
        }
    }

    /// A bool field's value (null is false); nil for anything else.
    private static func plainBool(_ value: Value) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .null: return false
        default: return nil
        }
    }

    /// A list field's entries (null is empty); nil for anything else.
    private static func plainList(_ value: Value) -> [Value]? {
        switch value {
        case .list(let l): return l
        case .null: return []
        default: return nil
        }
    }

    /// A text list field's entries; nil when it is not a list of text.
    private static func plainStrings(_ value: Value) -> [String]? {
        guard let list = plainList(value) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(list.count)
        for entry in list {
            guard case .string(let s) = entry else { return nil }
            strings.append(s)
        }
        return strings
    }

    // MARK: Validation

    private func validationError(_ message: String) -> HelmError {
        HelmError.chartLoad("validation: " + message)
    }

    // Helm: metadata.go Metadata.Validate (after sanitizeString) and dependency.go Dependency.Validate.
    private func validate(_ md: ChartMetadata) throws {
        if md.apiVersion.isEmpty { throw validationError("chart.metadata.apiVersion is required") }
        if md.name.isEmpty { throw validationError("chart.metadata.name is required") }
        if md.name == "." || md.name == ".." {
            throw validationError("chart.metadata.name \(GoQuote.quote(md.name)) is not allowed")
        }
        if md.name.utf8.contains(0x2F) { throw validationError("chart.metadata.name \(GoQuote.quote(md.name)) is invalid") }
        if md.version.isEmpty { throw validationError("chart.metadata.version is required") }
        if !SemanticVersion.isValid(md.version) {
            throw validationError("chart.metadata.version \(GoQuote.quote(md.version)) is invalid")
        }
        if !["", "application", "library"].contains(md.type) {
            throw validationError("chart.metadata.type must be application or library")
        }
        var seen = Set<String>()
        for dependency in md.dependencies {
            if !dependency.alias.isEmpty && !Self.isValidAlias(dependency.alias) {
                throw validationError("dependency \(GoQuote.quote(dependency.name)) has disallowed characters in the alias")
            }
            let key = dependency.effectiveName
            if !seen.insert(key).inserted {
                throw validationError("more than one dependency with name or alias \(GoQuote.quote(key))")
            }
        }
    }

    /// Helm: dependency.go aliasNameFormat `^[a-zA-Z0-9_-]+$`.
    static func isValidAlias(_ alias: String) -> Bool {
        !alias.isEmpty
            && alias.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
                    || b == 0x2D
            }
    }
}
