import Foundation
import Testing
import VETStat

/// Every figure of the bundled study (`figures/*.svg`), held as the tables are (issue 16): text
/// byte for byte, numbers (coordinates) to a relative 1e-9, so that a change of layout, scale,
/// label placement or data shows up as a failing snapshot `study-figure-<name>.svg`. A figure
/// added or gone fails too.
@Suite struct StudyFigureSnapshotTests {
  static let prefix = "study-figure-"

  @Test func bundledStudyFiguresAreUnchanged() throws {
    let spec = Snapshot.repositoryRoot.appendingPathComponent("notebooks-md/stem_gender_gap.yaml")
    let out = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let (_, folder) = try Study.run(spec: spec.path, out: out.path, created: "2000-01-01T00:00:00Z")
    let figures = folder.appendingPathComponent("figures")
    let names = try FileManager.default.contentsOfDirectory(atPath: figures.path)
      .filter { $0.hasSuffix(".svg") }.sorted()
    #expect(names.count >= 3, "the study draws its coefficient plot and two profile charts")
    for name in names {
      let svg = try String(contentsOf: figures.appendingPathComponent(name), encoding: .utf8)
      try Snapshot.check(svg, named: Self.prefix + name)
    }
    if !Snapshot.recording {
      let recorded = try FileManager.default.contentsOfDirectory(atPath: Snapshot.folder.path)
        .filter { $0.hasPrefix(Self.prefix) }.map { String($0.dropFirst(Self.prefix.count)) }
      #expect(recorded.sorted() == names, "the study's figures are the recorded ones")
    }
  }

  /// The comparison sees a mark moved by one pixel and a changed label in a recorded figure.
  @Test func aChangedFigureFailsTheComparison() throws {
    let file = Snapshot.folder.appendingPathComponent(Self.prefix + "coefficients.svg")
    let svg = try String(contentsOf: file, encoding: .utf8)
    let circle = try #require(svg.firstMatch(of: /<circle cx="([0-9.]+)"/))
    let x = try #require(Double(circle.output.1))
    let moved = svg.replacingCharacters(
      in: circle.range, with: "<circle cx=\"\(String(format: "%.2f", x + 1))\"")
    #expect(Snapshot.firstDifference(expected: svg, actual: moved) != nil)
    let relabelled = svg.replacingOccurrences(of: "female", with: "Female")
    #expect(relabelled != svg)
    #expect(Snapshot.firstDifference(expected: svg, actual: relabelled) != nil)
    #expect(Snapshot.firstDifference(expected: svg, actual: svg) == nil)
  }
}
