import Foundation
import GitOps
import Testing

/// A scratch copy of this repository for `ffgen new`: charts/, every environment of ffnodes/ and templates/.
func newScratchRepository() throws -> ScratchRepository {
    let repository = try ScratchRepository(
        environments: ["fitfile/ff-test-a", "fitfile/ff-a", "eoe/cuh-prod-1", "eoe/cuh-pca-1"])
    try FileManager.default.copyItem(atPath: gitOpsPackageRoot + "/templates", toPath: repository.root + "/templates")
    return repository
}

/// The ARN of the Private CA the tests use (the seed's cuh-pca-1 one).
let newTestPCA = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"

/// `NewEnvironmentOptions` from `ffgen new` arguments, as the command builds them.
func newOptions(_ arguments: [String]) throws -> NewEnvironmentOptions {
    var options = NewEnvironmentOptions(environment: try #require(arguments.first))
    var rest = Array(arguments.dropFirst().reversed())
    func value() throws -> String {
        let next = rest.popLast()
        return try #require(next)
    }
    while let argument = rest.popLast() {
        switch argument {
        case "--domain": options.domain = try value()
        case "--issuer": options.issuer = try #require(ScaffoldIssuer(rawValue: try value()))
        case "--pca-arn": options.pcaARN = try value()
        case "--region": options.region = try value()
        case "--role-arn": options.roleARN = try value()
        case "--no-cert-manager": options.certManager = false
        case "--certificate": options.certificates.append(try value())
        case "--vault-path": options.vaultPath = try value()
        case "--from": options.from = try value()
        case "--force": options.force = true
        default: Issue.record("unknown argument \(argument)")
        }
    }
    return options
}
