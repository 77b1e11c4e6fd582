import Foundation

/// `ffgen diff` without the command line: renders the two sides in memory and compares them.
public struct RevisionDiff: Sendable {
    /// The repository root in the working tree.
    public var root: String
    /// Environments (`ORG/ENV`) to compare; empty for all.
    public var selection: [String]
    /// Render threads per side.
    public var threads: Int

    /// A diff of the repository at `root`.
    public init(root: String, selection: [String] = [], threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.root = root
        self.selection = selection
        self.threads = threads
    }

    /// The same diff limited to `selection` (`ORG/ENV` each).
    public func withSelection(_ selection: [String]) -> RevisionDiff {
        var copy = self
        copy.selection = selection
        return copy
    }

    /// Compares the repository at git revision `base` with `head` (a revision, or the working tree when nil).
    /// Revisions are read from git objects into temporary folders (removed afterwards); the generated tree is
    /// left out of them, since only the sources are rendered.
    public func compare(base: String, head: String?) throws(GitOpsError) -> DiffReport {
        let workingConfig = try RepositoryConfig.load(root: root)
        let output = relativeOutput(workingConfig)
        let baseTree = try GitRevision(root: root, revision: base, exclude: output)
        defer { baseTree.remove() }
        let headTree = try head.map { revision throws(GitOpsError) in
            try GitRevision(root: root, revision: revision, exclude: output)
        }
        defer { headTree?.remove() }
        let oldConfig = try Self.config(at: baseTree.root, fallback: workingConfig)
        let newConfig =
            try headTree.map { tree throws(GitOpsError) in try Self.config(at: tree.root, fallback: workingConfig) }
            ?? workingConfig
        let oldEnvironments = try Self.discover(oldConfig)
        let newEnvironments = try Self.discover(newConfig)
        let wanted = Set(selection.map { RepoPath.trimSlashes($0) })
        for id in wanted.sorted()
        where !oldEnvironments.contains(where: { $0.id == id }) && !newEnvironments.contains(where: { $0.id == id }) {
            throw GitOpsError(
                code: .environment, message: "no environment \(id) at \(base) or in \(head ?? "the working tree")",
                hint: "name environments as ORG/ENV, as under \(workingConfig.environmentsDirectory)/")
        }
        func selected(_ environments: [Environment]) -> [Environment] {
            wanted.isEmpty ? environments : environments.filter { wanted.contains($0.id) }
        }
        let newSide = headTree.map { "\($0.revision) (\($0.shortCommit))" } ?? "working tree"
        let oldRender = try Self.render(
            oldConfig, selected(oldEnvironments), threads: threads, side: "\(base) (\(baseTree.shortCommit))")
        let newRender = try Self.render(newConfig, selected(newEnvironments), threads: threads, side: newSide)
        return RenderDiff.compare(
            old: oldRender.environments, new: newRender.environments,
            oldLabel: "\(base) (\(baseTree.shortCommit))",
            newLabel: newSide)
    }

    /// Compares two environments of the working tree (`ORG/ENV` each).
    public func compare(environment old: String, with new: String) throws(GitOpsError) -> DiffReport {
        let config = try RepositoryConfig.load(root: root)
        let environments = try EnvironmentDiscovery.environments(config: config, selection: [old, new])
        let result = try RepositoryRenderer(config: config).render(environments: environments, threads: threads)
        func find(_ id: String) throws(GitOpsError) -> EnvironmentRender {
            let id = RepoPath.trimSlashes(id)
            guard let render = result.environments.first(where: { $0.environment.id == id }) else {
                throw GitOpsError(code: .environment, message: "no environment \(id)")
            }
            return render
        }
        return RenderDiff.compare(environment: try find(old), with: try find(new))
    }

    // The output folder relative to the root, when it is inside it (to leave it out of the extraction).
    private func relativeOutput(_ config: RepositoryConfig) -> [String] {
        let path = config.outputPath
        guard path.hasPrefix(config.root + "/") else { return [] }
        return [String(path.dropFirst(config.root.count + 1))]
    }

    // A revision's settings. Its git remote is not in the extraction, so the working tree's URLs for this
    // repository are added to those the revision names itself.
    private static func config(at root: String, fallback: RepositoryConfig) throws(GitOpsError) -> RepositoryConfig {
        var config = try RepositoryConfig.load(root: root)
        for url in fallback.repositoryURLs
        where !config.repositoryURLs.contains(where: {
            RepositoryConfig.normalizeURL($0) == RepositoryConfig.normalizeURL(url)
        }) {
            config.repositoryURLs.append(url)
        }
        return config
    }

    // Renders one side; a failure names the side (`in environment fitfile/ff-a at HEAD~1 (…)`), since either
    // revision can be the broken one.
    private static func render(
        _ config: RepositoryConfig, _ environments: [Environment], threads: Int, side: String
    ) throws(GitOpsError) -> RepositoryRenderer.Result {
        do {
            return try RepositoryRenderer(config: config).render(environments: environments, threads: threads)
        } catch {
            var located = error
            located.environment = (error.environment ?? "?") + " at " + side
            throw located
        }
    }

    // Every environment, or none when the revision has no environments folder yet.
    private static func discover(_ config: RepositoryConfig) throws(GitOpsError) -> [Environment] {
        guard RepositoryConfig.isDirectory(RepoPath.join(config.root, config.environmentsDirectory)) else { return [] }
        return try EnvironmentDiscovery.environments(config: config)
    }
}
