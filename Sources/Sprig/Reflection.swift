import GoTemplate
import Values

// Sprig: reflect.go. `Value.int` stands for every Go integer kind, so `typeOf`/`kindOf` print `int64` for
// integers; Go prints `int` for template literals and `len`, `int64` for Sprig math and `--set` values.

extension SprigLibrary {
    static func reflectionFunctions() -> [GoFunc] {
        [
            GoFunc("typeOf", [.interface]) { a in .string(a[0].goTypeName) },
            GoFunc("typeIs", [.string, .interface]) { a in .bool(a[0].stringValue == a[1].goTypeName) },
            GoFunc("typeIsLike", [.string, .interface]) { a in
                let t = a[1].goTypeName
                let target = a[0].stringValue ?? ""
                return .bool(target == t || "*" + target == t)
            },
            GoFunc("kindOf", [.interface]) { a in .string(a[0].goKind) },
            GoFunc("kindIs", [.string, .interface]) { a in .bool(a[0].stringValue == a[1].goKind) },
            GoFunc("deepEqual", [.interface, .interface]) { a in .bool(a[0].deepEquals(a[1])) },
        ]
    }
}
