import Foundation
import Studies
import Testing

/// Indicator figures: a dot chart for categorical groupings, small multiples with `facet`, and no
/// suppressed cell drawn.
@Suite struct IndicatorFigureTests {
  static let data = StudyFixtures.root.appendingPathComponent(
    "datasets/vet_learners_sample.csv"
  ).path

  static func figures(_ analyses: String, outputs: String = "[json, svg]") throws
    -> [String: String]
  {
    let made = try StudyFixtures.make(
      spec: """
        study: Indicator figures
        data: {path: \(data), types: {track: category, region: category}}
        disclosure: {min_cell: 10}
        analyses:
        \(analyses)
        outputs: \(outputs)

        """, files: [:])
    let run = try Study.run(spec: made.spec, out: made.folder.appendingPathComponent("out").path)
    let folder = run.folder.appendingPathComponent("figures")
    var out: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      out[name] =
        name.hasSuffix(".png") ? data.base64EncodedString() : String(decoding: data, as: UTF8.self)
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

  /// `outputs: [png]` adds a PNG of every figure, rendered by rsvg-convert (skipped where it is
  /// not installed, as `validate` then refuses png).
  @Test(.enabled(if: PNGRenderer.converter != nil)) func pngFiguresBesideTheSVG() throws {
    let figures = try Self.figures(
      """
        - {name: by_track, kind: indicator, measure: "share(stem_enrolled)", by: [track]}
      """, outputs: "[json, svg, png]")
    let png = try #require(figures["by_track.png"].flatMap { Data(base64Encoded: $0) })
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 1000)
    #expect(figures["by_track.svg"] != nil)
    let svgOnly = try Self.figures(
      """
        - {name: by_track, kind: indicator, measure: "share(stem_enrolled)", by: [track]}
      """)
    #expect(svgOnly["by_track.png"] == nil)
    // A drawing the converter cannot read is an error with its message, never a crash.
    #expect(throws: PNGRenderer.Failure.self) {
      _ = try PNGRenderer.png(svg: String(repeating: "not an svg ", count: 20_000))
    }
  }
}
