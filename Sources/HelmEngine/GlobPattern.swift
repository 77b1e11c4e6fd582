/// A gobwas/glob pattern compiled with `/` as separator: `*` (no `/`), `**` (anything), `?` (one non-`/`
/// character), `[abc]`/`[!a-z]` (one character), `{a,b}` alternatives, `\` escapes.
struct GlobPattern {
    private indirect enum Node {
        case literal(Unicode.Scalar)
        case star
        case superStar
        case single
        case characterClass(negated: Bool, ranges: [(Unicode.Scalar, Unicode.Scalar)])
        case alternatives([[Node]])
    }

    private let nodes: [Node]

    /// Compiles `pattern`; nil when it is malformed (unclosed `[` or `{`).
    init?(_ pattern: String) {
        var scalars = Array(pattern.unicodeScalars)[...]
        guard let nodes = Self.parseSequence(&scalars, insideAlternatives: false), scalars.isEmpty else { return nil }
        self.nodes = nodes
    }

    private static func parseSequence(_ s: inout ArraySlice<Unicode.Scalar>, insideAlternatives: Bool) -> [Node]? {
        var nodes: [Node] = []
        while let c = s.first {
            if insideAlternatives && (c == "," || c == "}") { return nodes }
            s = s.dropFirst()
            switch c {
            case "*":
                if s.first == "*" {
                    s = s.dropFirst()
                    nodes.append(.superStar)
                } else {
                    nodes.append(.star)
                }
            case "?":
                nodes.append(.single)
            case "\\":
                guard let next = s.first else { return nil }
                s = s.dropFirst()
                nodes.append(.literal(next))
            case "[":
                var negated = false
                if s.first == "!" {
                    negated = true
                    s = s.dropFirst()
                }
                var ranges: [(Unicode.Scalar, Unicode.Scalar)] = []
                while let x = s.first, x != "]" {
                    s = s.dropFirst()
                    if s.first == "-", let hi = s.dropFirst().first, hi != "]" {
                        ranges.append((x, hi))
                        s = s.dropFirst(2)
                    } else {
                        ranges.append((x, x))
                    }
                }
                guard s.first == "]" else { return nil }
                s = s.dropFirst()
                nodes.append(.characterClass(negated: negated, ranges: ranges))
            case "{":
                var options: [[Node]] = []
                while true {
                    guard let option = parseSequence(&s, insideAlternatives: true) else { return nil }
                    options.append(option)
                    guard let separator = s.first else { return nil }
                    s = s.dropFirst()
                    if separator == "}" { break }
                }
                nodes.append(.alternatives(options))
            default:
                nodes.append(.literal(c))
            }
        }
        return insideAlternatives ? nil : nodes
    }

    /// Whether the whole of `name` matches.
    func matches(_ name: String) -> Bool {
        Self.match(nodes[...], Array(name.unicodeScalars)[...])
    }

    private static func match(_ nodes: ArraySlice<Node>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let node = nodes.first else { return text.isEmpty }
        let rest = nodes.dropFirst()
        switch node {
        case .literal(let c):
            return text.first == c && match(rest, text.dropFirst())
        case .single:
            guard let c = text.first, c != "/" else { return false }
            return match(rest, text.dropFirst())
        case .characterClass(let negated, let ranges):
            guard let c = text.first else { return false }
            let inClass = ranges.contains { $0.0.value <= c.value && c.value <= $0.1.value }
            return inClass != negated && match(rest, text.dropFirst())
        case .star, .superStar:
            var index = text.startIndex
            while true {
                if match(rest, text[index...]) { return true }
                guard index < text.endIndex else { return false }
                if case .star = node, text[index] == "/" { return false }
                index += 1
            }
        case .alternatives(let options):
            return options.contains { match(ArraySlice($0) + rest, text) }
        }
    }
}
