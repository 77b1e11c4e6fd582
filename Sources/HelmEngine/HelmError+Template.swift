import GoTemplate
import Values

/// Helm's rendering of template parse and execution errors. Helm: engine.go cleanupParseError and
/// reformatExecErrorMsg (with TraceableError).
enum HelmTemplateErrors {
    /// `parse error at (chart/templates/x.yaml:3): unexpected "}" in operand` — Go's text keeps only the line.
    static func parseError(_ error: TemplateError, file: String, sources: [String: String]) -> HelmError {
        let parts = error.goDescription.components(separatedBy: ": ")
        guard parts.count > 1, let last = parts.last else {
            return HelmError(
                code: .parse, message: error.goDescription,
                helmDescription: "parse error in (\(file)): \(error.goDescription)", location: HelmError.Location(file: file))
        }
        let location = HelmError.Location(
            file: error.locationName, line: error.line,
            sourceLine: sourceLine(sources[error.locationName], line: error.line))
        return HelmError(
            code: .parse, message: last, helmDescription: "parse error at (\(parts[1])): \(last)", location: location)
    }

    /// Helm's execution error text: `execution error at (loc): msg` for `required`/`fail`, the multi-line trace
    /// when every error of the chain is a template error, and Go's own text otherwise. The ffgen rendering points
    /// at the innermost template position and lists the include/tpl calls above it.
    static func executionError(_ error: TemplateError, file: String, sources: [String: String]) -> HelmError {
        let full = error.goDescription
        let (location, leafMessage, context) = innermost(error, sources: sources)
        let failure = failMessage(in: full)
        let message = failure ?? leafMessage
        let helmText: String
        let tokens = full.split(separator: ": ", maxSplits: 2, omittingEmptySubsequences: false)
        if error.kind != .exec {
            helmText = full
        } else if tokens.count != 3 {
            helmText = "execution error in (\(file)): \(full)"
        } else if let failure {
            helmText = "execution error at (\(tokens[1])): \(failure)"
        } else {
            helmText = trace(error) ?? full
        }
        return HelmError(
            code: .execution, message: message, helmDescription: helmText, location: location,
            hint: failure == nil ? nil : requiredHint(context))
    }

    /// For `required "…" .Values.a.b`: which value to set.
    private static func requiredHint(_ context: String?) -> String? {
        guard let context, context.hasPrefix("required "), let start = context.range(of: ".Values.") else { return nil }
        let path = context[start.upperBound...].prefix { !" )|".contains($0) }
        guard !path.isEmpty else { return nil }
        return "set `\(path)` in the values (a -f file, or --set \(path)=…)"
    }

    /// The deepest template position of the error chain, its callers, and the message of the failure itself.
    private static func innermost(
        _ error: TemplateError, sources: [String: String]
    ) -> (HelmError.Location?, String, String?) {
        var positions: [TemplateError] = []
        var message = error.message
        var current: (any Error)? = error
        while let e = current {
            if let t = e as? TemplateError {
                if t.column != nil { positions.append(t) }
                message = t.message
                current = t.underlying
            } else {
                message = (e as? FunctionError)?.message ?? String(describing: e)
                current = nil
            }
        }
        guard let deepest = positions.last, let column = deepest.column else { return (nil, message, nil) }
        var location = HelmError.Location(
            file: deepest.locationName, line: deepest.line, byteColumn: column,
            sourceLine: sourceLine(sources[deepest.locationName], line: deepest.line))
        location.callers = positions.dropLast().reversed().map { t in
            "\(t.locationName):\(t.line):\((t.column ?? 0) + 1) <\(t.nodeContext ?? "")>"
        }
        return (location, message, deepest.nodeContext)
    }

    private static func sourceLine(_ text: String?, line: Int) -> String? {
        guard let text, line >= 1 else { return nil }
        let lines = text.splitLines()
        return line <= lines.count ? lines[line - 1] : nil
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
