import DataTable
import Foundation
import Inference
import Models
import Testing

/// The logistic mixed model against lme4 1.1-31 `glmer` (Laplace, nAGQ = 1) on `cbpp`:
/// Tests/Fixtures/mixed/generate_glmm.R writes glmm_reference.csv. Everything to 1e-4 relative
/// (standard errors come from a numerical Hessian in both).
@Suite struct LogisticMixedModelTests {
  static let reference: [(kind: String, name: String, value: Double)] = {
    guard
      let text = try? String(
        contentsOf: FixturePaths.fixture("mixed/glmm_reference.csv"), encoding: .utf8)
    else { return [] }
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.dropFirst().dropLast().components(separatedBy: "\",\"")
      guard fields.count == 4, let value = Double(fields[3]) else { return nil }
      return (fields[1], fields[2], value)
    }
  }()

  func close(_ a: Double?, _ b: Double, _ tolerance: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * abs(b)
  }

  @Test func matchesGlmerOnCbpp() throws {
    #expect(Self.reference.count == 17)
    let data = try CSVReader.read(path: FixturePaths.fixture("cbpp/cbpp.csv").path)
    let fit = try LogisticMixedModel.fit(
      "I(incidence / size) ~ C(period) + (1 | herd)", data: data, trials: "size")
    #expect(fit.convergence.converged)
    #expect(fit.modelName == "glmm")
    for row in Self.reference {
      let name =
        row.name.replacingOccurrences(of: "period", with: "period[")
        + (row.name.hasPrefix("period") ? "]" : "")
      let index = fit.coefficients.names.firstIndex(of: name)
      switch row.kind {
      case "beta":
        #expect(close(index.map { fit.coefficients.values[$0] }, row.value, 1e-4), "\(name)")
      case "se": #expect(close(index.map { fit.standardErrors[$0] }, row.value, 1e-4), "se \(name)")
      case "theta": #expect(close(fit.theta.first, row.value, 1e-4))
      case "var": #expect(close(fit.varianceComponents.first?.variance, row.value, 1e-4))
      case "loglik": #expect(close(fit.logLikelihood, row.value, 1e-7))
      case "aic": #expect(close(fit.aic, row.value, 1e-7))
      case "bic": #expect(close(fit.bic, row.value, 1e-7))
      case "blup", "condvar":
        let parts = row.name.split(separator: "|").map(String.init)
        let effects = fit.randomEffects.first
        let value =
          row.kind == "blup"
          ? effects?.mode(level: parts[1], column: parts[2])
          : effects?.conditionalVariance(level: parts[1], column: parts[2])
        #expect(close(value, row.value, 1e-4), "\(row.kind) \(row.name)")
      default: Issue.record("unknown kind \(row.kind)")
      }
    }
  }

  /// Adaptive Gauss-Hermite quadrature against glmer(nAGQ = 5 and 25) on cbpp
  /// (Tests/Fixtures/mixed/generate_glmm_agq.R): estimates, standard errors and theta to 1e-4
  /// relative, as the Laplace fit; the marginal log-likelihood to 1e-7 (lme4 reports it relative
  /// to the saturated model for nAGQ > 1; the script stores that constant).
  @Test(arguments: [5, 25]) func quadratureMatchesGlmer(points: Int) throws {
    let text = try String(
      contentsOf: FixturePaths.fixture("mixed/glmm_agq_reference.csv"), encoding: .utf8)
    let rows = text.split(separator: "\n").dropFirst().compactMap { line -> [String]? in
      let fields = line.dropFirst().dropLast().components(separatedBy: "\",\"")
      return fields.count == 4 && fields[0] == "cbpp_agq\(points)" ? fields : nil
    }
    #expect(rows.count == 11)
    let data = try CSVReader.read(path: FixturePaths.fixture("cbpp/cbpp.csv").path)
    let formula = "I(incidence / size) ~ C(period) + (1 | herd)"
    let fit = try LogisticMixedModel.fit(
      formula, data: data, trials: "size", quadraturePoints: points)
    let laplace = try LogisticMixedModel.fit(formula, data: data, trials: "size")
    #expect(fit.convergence.converged && fit.quadraturePoints == points)
    for row in rows {
      guard let value = Double(row[3]) else { continue }
      let name =
        row[2].replacingOccurrences(of: "period", with: "period[")
        + (row[2].hasPrefix("period") ? "]" : "")
      let index = fit.coefficients.names.firstIndex(of: name)
      switch row[1] {
      case "beta":
        #expect(close(index.map { fit.coefficients.values[$0] }, value, 1e-4), "\(name)")
      case "se": #expect(close(index.map { fit.standardErrors[$0] }, value, 1e-4), "se \(name)")
      case "theta": #expect(close(fit.theta.first, value, 1e-4))
      case "loglik":
        // lme4's nAGQ > 1 logLik is relative to the saturated model; add it back.
        let saturated = rows.first { $0[1] == "loglik_saturated" }.flatMap { Double($0[3]) }
        #expect(close(fit.logLikelihood, value + (saturated ?? .nan), 1e-7), "logLik")
        #expect(fit.logLikelihood > laplace.logLikelihood - 1)
      default: continue
      }
    }
  }

  @Test func oneQuadraturePointIsTheLaplaceApproximation() throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("cbpp/cbpp.csv").path)
    let formula = "I(incidence / size) ~ C(period) + (1 | herd)"
    let laplace = try LogisticMixedModel.fit(formula, data: data, trials: "size")
    #expect(laplace.quadraturePoints == 1)
    #expect(throws: ModelError.self) {
      _ = try LogisticMixedModel.fit(formula, data: data, trials: "size", quadraturePoints: 26)
    }
    #expect(throws: ModelError.self) {
      _ = try LogisticMixedModel.fit(
        "I(incidence / size) ~ C(period) + (1 | herd) + (1 | period)", data: data,
        trials: "size", quadraturePoints: 5)
    }
    // Many points converge: 15 and 25 points agree far more closely than 1 and 25.
    let q15 = try LogisticMixedModel.fit(formula, data: data, trials: "size", quadraturePoints: 15)
    let q25 = try LogisticMixedModel.fit(formula, data: data, trials: "size", quadraturePoints: 25)
    #expect(abs(q15.criterion - q25.criterion) < 1e-3 * abs(laplace.criterion - q25.criterion))
  }

  @Test func refusesAResponseOutsideZeroOne() throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("cbpp/cbpp.csv").path)
    #expect(throws: ModelError.self) {
      _ = try LogisticMixedModel.fit("incidence ~ C(period) + (1 | herd)", data: data)
    }
  }
}
