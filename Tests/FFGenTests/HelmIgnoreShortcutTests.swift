import Testing

@testable import HelmEngine

/// `.helmignore` rules that are plain names or `*.ext` skip the general matcher; these tests check the shortcuts
/// decide exactly as the general matcher (Go's path.Match) does.
@Suite struct HelmIgnoreShortcutTests {
    static let paths: [(String, Bool)] = [
        ("a.swp", false), (".swp", false), ("swp", false), ("templates/a.swp", false), ("keep.swp", false),
        ("a.tmp~", false), ("x/y/a.tmp~", false), (".git", true), (".git", false), ("sub/.git", true),
        ("README.md", false), ("sub/README.md", false), ("README.mdx", false), ("docs", true), ("x/docs", true),
        ("ci/a.yaml", false), ("ci/x/a.yaml", false), ("café", false), ("cafe\u{301}", false), ("xay", false),
        ("a.txt", false), ("c.txt", false), ("*.lit", false), ("a.lit", false), ("", false), ("a/", false),
        ("abc", false), ("templates/.hidden", false), ("templates/x", false), ("ci/b.yaml", false), ("ci", true),
    ]

    @Test(arguments: [
        ".git/", "*.swp", "*.tmp~", "README.md", "/docs", "!keep.swp", "ci/*.yaml", "*", "*é", "x*y", "[ab].txt",
        "\\*.lit", "!*.swp", "templates/.?*", "/*.swp", "*/", "*.swp/", "a?c", "ci/[a-z].yaml", "!ci/*",
    ])
    func shortcutAgreesWithGeneralMatcher(rule: String) throws {
        let fast = try HelmIgnoreRules(text: rule)
        let general = try HelmIgnoreRules(text: rule, shortcuts: false)
        for (path, isDirectory) in Self.paths {
            #expect(
                fast.ignores(path, isDirectory: isDirectory) == general.ignores(path, isDirectory: isDirectory),
                "rule \(rule), path \(path)")
        }
    }

    @Test(arguments: ["", "/", "//", "a", "a/", "a//", "/a", "a/b", "a/b/", "templates/.hidden", "x/y/z.yaml", "é/ü"])
    func lastPathPieceMatchesSplit(path: String) {
        #expect(path.lastPathPiece == (path.split(separator: "/").last ?? ""))
    }

    /// The default rule is parsed once; it decides as the rule parsed for each chart does.
    @Test func defaultRuleAgreesWithGeneralMatcher() throws {
        var fast = try HelmIgnoreRules(text: "*.swp")
        fast.addDefaults()
        var general = try HelmIgnoreRules(text: "*.swp", shortcuts: false)
        general.addDefaults()
        for (path, isDirectory) in Self.paths {
            let expected = general.ignores(path, isDirectory: isDirectory)
            #expect(fast.ignores(path, isDirectory: isDirectory) == expected, "\(path)")
        }
        #expect(fast.ignores("templates/.hidden", isDirectory: false))
    }

    @Test func knownDecisions() throws {
        let rules = try HelmIgnoreRules(text: "*.swp\nREADME.md\n.git/")
        #expect(rules.ignores("a.swp", isDirectory: false))
        #expect(rules.ignores("templates/b.swp", isDirectory: false))
        #expect(!rules.ignores("a.swpx", isDirectory: false))
        #expect(rules.ignores("docs/README.md", isDirectory: false))
        #expect(rules.ignores(".git", isDirectory: true))
        #expect(!rules.ignores(".git", isDirectory: false))
    }
}
