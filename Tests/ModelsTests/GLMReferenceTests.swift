import DataTable
import Foundation
import Inference
import Models
import Testing

/// GLMs against R's `glm` + `sandwich` (Tests/Fixtures/glm/generate.R), each case under both
/// solvers: estimates, aliasing, every covariance variant, deviances and likelihoods.
@Suite struct GLMReferenceTests {
  struct Case: @unchecked Sendable, CustomStringConvertible {
    let name: String
    let fields: [String: Any]
    var description: String { name }
  }

  nonisolated(unsafe) static let document: [String: Any] =
    (try? FixturePaths.json("glm/reference.json") as? [String: Any]) ?? [:]

  static let cases: [Case] = {
    let list = document["cases"] as? [[String: Any]] ?? []
    return list.map { Case(name: $0["name"] as? String ?? "?", fields: $0) }
  }()

  static let tolerance = 1e-8

  static func family(_ f: [String: Any]) -> GLMFamily {
    let link = LinkFunction(rawValue: f["link"] as? String ?? "") ?? .identity
    switch f["family"] as? String {
    case "binomial": return .binomial(link)
    case "poisson": return .poisson(link)
    default: return .gaussian(link)
    }
  }

  static func fit(_ f: [String: Any], solver: LeastSquaresSolver) throws -> GLMResult {
    let file = f["data"] as? String ?? ""
    let path =
      file == "mtcars.csv"
      ? FixturePaths.fixture("ols/mtcars.csv") : FixturePaths.fixture("glm/\(file)")
    let data = try CSVReader.read(path: path.path)
    return try GLM.fit(
      f["formula"] as? String ?? "", data: data, family: family(f),
      weights: f["weights"] as? String,
      offset: f["offset"] as? String, control: GLMControl(solver: solver))
  }

  @Test func fixturesArePresent() {
    #expect(Self.cases.count >= 12)
  }

  @Test(arguments: cases, LeastSquaresSolver.allCases)
  func matchesR(_ reference: Case, solver: LeastSquaresSolver) throws {
    let f = reference.fields
    let fit = try Self.fit(f, solver: solver)
    let terms = f["terms"] as? [String] ?? []
    #expect(fit.coefficients.names == terms, "\(reference)")
    #expect(fit.aliasedTerms == (f["aliased"] as? [String] ?? []), "\(reference)")
    #expect(fit.nobs == f["nobs"] as? Int)
    #expect(fit.residualDegreesOfFreedom == (f["df_residual"] as? Double ?? -1))
    #expect(fit.convergence.converged)
    let estimates = f["estimate"] as? [Double] ?? []
    for (i, term) in terms.enumerated() {
      let value = fit.coefficients[term] ?? .nan
      #expect(relativeError(value, estimates[i]) < Self.tolerance, "\(reference) \(term) \(solver)")
    }
    let stats = fit.statistics
    var scalars: [(String, Double)] = [
      ("log_likelihood", fit.logLikelihood), ("aic", fit.aic), ("bic", fit.bic),
      ("deviance", stats.deviance), ("null_deviance", stats.nullDeviance),
      ("pearson", stats.pearsonChiSquared), ("dispersion", stats.dispersion),
      ("df_null", stats.dfNull),
    ]
    if f["null_log_likelihood"] != nil {
      scalars.append(("null_log_likelihood", stats.nullLogLikelihood))
    }
    for (key, value) in scalars {
      let expected = f[key] as? Double ?? .nan
      #expect(
        relativeError(value, expected) < Self.tolerance,
        "\(reference) \(key): \(value) vs \(expected)")
    }
    let standardErrors = f["std_error"] as? [String: [Double]] ?? [:]
    for (kind, expected) in standardErrors.sorted(by: { $0.key < $1.key }) {
      let se = try fit.withCovariance(Self.covarianceType(kind)).standardErrors
      for i in expected.indices {
        #expect(
          relativeError(se[i], expected[i]) < Self.tolerance,
          "\(reference) \(kind) \(terms[i]) \(solver): \(se[i]) vs \(expected[i])")
      }
    }
    let hc1 = try fit.withCovariance(.heteroskedastic(.hc1))
    #expect(hc1.testDegreesOfFreedom == nil)
    for (i, p) in hc1.pValues.enumerated() {
      let expected = (f["p_value_hc1"] as? [Double] ?? [])[i]
      #expect(relativeError(p, expected) < 1e-7, "\(reference) p \(terms[i])")
    }
  }

  /// `cluster_gear` -> CR1 by gear; `cluster0_cyl_gear` -> G/(G-1) only, by cyl and gear.
  static func covarianceType(_ key: String) throws -> CovarianceType {
    switch key {
    case "iid": return .iid
    case "hc0", "hc1", "hc2", "hc3": return .heteroskedastic(HCType(rawValue: key) ?? .hc0)
    default:
      let plain = key.hasPrefix("cluster0_")
      let columns = key.dropFirst(plain ? "cluster0_".count : "cluster_".count)
        .split(separator: "_").map(String.init)
      if plain {
        return .cluster(
          columns,
          SmallSampleCorrection(
            clusterAdjustment: .perDimension, residualAdjustment: false, distribution: .normal))
      }
      return .cluster(columns)
    }
  }
}
