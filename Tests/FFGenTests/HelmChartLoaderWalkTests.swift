import FFGenTestSupport
import Foundation
import Testing

@testable import HelmEngine

/// The chart walk opens real folders and regular files relative to their folder's descriptor and lists folders
/// with raw `getdents64`; these tests check it loads exactly what the path-based walk loads, errors included.
@Suite struct HelmChartLoaderWalkTests {
    /// Writes `files` (relative path → content) under a fresh directory and returns it.
    private func makeTree(_ files: [String: String]) throws -> URL {
        let root = try Fixtures.temporaryDirectory("ffgen-walk")
        for (path, content) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return root
    }

    /// What a load gives, flattened for comparison: file names and bytes of the chart and its subcharts, or the
    /// error text.
    private func summary(_ path: String, pathBased: Bool) -> [String] {
        var loader = ChartLoader()
        loader.pathBasedWalk = pathBased
        do {
            return flatten(try loader.load(directory: path))
        } catch let error as HelmError {
            return ["error: " + error.message]
        } catch {
            return ["error: \(error)"]
        }
    }

    private func flatten(_ chart: Chart) -> [String] {
        var lines = ["chart \(chart.fullPath) \(chart.metadata.version)"]
        for file in chart.templates + chart.files { lines.append("\(file.name): \(file.data)") }
        lines.append("values: \(chart.values.count) schema: \(chart.schema?.count ?? -1)")
        for sub in chart.dependencies { lines += flatten(sub) }
        return lines
    }

    private func expectSameWalk(_ root: URL, _ comment: Comment? = nil) {
        let fast = summary(root.path, pathBased: false)
        #expect(fast == summary(root.path, pathBased: true), comment)
        #expect(!fast.isEmpty)
    }

    static let chart: [String: String] = [
        "Chart.yaml": "apiVersion: v2\nname: walk\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n",
        "values.yaml": "a: 1\n",
        "values.schema.json": "{}",
        "templates/a.yaml": "kind: A\n",
        "templates/_helpers.tpl": "{{ define \"x\" }}x{{ end }}",
        "templates/.hidden": "hidden\n",
        "templates/deep/er/b.yaml": "\u{FEFF}kind: B\n",
        "files/big.txt": String(repeating: "0123456789abcdef", count: 5000),  // larger than the read buffer
        "files/empty.txt": "",
        "files/exact.txt": String(repeating: "x", count: 32 * 1024),
        "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
        "charts/sub/templates/s.yaml": "kind: S\n",
        "charts/sub/values.yaml": "s: 2\n",
        "ignored.swp": "x",
        "sub/.git/config": "x",
        ".helmignore": "*.swp\n.git/\n",
    ]

    @Test func plainChart() throws {
        let root = try makeTree(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        expectSameWalk(root)
        // The relative walk really reads the files (not just agrees on an error).
        let loaded = try ChartLoader().load(directory: root.path)
        #expect(
            loaded.templates.map(\.name) == ["templates/_helpers.tpl", "templates/a.yaml", "templates/deep/er/b.yaml"])
        #expect(loaded.templates.last?.text == "kind: B\n")
        #expect(loaded.files.first { $0.name == "files/big.txt" }?.data.count == 80_000)
        #expect(loaded.dependencies.map(\.name) == ["sub"])
    }

    @Test func withoutHelmignore() throws {
        var files = Self.chart
        files[".helmignore"] = nil
        let root = try makeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        expectSameWalk(root)
    }

    @Test func helmignoreIsAFolder() throws {
        var files = Self.chart
        files[".helmignore"] = nil
        files[".helmignore/x"] = "*.yaml\n"
        let root = try makeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        expectSameWalk(root)
    }

    /// Below 32 levels the walk goes by path instead of holding more descriptors; the files are the same.
    @Test func deepTree() throws {
        var files = Self.chart
        files[(0..<40).map { "d\($0)" }.joined(separator: "/") + "/deep.txt"] = "deep\n"
        let root = try makeTree(files)
        defer { try? FileManager.default.removeItem(at: root) }
        expectSameWalk(root)
        #expect(try ChartLoader().load(directory: root.path).files.contains { $0.name.hasSuffix("/d39/deep.txt") })
    }

    @Test func symlinks() throws {
        let root = try makeTree(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.path + "/templates/link.yaml", withDestinationPath: "a.yaml")
        try fm.createSymbolicLink(atPath: root.path + "/linked", withDestinationPath: "templates/deep")
        try fm.createSymbolicLink(atPath: root.path + "/dangling", withDestinationPath: "nowhere")
        try fm.createDirectory(atPath: root.path + "/looped", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root.path + "/looped/self", withDestinationPath: ".")
        expectSameWalk(root)
    }

    @Test func unreadableEntries() throws {
        let root = try makeTree(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        // A file that cannot be opened and a folder that cannot be listed (root ignores permissions: then both
        // walks read them, which must agree as well).
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: root.path + "/templates/a.yaml")
        expectSameWalk(root, "unreadable file")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: root.path + "/templates/a.yaml")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: root.path + "/files")
        expectSameWalk(root, "unlistable folder")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path + "/files")
    }

    @Test func missingOrOddRoots() throws {
        let root = try makeTree(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        for path in [root.path + "/nope", root.path + "/values.yaml", root.path + "/", root.path + "/templates/../"] {
            var fast = ChartLoader()
            fast.pathBasedWalk = false
            var slow = ChartLoader()
            slow.pathBasedWalk = true
            let a = Result { try fast.load(directory: path) }.map(flatten)
            let b = Result { try slow.load(directory: path) }.map(flatten)
            switch (a, b) {
            case (.success(let x), .success(let y)): #expect(x == y, "\(path)")
            case (.failure(let x), .failure(let y)): #expect("\(x)" == "\(y)", "\(path)")
            default: Issue.record("\(path): \(a) vs \(b)")
            }
        }
    }
}
