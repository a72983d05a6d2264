import DataTable
import Formula
import Foundation
import Inference
import Models
import Testing

/// `i()` terms, the TWFE event study and the 2x2 DiD against pyfixest on mpdta
/// (Tests/Fixtures/did_twfe/make_reference.py): estimates to 1e-9 absolute (they are of order
/// 0.01-0.1), standard errors to 1e-6 relative.
@Suite struct EventStudyTests {
  static let columns = StaggeredAdoptionColumns(
    outcome: "lemp", unit: "countyreal", time: "year", firstTreated: "first.treat")

  func expectMatches(
    _ fit: some RegressionFit, _ model: String, rename: (String) -> String = { $0 }
  ) throws {
    let reference = try DiDReference.twfe(model)
    #expect(!reference.isEmpty)
    #expect(fit.coefficients.names == reference.map { rename($0.term) })
    let se = fit.standardErrors
    for (k, row) in reference.enumerated() where k < se.count {
      #expect(abs(fit.coefficients[k] - row.estimate) < 1e-9, "\(row.term)")
      #expect(relativeError(se[k], row.se) < 1e-6, "\(row.term) se")
    }
  }

  @Test func indicatorTimesNumericMatchesPyfixest() throws {
    let fit = try FixedEffects.fit(
      "lemp ~ i(rel, treat, ref = -1) | countyreal + year", data: DiDReference.mpdta())
    try expectMatches(fit, "es")
  }

  @Test func severalReferencesMatchTheInteractedForm() throws {
    // Never-treated coded -1000 and left out with -1: the same design as i(rel, treat, ref=-1).
    let fit = try FixedEffects.fit(
      "lemp ~ i(rel_nev, ref = c(-1, -1000)) | countyreal + year", data: DiDReference.mpdta())
    try expectMatches(fit, "es") {
      $0.replacingOccurrences(of: "rel[", with: "rel_nev[")
        .replacingOccurrences(of: ":treat", with: "")
    }
  }

  @Test func binnedEndpointsMatchPyfixestOnClippedEventTime() throws {
    let fit = try FixedEffects.fit(
      "lemp ~ i(rel, treat, ref = -1, bin_min = -3, bin_max = 2) | countyreal + year",
      data: DiDReference.mpdta())
    try expectMatches(fit, "es_binned") { $0.replacingOccurrences(of: "rel_b[", with: "rel[") }
  }

  @Test func eventStudyEntryPointMatchesPyfixest() throws {
    let table = try DiDReference.mpdta()
    let full = try EventStudy.fit(data: table, columns: Self.columns)
    try expectMatches(full, "es") {
      $0.replacingOccurrences(of: "rel[", with: "event_time[")
        .replacingOccurrences(of: ":treat", with: "")
    }
    let binned = try EventStudy.fit(data: table, columns: Self.columns, window: -3...2)
    try expectMatches(binned, "es_binned") {
      $0.replacingOccurrences(of: "rel_b[", with: "event_time[")
        .replacingOccurrences(of: ":treat", with: "")
    }
  }

  @Test func staticTWFEMatchesPyfixest() throws {
    let fit = try TwoWayDiD.fit(data: DiDReference.mpdta(), columns: Self.columns)
    try expectMatches(fit, "twfe_static") { $0 == "D" ? "treated" : $0 }
  }

  @Test func twoByTwoEqualsDifferenceOfCellMeansAndPyfixest() throws {
    let table = try DiDReference.mpdta()
    let first = try table.column(named: "first.treat").doubles() ?? []
    let year = try table.column(named: "year").doubles() ?? []
    let rows = table.rowCount
    let keep = (0..<rows).filter { (first[$0] == 0 || first[$0] == 2004) && year[$0] <= 2004 }
    var two = table.gathering(rows: keep)
    let twoYear = try two.column(named: "year").doubles() ?? []
    two = try two.replacingOrAdding(.int("post", twoYear.map { $0 == 2004 ? 1 : 0 }))
    let clustered = try OLS.fit(
      "lemp ~ treat * post", data: two, vcov: .cluster(["countyreal"], .fixest))
    try expectMatches(clustered, "did2x2")
    try expectMatches(try OLS.fit("lemp ~ treat * post", data: two), "did2x2_iid")
    // Oracle: the interaction is the difference of the four cell means.
    let y = try two.column(named: "lemp").doubles() ?? []
    let treat = try two.column(named: "treat").doubles() ?? []
    let post = try two.column(named: "post").doubles() ?? []
    func mean(_ t: Double, _ p: Double) -> Double {
      let cell = y.indices.filter { treat[$0] == t && post[$0] == p }.map { y[$0] }
      return cell.reduce(0, +) / Double(cell.count)
    }
    let cells = (mean(1, 1) - mean(1, 0)) - (mean(0, 1) - mean(0, 0))
    #expect(abs((clustered.coefficients["treat:post"] ?? .nan) - cells) < 1e-12)
  }

  @Test func indicatorArgumentErrorsNameTheProblem() throws {
    let table = try DiDReference.mpdta()
    let bad = [
      "lemp ~ i(rel, ref = -7) | countyreal + year",
      "lemp ~ i(rel, reference = -1) | countyreal + year",
      "lemp ~ i(rel, ref = -1, bin_min = 2, bin_max = -2) | countyreal + year",
      "lemp ~ i(rel, ref = -1, bin = -2) | countyreal + year",
      "lemp ~ i(rel, ref = -1, bin_min = x) | countyreal + year",
      "lemp ~ I(i(rel) + 1) | countyreal + year",
    ]
    for formula in bad {
      #expect(throws: FormulaError.self, "\(formula)") {
        try FixedEffects.fit(formula, data: table)
      }
    }
    #expect(throws: StaggeredAdoptionError.self) {
      try EventStudy.fit(data: table, columns: Self.columns, reference: -1, window: 0...3)
    }
  }

  @Test func timingThatVariesWithinAUnitIsAnError() throws {
    let table = try DataTable(columns: [
      .int("id", [1, 1, 2, 2]), .int("t", [1, 2, 1, 2]), .double("y", [1, 2, 3, 5]),
      .int("g", [2, 1, 0, 0]),
    ])
    let columns = StaggeredAdoptionColumns(outcome: "y", unit: "id", time: "t", firstTreated: "g")
    #expect(throws: StaggeredAdoptionError.self) {
      try EventStudy.fit(data: table, columns: columns)
    }
    let fractional = try table.replacingOrAdding(.double("g", [1.5, 1.5, 0, 0]))
    #expect(throws: StaggeredAdoptionError.self) {
      try TwoWayDiD.fit(data: fractional, columns: columns)
    }
  }
}
