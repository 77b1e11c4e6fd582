import Foundation

/// Writes the generated tree: only files ffgen owns, recorded with content fingerprints in the output folder's
/// `.ffgen-owned`, so that ffgen removes its own stale files and never overwrites or deletes anyone else's.
///
/// Everything is decided in memory first (`plan`); `apply` then writes each file through a temporary file and a
/// rename, so a failed render never touches the tree and a reader never sees a half-written file.
public struct TreeWriter: Sendable {
    /// The ownership record's name inside the output folder.
    public static let recordName = ".ffgen-owned"
    /// The prefix of temporary files (ignored and cleaned up when found).
    static let temporaryPrefix = ".ffgen-tmp-"

    /// The output folder (absolute).
    public var outputPath: String

    /// A writer for the tree at `outputPath`.
    public init(outputPath: String) {
        self.outputPath = outputPath
    }

    /// What `apply` will do.
    public struct Plan: Sendable, Equatable {
        /// Files to create (missing on disk).
        public var create: [String] = []
        /// Owned files whose content changes.
        public var update: [String] = []
        /// Owned files no longer produced.
        public var remove: [String] = []
        /// Files already as they should be.
        public var unchanged: [String] = []
        /// Owned files someone edited since ffgen wrote them (they are rewritten or removed).
        public var handEdited: [String] = []
        /// Files in the output folder that ffgen did not write.
        public var foreign: [String] = []
        /// The new ownership record's text.
        public var record: String = ""
        /// Whether the record on disk differs from `record`.
        public var recordChanges = false
        /// The contents to write, by path.
        var contents: [String: String] = [:]

        /// Whether the tree already matches.
        public var isUpToDate: Bool {
            create.isEmpty && update.isEmpty && remove.isEmpty && foreign.isEmpty && !recordChanges
        }
    }

    /// One difference `--check` reports.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// What is wrong with the file.
        public enum Kind: String, Sendable {
            /// The values produce it; the tree lacks it.
            case missing
            /// The tree has it (ffgen wrote it); the values no longer produce it.
            case stale
            /// ffgen wrote it; the values now produce different content.
            case outdated = "out of date"
            /// ffgen wrote it; someone changed it since.
            case handEdited = "hand-edited"
            /// ffgen did not write it.
            case foreign = "not written by ffgen"
        }

        /// The kind.
        public var kind: Kind
        /// The path under the output folder.
        public var path: String

        /// A difference of `kind` at `path`.
        public init(kind: Kind, path: String) {
            self.kind = kind
            self.path = path
        }

