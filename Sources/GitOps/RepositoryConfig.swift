import Foundation
import Values

/// The settings of one GitOps repository: where things are, and what "this repository" means.
///
/// They come from the optional `ffgen.yaml` at the repository root; every setting has a default (docs/render.md).
public struct RepositoryConfig: Sendable, Equatable {
    /// The settings file's name at the repository root.
    public static let fileName = "ffgen.yaml"

    /// Absolute path of the repository root.
    public var root: String
    /// Folder holding `<org>/<env>/<valuesFile>`, relative to the root (`environments`, default `ffnodes`).
    public var environmentsDirectory = "ffnodes"
    /// Name of an environment's values file (`valuesFile`, default `values.yaml`).
    public var valuesFileName = "values.yaml"
    /// The app-of-apps chart, relative to the root (`appOfAppsChart`, default `charts/ffnode`).
    public var appOfAppsChart = "charts/ffnode"
    /// The generated tree, relative to the root unless absolute (`output`, default `generated`).
    public var outputDirectory = "generated"
    /// Repository URLs that mean this repository (`repoURLs`). The first one is the root Application's `repoURL`.
    public var repositoryURLs: [String] = []
    /// Release name of the app-of-apps chart (`releaseName`, default `{env}`); `{org}` and `{env}` are replaced.
    public var releaseNamePattern = "{env}"
    /// Namespace of the root Application and release namespace of the app-of-apps (`namespace`, default `argocd`).
    public var namespace = "argocd"
    /// The root Application's `targetRevision` (`targetRevision`).
    public var targetRevision = "HEAD"
    /// The root Application's ArgoCD project (`project`, default `default`).
    public var project = "default"
    /// The root Application's destination cluster (`destinationServer`).
    public var destinationServer = "https://kubernetes.default.svc"
    /// Whether `ffgen.yaml` was found.
    public var hasSettingsFile = false

    /// Defaults for a repository rooted at `root`.
    public init(root: String) {
        self.root = root
    }

    /// The release name of the app-of-apps chart for one environment.
    public func releaseName(for environment: Environment) -> String {
        releaseNamePattern.replacingOccurrences(of: "{org}", with: environment.organization)
            .replacingOccurrences(of: "{env}", with: environment.name)
    }

    /// The output folder as an absolute path.
    public var outputPath: String {
        outputDirectory.hasPrefix("/") ? outputDirectory : RepoPath.join(root, outputDirectory)
    }

    /// Whether `url` names this repository (compared after `normalizeURL`).
    public func isThisRepository(_ url: String) -> Bool {
        let normalized = Self.normalizeURL(url)
        return repositoryURLs.contains { Self.normalizeURL($0) == normalized }
    }

    // MARK: - Loading

    /// Finds the repository root from `directory` upwards: the first folder holding `ffgen.yaml`, or both
    /// `ffnodes/` and `charts/`.
    public static func findRoot(from directory: String) throws(GitOpsError) -> String {
        var current = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            let manager = FileManager.default
            if manager.fileExists(atPath: RepoPath.join(current, fileName))
                || (isDirectory(RepoPath.join(current, "ffnodes")) && isDirectory(RepoPath.join(current, "charts")))
            {
                return current
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { break }
            current = parent
        }
        throw GitOpsError(
            code: .repository, message: "no GitOps repository found at or above \(directory)",
            hint: "run inside a repository holding ffnodes/ and charts/ (or an ffgen.yaml), or pass --root DIR")
    }

    /// Reads `ffgen.yaml` (when present) at `root`, then fills the defaults that depend on the repository: the
    /// URLs of this repository and the root Application's revision (docs/render.md, "this repository").
    public static func load(root: String) throws(GitOpsError) -> RepositoryConfig {
        var config = RepositoryConfig(root: URL(fileURLWithPath: root).standardizedFileURL.path)
        let settingsPath = RepoPath.join(config.root, fileName)
        var explicitRevision = false
        if let data = FileManager.default.contents(atPath: settingsPath) {
            config.hasSettingsFile = true
            explicitRevision = try config.apply(settings: String(decoding: data, as: UTF8.self))
        }
        let chartDefaults = config.appOfAppsRepositoryDefaults()
        if config.repositoryURLs.isEmpty {
            // Without settings: the chart's own repo.url first (it is in the repository, so every clone agrees),
            // then git's origin.
            if let url = chartDefaults.url { config.repositoryURLs.append(url) }
            if let origin = originURL(root: config.root),
                !config.repositoryURLs.contains(where: { normalizeURL($0) == normalizeURL(origin) })
            {
                config.repositoryURLs.append(origin)
            }
        }
        if !explicitRevision, let revision = chartDefaults.revision { config.targetRevision = revision }
        return config
    }

