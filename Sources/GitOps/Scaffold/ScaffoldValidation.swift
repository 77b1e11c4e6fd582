/// The checks `ffgen new` makes on its options before anything is rendered or written.
///
/// The rules repeat those of `charts/ffnode/values.schema.json` (so a refusal names the option at fault rather
/// than a schema path) plus what the schema cannot say: path tricks, wildcard placement, ARN structure, and that
/// the region is the Private CA's.
public enum ScaffoldValidation {
    /// Whether `name` is a DNS-1123 label: 1-63 characters of `a-z`, `0-9` and `-`, starting and ending with a
    /// letter or digit (Kubernetes: validation.IsDNS1123Label).
    public static func isDNS1123Label(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        for byte in bytes where !(isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-")) { return false }
        return bytes[0] != UInt8(ascii: "-") && bytes[bytes.count - 1] != UInt8(ascii: "-")
    }

    /// Checks an organisation or environment name: first for path tricks, then that it is a DNS-1123 label.
    public static func checkName(_ name: String, what: String) throws(ScaffoldError) {
        if name.isEmpty {
            throw ScaffoldError(.name, "the \(what) name is empty", hint: "name environments ORG/ENV, e.g. fitfile/ff-test-b")
        }
        if name == "." || name == ".." || name.contains("/") || name.contains("\\") || name.contains("..") {
            throw ScaffoldError(
                .path, "\(what) name \(quoted(name)) would leave its folder",
                hint: "a name is one folder: no `..`, `/` or absolute paths")
        }
        guard isDNS1123Label(name) else {
            throw ScaffoldError(
                .name, "\(what) name \(quoted(name)) is not a DNS-1123 label",
                hint: "use 1-63 lower-case letters, digits and `-`, starting and ending with a letter or digit"
                    + (name.lowercased() != name && isDNS1123Label(name.lowercased()) ? " (\(name.lowercased())?)" : ""))
        }
    }

    /// Splits `ORG/ENV`, refusing absolute paths, `..`, extra or missing components and names that are not
    /// DNS-1123 labels.
    public static func splitEnvironment(_ id: String, option: String = "ORG/ENV") throws(ScaffoldError) -> (String, String) {
        if id.hasPrefix("/") || id.hasPrefix("~") {
            throw ScaffoldError(
                .path, "\(option) \(quoted(id)) is an absolute path",
                hint: "name the environment ORG/ENV, relative to the environments folder (e.g. fitfile/ff-test-b)")
        }
        let parts = id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.contains("..") || parts.contains(".") {
            throw ScaffoldError(
                .path, "\(option) \(quoted(id)) contains `..` or `.`",
                hint: "name the environment ORG/ENV, e.g. fitfile/ff-test-b")
        }
        guard parts.count == 2 else {
            throw ScaffoldError(
                .path, "\(option) \(quoted(id)) is not ORG/ENV (\(parts.count) path components)",
                hint: "name the environment ORG/ENV, e.g. fitfile/ff-test-b")
        }
        try checkName(parts[0], what: "organisation")
        try checkName(parts[1], what: "environment")
        return (parts[0], parts[1])
    }

    /// Checks a certificate DNS name: at most 253 characters, at least two dot-separated DNS-1123 labels of at
    /// most 63 characters each, lower case, and a wildcard only as a whole leftmost label (`*.ff-a.fitfile.net`)
    /// above at least two more labels, as the chart schema and cert-manager require.
    public static func checkHostname(_ name: String, context: String) throws(ScaffoldError) {
        func refuse(_ why: String) -> ScaffoldError {
            ScaffoldError(
                .hostname, "\(context): DNS name \(quoted(name)) is not a valid hostname: \(why)",
                hint: "use lower-case names such as app.example.com; a wildcard is only `*.` in front")
        }
        guard !name.isEmpty else { throw refuse("it is empty") }
        guard name.utf8.count <= 253 else { throw refuse("it is longer than 253 characters") }
        var labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var wildcard = false
        if labels.first == "*" {
            wildcard = true
            labels.removeFirst()
        }
        if labels.contains(where: { $0.contains("*") }) {
            throw refuse("a wildcard must be the whole leftmost label (`*.example.com`)")
        }
        if labels.contains("") { throw refuse("it has an empty label (`..`, or a leading or trailing dot)") }
        if labels.count < 2 {
            throw refuse(wildcard ? "a wildcard needs at least two labels after it" : "it needs at least two labels")
        }
        for label in labels where !isDNS1123Label(label) {
            if label.utf8.count > 63 { throw refuse("label \(quoted(label)) is longer than 63 characters") }
            if label.lowercased() != label { throw refuse("label \(quoted(label)) has upper-case letters") }
            throw refuse("label \(quoted(label)) is not letters, digits and inner `-`")
        }
    }

    /// Checks a certificate's namespace (a DNS-1123 label).
    public static func checkNamespace(_ namespace: String, context: String) throws(ScaffoldError) {
        guard isDNS1123Label(namespace) else {
            throw ScaffoldError(
                .namespace, "\(context): namespace \(quoted(namespace)) is not a valid namespace (a DNS-1123 label)",
                hint: "use 1-63 lower-case letters, digits and `-`, starting and ending with a letter or digit")
        }
    }

    /// Checks a Kubernetes object name (certificate or Secret name): a DNS-1123 subdomain.
    public static func checkObjectName(_ name: String, context: String) throws(ScaffoldError) {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 253, labels.allSatisfy({ isDNS1123Label(String($0)) }) else {
            throw ScaffoldError(
                .certificate, "\(context): \(quoted(name)) is not a valid object name (a DNS-1123 subdomain)",
                hint: "use lower-case letters, digits, `-` and `.`")
        }
    }

    /// An AWS Private CA ARN, split: `arn:PARTITION:acm-pca:REGION:ACCOUNT:certificate-authority/UUID`.
    public struct PrivateCAARN: Sendable, Equatable {
        /// `aws`, `aws-cn` or `aws-us-gov`.
        public var partition: String
        /// The CA's region (`eu-west-1`).
        public var region: String
        /// The 12-digit account id.
        public var account: String
        /// The CA's id (a lower-case UUID).
        public var id: String
    }

    /// Parses an AWS Private CA ARN, `arn:aws(-cn|-us-gov)?:acm-pca:REGION:ACCOUNT12:certificate-authority/UUID`.
    public static func parsePrivateCAARN(_ arn: String) throws(ScaffoldError) -> PrivateCAARN {
        let expected = "arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/UUID"
        func refuse(_ why: String) -> ScaffoldError {
            ScaffoldError(
                .arn, "--pca-arn \(quoted(arn)) is not an AWS Private CA ARN: \(why)",
                hint: "expected \(expected), e.g. "
                    + "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012")
        }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn" else { throw refuse("expected six `:`-separated fields starting with arn") }
        guard ["aws", "aws-cn", "aws-us-gov"].contains(parts[1]) else {
            throw refuse("partition \(quoted(parts[1])) is not aws, aws-cn or aws-us-gov")
        }
        guard parts[2] == "acm-pca" else { throw refuse("service \(quoted(parts[2])) is not acm-pca") }
        guard isRegion(parts[3]) else { throw refuse("region \(quoted(parts[3])) is not a region such as eu-west-1") }
        let regionPartition = parts[3].hasPrefix("cn-") ? "aws-cn" : parts[3].hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        guard regionPartition == parts[1] else {
            throw refuse("region \(parts[3]) is not in partition \(parts[1])")
        }
        guard parts[4].utf8.count == 12, parts[4].utf8.allSatisfy(isDigit) else {
            throw refuse("account \(quoted(parts[4])) is not 12 digits")
        }
        let prefix = "certificate-authority/"
        guard parts[5].hasPrefix(prefix) else { throw refuse("the resource is not certificate-authority/UUID") }
        let id = String(parts[5].dropFirst(prefix.count))
        guard isUUID(id) else { throw refuse("the CA id \(quoted(id)) is not a lower-case UUID") }
        return PrivateCAARN(partition: parts[1], region: parts[3], account: parts[4], id: id)
    }

    /// Checks `--region` for a Private CA: a region name, and the CA's own region.
    public static func checkRegion(_ region: String, arn: PrivateCAARN) throws(ScaffoldError) {
        guard isRegion(region) else {
            throw ScaffoldError(.region, "--region \(quoted(region)) is not an AWS region such as eu-west-1")
        }
        guard region == arn.region else {
            throw ScaffoldError(
                .region, "--region \(region) differs from the Private CA's region \(arn.region)",
                hint: "aws-privateca-issuer calls the CA in its own region; use --region \(arn.region)")
        }
    }

    /// Checks an IAM role ARN (`arn:aws:iam::ACCOUNT:role/NAME`), as the chart schema does.
    public static func checkRoleARN(_ arn: String) throws(ScaffoldError) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let roleCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@_/-".utf8)
        guard parts.count == 6, parts[0] == "arn", ["aws", "aws-cn", "aws-us-gov"].contains(parts[1]),
            parts[2] == "iam", parts[3].isEmpty, parts[4].utf8.count == 12, parts[4].utf8.allSatisfy(isDigit),
            parts[5].hasPrefix("role/"), parts[5].utf8.count > 5, parts[5].utf8.allSatisfy(roleCharacters.contains)
        else {
            throw ScaffoldError(
                .arn, "--role-arn \(quoted(arn)) is not an IAM role ARN",
                hint: "expected arn:aws:iam::ACCOUNT:role/NAME, e.g. arn:aws:iam::123456789012:role/AWSPCAIssuerRoleForCertManager")
        }
    }

    /// Whether an environment name looks like production: one of its `-`-separated words, digits dropped, is
    /// `prod`, `prd`, `production` or `live` (`cuh-prod-1`, `prod`, `eu-live`); `ff-test-a` does not.
    public static func looksLikeProduction(_ name: String) -> Bool {
        let words = name.split(separator: "-").map { word in String(word.filter { !$0.isNumber }) }
        return words.contains { ["prod", "prd", "production", "live"].contains($0) }
    }

    // MARK: - Helpers

    static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    private static func isRegion(_ text: String) -> Bool {
        // The chart schema's ^[a-z]{2}(-[a-z]+)+-[0-9]+$.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let first = parts.first, let last = parts.last else { return false }
        return first.utf8.count == 2 && first.utf8.allSatisfy(isLowerLetter)
            && parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isLowerLetter) }
            && !last.isEmpty && last.utf8.allSatisfy(isDigit)
    }

    private static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.utf8.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.utf8.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) } }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isLowerLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLowerLetter(byte) }
}
