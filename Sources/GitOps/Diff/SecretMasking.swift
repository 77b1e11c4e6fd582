import Values

/// What a diff must never print: the data of a `Secret`, and values under keys that look like credentials.
public enum SecretMasking {
    /// Whether `key` names a credential: once `-`, `_` and `.` are dropped and case is folded, it ends with
    /// password, passwd, passphrase, secret, token, apikey, accesskey, secretkey, privatekey or credential(s).
    /// References to credentials (`secretName`, `tokenSecretRef`, `existingSecret…Key`) end otherwise and stay
    /// visible, so reviewers still see which Secret an object reads.
    public static func isCredentialKey(_ key: String) -> Bool {
        var folded = ""
        for scalar in key.unicodeScalars where scalar != "-" && scalar != "_" && scalar != "." {
            folded.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return credentialSuffixes.contains { folded.hasSuffix($0) }
    }

    private static let credentialSuffixes = [
        "password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "secretkey", "privatekey",
        "credential", "credentials",
    ]

    /// Whether the top-level field `field` of an object of kind `kind` holds secret data (`data`, `stringData`
    /// of a `Secret`).
    public static func isSecretData(kind: String, field: String) -> Bool {
        kind == "Secret" && (field == "data" || field == "stringData")
    }

    /// `value` with every secret inside it replaced by `<masked FINGERPRINT>`: values under credential keys,
    /// and the `value` of a map whose `name` is credential-looking (`{name: DB_PASSWORD, value: …}`, as in a
    /// container's `env`). Used for whole values a diff prints (an added list element, a replaced map).
    public static func redacted(_ value: Value) -> Value {
        switch value {
        case .map(let map):
            let namedCredential = isNamedCredential(map)
            var pairs: [(String, Value)] = []
            for (key, item) in map {
                if isCredentialKey(key) || (namedCredential && key == "value") {
                    pairs.append((key, .string("<masked " + fingerprint(item) + ">")))
                } else {
                    pairs.append((key, redacted(item)))
                }
            }
            return .map(ValueMap(pairs))
        case .list(let items): return .list(items.map(redacted))
        default: return value
        }
    }

    /// Whether a map is a named credential entry (`{name: API_TOKEN, value: …}`), whose `value` is secret.
    public static func isNamedCredential(_ map: ValueMap) -> Bool {
        map["name"]?.stringValue.map(isCredentialKey) ?? false
    }

    /// A short fingerprint of a secret value: enough to tell that it changed, too short to identify it.
    public static func fingerprint(_ value: Value) -> String {
        fingerprint(text: canonical(value))
    }

    /// A short fingerprint of secret text.
    public static func fingerprint(text: String) -> String {
        String(TreeWriter.fingerprint("ffgen-diff-mask\u{0}" + text).prefix(8))
    }

    // One text per value, the same for equal values.
    private static func canonical(_ value: Value) -> String {
        (try? GoJSON.marshal(value)) ?? GoFormat.describe(value)
    }

    /// `text` (a generated file) with every secret value replaced by `<masked FINGERPRINT>`: the values under
    /// `data:`/`stringData:` of a Secret, and under credential keys. Used for the unified format, which prints
    /// file lines. A value that is a block (`|`, `>`, or a nested mapping) is masked as one.
    public static func maskText(_ text: String, kind: String) -> String {
        let lines = LineDiff.lines(text)
        var out: [String] = []
        var index = 0
        // The indentation of a `name:` naming a credential (`- name: DB_PASSWORD`): its sibling `value:` is one.
        var credentialName: Int?
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard let entry = mappingEntry(line) else {
                out.append(line)
                continue
            }
            let secretBlock = entry.indent == 0 && isSecretData(kind: kind, field: entry.key)
            if entry.key == "name" {
                credentialName = isCredentialKey(unquoted(entry.value)) ? entry.indent : nil
            }
            let namedValue = entry.key == "value" && credentialName == entry.indent
            guard secretBlock || namedValue || isCredentialKey(entry.key) else {
                out.append(line)
                continue
            }
            let block = value(of: entry, in: lines, from: &index)
            if secretBlock {
                // Keep the keys of the data map visible, mask each value.
                out.append(String(line.prefix(entry.indent)) + entry.key + ":")
                out += maskEntries(Array(block.dropFirst()))
            } else {
                out.append(masked(line, entry, block))
            }
        }
        return out.joined(separator: "\n") + (text.isEmpty ? "" : "\n")
    }

    // Each mapping entry of a block replaced by its masked form.
    private static func maskEntries(_ lines: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard let entry = mappingEntry(line) else {
                out.append(String(line.prefix { $0 == " " }) + "<masked>")
                continue
            }
            out.append(masked(line, entry, value(of: entry, in: lines, from: &index)))
        }
        return out
    }

    // An entry's value: the rest of its line plus every following line indented deeper (or blank).
    private static func value(
        of entry: (indent: Int, key: String, value: String), in lines: [String], from index: inout Int
    ) -> [String] {
        var block = [entry.value]
        while index < lines.count {
            let next = lines[index]
            guard next.allSatisfy({ $0 == " " }) || next.prefix(while: { $0 == " " }).count > entry.indent else {
                break
            }
            block.append(next)
            index += 1
        }
        return block
    }

    // The entry's line with its value replaced by a fingerprint.
    private static func masked(_ line: String, _ entry: (indent: Int, key: String, value: String), _ block: [String])
        -> String
    {
        String(line.prefix(entry.indent)) + entry.key + ": <masked " + fingerprint(yaml: block) + ">"
    }

    // The fingerprint of a YAML value written as an entry's value lines: the parsed value's, so the unified
    // format shows the same fingerprints as the others; the text's when it does not parse on its own.
    private static func fingerprint(yaml block: [String]) -> String {
        if case .map(let map)? = try? HelmYAML.parseAny("x: " + block.joined(separator: "\n")), let value = map["x"] {
            return fingerprint(value)
        }
        return fingerprint(text: block.joined(separator: "\n"))
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else {
            return text
        }
        return String(text.dropFirst().dropLast())
    }

    // `  key: value` (or `  - key: value`): indentation of the key, the key, the rest after `: `.
    private static func mappingEntry(_ line: String) -> (indent: Int, key: String, value: String)? {
        var rest = Substring(line)
        var indent = 0
        while rest.first == " " || (rest.first == "-" && rest.dropFirst().first == " ") {
            rest = rest.dropFirst(rest.first == "-" ? 2 : 1)
            indent = line.utf8.count - rest.utf8.count
        }
        if rest.first == "#" { return nil }
        var key = rest
        if let quote = rest.first, quote == "\"" || quote == "'" {
            guard let close = rest.dropFirst().firstIndex(of: quote) else { return nil }
            key = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
        } else {
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            let after = rest[rest.index(after: colon)...]
            guard after.isEmpty || after.first == " " else { return nil }
            key = rest[..<colon]
            rest = rest[colon...]
        }
        let value = rest.dropFirst().drop { $0 == " " }
        return (indent, String(key), String(value))
    }
}
