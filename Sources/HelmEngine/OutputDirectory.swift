import Foundation

/// `helm template --output-dir`: one file per template path under the folder, documents of the same template
/// appended, and a `wrote PATH` line per document.
///
/// Helm: pkg/action/action.go writeToFile — `---\n# Source: NAME\nCONTENT\n`, appending when the template
/// already produced a document in this run.
public enum OutputDirectory {
    /// Writes the release's manifests (then hooks) below `directory`; returns the lines Helm prints.
    public static func write(_ release: RenderedRelease, to directory: String) throws -> String {
        var written = Set<String>()
        var log = ""
        let documents = release.manifests + release.hooks.map(\.manifest)
        for manifest in documents {
            let path = directory + "/" + manifest.path
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = "---\n# Source: \(manifest.path)\n\(manifest.content)\n"
            if written.contains(path), let handle = FileHandle(forWritingAtPath: path) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try Data(text.utf8).write(to: url)
                written.insert(path)
            }
            log += "wrote \(path)\n"
        }
        return log
    }
}
