/// Line diffs: an edit script of two texts (longest common subsequence), and unified-diff hunks of it.
public enum LineDiff {
    /// One line of an edit script.
    public enum Edit: Sendable, Equatable {
        /// A line both texts have.
        case same(String)
        /// A line only the old text has.
        case delete(String)
        /// A line only the new text has.
        case insert(String)
    }

    /// The lines of `text`, without their line breaks; a final line break does not start another line.
    public static func lines(_ text: String) -> [String] {
        var out = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if out.last == "" { out.removeLast() }
        return out
    }

    /// The shortest edit script (by lines kept) turning `old` into `new`. Common prefix and suffix are taken
    /// first; a middle too large for the quadratic table becomes delete-all then insert-all.
    public static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var out = old[..<prefix].map { Edit.same($0) }
        if a.count * b.count > 4_000_000 {
            out += a.map { Edit.delete($0) } + b.map { Edit.insert($0) }
        } else {
            out += middle(a, b)
        }
        out += old[(old.count - suffix)...].map { Edit.same($0) }
        return out
    }

    // Longest common subsequence table, read forwards; deletions before insertions at each step.
    private static func middle(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        if n == 0 { return b.map { .insert($0) } }
        if m == 0 { return a.map { .delete($0) } }
        // lcs[i * (m + 1) + j] = length of the LCS of a[i...] and b[j...].
        var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i * (m + 1) + j] =
                    a[i] == b[j]
                    ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
            }
        }
        var out: [Edit] = []
        var i = 0
        var j = 0
        while i < n, j < m {
            if a[i] == b[j] {
                out.append(.same(a[i]))
                i += 1
                j += 1
            } else if lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1] {
                out.append(.delete(a[i]))
                i += 1
            } else {
                out.append(.insert(b[j]))
                j += 1
            }
        }
        out += a[i...].map { .delete($0) }
        out += b[j...].map { .insert($0) }
        return out
    }

    /// The positions of the longest common subsequence of two sequences of distinct elements: the indices of
    /// `new` whose elements keep their relative order (the others moved).
    static func stableIndices(_ old: [String], _ new: [String]) -> Set<Int> {
        let edits = edits(old, new)
        var kept = Set<Int>()
        var j = 0
        for edit in edits {
            switch edit {
            case .same:
                kept.insert(j)
                j += 1
            case .insert: j += 1
            case .delete: break
            }
        }
        return kept
    }

    /// A unified diff (`--- a/PATH`, `+++ b/PATH`, `@@ -l,n +l,n @@` hunks with `context` lines around each
    /// change) of two texts; empty when they are equal. A missing side is `/dev/null`. Generated files always end
    /// in a line break, so a missing final line break is not marked.
    public static func unified(
        oldPath: String?, newPath: String?, old: String, new: String, context: Int = 3
    ) -> String {
        let oldLines = lines(old)
        let newLines = lines(new)
        let script = edits(oldLines, newLines)
        guard script.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = "--- " + (oldPath.map { "a/" + $0 } ?? "/dev/null") + "\n"
        out += "+++ " + (newPath.map { "b/" + $0 } ?? "/dev/null") + "\n"
        // Positions (in the script) of the changes, grouped into hunks that overlap with their context.
        let changed = script.indices.filter { if case .same = script[$0] { false } else { true } }
        var groups: [(Int, Int)] = []
        for index in changed {
            let start = max(0, index - context)
            let end = min(script.count - 1, index + context)
            if let last = groups.last, start <= last.1 + 1 {
                groups[groups.count - 1].1 = end
            } else {
                groups.append((start, end))
            }
        }
        // Line numbers before each script position.
        var oldLine = [Int](repeating: 0, count: script.count + 1)
        var newLine = [Int](repeating: 0, count: script.count + 1)
        for (index, edit) in script.enumerated() {
            oldLine[index + 1] = oldLine[index] + (edit.isInsert ? 0 : 1)
            newLine[index + 1] = newLine[index] + (edit.isDelete ? 0 : 1)
        }
        for (start, end) in groups {
            let oldCount = oldLine[end + 1] - oldLine[start]
            let newCount = newLine[end + 1] - newLine[start]
            // GNU diff: an empty range names the line before it.
            let oldStart = oldCount == 0 ? oldLine[start] : oldLine[start] + 1
            let newStart = newCount == 0 ? newLine[start] : newLine[start] + 1
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in script[start...end] {
                switch edit {
                case .same(let line): out += " " + line + "\n"
                case .delete(let line): out += "-" + line + "\n"
                case .insert(let line): out += "+" + line + "\n"
                }
            }
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
}

extension LineDiff.Edit {
    var isInsert: Bool { if case .insert = self { true } else { false } }
    var isDelete: Bool { if case .delete = self { true } else { false } }
}
