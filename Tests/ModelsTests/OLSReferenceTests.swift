import DataTable
import Foundation
import Inference
import Models
import Testing

/// OLS/WLS against R's `lm` + `sandwich` (Tests/Fixtures/ols/generate.R), each case under both
/// solvers: estimates, aliasing, every covariance variant, and fit statistics to 1e-8 relative.
@Suite struct OLSReferenceTests {
  struct Case: @unchecked Sendable, CustomStringConvertible {
    let name: String
    let fields: [String: Any]
    var description: String { name }
  }

  static let cases: [Case] = {
    guard let document = try? FixturePaths.json("ols/reference.json") as? [String: Any],
      let list = document["cases"] as? [[String: Any]]
    else { return [] }
    return list.map { Case(name: $0["name"] as? String ?? "?", fields: $0) }
  }()

  static let tolerance = 1e-8

  @Test func fixturesArePresent() {
    #expect(Self.cases.count >= 9)
  }

  @Test(arguments: cases, LeastSquaresSolver.allCases)
  func matchesR(_ reference: Case, solver: LeastSquaresSolver) throws {
    let f = reference.fields
    let data = try CSVReader.read(
      path: FixturePaths.fixture("ols/\(f["data"] as? String ?? "")").path)
    let fit = try OLS.fit(
      f["formula"] as? String ?? "", data: data, weights: f["weights"] as? String, solver: solver)
    let terms = f["terms"] as? [String] ?? []
    #expect(fit.coefficients.names == terms, "\(reference)")
    #expect(fit.aliasedTerms == (f["aliased"] as? [String] ?? []), "\(reference)")
    #expect(fit.nobs == f["nobs"] as? Int)
    #expect(fit.residualDegreesOfFreedom == (f["df_residual"] as? Double ?? -1))
    let estimates = f["estimate"] as? [Double] ?? []
    for (i, term) in terms.enumerated() {
      let value = fit.coefficients[term] ?? .nan
      #expect(relativeError(value, estimates[i]) < Self.tolerance, "\(reference) \(term) \(solver)")
    }
    let stats = fit.fitStatistics
    for (key, value) in [
      ("r_squared", stats.rSquared), ("adj_r_squared", stats.adjustedRSquared),
      ("sigma", stats.sigma), ("log_likelihood", fit.logLikelihood), ("aic", fit.aic),
      ("bic", fit.bic), ("rss", stats.residualSumOfSquares),
      ("f_statistic", stats.fStatistic ?? .nan),
    ] {
      let expected = f[key] as? Double ?? .nan
      #expect(
        relativeError(value, expected) < Self.tolerance,
        "\(reference) \(key): \(value) vs \(expected)")
    }
    let standardErrors = f["std_error"] as? [String: [Double]] ?? [:]
    for (kind, expected) in standardErrors.sorted(by: { $0.key < $1.key }) {
      let covariance = try Self.covarianceType(kind)
      let se = try fit.withCovariance(covariance).standardErrors
      for i in expected.indices {
        #expect(
          relativeError(se[i], expected[i]) < Self.tolerance,
          "\(reference) \(kind) \(terms[i]) \(solver)")
      }
    }
    let pValues = f["p_value_iid"] as? [Double] ?? []
    for (i, p) in fit.pValues.enumerated() where i < pValues.count {
      #expect(relativeError(p, pValues[i]) < 1e-6, "\(reference) p \(terms[i])")
    }
  }

  /// `cluster_gear_am` -> cluster by gear and am (the fixture's naming).
  static func covarianceType(_ key: String) throws -> CovarianceType {
    switch key {
    case "iid": return .iid
    case "hc0", "hc1", "hc2", "hc3": return .heteroskedastic(HCType(rawValue: key) ?? .hc0)
    default:
      let columns = key.dropFirst("cluster_".count).split(separator: "_").map(String.init)
      return .cluster(columns)
    }
  }
}

/// The statsmodels and fixest presets reproduce those tools' cluster-robust standard errors
/// (Tests/Fixtures/ols/generate_py.py).
@Suite struct SmallSamplePresetTests {
  @Test func presetsMatchStatsmodelsAndPyfixest() throws {
    guard let document = try FixturePaths.json("ols/reference_py.json") as? [String: Any],
      let cases = document["cases"] as? [[String: Any]]
    else {
      Issue.record("reference_py.json missing")
      return
    }
    var checked = 0
    for f in cases {
      guard let data = f["data"] as? String, let formula = f["formula"] as? String,
        let clusterVariables = f["cluster_variables"] as? [String: [String]]
      else { continue }
      let table = try CSVReader.read(path: FixturePaths.fixture("ols/\(data)").path)
      let fit = try OLS.fit(formula, data: table, weights: f["weights"] as? String)
      let terms = f["terms"] as? [String] ?? []
      for (tool, preset) in [
        ("statsmodels", SmallSampleCorrection.statsmodels), ("fixest", .fixest),
      ] {
        guard let results = f[tool] as? [String: Any],
          let errors = results["std_error"] as? [String: [Double]],
          let tDF = results["t_df"] as? [String: Double]
        else { continue }
        for (key, columns) in clusterVariables {
          guard let expected = errors[key] else { continue }
          let refit = try fit.withCovariance(.cluster(columns, preset))
          let se = refit.standardErrors
          for i in expected.indices {
            let j = fit.coefficients.index(of: terms[i]) ?? -1
            #expect(
              j >= 0 && relativeError(se[j], expected[i]) < 1e-6,
              "\(tool) \(f["name"] ?? "") \(key) \(terms[i])")
          }
          #expect(refit.testDegreesOfFreedom == tDF[key], "\(tool) \(key) df")
          checked += 1
        }
      }
    }
    #expect(checked >= 10)
  }
}
