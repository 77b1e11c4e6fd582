import Sprig
import Testing
import Values
@testable import GoTemplate

/// The parser finds function names by their bytes (`NameIndex`, `Builtins.lookup`); these pin that lookup to the
/// `String`-keyed one it stands in for.
@Suite struct GoTemplateNameIndexTests {
    static func slotByBytes(_ table: FunctionTable, _ name: String) -> Int? {
        Array(name.utf8).withUnsafeBufferPointer { table.slot(ofUTF8: $0) }
    }

    @Test func everyFunctionIsFoundByItsBytes() {
        var table = SprigLibrary.functions()
        table.register(GoFunc("include", [.string, .interface]) { _ in .null })
        table.register(GoFunc("größe", []) { _ in .null })
        let names = table.functions.keys
        #expect(names.count > 100)
        for name in names {
            #expect(Self.slotByBytes(table, name) == table.slot(of: name), "\(name)")
            #expect(Self.slotByBytes(table, name) != nil, "\(name)")
        }
    }

    @Test func otherNamesAreNotFound() {
        let table = SprigLibrary.functions()
        for name in ["", "x", "Quote", "quot", "quotes", "eq", "and", "nindent ", "toYaml2", "默认"] {
            #expect(Self.slotByBytes(table, name) == table.slot(of: name), "\(name)")
        }
        #expect(Self.slotByBytes(table, "quote") != nil)
        #expect(Self.slotByBytes(table, "Quote") == nil)
    }

    @Test func replacedFunctionsKeepTheirSlot() {
        var table = FunctionTable([GoFunc("a", []) { _ in .int(1) }, GoFunc("b", []) { _ in .int(2) }])
        table.register(GoFunc("a", []) { _ in .int(3) })
        #expect(Self.slotByBytes(table, "a") == table.slot(of: "a"))
        #expect(Self.slotByBytes(table, "b") == table.slot(of: "b"))
    }

    @Test func builtinsAreFoundByTheirBytes() {
        for (name, builtin) in Builtins.table {
            let found = Array(name.utf8).withUnsafeBufferPointer { Builtins.lookup($0) }
            #expect(found?.name == name)
            #expect(found?.builtin.kind == builtin.kind)
        }
        for name in ["", "e", "eqq", "Print", "index2"] {
            #expect(Array(name.utf8).withUnsafeBufferPointer { Builtins.lookup($0) } == nil)
        }
    }

    @Test func breakAndContinueAsFunctions() {
        let plain = FunctionTable()
        #expect(!Parser.hasFunction("break", plain))
        #expect(!Parser.hasFunction("continue", plain))
        #expect(Parser.hasFunction("eq", plain))
        var table = FunctionTable()
        table.register(GoFunc("break", []) { _ in .string("b") })
        #expect(Parser.hasFunction("break", table))
        #expect(!Parser.hasFunction("continue", table))
    }

    @Test func builtinsByKindMatchTheTable() {
        #expect(Builtins.byKind.count == Builtins.table.count)
        for (i, builtin) in Builtins.byKind.enumerated() {
            #expect(builtin.kind.rawValue == i)
        }
    }

    @Test func undefinedFunctionErrorNamesTheText() throws {
        var set = TemplateSet()
        #expect(throws: TemplateError.self) { try set.parse(name: "t", text: "{{ nosuch 1 }}", functions: FunctionTable()) }
        do {
            try set.parse(name: "t", text: "{{ nosuch 1 }}", functions: FunctionTable())
        } catch let e as TemplateError {
            #expect(e.goDescription.contains("function \"nosuch\" not defined"))
        }
    }
}
