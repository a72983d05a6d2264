// swift-tools-version: 6.1
// Benchmarks of VETStat, kept out of the library's build graph: this package depends on the
// root package by path and on ordo-one/benchmark (formerly package-benchmark).
import PackageDescription

let package = Package(
  name: "VETStatBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "VETStat", path: ".."),
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
      traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "VETStatBenchmarks",
      dependencies: [
        .product(name: "VETStat", package: "VETStat"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/VETStatBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
