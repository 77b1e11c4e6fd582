import FFGenTestSupport
import Testing
import Values
@testable import GoTemplate

/// A stand-in for a Go struct with fields and methods (like Helm's `.Capabilities`).
final class FakeCapabilities: TemplateObject, TemplateMethodSignatures {
    func methodSignature(_ name: String) -> (parameters: [GoType], variadic: GoType?)? {
        name == "Has" ? ([.string], nil) : nil
    }
    var goTypeName: String { "*common.Capabilities" }
    func field(_ name: String) -> Value? { name == "KubeVersion" ? .string("v1.36.0") : nil }
    func hasMethod(_ name: String) -> Bool { name == "Has" }
    func callMethod(_ name: String, _ arguments: [Value]) throws -> Value {
        guard arguments.count == 1 else {
            throw TemplateObjectError("wrong number of args for Has: want 1 got \(arguments.count)")
        }
        return .bool(arguments[0].stringValue == "v1")
    }
    var goString: String { "&{v1.36.0}" }
    var serialized: Value { .map(ValueMap()) }
}

/// A Go slice type with a method (like Helm's `common.VersionSet`).
final class FakeVersionSet: TemplateObject {
    var goTypeName: String { "common.VersionSet" }
    var goKind: String { "slice" }
    func field(_ name: String) -> Value? { nil }
    var goString: String { "[v1 apps/v1]" }
    var serialized: Value { .list([.string("v1"), .string("apps/v1")]) }
}

/// A Go map type whose elements differ from its serialized form (like Helm's `engine.files`).
final class FakeFiles: TemplateObject, TemplateCollection {
    var goTypeName: String { "engine.files" }
    var goKind: String { "map" }
    func field(_ name: String) -> Value? { nil }
    var goString: String { "map[a:[104]]" }
    var serialized: Value { .map(ValueMap([("a", Value.string("h"))])) }
    var elements: Value { .map(ValueMap([("a", Value.list([.int(104)]))])) }
}

private func render(_ text: String, data: Value = oracleData(), missingKey: MissingKey = .zero,
                    left: String = "{{", right: String = "}}") throws -> String {
    var set = TemplateSet(leftDelimiter: left, rightDelimiter: right)
    try set.parse(name: "t", text: text, functions: oracleFunctions)
    var out = ""
    try set.execute(name: "t", data: data, functions: oracleFunctions,
                    options: ExecutionOptions(missingKey: missingKey), into: &out)
    return out
}

private func renderError(_ text: String, data: Value = oracleData(), missingKey: MissingKey = .zero) -> TemplateError? {
    do {
        _ = try render(text, data: data, missingKey: missingKey)
        return nil
    } catch let e as TemplateError {
        return e
    } catch {
        return nil
    }
}

@Suite struct GoTemplateAPITests {
    // Go's own texts; the oracle shows them inside Helm's messages (see GoTemplateExecTests).
    @Test func execErrorGoDescription() throws {
        let e = try #require(renderError("a\n {{ .Values.nul.y }}"))
        #expect(e.kind == .exec)
        #expect(e.line == 2)
        #expect(e.column == 11)
        #expect(e.nodeContext == ".Values.nul.y")
        #expect(e.executingTemplate == "t")
        #expect(e.message == "nil pointer evaluating interface {}.y")
        #expect(e.goDescription == "template: t:2:11: executing \"t\" at <.Values.nul.y>: nil pointer evaluating interface {}.y")
    }

    @Test func parseErrorGoDescription() throws {
        let e = try #require(renderError("x\n{{ nosuch }}"))
        #expect(e.kind == .parse)
        #expect(e.goDescription == "template: t:2: function \"nosuch\" not defined")
    }

    @Test func includeChainKeepsUnderlyingError() throws {
        let e = try #require(renderError("{{ define \"inc\" }}{{ .Values.nul.y }}{{ end }}{{ include \"inc\" . }}"))
        #expect(e.message.hasPrefix("error calling include: template: t:1:28: executing \"inc\" at <.Values.nul.y>"))
        let inner = try #require(e.underlying as? TemplateError)
        #expect(inner.executingTemplate == "inc")
        #expect(inner.column == 28)
    }