    // Applies ffgen.yaml; returns whether it set targetRevision.
    private mutating func apply(settings text: String) throws(GitOpsError) -> Bool {
        let map: ValueMap
        do {
            map = try HelmYAML.parseValues(text, file: Self.fileName)
        } catch {
            throw GitOpsError(
                code: .configuration, message: "\(Self.fileName): \(error)", hint: "fix the YAML of \(Self.fileName)")
        }
        var setRevision = false
        for (key, value) in map {
            func string() throws(GitOpsError) -> String {
                guard case .string(let s) = value, !s.isEmpty else {
                    throw GitOpsError(
                        code: .configuration, message: "\(Self.fileName): \(key) must be a non-empty string",
                        hint: "see docs/render.md for the settings")
                }
                return s
            }
            switch key {
            case "environments": environmentsDirectory = try RepoPath.trimSlashes(string())
            case "valuesFile": valuesFileName = try string()
            case "appOfAppsChart": appOfAppsChart = try RepoPath.trimSlashes(string())
            case "output": outputDirectory = try string()
            case "releaseName": releaseNamePattern = try string()
            case "namespace": namespace = try string()
            case "targetRevision":
                targetRevision = try string()
                setRevision = true
            case "project": project = try string()
            case "destinationServer": destinationServer = try string()
            case "repoURLs":
                var urls: [String] = []
                switch value {
                case .string(let s): urls = [s]
                case .list(let items):
                    for item in items {
                        guard case .string(let s) = item else {
                            throw GitOpsError(
                                code: .configuration, message: "\(Self.fileName): repoURLs must be a list of strings")
                        }
                        urls.append(s)
                    }
                default:
                    throw GitOpsError(
                        code: .configuration, message: "\(Self.fileName): repoURLs must be a list of strings")
                }
                repositoryURLs = urls
            default:
                throw GitOpsError(
                    code: .configuration, message: "\(Self.fileName): unknown setting \(key)",
                    hint: "the settings are environments, valuesFile, appOfAppsChart, output, repoURLs, releaseName, "
                        + "namespace, targetRevision, project, destinationServer (docs/render.md)")
            }
        }
        return setRevision
    }

    // `repo.url` and `repo.targetRevision` from the app-of-apps chart's values.yaml, when it has them.
    private func appOfAppsRepositoryDefaults() -> (url: String?, revision: String?) {
        let path = RepoPath.join(RepoPath.join(root, appOfAppsChart), "values.yaml")
        guard let data = FileManager.default.contents(atPath: path),
            let values = try? HelmYAML.loadValues(String(decoding: data, as: UTF8.self)),
            case .map(let repo)? = values["repo"]
        else { return (nil, nil) }
        let url = repo["url"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let revision = repo["targetRevision"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return (url, revision)
    }

    /// The URL of git remote `origin` of the repository at `root`, read from its git config (worktrees
    /// included), or nil.
    public static func originURL(root: String) -> String? {
        let dotGit = RepoPath.join(root, ".git")
        var gitDirectory = dotGit
        if !isDirectory(dotGit) {
            // A worktree or submodule: `.git` is a file `gitdir: PATH`; its shared config is under `commondir`.
            guard let data = FileManager.default.contents(atPath: dotGit) else { return nil }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.hasPrefix("gitdir:") else { return nil }
            let target = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDirectory = target.hasPrefix("/") ? target : RepoPath.join(root, target)
            if let common = FileManager.default.contents(atPath: RepoPath.join(gitDirectory, "commondir")) {
                let relative = String(decoding: common, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                gitDirectory = relative.hasPrefix("/") ? relative : RepoPath.join(gitDirectory, relative)
            }
        }
        guard let config = FileManager.default.contents(atPath: RepoPath.join(gitDirectory, "config")) else {
            return nil
        }
        var inOrigin = false
        for rawLine in String(decoding: config, as: UTF8.self).split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inOrigin = line.replacingOccurrences(of: " ", with: "") == "[remote\"origin\"]"
            } else if inOrigin, let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                if key == "url" {
                    let url = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                    return url.isEmpty ? nil : url
                }
            }
        }
        return nil
    }

    /// A repository URL reduced to `host/path` so that https, ssh and scp-style forms of one repository compare
    /// equal: scheme, user, `.git` suffix and trailing slashes are dropped, case is folded (like ArgoCD's
    /// `git.NormalizeGitURL`).
    public static func normalizeURL(_ url: String) -> String {
        var s = url.trimmingCharacters(in: .whitespaces).lowercased()
        if let scheme = s.range(of: "://") {
            s = String(s[scheme.upperBound...])
        } else if let colon = s.firstIndex(of: ":"), !s[..<colon].contains("/") {
            // scp-like `git@host:org/repo`.
            s = String(s[..<colon]) + "/" + String(s[s.index(after: colon)...])
        }
        if let at = s.firstIndex(of: "@"), !s[..<at].contains("/") { s = String(s[s.index(after: at)...]) }
        while s.hasSuffix("/") { s.removeLast() }
        if s.hasSuffix(".git") { s.removeLast(4) }
        while s.hasSuffix("/") { s.removeLast() }
        return s
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Repository-relative path arithmetic (always `/`-separated, never touching the file system).
enum RepoPath {
    /// `a/b` joined with `c`.
    static func join(_ a: String, _ b: String) -> String {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// The path without leading `./` and surrounding slashes.
    static func trimSlashes(_ path: String) -> String {
        var s = Substring(path)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        while s.hasPrefix("/") { s = s.dropFirst() }
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    /// `relative` resolved against the repository-relative folder `base` (`/x` is from the repository root);
    /// nil when `..` would leave the repository.
    static func resolve(_ relative: String, against base: String) -> String? {
        let combined = relative.hasPrefix("/") ? relative : join(base, relative)
        var parts: [Substring] = []
        for part in combined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// The relative path from folder `from` to `to`, both repository-relative (`../../ffnodes/a/b/values.yaml`).
    static func relative(from: String, to: String) -> String {
        let a = from.split(separator: "/")
        let b = to.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let ups = Array(repeating: "..", count: a.count - common)
        return (ups + b[common...].map(String.init)).joined(separator: "/")
    }
}
