// swift-tools-version: 6.0
// libFuzzer targets for VETStat's input paths, kept out of the library's build graph (this
// package depends on the root by path, like Benchmarks/). Build and run with `Fuzz/run.sh`:
// every target is compiled with `-sanitize=fuzzer,address`, so a crash, a trap, a memory error
// or a hang ends the run with a reproducer file.
import PackageDescription

let fuzzTargets = ["FuzzCSV", "FuzzFormula", "FuzzSpec", "FuzzExpression", "FuzzFit"]

let package = Package(
  name: "VETStatFuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "VETStat", path: "..")],
  targets: [
    .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
    // `<Target>_main` of every fuzz executable, calling libFuzzer's driver (see FuzzEntry.c).
    .target(name: "FuzzEntry", path: "Sources/FuzzEntry"),
  ]
    + fuzzTargets.map { name in
      .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", "FuzzEntry", .product(name: "VETStat", package: "VETStat")],
        path: "Sources/\(name)")
    }
)