    @Test func missingTemplateNamesTheSet() throws {
        var set = TemplateSet()
        set.rootName = "gotpl"
        var out = ""
        #expect(throws: TemplateError.self) {
            try set.execute(name: "nope", data: .null, functions: FunctionTable(), options: ExecutionOptions(),
                            into: &out)
        }
        do {
            try set.execute(name: "nope", data: .null, functions: FunctionTable(), options: ExecutionOptions(),
                            into: &out)
        } catch let e as TemplateError {
            #expect(e.goDescription == "template: no template \"nope\" associated with template \"gotpl\"")
        }
    }

    /// Go AddParseTree: a later definition replaces an earlier one unless its body is empty.
    @Test func redefinitionRules() throws {
        var set = TemplateSet()
        try set.parse(name: "a", text: "{{ define \"x\" }}first{{ end }}", functions: FunctionTable())
        try set.parse(name: "b", text: "{{ define \"x\" }}second{{ end }}", functions: FunctionTable())
        try set.parse(name: "c", text: "{{ define \"x\" }}  \n{{ end }}", functions: FunctionTable())
        var out = ""
        try set.execute(name: "x", data: .null, functions: FunctionTable(), options: ExecutionOptions(), into: &out)
        #expect(out == "second")
        #expect(set.templateNames == ["a", "b", "c", "x"])
        #expect(set.contains("x"))
        #expect(!set.contains("y"))
    }

    @Test func duplicateDefinitionInOneParse() throws {
        var set = TemplateSet()
        #expect(throws: TemplateError.self) {
            try set.parse(name: "a", text: "{{ define \"x\" }}1{{ end }}{{ define \"x\" }}2{{ end }}",
                          functions: FunctionTable())
        }
    }

    @Test(arguments: [
        (MissingKey.default, "<no value>"),
        (MissingKey.zero, "<no value>"),
    ])
    func missingKeyPrinting(_ mode: MissingKey, _ expected: String) throws {
        #expect(try render("{{ .Values.nope }}", missingKey: mode) == expected)
    }

    @Test func missingKeyModesDifferOnChains() throws {
        // Go: an invalid receiver yields no value; a zero (nil interface) receiver is a nil pointer.
        #expect(try render("{{ .Values.nope.x }}", missingKey: .default) == "<no value>")
        #expect(renderError("{{ .Values.nope.x }}", missingKey: .zero)?.message
            == "nil pointer evaluating interface {}.x")
        #expect(renderError("{{ .Values.nope }}", missingKey: .error)?.message == "map has no entry for key \"nope\"")
    }

    @Test func objectFieldsAndMethods() throws {
        let data = Value.map(ValueMap([("Capabilities", Value.object(FakeCapabilities()))]))
        #expect(try render("{{ .Capabilities.KubeVersion }}", data: data) == "v1.36.0")
        #expect(try render("{{ .Capabilities.Has \"v1\" }} {{ .Capabilities.Has \"v2\" }}", data: data) == "true false")
        #expect(try render("{{ \"v1\" | .Capabilities.Has }}", data: data) == "true")
        #expect(try render("{{ .Capabilities }}", data: data) == "&{v1.36.0}")
        #expect(renderError("{{ .Capabilities.KubeVersion 1 }}", data: data)?.message
            == "KubeVersion has arguments but cannot be invoked as function")
        #expect(renderError("{{ .Capabilities.Nope }}", data: data)?.message
            == "can't evaluate field Nope in type interface {}")
        // Expected texts as Helm 4 prints them for .Capabilities.APIVersions.Has (the helm-messages table).
        let messages = OracleTable.load("helm-messages")
        func helm(_ arguments: String) -> String? {
            messages.row("template", "{{ .Capabilities.APIVersions.Has\(arguments) }}")?.error.map(HelmMessage.innermost)
        }
        let noArgs = renderError("{{ .Capabilities.Has }}", data: data)
        #expect(helm("") != nil)
        #expect(noArgs?.message == helm(""))
        #expect(noArgs?.nodeContext == ".Capabilities.Has")
        let number = renderError("{{ .Capabilities.Has 1 }}", data: data)
        #expect(number?.message == helm(" 1"))
        #expect(number?.nodeContext == "1")
        #expect(renderError("{{ .Capabilities.Has \"v1\" \"v2\" }}", data: data)?.message == helm(#" "v1" "v2""#))
        #expect(renderError("{{ .Capabilities.Has nil }}", data: data)?.message == helm(" nil"))
    }

    @Test func collectionObjects() throws {
        let data = Value.map(ValueMap([("V", Value.object(FakeVersionSet())), ("F", .object(FakeFiles()))]))
        #expect(try render("{{ len .V }} {{ index .V 1 }} {{ range $i, $v := .V }}{{ $i }}={{ $v }};{{ end }}", data: data)
            == "2 apps/v1 0=v1;1=apps/v1;")
        #expect(try render("{{ slice .V 1 }} {{ .V }}", data: data) == "[apps/v1] [v1 apps/v1]")
        #expect(renderError("{{ eq .V .V }}", data: data)?.message
            == "error calling eq: non-comparable type [v1 apps/v1]: common.VersionSet")
        #expect(try render("{{ len .F }} {{ range $k, $b := .F }}{{ $k }}:{{ $b }}{{ end }} {{ index .F \"a\" }}", data: data)
            == "1 a:[104] [104]")
    }

    @Test func customDelimiters() throws {
        #expect(try render("[[ .Values.s ]] {{ x }} [[- \" y\" -]] z", left: "[[", right: "]]") == "str {{ x }} yz")
    }

    @Test func breakAndContinueAreResults() throws {
        #expect(try render("{{ range 5 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}")
            == "02")
    }

    @Test func tplSeesItsOwnDefines() throws {
        #expect(try render("{{ tpl \"{{ define \\\"q\\\" }}Q{{ end }}{{ include \\\"q\\\" . }}\" . }}") == "Q")
    }

    /// Deep `include` chains (Helm allows 1000 levels) and Go's `template` depth limit must not overflow the stack.
    @Test func deepNestingStaysOnLargeStacks() throws {
        var functions = oracleFunctions
        functions.register(GoFunc("push", [.list]) { a in .list((a[0].listValue ?? []) + [.int(1)]) })
        var set = TemplateSet()
        let text = """
            {{ define "i" }}{{ if lt (len .) 1500 }}{{ include "i" (push .) }}{{ else }}{{ len . }}{{ end }}{{ end }}\
            {{ include "i" (list) }}
            """
        try set.parse(name: "t", text: text, functions: functions)
        var out = ""
        try set.execute(name: "t", data: .null, functions: functions, options: ExecutionOptions(), into: &out)
        #expect(out == "1500")
        let e = renderError("{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}")
        #expect(e?.message == "exceeded maximum template depth (100000)")
    }

    /// Expected results from Helm: 9999 nested parentheses work, 10001 fail to parse; 3000 nested ifs work.
    @Test func deepNestingParsesAndRuns() throws {
        let ok = "{{ " + String(repeating: "(", count: 9999) + "1" + String(repeating: ")", count: 9999) + " }}"
        #expect(try render(ok) == "1")
        let tooDeep = "{{ " + String(repeating: "(", count: 10001) + "1" + String(repeating: ")", count: 10001) + " }}"
        let e = renderError(tooDeep)
        #expect(e?.kind == .parse)
        #expect(e?.goDescription == "template: t:1: max expression depth exceeded")
        let ifs = String(repeating: "{{ if 1 }}", count: 3000) + "x" + String(repeating: "{{ end }}", count: 3000)
        #expect(try render(ifs) == "x")
    }

    /// A parsed set is shared by concurrent renders; each execution has its own state.
    @Test func concurrentExecutions() async throws {
        var set = TemplateSet()
        try set.parse(name: "t", text: "{{ range $i, $e := .Values.list }}{{ $i }}:{{ $e }},{{ end }}{{ include \"d\" . }}{{ define \"d\" }}{{ .Values.s }}{{ end }}",
                      functions: oracleFunctions)
        let shared = set
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var out = ""
                    try shared.execute(name: "t", data: oracleData(), functions: oracleFunctions,
                                       options: ExecutionOptions(missingKey: .zero), into: &out)
                    return out
                }
            }
            var all: [String] = []
            for try await o in group { all.append(o) }
            return all
        }
        #expect(outputs.count == 16)
        #expect(outputs.allSatisfy { $0 == "0:1,1:2,str" })
    }

    @Test func printfIsPublic() {
        #expect(GoPrintf.format("%s=%d %v", [.string("a"), .int(1), .list([.float(1.5), .null])]) == "a=1 [1.5 <nil>]")
        #expect(GoPrintf.format("%d", [.string("x")]) == "%!d(string=x)")
        #expect(GoPrintf.sprint([.int(1), .int(2), .string("a"), .int(3)]) == "1 2a3")
    }
}

