// swift-tools-version:6.0
import PackageDescription

// Release builds leave out the run-time exclusivity checks (about 3% of a render in profiles: every class
// property access registers with a thread-local access set). Debug builds, which run the tests, keep them.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "ffgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ffgen", targets: ["ffgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Header-only: the raw directory read (getdents64) the chart loader uses on Linux.
        .systemLibrary(name: "CFileSystem"),
        .target(name: "YAMLKit", dependencies: ["CYAML"], swiftSettings: releaseSettings),
        .target(name: "Values", dependencies: ["YAMLKit"], swiftSettings: releaseSettings),
        .target(name: "GoTemplate", dependencies: ["Values"], swiftSettings: releaseSettings),
        .target(name: "Sprig", dependencies: ["GoTemplate", "Values"], swiftSettings: releaseSettings),
        .target(name: "HelmEngine", dependencies: ["Sprig", "GoTemplate", "Values", "YAMLKit", "CFileSystem"], swiftSettings: releaseSettings),
        .target(name: "GitOps", dependencies: ["HelmEngine"], swiftSettings: releaseSettings),
        .executableTarget(
            name: "ffgen",
            dependencies: [
                "HelmEngine", "GitOps",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds link the Swift runtime and Foundation statically: the process starts in half the
            // time (no symbol binding for a dozen shared libraries) and runtime calls skip the PLT.
            swiftSettings: releaseSettings + [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))
            ],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        .target(
            name: "FFGenTestSupport",
            dependencies: ["HelmEngine"],
            path: "Tests/FFGenTestSupport"
        ),
        .testTarget(
            name: "FFGenTests",
            dependencies: ["FFGenTestSupport", "HelmEngine", "GoTemplate", "Sprig", "Values", "YAMLKit", "GitOps"],
            path: "Tests/FFGenTests"
        ),
    ]
)
