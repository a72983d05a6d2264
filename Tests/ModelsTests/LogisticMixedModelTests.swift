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

  @Test func refusesAResponseOutsideZeroOne() throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("cbpp/cbpp.csv").path)
    #expect(throws: ModelError.self) {
      _ = try LogisticMixedModel.fit("incidence ~ C(period) + (1 | herd)", data: data)
    }
  }
}
