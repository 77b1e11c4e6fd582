import Values

/// `ffgen new --from`: what an existing environment's values contribute to a new one.
///
/// Certificates are carried over with the old environment's name replaced by the new one wherever a name follows
/// the old environment's naming: a DNS label equal to the old name (`ff-test-a.fitfile.net`,
/// `argocd.cuh-pca-1.internal.fitfile.net`), and in certificate, namespace and Secret names a `-`-delimited run
/// equal to it (`fitfile-ff-test-a`, `cuh-pca-1-tls`). Names that do not follow it (`storybook.fitfile.net`) are
/// kept and reported, since two clusters would then request the same name.
public struct ScaffoldSource: Sendable {
    /// The source environment (`org/env`).
    public var id: String
    /// Its values as read.
    public var values: ValueMap
    /// Its environment name.
    public var name: String

    /// Wraps the parsed values of environment `org/name`.
    public init(id: String, name: String, values: ValueMap) {
        self.id = id
        self.name = name
        self.values = values
    }

    /// Whether the source deploys cert-manager.
    public var certManager: Bool { section("deploy")["certManager"].map { if case .bool(true) = $0 { true } else { false } } ?? false }

    /// The source's issuer (chart name), nil when unset (the chart's default is letsencrypt-prod).
    public var issuer: ScaffoldIssuer? { section("certs")["issuer"]?.stringValue.flatMap(ScaffoldIssuer.init(chartName:)) }

    /// `certs.awsPca.arn`, when set.
    public var pcaARN: String? { nonEmpty(section("certs", "awsPca")["arn"]) }
    /// `certs.awsPca.region`, when set.
    public var region: String? { nonEmpty(section("certs", "awsPca")["region"]) }
    /// `awsPrivateCAIssuer.roleArn`, when set.
    public var roleARN: String? { nonEmpty(section("awsPrivateCAIssuer")["roleArn"]) }

    /// The kv path of the Cloudflare token secret (`certManager.vaultSecrets` entry `cloudflare-issuer-api-token`).
    public var vaultPath: String? {
        cloudflareSecret.flatMap { $0.mapValue?["vaultPath"]?.stringValue }
    }

    /// The source's certificates, rewritten for `newName` (and `domain`, when given: the labels after the old
    /// name are replaced by it), plus the DNS names left as they were.
    public func certificates(newName: String, domain: String?) -> (certificates: [CertificateSpec], kept: [String]) {
        var result: [CertificateSpec] = []
        var kept: [String] = []
        for entry in section("certs")["certificates"]?.listValue ?? [] {
            guard let map = entry.mapValue else { continue }
            let dnsNames = (map["dnsNames"]?.listValue ?? []).map { value -> String in
                let dns = value.stringValue ?? GoFormat.describe(value)
                guard let rewritten = Self.rewriteHostname(dns, old: name, new: newName, domain: domain) else {
                    kept.append(dns)
                    return dns
                }
                return rewritten
            }
            result.append(
                CertificateSpec(
                    name: Self.rewriteName(map["name"]?.stringValue ?? "", old: name, new: newName),
                    namespace: Self.rewriteName(map["namespace"]?.stringValue ?? "", old: name, new: newName),
                    dnsNames: dnsNames,
                    secretName: Self.rewriteName(map["secretName"]?.stringValue ?? "", old: name, new: newName),
                    issuer: map["issuer"]?.stringValue))
        }
        return (result, kept)
    }

    /// The values the scaffold does not model, by section, for the template to carry over: `top` (unknown
    /// top-level sections such as `repo`, `argocd`), `certManager` (e.g. `prometheus`), `awsPrivateCAIssuer`
    /// (`chart`, `extraValues`), `certs` (e.g. `vault`, `backup`, `letsencrypt.email`) and `vaultSecrets` (other
    /// Vault secrets than the Cloudflare token).
    public func rest(keepLetsEncrypt: Bool) -> ValueMap {
        let top = values.deepCopy()
        for key in ["deploy", "certManager", "awsPrivateCAIssuer", "certs"] { _ = top.removeValue(forKey: key) }
        let certManager = section("certManager").deepCopy()
        _ = certManager.removeValue(forKey: "vaultSecrets")
        let issuer = section("awsPrivateCAIssuer").deepCopy()
        _ = issuer.removeValue(forKey: "roleArn")
        let certs = section("certs").deepCopy()
        for key in ["issuer", "certificates", "awsPca", "vaultSecrets"] { _ = certs.removeValue(forKey: key) }
        if let letsencrypt = certs["letsencrypt"]?.mapValue, keepLetsEncrypt {
            _ = letsencrypt.removeValue(forKey: "enabled")
            if letsencrypt.isEmpty { _ = certs.removeValue(forKey: "letsencrypt") }
        } else {
            _ = certs.removeValue(forKey: "letsencrypt")
        }
        let otherSecrets = (section("certManager")["vaultSecrets"]?.listValue ?? []).filter {
            $0.mapValue?["secretName"]?.stringValue != Self.cloudflareSecretName
        }
        return ValueMap([
            ("top", .map(top)), ("certManager", .map(certManager)), ("awsPrivateCAIssuer", .map(issuer)),
            ("certs", .map(certs)), ("vaultSecrets", .list(otherSecrets.map { $0.deepCopy() })),
        ])
    }

    /// The Secret the Let's Encrypt ClusterIssuers read the Cloudflare token from.
    static let cloudflareSecretName = "cloudflare-issuer-api-token"

    /// `new` in place of a DNS label equal to `old` (and, with `domain`, the labels after it replaced by the
    /// domain's); nil when no label is `old`.
    public static func rewriteHostname(_ dns: String, old: String, new: String, domain: String?) -> String? {
        var labels = dns.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let index = labels.firstIndex(of: old) else { return nil }
        labels[index] = new
        if let domain {
            labels = Array(labels[...index]) + domain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
        return labels.joined(separator: ".")
    }

    /// `new` in place of every occurrence of `old` bounded by the start, the end, `-` or `.`.
    public static func rewriteName(_ name: String, old: String, new: String) -> String {
        guard !old.isEmpty else { return name }
        let text = Array(name.utf8)
        let pattern = Array(old.utf8)
        let delimiters: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: ".")]
        var out: [UInt8] = []
        var i = 0
        while i < text.count {
            let end = i + pattern.count
            if end <= text.count, Array(text[i..<end]) == pattern, i == 0 || delimiters.contains(text[i - 1]),
                end == text.count || delimiters.contains(text[end])
            {
                out += Array(new.utf8)
                i = end
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private var cloudflareSecret: Value? {
        section("certManager")["vaultSecrets"]?.listValue?.first {
            $0.mapValue?["secretName"]?.stringValue == Self.cloudflareSecretName
        }
    }

    private func section(_ keys: String...) -> ValueMap {
        var map = values
        for key in keys {
            guard let next = map[key]?.mapValue else { return ValueMap() }
            map = next
        }
        return map
    }

    private func nonEmpty(_ value: Value?) -> String? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        return text
    }
}
