import Testing

@testable import DataTable

/// `describe` on extreme and non-finite values (issue 17): means and SDs of values near the ends
/// of the double range agree with a scaled two-pass reference computed here, infinities and NaN
/// are counted rather than poisoning the statistics, and long texts do not widen every line.
@Suite struct DescribeExtremeValueTests {
  /// Two-pass reference: the mean of the values divided by their largest magnitude (a decimal
  /// scale, not the implementation's power of two), then the SD of the deviations divided by
  /// their largest magnitude, so that no square overflows or underflows.
  /// Values differing by less than the range of doubles are assumed (`x - mean` finite).
  static func reference(_ values: [Double]) -> (mean: Double, sd: Double) {
    let scale = values.map(abs).max() ?? 1
    let rough = values.map { $0 / scale }.reduce(0, +) / Double(values.count) * scale
    // One refinement step: the rounding of the scaled sum would otherwise shift every deviation.
    let mean =
      rough + values.map { ($0 - rough) / scale }.reduce(0, +) / Double(values.count) * scale
    let deviations = values.map { $0 - mean }
    let spread = deviations.map(abs).max() ?? 1
    let squares = deviations.map { ($0 / spread) * ($0 / spread) }.reduce(0, +)
    return (mean, (squares / Double(values.count - 1)).squareRoot() * spread)
  }

  static let extremeSets: [[Double]] = [
    [1e308, -1e308, 1.5e308, 0.3e308, -1.7e308],
    [1.2e-300, 3.4e-300, -5e-301, 7.7e-300, 2e-300, 9.9e-301],
    [1e154, 3e154, -2e154, 5e153],
    (0..<1_000).map { 1e9 + Double($0 % 7) * 0.125 },
    (0..<1_000).map { Double($0).squareRoot() * 1e200 - 3e201 },
  ]

  @Test(arguments: extremeSets) func sdMatchesAScaledTwoPassReference(values: [Double]) throws {
    let summary = ColumnSummary(column: .double("v", values))
    let expected = Self.reference(values)
    let mean = try #require(summary.mean)
    let sd = try #require(summary.sd)
    #expect(mean.isFinite && sd.isFinite && sd > 0)
    let largest = values.map(abs).max() ?? 0
    // Both are sums of n scaled terms: a few n eps of the largest magnitude for the mean, of the
    // largest deviation for the SD.
    let n = Double(values.count)
    let spread = values.map { abs($0 - expected.mean) }.max() ?? 0
    #expect(abs(mean - expected.mean) <= 4 * n * Double.ulpOfOne * largest)
    #expect(abs(sd - expected.sd) <= 4 * n * Double.ulpOfOne * spread, "\(sd) vs \(expected.sd)")
    #expect(summary.min == values.min() && summary.max == values.max())
    #expect(summary.nonFinite == 0)
  }

  @Test func nonFiniteValuesAreCountedNotAveraged() throws {
    let column = Column.double("v", [1, .infinity, 2, nil, -.infinity, .nan, 3])
    let summary = ColumnSummary(column: column)
    #expect(summary.n == 6 && summary.missing == 1)
    #expect(summary.nonFinite == 3)
    #expect(summary.mean == 2)
    #expect(summary.sd == 1)
    #expect(summary.min == 1 && summary.max == 3)
    let text = ColumnSummary.render([summary])
    #expect(text.hasPrefix("column  type    n  missing  non-finite"))
    // Without non-finite values the table keeps its usual columns.
    let plain = ColumnSummary.render([ColumnSummary(column: .double("w", [1, 2]))])
    #expect(!plain.contains("non-finite"))
  }

  @Test func onlyNonFiniteValuesGiveNoStatistics() {
    let summary = ColumnSummary(column: .double("v", [.infinity, .nan]))
    #expect(summary.nonFinite == 2)
    #expect(summary.mean == nil && summary.sd == nil && summary.min == nil)
  }

  @Test func longTextIsClippedSoLinesStayShort() throws {
    let long = String(repeating: "x", count: 100_000)
    var columns: [Column] = [.string("c0", [long])]
    for k in 1..<200 { columns.append(.string("c\(k)", ["a"])) }
    let text = ColumnSummary.render(try DataTable(columns: columns).describe())
    let lines = text.split(separator: "\n")
    #expect(lines.count == 202)
    let longest = lines.map(\.count).max() ?? 0
    #expect(longest < 100 + ColumnSummary.maximumCellLength * 2, "\(longest)")
    #expect(lines[2].contains("\u{2026}"))
  }
}
