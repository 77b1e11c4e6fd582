/// Reads `metadata.namespace` of a rendered document without parsing all of it, when the document has the
/// plain block shape Helm charts almost always produce; otherwise says it cannot tell, and the caller parses the
/// document fully. Parsing every document was a fifth of a fleet render.
enum ManifestHead {
    /// The result of a quick read.
    enum Namespace: Equatable {
        /// `metadata.namespace` is this string; empty when `metadata` has no `namespace` key.
        case known(String)
        /// The shape is not simple enough to be sure (anchors, flow style, quoted keys, unusual values…).
        case unsure
    }

    /// `metadata.namespace` of `document`, read from its lines.
    ///
    /// Certain only when: exactly one top-level `metadata:` line with nothing after it; its children are plain
    /// `key:` lines at one indentation; no anchors, aliases, merge keys, tags or complex keys inside it; and the
    /// namespace value is a plain or simply quoted DNS label that YAML 1.1 cannot read as anything but a string.
    static func namespace(of document: String) -> Namespace {
        var bytes = Array(document.utf8)
        bytes.append(0x0A)
        var metadataLines = 0
        var inMetadata = false
        var childIndent = -1
        var namespace: String?
        var lineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            let line = bytes[lineStart..<index]
            lineStart = index + 1
            var indent = 0
            while indent < line.count, line[line.startIndex + indent] == 0x20 { indent += 1 }
            let body = line.dropFirst(indent)
            if body.isEmpty || body.first == 0x23 { continue }  // blank or comment
            if body.first == 0x09 { return .unsure }  // tab indentation
            if indent == 0 {
                inMetadata = false
                switch body.first {
                case 0x22, 0x27, 0x3F, 0x25, 0x26, 0x2A, 0x21, 0x7B, 0x5B: return .unsure  // " ' ? % & * ! { [
                default: break
                }
                if body.starts(with: Array("<<".utf8)) { return .unsure }
                if body.starts(with: Array("metadata".utf8)) {
                    let rest = body.dropFirst(8)
                    guard rest.first == 0x3A else {
                        if rest.first == 0x20 || rest.first == 0x09 { return .unsure }  // `metadata :`
                        continue
                    }
                    guard trimmedComment(rest.dropFirst()).isEmpty else { return .unsure }
                    metadataLines += 1
                    inMetadata = true
                }
                continue
            }
            guard inMetadata else { continue }
            if body.contains(0x26) || body.contains(0x2A) || body.contains(0x21) { return .unsure }  // & * !
            if childIndent < 0 { childIndent = indent }
            if indent < childIndent { return .unsure }
            if indent > childIndent { continue }  // nested content of a child
            // A child `key: value` line with a plain key.
            guard let colon = body.firstIndex(of: 0x3A) else { return .unsure }
            let key = body[body.startIndex..<colon]
            guard !key.isEmpty, key.allSatisfy(isPlainKeyByte) else { return .unsure }
            let afterColon = body[body.index(after: colon)...]
            guard afterColon.isEmpty || afterColon.first == 0x20 else { return .unsure }
            let value = trimmedComment(afterColon)
            if value.first == 0x7C || value.first == 0x3E {  // block scalar: only plain `|`, `|-`, `>`… headers
                if value.dropFirst().contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return .unsure }
            }
            if key.elementsEqual("namespace".utf8) {
                if namespace != nil { return .unsure }
                guard let text = simpleString(value) else { return .unsure }
                namespace = text
            }
        }
        guard metadataLines == 1 else { return .unsure }
        return .known(namespace ?? "")
    }

    private static func isPlainKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
    }

    // The value without a trailing ` # comment` and surrounding spaces.
    private static func trimmedComment(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var value = text
        var previous: UInt8 = 0x20
        for index in value.indices {
            if value[index] == 0x23 && previous == 0x20 {
                value = value[value.startIndex..<index]
                break
            }
            previous = value[index]
        }
        while value.first == 0x20 { value = value.dropFirst() }
        while value.last == 0x20 { value = value.dropLast() }
        return value
    }

    // A namespace value that YAML reads as exactly this string: a DNS label starting with a letter, plain or in
    // quotes, and not a YAML 1.1 boolean or null word.
    private static func simpleString(_ value: ArraySlice<UInt8>) -> String? {
        var inner = value
        if let first = value.first, first == 0x22 || first == 0x27 {
            guard value.count >= 2, value.last == first else { return nil }
            inner = value.dropFirst().dropLast()
        }
        guard let first = inner.first, first >= 0x61 && first <= 0x7A,
            inner.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E })
        else { return nil }
        let text = String(decoding: inner, as: UTF8.self)
        if value.first != 0x22 && value.first != 0x27,
            ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(text)
        {
            return nil
        }
        return text
    }
}
