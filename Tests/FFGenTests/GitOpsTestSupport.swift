import Foundation
import GitOps
import Testing
import Values

/// The package root (this file is Tests/FFGenTests/GitOpsTestSupport.swift).
let gitOpsPackageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A throwaway copy of a repository in a temporary folder: this repository's charts and chosen environments, or
/// a fixture repository from Tests/Fixtures/gitops/.
final class ScratchRepository {
    let root: String

    /// The repository's charts/ plus the named environments (`org/env`) of ffnodes/.
    init(environments: [String] = ["fitfile/ff-test-a", "eoe/cuh-prod-1"]) throws {
        root = NSTemporaryDirectory() + "ffgen-gitops-" + UUID().uuidString
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/ffnodes", withIntermediateDirectories: true)
        try manager.copyItem(atPath: gitOpsPackageRoot + "/charts", toPath: root + "/charts")
        for env in environments {
            let parent = (root + "/ffnodes/" + env as NSString).deletingLastPathComponent
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try manager.copyItem(atPath: gitOpsPackageRoot + "/ffnodes/" + env, toPath: root + "/ffnodes/" + env)
        }
    }

    /// A copy of the fixture repository Tests/Fixtures/gitops/`fixture`.
    init(fixture: String) throws {
        root = NSTemporaryDirectory() + "ffgen-gitops-" + UUID().uuidString
        try FileManager.default.copyItem(
            atPath: gitOpsPackageRoot + "/Tests/Fixtures/gitops/" + fixture, toPath: root)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    func remove(_ relative: String) throws { try FileManager.default.removeItem(atPath: root + "/" + relative) }

    /// Replaces `old` with `new` in a file (which must contain it).
    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let text = try #require(read(relative))
        #expect(text.contains(old), "\(relative) does not contain \(old)")
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    var config: RepositoryConfig { get throws { try RepositoryConfig.load(root: root) } }

    /// Renders every (or the selected) environment in memory.
    func render(_ selection: [String] = [], threads: Int = 2) throws -> RepositoryRenderer.Result {
        let config = try self.config
        let environments = try EnvironmentDiscovery.environments(config: config, selection: selection)
        return try RepositoryRenderer(config: config).render(environments: environments, threads: threads)
    }

    /// `ffgen render` without the CLI: render, plan, apply; returns the plan.
    @discardableResult
    func renderTree(_ selection: [String] = []) throws -> TreeWriter.Plan {
        let config = try self.config
        let result = try render(selection)
        let writer = TreeWriter(outputPath: config.outputPath)
        let plan = try writer.plan(files: result.files, scope: selection.isEmpty ? nil : result.scope)
        try writer.apply(plan)
        return plan
    }

    /// The differences `ffgen render --check` reports.
    func check(_ selection: [String] = []) throws -> [TreeWriter.Difference] {
        let config = try self.config
        let result = try render(selection)
        let writer = TreeWriter(outputPath: config.outputPath)
        return writer.differences(try writer.plan(files: result.files, scope: selection.isEmpty ? nil : result.scope))
    }

    /// Every file under `relative` (path → content), for comparing trees before and after.
    func snapshot(_ relative: String = "generated") -> [String: String] {
        var result: [String: String] = [:]
        let base = root + "/" + relative
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return result }
        while let path = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: base + "/" + path) {
                result[path] = String(decoding: data, as: UTF8.self)
            }
        }
        return result
    }
}

/// The parsed object of a rendered file.
func parsedObject(_ object: RenderedObject) throws -> ValueMap {
    guard case .map(let map) = try HelmYAML.parseAny(object.content) else {
        Issue.record("\(object.path) is not a map")
        return ValueMap()
    }
    return map
}

/// `value` at a dotted path of maps (`spec.issuerRef.name`).
func field(_ map: ValueMap, _ path: String) -> Value? {
    var current: Value = .map(map)
    for key in path.split(separator: ".") {
        guard case .map(let m) = current, let next = m[String(key)] else { return nil }
        current = next
    }
    return current
}

/// The string at a dotted path, or nil.
func stringField(_ map: ValueMap, _ path: String) -> String? { field(map, path)?.stringValue }