        /// `kind: path`.
        public var description: String { "\(kind.rawValue): \(path)" }
    }

    /// Compares the wanted files (paths relative to the output folder) with the tree. `scope` limits which owned
    /// files may become stale: path prefixes (one per rendered environment), or nil for the whole tree.
    public func plan(files: [String: String], scope: [String]? = nil) throws(GitOpsError) -> Plan {
        let recordPath = RepoPath.join(outputPath, Self.recordName)
        let recordText = Self.read(recordPath)
        let owned = try recordText.map(Self.parseRecord) ?? [:]
        let onDisk = try existingFiles()
        var plan = Plan()
        plan.contents = files
        func inScope(_ path: String) -> Bool {
            guard let scope else { return true }
            return scope.contains { path.hasPrefix($0) }
        }
        plan.foreign = onDisk.filter { owned[$0] == nil && files[$0] == nil }.sorted(by: Self.byteOrder)
        var newRecord: [String: String] = owned.filter { !inScope($0.key) }
        for path in files.keys.sorted(by: Self.byteOrder) {
            let content = files[path] ?? ""
            newRecord[path] = Self.fingerprint(content)
            guard onDisk.contains(path) else {
                plan.create.append(path)
                continue
            }
            guard let recorded = owned[path] else {
                plan.foreign.append(path)
                continue
            }
            let current = Self.read(RepoPath.join(outputPath, path)) ?? ""
            if current == content {
                plan.unchanged.append(path)
            } else {
                plan.update.append(path)
                if Self.fingerprint(current) != recorded { plan.handEdited.append(path) }
            }
        }
        for (path, recorded) in owned where inScope(path) && files[path] == nil && onDisk.contains(path) {
            plan.remove.append(path)
            let current = Self.read(RepoPath.join(outputPath, path)) ?? ""
            if Self.fingerprint(current) != recorded { plan.handEdited.append(path) }
        }
        plan.remove.sort(by: Self.byteOrder)
        plan.handEdited.sort(by: Self.byteOrder)
        plan.foreign.sort(by: Self.byteOrder)
        plan.record = Self.recordText(newRecord)
        plan.recordChanges = recordText != plan.record
        return plan
    }

    /// The differences `--check` lists, in path order.
    public func differences(_ plan: Plan) -> [Difference] {
        var result: [Difference] = []
        let edited = Set(plan.handEdited)
        result += plan.create.map { Difference(kind: .missing, path: $0) }
        result += plan.update.map { Difference(kind: edited.contains($0) ? .handEdited : .outdated, path: $0) }
        result += plan.remove.map { Difference(kind: edited.contains($0) ? .handEdited : .stale, path: $0) }
        result += plan.foreign.map { Difference(kind: .foreign, path: $0) }
        if result.isEmpty && plan.recordChanges {
            result.append(Difference(kind: .outdated, path: Self.recordName))
        }
        return result.sorted { Self.byteOrder($0.path, $1.path) }
    }

    /// Carries out `plan`. Refuses (before writing anything) when the output folder holds foreign files.
    public func apply(_ plan: Plan) throws(GitOpsError) {
        if !plan.foreign.isEmpty {
            let shown = plan.foreign.prefix(5).joined(separator: ", ")
            throw GitOpsError(
                code: .foreignFile,
                message: "the output folder \(outputPath) holds \(plan.foreign.count) file(s) ffgen did not write: "
                    + shown + (plan.foreign.count > 5 ? ", …" : ""),
                hint: "ffgen never overwrites or deletes files it did not write; move them away or choose another "
                    + "--out folder")
        }
        if plan.isUpToDate { return }
        do {
            try FileManager.default.createDirectory(atPath: outputPath, withIntermediateDirectories: true)
            // The record first lists every file about to be written or still to be removed, so an interrupted
            // run leaves nothing ffgen would later mistake for a foreign file.
            let removing = Dictionary(uniqueKeysWithValues: plan.remove.map { ($0, "0000000000000000") })
            var interim = try Self.parseRecord(plan.record)
            interim.merge(removing) { current, _ in current }
            var directories: Set<String> = []
            try writeAtomically(Self.recordText(interim), to: Self.recordName, directories: &directories)
            try writeFiles(plan.create + plan.update, contents: plan.contents)
            for path in plan.remove {
                try FileManager.default.removeItem(atPath: RepoPath.join(outputPath, path))
                removeEmptyParents(of: path)
            }
            try writeAtomically(plan.record, to: Self.recordName, directories: &directories)
        } catch let error as GitOpsError {
            throw error
        } catch {
            throw GitOpsError(code: .io, message: "writing \(outputPath): \(error)")
        }
    }

    // MARK: - Files

    /// Threads writing files (file creation is system time, and there are thousands of files).
    public var writerThreads = 2

    // Writes `paths`, folder by folder, spread over `writerThreads` threads. A folder belongs to one thread, so
    // temporary names (one per process and folder) never clash.
    private func writeFiles(_ paths: [String], contents: [String: String]) throws {
        var grouped: [String: [String]] = [:]
        for path in paths {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            grouped[folder, default: []].append(path)
        }
        let byFolder = grouped
        let folders = byFolder.keys.sorted(by: Self.byteOrder)
        let threads = max(1, min(writerThreads, folders.count))
        let failures = FailureBox()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var directories: Set<String> = []
            var index = thread
            while index < folders.count, !failures.failed {
                for path in byFolder[folders[index]] ?? [] {
                    do {
                        try writeAtomically(contents[path] ?? "", to: path, directories: &directories)
                    } catch {
                        failures.record(error)
                        return
                    }
                }
                index += threads
            }
        }
        if let error = failures.first { throw error }
    }

    // The first error of the writer threads.
    private final class FailureBox: @unchecked Sendable {
        private let lock = NSLock()
        private var error: (any Error)?

        var failed: Bool {
            lock.lock()
            defer { lock.unlock() }
            return error != nil
        }

        var first: (any Error)? {
            lock.lock()
            defer { lock.unlock() }
            return error
        }

        func record(_ error: any Error) {
            lock.lock()
            if self.error == nil { self.error = error }
            lock.unlock()
        }
    }

    // Writes through a temporary file in the target's folder and a rename, so the file is whole or absent. No
    // fsync per file: the tree is reproducible from the repository, and thousands of syncs dominate a run.
    private func writeAtomically(_ content: String, to path: String, directories: inout Set<String>) throws {
        let target = RepoPath.join(outputPath, path)
        let directory = (target as NSString).deletingLastPathComponent
        try makeDirectories(directory, known: &directories)
        let temporary = RepoPath.join(directory, Self.temporaryPrefix + String(getpid()))
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw GitOpsError(code: .io, message: "cannot create \(temporary): errno \(errno)") }
        var bytes = Array(content.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                close(descriptor)
                unlink(temporary)
                throw GitOpsError(code: .io, message: "cannot write \(temporary): errno \(errno)")
            }
            written += n
        }
        close(descriptor)
        if rename(temporary, target) != 0 {
            unlink(temporary)
            throw GitOpsError(code: .io, message: "cannot rename \(temporary) to \(target): errno \(errno)")
        }
    }

    // `mkdir -p`, remembering the folders that exist so each is created (or checked) once per run.
    private func makeDirectories(_ directory: String, known: inout Set<String>) throws {
        if known.contains(directory) { return }
        if !RepositoryConfig.isDirectory(directory) {
            let parent = (directory as NSString).deletingLastPathComponent
            if parent != directory { try makeDirectories(parent, known: &known) }
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw GitOpsError(code: .io, message: "cannot create folder \(directory): errno \(errno)")
            }
        }
        known.insert(directory)
    }

    private func removeEmptyParents(of path: String) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty {
            let directory = RepoPath.join(outputPath, parts.joined(separator: "/"))
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory), entries.isEmpty
            else { return }
            try? FileManager.default.removeItem(atPath: directory)
            parts = parts.dropLast()
        }
    }

    // Every file under the output folder, relative, except the record (leftover temporary files are deleted).
    private func existingFiles() throws(GitOpsError) -> Set<String> {
        guard RepositoryConfig.isDirectory(outputPath) else {
            if FileManager.default.fileExists(atPath: outputPath) {
                throw GitOpsError(
                    code: .foreignFile, message: "the output path \(outputPath) is a file, not a folder",
                    hint: "choose another --out folder")
            }
            return []
        }
        var result: Set<String> = []
        func walk(_ relative: String) {
            let absolute = RepoPath.join(outputPath, relative)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? [] {
                let child = RepoPath.join(relative, name)
                if name.hasPrefix(Self.temporaryPrefix) {
                    try? FileManager.default.removeItem(atPath: RepoPath.join(outputPath, child))
                } else if RepositoryConfig.isDirectory(RepoPath.join(outputPath, child)) {
                    walk(child)
                } else if child != Self.recordName {
                    result.insert(child)
                }
            }
        }
        walk("")
        return result
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - The record

    /// A content fingerprint: FNV-1a, 64 bits, as 16 hex digits. It detects edits; it is not a security check.
    public static func fingerprint(_ content: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in content.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func recordText(_ entries: [String: String]) -> String {
        var out = "# Files written by `ffgen render` (fingerprint, path). ffgen rewrites and removes only these.\n"
        for path in entries.keys.sorted(by: byteOrder) { out += (entries[path] ?? "") + " " + path + "\n" }
        return out
    }

    static func parseRecord(_ text: String) throws(GitOpsError) -> [String: String] {
        var entries: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let space = line.firstIndex(of: " "), line.distance(from: line.startIndex, to: space) == 16,
                line[..<space].allSatisfy(\.isHexDigit), line.index(after: space) < line.endIndex
            else {
                throw GitOpsError(
                    code: .ownership, message: "\(recordName) line \(index + 1) is not `FINGERPRINT PATH`: \(line)",
                    hint: "restore \(recordName) from version control; ffgen needs it to know which files it owns")
            }
            entries[String(line[line.index(after: space)...])] = String(line[..<space])
        }
        return entries
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
