// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Revloop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "revloop", targets: ["revloop"]),
        .library(name: "RevloopCore", targets: ["RevloopCore"]),
        .library(name: "RevloopIdentity", targets: ["RevloopIdentity"]),
        .library(name: "RevloopStore", targets: ["RevloopStore"]),
        .library(name: "RevloopConnectors", targets: ["RevloopConnectors"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // The decision API's HTTP server; no traits, so swift-configuration is not compiled.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // Named for the types the decision server's adapter touches (ByteBuffer, Channel, header names).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // SHA-256 comes from OpenSSL's libcrypto (Debian libssl-dev): the fastest hash on the machine.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "RevloopCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "RevloopIdentity", dependencies: ["RevloopCore", "CLibCrypto"]),
        .target(name: "RevloopScoring", dependencies: ["RevloopCore"]),
        .target(name: "RevloopPersonalization", dependencies: ["RevloopCore", "RevloopIdentity", "RevloopScoring"]),
        .target(name: "RevloopAllocator", dependencies: ["RevloopCore"]),
        .target(name: "RevloopMapping", dependencies: ["RevloopCore", "RevloopIdentity"]),
        .target(
            name: "RevloopHTTP",
            dependencies: ["RevloopCore", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "RevloopStore",
            dependencies: [
                "RevloopCore", "RevloopPersonalization",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RevloopConnectors",
            dependencies: [
                "RevloopCore", "RevloopIdentity", "RevloopHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "RevloopDestinations", dependencies: ["RevloopCore", "RevloopIdentity", "RevloopHTTP"]),
        .target(
            name: "RevloopSandbox",
            dependencies: ["RevloopCore", "RevloopHTTP", "RevloopIdentity", "RevloopConnectors"]),
        .target(
            name: "RevloopServe",
            dependencies: [
                "RevloopCore", "RevloopPersonalization",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RevloopCommands",
            dependencies: [
                "RevloopCore", "RevloopIdentity", "RevloopScoring", "RevloopPersonalization", "RevloopAllocator",
                "RevloopMapping", "RevloopHTTP", "RevloopStore", "RevloopConnectors", "RevloopDestinations",
                "RevloopSandbox", "RevloopServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "revloop",
            dependencies: ["RevloopCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "RevloopTesting",
            dependencies: [
                "RevloopCore", "RevloopIdentity", "RevloopStore", "RevloopHTTP", "RevloopConnectors", "RevloopSandbox",
                "RevloopMapping", "RevloopPersonalization",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "RevloopCoreTests",
            dependencies: [
                "RevloopCore", "RevloopTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "RevloopIdentityTests", dependencies: ["RevloopIdentity", "RevloopTesting"]),
        .testTarget(name: "RevloopHTTPTests", dependencies: ["RevloopHTTP", "RevloopSandbox", "RevloopTesting"]),
        .testTarget(name: "RevloopMappingTests", dependencies: ["RevloopMapping", "RevloopTesting"]),
        .testTarget(name: "RevloopAllocatorTests", dependencies: ["RevloopAllocator", "RevloopTesting"]),
        .testTarget(name: "RevloopScoringTests", dependencies: ["RevloopScoring", "RevloopCore"]),
        .testTarget(
            name: "RevloopDestinationsTests",
            dependencies: [
                "RevloopDestinations", "RevloopMapping", "RevloopSandbox", "RevloopIdentity", "RevloopTesting",
            ],
            // Golden request files, read in place through #filePath.
            exclude: ["Golden"]),
        .testTarget(
            name: "RevloopServeTests",
            dependencies: ["RevloopServe", "RevloopPersonalization", "RevloopCore", "RevloopHTTP", "RevloopTesting"]
        ),
        .testTarget(name: "RevloopStoreTests", dependencies: ["RevloopStore", "RevloopTesting"]),
        .testTarget(
            name: "RevloopPersonalizationTests",
            dependencies: ["RevloopPersonalization", "RevloopStore", "RevloopCore", "RevloopTesting"]
        ),
        .testTarget(
            name: "RevloopConnectorsTests",
            dependencies: [
                "RevloopConnectors", "RevloopStore", "RevloopSandbox", "RevloopHTTP", "RevloopTesting",
                "RevloopScoring",
            ],
            // Read in place through #filePath, so a test names the exact file a user would see in a diagnostic.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RevloopCommandsTests",
            dependencies: [
                "RevloopCommands", "RevloopStore", "RevloopMapping", "RevloopDestinations", "RevloopSandbox",
                "RevloopHTTP", "RevloopTesting",
            ],
            // Golden request files, read in place through #filePath.
            exclude: ["Golden"]
        ),
    ]
)

// Benchmarks build only on request (REVLOOP_BENCHMARKS=1 swift build -c release), so CI and users never pay for them.
if Context.environment["REVLOOP_BENCHMARKS"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "IdentityGraphBenchmark",
            dependencies: ["RevloopIdentity", "RevloopTesting"],
            path: "Benchmarks/IdentityGraphBenchmark"
        ))
    package.targets.append(
        .executableTarget(
            name: "AllocatorBenchmark",
            dependencies: ["RevloopAllocator", "RevloopCore"],
            path: "Benchmarks/AllocatorBenchmark"
        ))
    package.targets.append(
        .executableTarget(
            name: "DeliveryBenchmark",
            dependencies: ["RevloopDestinations", "RevloopStore", "RevloopHTTP", "RevloopTesting"],
            path: "Benchmarks/DeliveryBenchmark"
        ))
    package.targets.append(
        .executableTarget(
            name: "PersonalizationBenchmark",
            dependencies: ["RevloopPersonalization", "RevloopCore"],
            path: "Benchmarks/PersonalizationBenchmark"
        ))
}

// One set of Swift settings for every target: Swift 6 mode and the upcoming features STYLE.md names.
let sharedSwiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSwiftSettings
}
