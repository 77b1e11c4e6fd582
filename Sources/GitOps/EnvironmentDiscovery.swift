import Foundation

/// One environment: `<environments>/<org>/<env>/<valuesFile>`.
public struct Environment: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The organisation folder (`fitfile`).
    public var organization: String
    /// The environment folder (`ff-test-a`).
    public var name: String
    /// The values file, relative to the repository root (`ffnodes/fitfile/ff-test-a/values.yaml`).
    public var valuesFile: String

    /// Creates an environment.
    public init(organization: String, name: String, valuesFile: String) {
        self.organization = organization
        self.name = name
        self.valuesFile = valuesFile
    }

    /// `org/env`.
    public var id: String { organization + "/" + name }

    /// `org/env`.
    public var description: String { id }

    /// Environments sort by `org/env` in byte order.
    public static func < (lhs: Environment, rhs: Environment) -> Bool {
        lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
    }
}

/// Finds the environments of a repository.
public enum EnvironmentDiscovery {
    /// Every `<org>/<env>` folder holding a values file, sorted; or only those named in `selection`
    /// (`ORG/ENV`), each of which must exist.
    public static func environments(
        config: RepositoryConfig, selection: [String] = []
    ) throws(GitOpsError) -> [Environment] {
        let base = RepoPath.join(config.root, config.environmentsDirectory)
        func environment(_ organization: String, _ name: String) -> Environment? {
            let relative = RepoPath.join(
                RepoPath.join(RepoPath.join(config.environmentsDirectory, organization), name), config.valuesFileName)
            guard FileManager.default.fileExists(atPath: RepoPath.join(config.root, relative)) else { return nil }
            return Environment(organization: organization, name: name, valuesFile: relative)
        }
        if !selection.isEmpty {
            var found: [Environment] = []
            for id in selection {
                let parts = RepoPath.trimSlashes(id).split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, let env = environment(String(parts[0]), String(parts[1])) else {
                    throw GitOpsError(
                        code: .environment,
                        message: "no environment \(id): expected \(config.environmentsDirectory)/\(id)/"
                            + config.valuesFileName,
                        hint: "name environments as ORG/ENV; run without --env to render all of them")
                }
                if !found.contains(env) { found.append(env) }
            }
            return found.sorted()
        }
        guard RepositoryConfig.isDirectory(base) else {
            throw GitOpsError(
                code: .environment, message: "no environments folder \(config.environmentsDirectory) in \(config.root)",
                hint: "create \(config.environmentsDirectory)/<org>/<env>/\(config.valuesFileName), or set "
                    + "`environments` in ffgen.yaml")
        }
        var result: [Environment] = []
        for organization in subdirectories(of: base) {
            for name in subdirectories(of: RepoPath.join(base, organization)) {
                if let env = environment(organization, name) { result.append(env) }
            }
        }
        return result.sorted()
    }

    private static func subdirectories(of path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") && RepositoryConfig.isDirectory(RepoPath.join(path, $0)) }.sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
    }
}
