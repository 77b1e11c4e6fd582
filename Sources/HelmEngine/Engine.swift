import Foundation
import GoTemplate
import Values

/// Helm's render loop: every template of a chart and its subcharts in one template set, each non-partial
/// template executed with its chart's scoped values. Helm: pkg/engine engine.go (Render, allTemplates, render).
public struct Engine: Sendable {
    /// The functions templates can call (Sprig, say); Helm's encoders and include/tpl/required/fail are added.
    public var functions: FunctionTable {
        didSet { table = HelmFunctions.table(sprig: functions) }
    }
    /// The readers and writers for `.Files.AsConfig` and friends.
    public var codecs: HelmCodecs

    /// Parsed template sets kept across renders, or nil to parse on every render as Helm does.
    public var cache: RenderCache?

    /// `functions` with Helm's own added, built once: the per-render state of include/tpl travels in the
    /// execution options.
    private var table: FunctionTable

    /// Creates an engine over a base function table.
    public init(functions: FunctionTable, codecs: HelmCodecs = .standard, cache: RenderCache? = nil) {
        self.functions = functions
        self.codecs = codecs
        self.cache = cache
        table = HelmFunctions.table(sprig: functions)
    }

    /// One template file to execute and the values it sees. Helm: renderable.
    private struct Renderable {
        var text: String
        var values: ValueMap
        var basePath: String
    }

    /// Renders every template of `chart` (with subcharts) against `top`, the render values (`Values`, `Release`,
    /// `Capabilities`, `Chart`). Returns template path → output for every non-partial template, NOTES.txt included.
    public func render(chart: Chart, top: ValueMap) throws -> [(path: String, content: String)] {
        // `include` nests executions up to Helm's limit of 1000, which needs more stack than worker threads have.
        try LargeStack.value { try self.renderOnCurrentThread(chart: chart, top: top) }
    }

    private func renderOnCurrentThread(chart: Chart, top: ValueMap) throws -> [(path: String, content: String)] {
        var templates: [String: Renderable] = [:]
        _ = PhaseTimer.measure("e.collect") { collect(chart, parent: top, into: &templates) }

        // Helm: sortTemplates — deepest paths first, then reverse lexical order; a later parse of a `define`
        // replaces an earlier one, so this order decides which definition wins.
        let names = Self.sortedTemplateNames(templates.keys)
        // A parse depends only on the names and texts in this order (and the function names, fixed per engine).
        let key = cache.map { _ in
            RenderCache.TemplateSetKey(
                rootName: HelmFunctions.rootTemplateName,
                templates: names.flatMap { [$0, templates[$0]?.text ?? ""] })
        }
        let set: TemplateSet
        if let key, let cached = cache?.templateSet(key) {
            set = cached
        } else {
            var parsed = TemplateSet()
            parsed.rootName = HelmFunctions.rootTemplateName
            for name in names {
                guard let renderable = templates[name] else { continue }
                do {
                    try PhaseTimer.measure("e.parse") {
                        try parsed.parse(name: name, text: renderable.text, functions: table)
                    }
                } catch let error as TemplateError {
                    throw HelmTemplateErrors.parseError(error, file: name, sources: templates.mapValues(\.text))
                }
            }
            if let key { cache?.store(parsed, for: key) }
            set = parsed
        }

        var rendered: [(path: String, content: String)] = []
        let options = ExecutionOptions(
            missingKey: .zero, state: HelmFunctions.IncludeDepths(), namedMapMethods: Self.namedMapMethods)
        for name in names {
            guard let renderable = templates[name], !Self.isPartial(name) else { continue }
            let template = ValueMap(
                sortedKeys: ["BasePath", "Name"], values: [.string(renderable.basePath), .string(name)])
            template.namedType = "common.Values"  // Helm: renderable.vals["Template"] is a common.Values
            renderable.values["Template"] = .map(template)
            var output = ""
            do {
                try PhaseTimer.measure("e.exec") {
                    try set.execute(
                        name: name, data: .map(renderable.values), functions: table, options: options, into: &output)
                }
            } catch let error as TemplateError {
                throw HelmTemplateErrors.executionError(error, file: name, sources: templates.mapValues(\.text))
            }
            rendered.append((name, output.removingNoValue()))
        }
        return rendered
    }

    /// The methods of Helm's named map types (`common.Values`), the same for every render.
    private static let namedMapMethods: [String: any NamedMapMethods] = [
        HelmValuesMethods.typeName: HelmValuesMethods()
    ]

    /// Whether a template file is a partial (`_helpers.tpl`): its base name starts with `_`.
    static func isPartial(_ path: String) -> Bool {
        path.lastPathPiece.utf8.first == 0x5F  // Helm: strings.HasPrefix(path.Base(name), "_")
    }

    /// Helm: sortTemplates — deepest paths (most `/`) first, then reverse byte order. Each name's depth is
    /// counted once.
    static func sortedTemplateNames(_ names: some Collection<String>) -> [String] {
        let keyed = names.map { name in (name: name, depth: name.utf8.reduce(0) { $1 == 0x2F ? $0 + 1 : $0 }) }
        return keyed.sorted { a, b in
            if a.depth != b.depth { return a.depth > b.depth }
            return b.name.utf8Precedes(a.name)
        }.map(\.name)
    }

    // Helm: recAllTpls — the values each chart's templates see, built root first so subcharts share the root's
    // Release and Capabilities and see `.Values.<name>` of their parent as `.Values`.
    private func collect(_ chart: Chart, parent: ValueMap, into templates: inout [String: Renderable]) -> ValueMap {
        let subcharts = ValueMap()
        let values: Value
        if chart.isRoot {
            values = parent["Values"] ?? .map(ValueMap())
        } else if case .map(let parentValues)? = parent["Values"], case .map(let own)? = parentValues[chart.name] {
            own.methodSetName = HelmValuesMethods.typeName  // Helm: vals.Table("Values.<name>"), a common.Values
            values = .map(own)
        } else {
            let empty = ValueMap()
            empty.namedType = HelmValuesMethods.typeName  // Helm: make(common.Values)
            values = .map(empty)
        }
        let next = ValueMap(
            sortedKeys: ["Capabilities", "Chart", "Files", "Release", "Subcharts", "Values"],
            values: [
                parent["Capabilities"] ?? .null, .map(chart.metadata.asTemplateMap(isRoot: chart.isRoot)),
                .object(ChartFiles(chart.files, codecs: codecs)), parent["Release"] ?? .null, .map(subcharts), values,
            ])
        for index in chart.dependencies.indices {  // by index: no copy of each subchart
            let values = collect(chart.dependencies[index], parent: next, into: &templates)
            subcharts[chart.dependencies[index].name] = .map(values)
        }
        let fullPath = chart.fullPath
        let basePath = fullPath + "/templates"
        for template in chart.templates {
            // Library charts contribute only their partials (their defines).
            if chart.isLibrary && !Self.isPartial(template.name) { continue }
            templates[fullPath + "/" + template.name] = Renderable(
                text: template.text, values: next, basePath: basePath)
        }
        return next
    }
}
