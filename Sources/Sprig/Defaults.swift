import GoTemplate
import Values

// Sprig: defaults.go (default, empty, coalesce, all, any, ternary, the JSON helpers, deepCopy lives in Dicts).

extension SprigLibrary {
    /// Runs a `GoJSON` operation, reporting its error as the function's error.
    static func json<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as GoJSON.Error { throw FunctionError(e.message) }
    }

    static func defaultFunctions() -> [GoFunc] {
        [
            GoFunc("default", [.interface], variadic: .interface) { a in
                // Sprig: `empty(given) || empty(given[0])`.
                a.count < 2 || Cast.isEmpty(a[1]) ? a[0] : a[1]
            },
            // Sprig: functions.go "fail" (Helm registers its own over it).
            GoFunc("fail", [.string]) { a in throw FunctionError(a[0].stringValue ?? "") },
            GoFunc("empty", [.interface]) { a in .bool(Cast.isEmpty(a[0])) },
            GoFunc("coalesce", [], variadic: .interface) { a in a.first { !Cast.isEmpty($0) } ?? .null },
            GoFunc("all", [], variadic: .interface) { a in .bool(a.allSatisfy { !Cast.isEmpty($0) }) },
            GoFunc("any", [], variadic: .interface) { a in .bool(a.contains { !Cast.isEmpty($0) }) },
            GoFunc("ternary", [.interface, .interface, .bool]) { a in
                if case .bool(true) = a[2] { return a[0] }
                return a[1]
            },
            // Sprig swallows the errors of the plain variants.
            GoFunc("fromJson", [.string]) { a in (try? GoJSON.unmarshal(a[0].stringValue ?? "")) ?? .null },
            GoFunc("mustFromJson", [.string]) { a in try json { try GoJSON.unmarshal(a[0].stringValue ?? "") } },
            GoFunc("toJson", [.interface]) { a in
                .string((try? GoJSON.marshal(a[0], escapeHTML: true, indent: nil)) ?? "")
            },
            GoFunc("mustToJson", [.interface]) { a in .string(try json { try GoJSON.marshal(a[0], escapeHTML: true, indent: nil) }) },
            GoFunc("toPrettyJson", [.interface]) { a in
                .string((try? GoJSON.marshal(a[0], escapeHTML: true, indent: "  ")) ?? "")
            },
            GoFunc("mustToPrettyJson", [.interface]) { a in
                .string(try json { try GoJSON.marshal(a[0], escapeHTML: true, indent: "  ") })
            },
            // Sprig: toRawJson panics where mustToRawJson returns the error; both read the same in a template.
            GoFunc("toRawJson", [.interface]) { a in .string(try json { try GoJSON.marshal(a[0], escapeHTML: false, indent: nil) }) },
            GoFunc("mustToRawJson", [.interface]) { a in
                .string(try json { try GoJSON.marshal(a[0], escapeHTML: false, indent: nil) })
            },
        ]
    }
}
