import Foundation
import Studies
import Testing

/// Indicator figures: a dot chart for categorical groupings, small multiples with `facet`, and no
/// suppressed cell drawn.
@Suite struct IndicatorFigureTests {
  static let data = StudyFixtures.root.appendingPathComponent(
    "datasets/vet_learners_sample.csv"
  ).path

  static func figures(_ analyses: String) throws -> [String: String] {
    let made = try StudyFixtures.make(
      spec: """
        study: Indicator figures
        data: {path: \(data), types: {track: category, region: category}}
        disclosure: {min_cell: 10}
        analyses:
        \(analyses)
        outputs: [json, svg]

        """, files: [:])
    let run = try Study.run(spec: made.spec, out: made.folder.appendingPathComponent("out").path)
    let folder = run.folder.appendingPathComponent("figures")
    var out: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      out[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return out
  }

  @Test func categoricalGroupingsGetADotChart() throws {
    let figures = try Self.figures(
      """
        - {name: by_track, kind: indicator, measure: "share(stem_enrolled)", by: [track, region]}
      """)
    let svg = try #require(figures["by_track.svg"])
    #expect(svg.contains(">track<") && svg.contains("region = Antwerpen"))
    #expect(svg.contains("<circle"))
  }

  @Test func facetDrawsOnePanelPerLevel() throws {
    let figures = try Self.figures(
      """
        - {name: by_year, kind: indicator, measure: "mean(stem_score)", by: [year, female, region], facet: region}
      """)
    let svg = try #require(figures["by_year.svg"])
    #expect(svg.components(separatedBy: "class=\"facet\"").count - 1 == 5)
    #expect(svg.contains("region = Limburg") && svg.contains("female = 1"))
  }

  @Test func facetMustBeAGroupingOtherThanX() throws {
    #expect(throws: SpecError.self) {
      _ = try Self.figures(
        """
          - {name: bad, kind: indicator, measure: "mean(stem_score)", by: [year], facet: region}
        """)
    }
  }
}
