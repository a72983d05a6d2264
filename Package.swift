// swift-tools-version: 6.0
// VETStat: statistics for longitudinal learner data (VET and lifelong learning).
import PackageDescription

let package = Package(
  name: "VETStat",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "VETStat", targets: ["VETStat"]),
    .executable(name: "vetstat", targets: ["vetstat"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    // Excel .xlsx workbooks are ZIP archives (the XML inside is read by DataTable's own scanner).
    .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    // Test-only: property-based checks (PropertyTests).
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // System library: cblas.h + lapacke.h, linked against OpenBLAS and LAPACKE (Debian packages).
    .systemLibrary(
      name: "CLinearAlgebra",
      path: "Sources/CLinearAlgebra",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    .target(name: "LinearAlgebra", dependencies: ["CLinearAlgebra"]),
    // System library: nlopt.h, linked against NLopt (Debian libnlopt-dev); BOBYQA for mixed models.
    .systemLibrary(
      name: "CNLopt",
      path: "Sources/CNLopt",
      providers: [.apt(["libnlopt-dev"])]
    ),
    .target(name: "Optimization", dependencies: ["CNLopt"]),
    // System library: readstat.h, for SPSS, Stata and SAS files (Debian libreadstat-dev).
    .systemLibrary(
      name: "CReadStat",
      path: "Sources/CReadStat",
      providers: [.apt(["libreadstat-dev"])]
    ),
    // System library: zstd.h, for Zstandard-compressed data files (Debian libzstd-dev).
    .systemLibrary(
      name: "CZstd",
      path: "Sources/CZstd",
      providers: [.apt(["libzstd-dev"])]
    ),
    .target(name: "Distributions"),
    .target(
      name: "DataTable",
      dependencies: [
        "CReadStat", "CZstd", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(name: "Formula", dependencies: ["DataTable", "LinearAlgebra"]),
    .target(name: "Inference", dependencies: ["LinearAlgebra", "Distributions"]),
    .target(
      name: "Models",
      dependencies: [
        "LinearAlgebra", "Distributions", "DataTable", "Formula", "Inference", "Optimization",
      ]
    ),
    .target(name: "Simulation", dependencies: ["DataTable"]),
    // SVG charts (axes, scales, legends, lines, points, error bars, bands); no dependencies.
    .target(name: "Plotting"),
    // Disclosure control: LP audit of withheld cells and minimal secondary suppression; no
    // dependencies.
    .target(name: "Disclosure"),
    .target(
      name: "Studies",
      dependencies: [
        "DataTable", "Disclosure", "Formula", "Inference", "Models", "Plotting",
        .product(name: "Yams", package: "Yams"),
        // Word .docx and Excel .xlsx tables are ZIP packages of XML (OfficePackage).
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(
      name: "VETStat",
      dependencies: [
        "LinearAlgebra", "Distributions", "DataTable", "Disclosure", "Formula", "Inference",
        "Models",
        "Optimization", "Plotting", "Studies", "Simulation",
      ]
    ),
    .executableTarget(
      name: "vetstat",
      dependencies: [
        "VETStat",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What the test targets share: a seeded generator, the repository's paths, differences.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["TestSupport", "LinearAlgebra"]),
    .testTarget(name: "OptimizationTests", dependencies: ["TestSupport", "Optimization"]),
    .testTarget(name: "DistributionsTests", dependencies: ["TestSupport", "Distributions"]),
    .testTarget(name: "DataTableTests", dependencies: ["TestSupport", "DataTable"]),
    .testTarget(name: "FormulaTests", dependencies: ["TestSupport", "Formula", "DataTable"]),
    .testTarget(
      name: "InferenceTests",
      dependencies: [
        "TestSupport", "Inference", "LinearAlgebra", "Distributions",
      ]),
    // Module test targets depend on the modules they use, not on the umbrella; the umbrella has
    // its own small target (the README example, through `import VETStat` as users write it).
    .testTarget(
      name: "ModelsTests",
      dependencies: [
        "TestSupport", "Models", "Inference", "DataTable", "Formula", "LinearAlgebra",
      ]
    ),
    .testTarget(
      name: "StudiesTests",
      dependencies: [
        "TestSupport", "Studies", "Models", "Inference", "DataTable", "Formula",
      ]
    ),
    .testTarget(name: "PlottingTests", dependencies: ["TestSupport", "Plotting"]),
    .testTarget(name: "DisclosureTests", dependencies: ["TestSupport", "Disclosure"]),
    .testTarget(name: "VETStatCLITests", dependencies: ["TestSupport", "VETStat", "vetstat"]),
    .testTarget(
      name: "SimulationTests",
      dependencies: [
        "TestSupport", "Simulation", "DataTable", "Models", "Inference", "Studies",
      ]
    ),
    .testTarget(name: "VETStatTests", dependencies: ["TestSupport", "VETStat"]),
    // Invariances that must hold for any data (rescaling, term and row order, CSV round trip).
    .testTarget(
      name: "PropertyTests",
      dependencies: [
        "TestSupport",
        "DataTable", "Inference", "Models",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
  ]
)
