/// The AWS Private CA issuer: an ARN and a region, an ARN that parses, and a region that matches it.
public struct AWSPCARule: LintRule {
    /// Creates the rule.
    public init() {}

    /// The checks of this rule.
    public var checks: [LintCheck] {
        [
            LintCheck("awspca.missing", .error, "The AWS Private CA issuer is enabled without an ARN or a region."),
            LintCheck("awspca.invalid-arn", .error, "The ARN is not arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>."),
            LintCheck("awspca.region-mismatch", .error, "The region differs from the region in the ARN."),
        ]
    }

    /// The parts of an ACM Private CA ARN.
    struct ARN: Equatable {
        var partition: String
        var region: String
        var account: String
        var authority: String
    }

    /// Parses `arn:aws[-cn|-us-gov]:acm-pca:REGION:ACCOUNT:certificate-authority/ID`, or nil.
    static func parse(_ text: String) -> ARN? {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "acm-pca" else { return nil }
        let region = parts[3]
        guard !region.isEmpty, region.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }),
            parts[4].count == 12, parts[4].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let resource = parts[5]
        guard resource.hasPrefix("certificate-authority/") else { return nil }
        let id = resource.dropFirst("certificate-authority/".count)
        guard !id.isEmpty, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
        return ARN(partition: parts[1], region: region, account: parts[4], authority: String(id))
    }

    /// The findings of every environment.
    public func findings(in repository: LintRepository) -> [Finding] {
        var out: [Finding] = []
        for env in repository.environments where env.certs.awsPcaEnabled {
            let certs = env.certs
            let missing = [certs.awsPcaARN.isEmpty ? "arn" : nil, certs.awsPcaRegion.isEmpty ? "region" : nil].compactMap { $0 }
            if !missing.isEmpty {
                out.append(env.finding("awspca.missing", .error, at: env.location("certs.awsPca"),
                    "certs.awsPca is enabled without " + missing.joined(separator: " and "),
                    hint: "set certs.awsPca.arn (arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID) and certs.awsPca.region"))
            }
            guard !certs.awsPcaARN.isEmpty else { continue }
            guard let arn = Self.parse(certs.awsPcaARN) else {
                out.append(env.finding("awspca.invalid-arn", .error, at: env.valueLocation("certs.awsPca.arn"),
                    "'\(certs.awsPcaARN)' is not an AWS Private CA ARN",
                    hint: "copy the ARN from `aws acm-pca list-certificate-authorities`: arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID"))
                continue
            }
            if !certs.awsPcaRegion.isEmpty && certs.awsPcaRegion != arn.region {
                out.append(env.finding("awspca.region-mismatch", .error, at: env.valueLocation("certs.awsPca.region"),
                    "certs.awsPca.region is \(certs.awsPcaRegion) but the CA's ARN is in \(arn.region)",
                    hint: "set certs.awsPca.region: \(arn.region)"))
            }
        }
        return out
    }
}
