import GoTemplate
import Sprig
import Values

/// Helm's template functions on top of Sprig. Helm: pkg/engine funcs.go (`funcMap`) and engine.go
/// (`initFunMap`: include, tpl, required, fail, lookup, getHostByName).
enum HelmFunctions {
    /// Marks a `required`/`fail` message so the engine reports it as `execution error at (…): message`.
    /// Helm: engine.go warnWrap (HELM_ERR_START … HELM_ERR_END).
    static let failStart = "HELM_ERR_START"
    static let failEnd = "HELM_ERR_END"

    /// Helm: engine.go recursionMaxNums.
    static let includeLimit = 1000

    /// The name `tpl` parses its text under. Helm: the root template of the engine, `gotpl`.
    static let rootTemplateName = "gotpl"

    /// Per-render state of `include`: how deep each template name is nested (Helm: includedNames).
    final class IncludeDepths: @unchecked Sendable {
        var depths: [String: Int] = [:]
        /// How many `tpl` calls are running inside each other.
        var tplDepth = 0
    }

    /// The full function table: Sprig, Helm's encoders and the engine functions. `include` and `tpl` keep their
    /// per-render state in the execution's `IncludeDepths` (`ExecutionOptions.state`), so one table serves every
    /// render.
    static func table(sprig: FunctionTable) -> FunctionTable {
        var table = sprig
        for f in encoders { table.register(f) }
        table.register(include)
        table.register(tpl)
        table.register(required)
        table.register(fail)
        // Helm: `helm template` has no cluster, so lookup returns an empty map.
        table.register(GoFunc("lookup", [.string, .string, .string, .string]) { _ in .map(ValueMap()) })
        table.register(GoFunc("getHostByName", [.string]) { _ in .string("") })
        return table
    }

    /// The render's include state; an execution started without one (not done by the engine) gets a fresh one.
    private static func depths(_ context: any FunctionContext) -> IncludeDepths {
        context.executionState as? IncludeDepths ?? IncludeDepths()
    }

    // Helm: funcs.go toYAML … fromJSONArray. `toYaml`/`toJson` swallow errors (Helm returns ""); the `must`
    // variants report them.
    private static let encoders: [GoFunc] = [
        GoFunc("toYaml", [.interface]) { a in .string(HelmYAML.toYaml(a[0])) },
        GoFunc("mustToYaml", [.interface]) { a in
            do { return .string(try HelmYAML.mustToYaml(a[0])) } catch { throw FunctionError("\(error)") }
        },
        GoFunc("toYamlPretty", [.interface]) { a in .string(HelmYAML.toYamlPretty(a[0])) },
        GoFunc("fromYaml", [.string]) { a in HelmYAML.fromYaml(a[0].stringValue ?? "") },
        GoFunc("fromYamlArray", [.string]) { a in HelmYAML.fromYamlArray(a[0].stringValue ?? "") },
        GoFunc("toJson", [.interface]) { a in .string((try? GoJSON.marshal(a[0])) ?? "") },
        GoFunc("mustToJson", [.interface]) { a in
            do { return .string(try GoJSON.marshal(a[0])) } catch { throw FunctionError("\(error)") }
        },
        GoFunc("fromJson", [.string]) { a in GoJSON.fromJson(a[0].stringValue ?? "") },
        GoFunc("fromJsonArray", [.string]) { a in GoJSON.fromJsonArray(a[0].stringValue ?? "") },
        GoFunc("toToml", [.interface]) { a in
            do { return .string(try HelmTOML.toToml(a[0])) } catch { return .string("\(error)") }
        },
        GoFunc("fromToml", [.string]) { a in HelmTOML.fromToml(a[0].stringValue ?? "") },
        GoFunc("mustToToml", [.interface]) { a in
            do { return .string(try HelmTOML.toToml(a[0])) } catch { throw FunctionError("\(error)") }
        },
    ]

    // Helm: engine.go includeFun.
    private static let include = GoFunc("include", [.string, .interface]) { args, context in
        let state = depths(context)
        let name = args[0].stringValue ?? ""
        if let depth = state.depths[name] {
            if depth > includeLimit {
                throw FunctionError(
                    "rendering template has a nested reference name: \(name): unable to execute template")
            }
            state.depths[name] = depth + 1
        } else {
            state.depths[name] = 1
        }
        defer { state.depths[name, default: 1] -= 1 }
        return .string(try context.executeTemplate(named: name, data: args[1]))
    }

    // Helm: engine.go tplFun — parse the text as `gotpl` in a copy of the set, run it, drop `<no value>`.
    private static let tpl = GoFunc("tpl", [.string, .interface]) { args, context in
        let state = depths(context)
        let text = args[0].stringValue ?? ""
        // Helm sets no limit and the Go runtime dies of a stack overflow; ffgen stops with an error instead.
        if state.tplDepth >= includeLimit {
            throw FunctionError("tpl calls nested more than \(includeLimit) deep (Helm crashes with a stack overflow)")
        }
        state.tplDepth += 1
        defer { state.tplDepth -= 1 }
        do {
            let output = try context.parseAndExecute(text: text, data: args[1], templateName: rootTemplateName)
            return .string(output.removingNoValue())
        } catch let error as TemplateError {
            let prefix =
                error.kind == .parse ? "cannot parse template" : "error during tpl function execution for"
            throw TemplateError(
                kind: .other, locationName: "", line: 0,
                message: "\(prefix) \(GoQuote.quote(text)): \(error.goDescription)", underlying: error)
        }
    }

    // Helm: engine.go `required` — nil or "" fails with the message.
    private static let required = GoFunc("required", [.string, .interface]) { args in
        switch args[1] {
        case .null, .string(""): throw FunctionError(failStart + (args[0].stringValue ?? "") + failEnd)
        default: return args[1]
        }
    }

    // Helm: engine.go `fail`.
    private static let fail = GoFunc("fail", [.string]) { args in
        throw FunctionError(failStart + (args[0].stringValue ?? "") + failEnd)
    }
}
