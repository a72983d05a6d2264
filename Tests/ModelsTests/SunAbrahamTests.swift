import DataTable
import Foundation
import Inference
import Models
import Testing

/// Sun-Abraham against pyfixest's saturated event study on mpdta
/// (Tests/Fixtures/did_twfe/make_reference.py): cells and event-time aggregates to 1e-9
/// absolute, standard errors to 1e-6 relative.
@Suite struct SunAbrahamTests {
  static let columns = StaggeredAdoptionColumns(
    outcome: "lemp", unit: "countyreal", time: "year", firstTreated: "first.treat")

  func expectAggregates(_ fit: SunAbrahamResult, _ fixture: String) throws {
    let reference = try DiDReference.csv(fixture)
    #expect(fit.coefficients.names == reference.map { "event_time[\($0["event_time"] ?? "")]" })
    let se = fit.standardErrors
    for (k, row) in reference.enumerated() where k < se.count {
      #expect(abs(fit.coefficients[k] - (Double(row["estimate"] ?? "") ?? .nan)) < 1e-9)
      #expect(relativeError(se[k], Double(row["std_error"] ?? "") ?? .nan) < 1e-6)
    }
  }

  @Test func neverTreatedControlMatchesPyfixest() throws {
    let fit = try SunAbraham.fit(data: DiDReference.mpdta(), columns: Self.columns)
    try expectAggregates(fit, "did_twfe/sunab_aggregate.csv")
    let cells = try DiDReference.csv("did_twfe/sunab_cells.csv")
    let se = Dictionary(
      uniqueKeysWithValues: zip(fit.cellFit.coefficients.names, fit.cellFit.standardErrors))
    #expect(fit.cohortEffects.count == cells.count)
    for row in cells {
      let name = "event_time[\(row["event_time"] ?? "")]:cohort[\(row["cohort"] ?? "")]"
      let estimate = fit.cellFit.coefficients[name]
      #expect(estimate != nil, "\(name)")
      #expect(abs((estimate ?? .nan) - (Double(row["estimate"] ?? "") ?? .nan)) < 1e-9)
      #expect(relativeError(se[name] ?? .nan, Double(row["std_error"] ?? "") ?? .nan) < 1e-6)
    }
    // The ATT weights the post cells by their counts: check against the cells directly.
    let post = fit.cohortEffects.filter { $0.eventTime >= 0 }
    let total = Double(post.reduce(0) { $0 + $1.count })
    let att = post.reduce(0) { $0 + ($1.estimate ?? .nan) * Double($1.count) / total }
    #expect(abs((fit.att?.estimate ?? .nan) - att) < 1e-12)
    #expect(fit.section("aggregates")?.rows.count == fit.eventTimes.count + 1)
  }

  @Test func lastTreatedControlMatchesPyfixest() throws {
    let table = try DiDReference.mpdta()
    let first = try table.column(named: "first.treat").doubles() ?? []
    let treatedOnly = table.gathering(rows: first.indices.filter { first[$0] > 0 })
    let fit = try SunAbraham.fit(data: treatedOnly, columns: Self.columns)
    try expectAggregates(fit, "did_twfe/sunab_last_treated_aggregate.csv")
    #expect(fit.warnings.contains { $0.contains("2007") })
    #expect(throws: StaggeredAdoptionError.self) {
      try SunAbraham.fit(data: treatedOnly, columns: Self.columns, control: .neverTreated)
    }
  }

  @Test func covarianceCanBeChangedAfterTheFit() throws {
    let fit = try SunAbraham.fit(data: DiDReference.mpdta(), columns: Self.columns)
    let iid = try fit.withCovariance(.iid)
    #expect(iid.coefficients == fit.coefficients)
    #expect(iid.standardErrors != fit.standardErrors)
  }

  @Test func oneCohortWithoutNeverTreatedIsAnError() throws {
    let table = try DataTable(columns: [
      .int("id", [1, 1, 2, 2]), .int("t", [1, 2, 1, 2]), .double("y", [1, 2, 3, 5]),
      .int("g", [2, 2, 2, 2]),
    ])
    let columns = StaggeredAdoptionColumns(outcome: "y", unit: "id", time: "t", firstTreated: "g")
    #expect(throws: StaggeredAdoptionError.self) {
      try SunAbraham.fit(data: table, columns: columns)
    }
  }
}