/// Lexer items for small inputs (Go: parse/lex.go semantics, as the exec tables observe them through Helm).
struct LexCase: Sendable, CustomTestStringConvertible {
    let input: String
    let kinds: [TokenKind]
    var testDescription: String { input }
}

@Suite struct GoTemplateLexerTests {
    @Test(arguments: [
        LexCase(input: "a{{-3}}", kinds: [.text, .leftDelim, .number, .rightDelim, .eof]),
        LexCase(input: "a {{- 3 -}} b", kinds: [.text, .leftDelim, .number, .rightDelim, .text, .eof]),
        LexCase(input: "{{/* c */}}x", kinds: [.text, .eof]),
        LexCase(input: "{{ $x := .a.b | f 'c' `r` nil true }}",
                kinds: [.leftDelim, .space, .variable, .space, .declare, .space, .field, .field, .space, .pipe,
                        .space, .identifier, .space, .charConstant, .space, .rawString, .space, .nil, .space, .bool,
                        .space, .rightDelim, .eof]),
        LexCase(input: "{{ (1+2i) }}", kinds: [.leftDelim, .space, .leftParen, .complex, .rightParen, .space,
                                               .rightDelim, .eof]),
        LexCase(input: "{{ range $i, $e = . }}{{ break }}{{ end }}",
                kinds: [.leftDelim, .space, .range, .space, .variable, .char, .space, .variable, .space, .assign,
                        .space, .dot, .space, .rightDelim, .leftDelim, .space, .break, .space, .rightDelim,
                        .leftDelim, .space, .end, .space, .rightDelim, .eof]),
        LexCase(input: "{{ 3abc }}", kinds: [.leftDelim, .space, .error, .eof]),
        LexCase(input: "{{ \"abc", kinds: [.leftDelim, .space, .error, .eof]),
    ])
    func tokenKinds(_ c: LexCase) {
        var lexer = Lexer(c.input)
        #expect(lexer.tokenize().map(\.kind) == c.kinds)
    }

    @Test func errorTexts() {
        var a = Lexer("{{ 3abc }}")
        #expect(a.tokenize().first { $0.kind == .error }?.value == "bad number syntax: \"3a\"")
        var b = Lexer("{{ x# }}")
        #expect(b.tokenize().first { $0.kind == .error }?.value == "bad character U+0023 '#'")
        var c = Lexer("a\n{{ 1 ")
        let tokens = c.tokenize()
        #expect(tokens.first { $0.kind == .error }?.value == "unclosed action")
        #expect(tokens.first { $0.kind == .error }?.line == 2)
    }
}
