import Foundation
import HelmEngine

/// Renders a whole repository (or some of its environments) into the files of the generated tree, in memory.
public struct RepositoryRenderer: Sendable {
    /// The per-environment renderer.
    public var appOfApps: AppOfApps

    /// A renderer for the repository described by `config`.
    public init(config: RepositoryConfig, renderer: HelmRenderer = HelmRenderer()) {
        appOfApps = AppOfApps(config: config, renderer: renderer)
    }

    /// The outcome of rendering: every environment's objects and the files they make.
    public struct Result: Sendable {
        /// Per environment, in environment order.
        public var environments: [EnvironmentRender]
        /// File contents by path under the output folder.
        public var files: [String: String]
        /// The path prefixes of the rendered environments (`org/env/`), for `TreeWriter.plan(scope:)`.
        public var scope: [String]
    }

    /// Renders `environments`, in parallel on `threads` threads; the first failing environment (in environment
    /// order, so the message does not depend on timing) is thrown, and nothing is returned.
    public func render(environments: [Environment], threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        throws(GitOpsError) -> Result
    {
        let outcomes = Outcomes(count: environments.count)
        let renderer = appOfApps
        let workers = max(1, min(threads, environments.count))
        // Each worker renders every `workers`-th environment, all on one render thread (HelmRenderer's renders
        // would otherwise each hand over to such a thread and wait).
        let renderShare: @Sendable (Int) -> Void = { worker in
            _ = try? HelmRenderer.onRenderThread {
                var index = worker
                while index < environments.count {
                    let environment = environments[index]
                    outcomes.store(index, Swift.Result { () throws(GitOpsError) in try renderer.render(environment: environment) })
                    index += workers
                }
            }
        }
        if workers == 1 {
            renderShare(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: renderShare)
        }
        var rendered: [EnvironmentRender] = []
        var files: [String: String] = [:]
        for outcome in outcomes.all() {
            let render = try outcome.get()
            rendered.append(render)
            for object in render.objects { files[object.path] = object.content }
        }
        let scope = environments.map {
            RenderedObject.safeComponent($0.organization) + "/" + RenderedObject.safeComponent($0.name) + "/"
        }
        return Result(environments: rendered, files: files, scope: scope)
    }

    // Results filled in by the worker threads.
    private final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Swift.Result<EnvironmentRender, GitOpsError>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func store(_ index: Int, _ result: Swift.Result<EnvironmentRender, GitOpsError>) {
            lock.lock()
            results[index] = result
            lock.unlock()
        }

        func all() -> [Swift.Result<EnvironmentRender, GitOpsError>] {
            lock.lock()
            defer { lock.unlock() }
            return results.map {
                $0 ?? .failure(GitOpsError(code: .render, message: "an environment was not rendered"))
            }
        }
    }
}

/// Counts for the summary printed after a run.
public struct RenderSummary: Sendable {
    /// Environments rendered.
    public var environments: Int
    /// Applications rendered from this repository (root Applications included).
    public var renderedApplications: Int
    /// Applications left to remote sources.
    public var externalApplications: [ExternalApplication]
    /// Objects by kind, sorted by kind.
    public var objectsByKind: [(kind: String, count: Int)]

    /// The counts of `result`.
    public init(_ result: RepositoryRenderer.Result) {
        environments = result.environments.count
        renderedApplications = result.environments.reduce(0) { $0 + $1.renderedApplications.count }
        externalApplications = result.environments.flatMap(\.externalApplications)
        var kinds: [String: Int] = [:]
        for env in result.environments {
            for object in env.objects { kinds[object.kind, default: 0] += 1 }
        }
        objectsByKind = kinds.keys.sorted().map { ($0, kinds[$0] ?? 0) }
    }

    /// Lines of text: environments, applications, objects by kind.
    public var lines: [String] {
        var out = [
            "environments: \(environments)",
            "applications: \(renderedApplications) rendered, \(externalApplications.count) external",
        ]
        let external = Dictionary(grouping: externalApplications, by: \.source)
        for source in external.keys.sorted() {
            let names = Set((external[source] ?? []).map(\.name)).sorted().joined(separator: ", ")
            out.append("  external \(names): \(source) (\(external[source]?.count ?? 0) environments)")
        }
        let total = objectsByKind.reduce(0) { $0 + $1.count }
        out.append("objects: \(total) (" + objectsByKind.map { "\($0.count) \($0.kind)" }.joined(separator: ", ") + ")")
        return out
    }
}
