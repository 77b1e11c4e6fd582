import GoTemplate

/// Helm's rendering of template parse and execution errors. Helm: engine.go cleanupParseError and
/// reformatExecErrorMsg (with TraceableError).
enum HelmTemplateErrors {
    /// `parse error at (chart/templates/x.yaml:3): unexpected "}" in operand` — Go's text keeps only the line.
    static func parseError(_ error: TemplateError, file: String) -> HelmError {
        let parts = error.goDescription.components(separatedBy: ": ")
        let text: String
        let location: HelmError.Location
        if parts.count > 1, let last = parts.last {
            text = "parse error at (\(parts[1])): \(last)"
            location = HelmError.Location(file: error.locationName, line: error.line)
            return HelmError(code: .parse, message: last, helmDescription: text, location: location)
        }
        text = "parse error in (\(file)): \(error.goDescription)"
        return HelmError(code: .parse, message: error.goDescription, helmDescription: text, location: HelmError.Location(file: file))
    }

    /// Helm's execution error text: `execution error at (loc): msg` for `required`/`fail`, the multi-line trace
    /// when every error of the chain is a template error, and Go's own text otherwise.
    static func executionError(_ error: TemplateError, file: String) -> HelmError {
        let full = error.goDescription
        let location = error.column.map { HelmError.Location(file: error.locationName, line: error.line, byteColumn: $0) }
        guard error.kind == .exec else {
            return HelmError(code: .execution, message: full, location: location)
        }
        let tokens = full.split(separator: ": ", maxSplits: 2, omittingEmptySubsequences: false)
        guard tokens.count == 3 else {
            return HelmError(
                code: .execution, message: full, helmDescription: "execution error in (\(file)): \(full)", location: location)
        }
        if let failure = failMessage(in: String(tokens[2])) {
            return HelmError(
                code: .execution, message: failure, helmDescription: "execution error at (\(tokens[1])): \(failure)",
                location: location)
        }
        guard let trace = trace(error) else {
            return HelmError(code: .execution, message: full, location: location)
        }
        return HelmError(code: .execution, message: error.message, helmDescription: trace, location: location)
    }

    /// The text between the first HELM_ERR_START and the last HELM_ERR_END (Helm's greedy regexp).
    private static func failMessage(in text: String) -> String? {
        guard let start = text.range(of: HelmFunctions.failStart),
            let end = text.range(of: HelmFunctions.failEnd, options: .backwards), start.upperBound <= end.lowerBound
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// One step of Helm's trace. Helm: TraceableError.
    private struct Step: Equatable {
        var location = ""
        var function = ""
        var message = ""

        var text: String {
            var out = ""
            if !location.isEmpty { out += location + "\n  " }
            if !function.isEmpty { out += function + "\n    " }
            if !message.isEmpty { out += message + "\n" }
            return out
        }
    }

    // Helm: reformatExecErrorMsg — walk the wrapped errors; any that is not a template error ends the attempt.
    private static func trace(_ error: TemplateError) -> String? {
        var steps: [Step] = []
        var current: (any Error)? = error
        while let e = current {
            guard let t = e as? TemplateError, let step = step(t) else { return nil }
            if steps.last != step { steps.append(step) }
            current = t.underlying
        }
        return steps.map(\.text).joined().trimmingASCIIWhitespace()
    }

    private static func step(_ t: TemplateError) -> Step? {
        let cutNested: (String) -> String = { message in
            guard let r = message.range(of: " template:") else { return message }
            return String(message[..<r.lowerBound])
        }
        if t.kind == .exec, let context = t.nodeContext, let column = t.column {
            return Step(
                location: "\(t.locationName):\(t.line):\(column)",
                function: "executing \(GoQuote.quote(t.executingTemplate ?? t.locationName)) at <\(context)>:",
                message: cutNested(t.message))
        }
        let text = t.goDescription
        guard text.hasPrefix("template: ") else { return nil }
        let remainder = text.dropFirst("template: ".count)
        if remainder.hasPrefix("no template ") { return Step(message: text) }
        // Helm: parseTemplateSimpleErrorString — split at the last ": ".
        guard let separator = remainder.range(of: ": ", options: .backwards) else { return nil }
        return Step(
            location: String(remainder[..<separator.lowerBound]),
            message: cutNested(String(remainder[separator.upperBound...])))
    }
}
