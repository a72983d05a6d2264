import DataTable
import Foundation
import Inference
import Models
import Testing

/// The wild cluster bootstrap (WCR) against Python wildboottest 0.3.2 via pyfixest.
///
/// Fixture: Tests/Fixtures/wild_bootstrap/make_reference.py. With 10 Grunfeld firms every Rademacher
/// sign pattern is enumerated on both sides, so p-values agree exactly (ties decided by a margin); on the castle panel
/// (50 states, 99,999 random draws each side) they agree within Monte Carlo error.
@Suite struct WildBootstrapTests {
  static func reference() throws -> [[String: String]] {
    try DiDReference.csv("wild_bootstrap/wild_reference.csv")
  }

  static func table(_ formula: String) throws -> DataTable {
    if formula.hasPrefix("l_homicide") {
      return try CSVReader.read(path: FixturePaths.fixture("bacon/castle.csv").path)
    }
    return try CSVReader.read(path: FixturePaths.fixture("panel/grunfeld.csv").path)
  }

  static func fit(_ formula: String, data: DataTable) throws -> any CoreRegressionFit {
    formula.contains("|")
      ? try FixedEffects.fit(formula, data: data) : try OLS.fit(formula, data: data)
  }

  @Test func enumeratedRademacherMatchesWildboottestExactly() throws {
    for row in try Self.reference() where row["case"]?.hasPrefix("grunfeld") == true {
      let formula = row["formula"] ?? ""
      let fit = try Self.fit(formula, data: Self.table(formula))
      let test = try WildClusterBootstrap.test(
        fit, term: row["term"] ?? "", cluster: row["cluster"] ?? "",
        options: WildBootstrapOptions(reps: 99_999))
      #expect(test.enumerated && test.reps == 1024)
      // Ties of the +1/-1 patterns decided by a margin (see the fixture's REFERENCE.md).
      let expected = Double(row["p_value_no_ties"] ?? "") ?? .nan
      #expect(abs(test.pValue - expected) < 1e-12, "\(row["case"] ?? "") \(test.pValue)")
    }
  }

  @Test func randomDrawsMatchWildboottestWithinMonteCarloError() throws {
    for row in try Self.reference() where row["case"]?.hasPrefix("castle") == true {
      var table = try Self.table("l_homicide")
      table = try table.replacingOrAdding(try table.column(named: "state").renamed("state_id"))
      let fit = try FixedEffects.fit(row["formula"] ?? "", data: table)
      let weights = WildBootstrapWeights(rawValue: row["weights"] ?? "") ?? .rademacher
      let test = try WildClusterBootstrap.test(
        fit, term: "post", cluster: "state_id",
        options: WildBootstrapOptions(reps: 99_999, weights: weights, seed: 7))
      let expected = Double(row["p_value"] ?? "") ?? .nan
      // Two independent estimates of p: the difference has sd sqrt(2 p (1 - p) / B).
      let sd = (2 * expected * (1 - expected) / 99_999).squareRoot()
      #expect(abs(test.pValue - expected) < 4 * sd, "\(row["case"] ?? ""): \(test.pValue)")
      #expect(!test.enumerated && test.reps == 99_999)
    }
  }

  @Test func intervalByInversionHasTheLevelAtItsEnds() throws {
    let table = try Self.table("l_homicide")
    let fit = try FixedEffects.fit("l_homicide ~ post | state + year", data: table)
    let options = WildBootstrapOptions(reps: 9_999, seed: 11)
    let test = try WildClusterBootstrap.test(fit, term: "post", cluster: "state", options: options)
    let low = try #require(test.confidenceLow)
    let high = try #require(test.confidenceHigh)
    #expect(low < test.estimate && test.estimate < high)
    // Just inside the interval the test does not reject at 5%; just outside it does.
    let width = high - low
    for (point, inside) in [
      (low + 1e-3 * width, true), (low - 1e-3 * width, false), (high - 1e-3 * width, true),
      (high + 1e-3 * width, false),
    ] {
      var shifted = options
      shifted.null = point
      let p = try WildClusterBootstrap.test(fit, term: "post", cluster: "state", options: shifted)
      #expect(inside ? p.pValue > 0.05 : p.pValue <= 0.05, "\(point)")
    }
    // Close to the CR1 t interval with 50 clusters (a sanity check, not a reference).
    let se = fit.standardErrors[0]
    #expect(abs(width / (2 * 1.96 * se) - 1) < 0.25)
  }

  @Test func seedMakesItReproducibleAndBadInputIsAnError() throws {
    let table = try Self.table("l_homicide")
    let fit = try FixedEffects.fit("l_homicide ~ post | state + year", data: table)
    let options = WildBootstrapOptions(reps: 999, weights: .webb, seed: 5)
    let a = try WildClusterBootstrap.test(fit, term: "post", cluster: "state", options: options)
    let b = try WildClusterBootstrap.test(fit, term: "post", cluster: "state", options: options)
    #expect(a == b)
    #expect(throws: ModelError.self) {
      try WildClusterBootstrap.test(fit, term: "pots", cluster: "state")
    }
    #expect(throws: (any Error).self) {
      try WildClusterBootstrap.test(fit, term: "post", cluster: "county")
    }
    #expect(throws: ModelError.self) {
      try WildClusterBootstrap.test(
        fit, term: "post", cluster: "state", options: WildBootstrapOptions(reps: 5))
    }
  }
}
