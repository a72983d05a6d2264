import DataTable
import Foundation
import Inference
import Models
import Testing

/// Degenerate data gets a warning and `NaN` (written `null`/`NA`), never a dishonest number
/// (issue 17): constant outcomes, essentially perfect fits, no residual degrees of freedom,
/// standard errors whose squares cannot be represented, random effects without within
/// information.
@Suite struct DegenerateDataTests {
  /// 200 rows of x, z and noise e from a fixed generator (splitmix64 + Box-Muller).
  static let draws: [(x: Double, z: Double, e: Double)] = {
    var state: UInt64 = 42
    func uniform() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var v = state
      v = (v ^ (v >> 30)) &* 0xBF58_476D_1CE4_E5B9
      v = (v ^ (v >> 27)) &* 0x94D0_49BB_1331_11EB
      return (Double((v ^ (v >> 31)) >> 11) + 0.5) / Double(1 << 53)
    }
    func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
    return (0..<200).map { _ in (normal(), normal(), normal()) }
  }()

  static func table(
    _ y: (Double, Double, Double) -> Double, xScale: Double = 1, rows: Int = 200
  ) throws -> DataTable {
    let d = draws.prefix(rows)
    return try DataTable(columns: [
      .double("y", d.map { y($0.x, $0.z, $0.e) }), .double("x", d.map { $0.x * xScale }),
      .double("z", d.map { $0.z }), .int("id", Array(0..<d.count)),
      .int("t", d.indices.map { _ in 2020 }),
    ])
  }

  static func allUndefined(_ fit: OLSResult) -> Bool {
    fit.standardErrors.allSatisfy(\.isNaN) && fit.pValues.allSatisfy(\.isNaN)
      && fit.confidenceIntervals().allSatisfy { $0.low.isNaN && $0.high.isNaN }
  }

  @Test func aConstantOutcomeHasNoRSquaredAndNoStandardErrors() throws {
    let fit = try OLS.fit("y ~ x + z", data: Self.table { _, _, _ in 5 })
    #expect(fit.fitStatistics.rSquared.isNaN)
    #expect(fit.fitStatistics.fStatistic == nil)
    #expect(Self.allUndefined(fit))
    #expect(fit.warnings.contains { $0.contains("does not vary") })
    #expect(fit.warnings.contains { $0.contains("essentially perfect") })
  }

  @Test func anEssentiallyPerfectFitReportsNoTests() throws {
    let fit = try OLS.fit("y ~ x + z", data: Self.table { x, z, _ in 1 + 2 * x - z })
    #expect(abs(fit.coefficients["x"]! - 2) < 1e-12)
    #expect(fit.fitStatistics.fStatistic == nil)
    #expect(Self.allUndefined(fit))
    // A tiny but real noise is not a perfect fit: its tests are reported.
    let noisy = try OLS.fit("y ~ x + z", data: Self.table { x, z, e in 1 + 2 * x - z + 1e-9 * e })
    #expect(noisy.standardErrors.allSatisfy { $0.isFinite && $0 > 0 })
  }

  @Test(arguments: [
    CovarianceType.iid, .heteroskedastic(.hc0), .heteroskedastic(.hc2), .heteroskedastic(.hc3),
  ])
  func noResidualDegreesOfFreedomMeansNoStandardErrors(vcov: CovarianceType) throws {
    let fit = try OLS.fit("y ~ x + z", data: Self.table({ x, _, e in x + e }, rows: 3), vcov: vcov)
    #expect(fit.residualDegreesOfFreedom == 0)
    #expect(Self.allUndefined(fit))
    #expect(fit.fitStatistics.sigma.isNaN)
    #expect(fit.warnings.contains { $0.contains("no residual degrees of freedom") })
  }

  /// An outcome of scale 1e-300 or 1e300: the SEs' squares cannot be represented, so they are
  /// withheld; R^2, F and the estimates (rescaled) equal those of the unscaled outcome.
  @Test(arguments: [1e-300, 1e300])
  func anExtremeOutcomeScaleKeepsItsFitStatistics(scale: Double) throws {
    let plain = try OLS.fit("y ~ x + z", data: Self.table { x, _, e in 1 + x + e })
    let scaled = try OLS.fit("y ~ x + z", data: Self.table { x, _, e in (1 + x + e) * scale })
    #expect(Self.allUndefined(scaled))
    #expect(scaled.warnings.contains { $0.contains("cannot be represented") })
    let r2 = plain.fitStatistics.rSquared
    #expect(abs(scaled.fitStatistics.rSquared - r2) <= 1e-12 * r2)
    let f = try #require(plain.fitStatistics.fStatistic)
    #expect(abs(try #require(scaled.fitStatistics.fStatistic) - f) <= 1e-11 * f)
    #expect(scaled.fitStatistics.logLikelihood.isFinite)
    for (a, b) in zip(plain.coefficients.values, scaled.coefficients.values) {
      #expect(abs(b / scale - a) <= 1e-12 * max(abs(a), 1))
    }
  }

  /// A regressor of scale 1e-300: its SE alone is withheld; every other term is as unscaled.
  @Test func anExtremeRegressorScaleWithholdsOnlyItsStandardError() throws {
    let plain = try OLS.fit("y ~ x + z", data: Self.table { x, _, e in 1 + 0.05 * x + e })
    let scaled = try OLS.fit(
      "y ~ x + z", data: Self.table({ x, _, e in 1 + 0.05 * x + e }, xScale: 1e-300))
    let x = try #require(scaled.coefficients.index(of: "x"))
    for (j, se) in scaled.standardErrors.enumerated() {
      if j == x {
        #expect(se.isNaN)
      } else {
        #expect(abs(se - plain.standardErrors[j]) <= 1e-10 * plain.standardErrors[j])
      }
    }
    #expect(scaled.warnings.contains { $0.contains("standard error of x cannot be represented") })
  }

  @Test func randomEffectsWithoutWithinInformationIsAClearError() throws {
    #expect(throws: ModelError.self) {
      try PanelEstimators.fit(
        "y ~ x", data: Self.table { x, _, e in x + e }, model: .randomEffects, unit: "id",
        time: "t")
    }
  }
}
