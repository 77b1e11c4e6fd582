import Foundation
import GoTemplate
import Values

/// Work that does not depend on the values of a render, kept for the next render of the same chart: the parsed
/// template set of a chart (by the exact template names and texts) and parsed `values.schema.json` documents.
///
/// `ffgen render` renders the same few charts for every environment, so parsing each template once per run
/// instead of once per environment is most of what a render costs. Helm parses on every render; the outputs are
/// the same because a parse depends only on the names, texts and function names, which make up the key.
/// Thread-safe: environments render in parallel and share one cache.
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var templateSets: [TemplateSetKey: TemplateSet] = [:]
    private var schemas: [String: Value] = [:]

    /// An empty cache.
    public init() {}

    /// The identity of a parsed template set: the templates in parse order and the root name.
    struct TemplateSetKey: Hashable {
        var rootName: String
        var templates: [String]
    }

    func templateSet(_ key: TemplateSetKey) -> TemplateSet? {
        lock.lock()
        defer { lock.unlock() }
        return templateSets[key]
    }

    func store(_ set: TemplateSet, for key: TemplateSetKey) {
        lock.lock()
        defer { lock.unlock() }
        templateSets[key] = set
    }

    /// The parsed schema for `text`, parsing it with `parse` on first use (failures are not kept).
    func schema(_ text: String, parse: (String) throws -> Value) rethrows -> Value {
        lock.lock()
        if let cached = schemas[text] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let parsed = try parse(text)
        lock.lock()
        schemas[text] = parsed
        lock.unlock()
        return parsed
    }
}
