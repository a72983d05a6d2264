import Foundation
import Testing

@testable import LinearAlgebra

/// One NIST StRD linear regression problem with its certified values.
struct NISTProblem: Sendable, CustomStringConvertible {
  let name: String
  let file: String
  /// The folder under `Tests/Fixtures` holding `file`: `nist_strd` (copied public reference
  /// data) or `nist` (the harder problems added here).
  let folder: String
  /// Polynomial degree in x; nil for Longley (regressors taken as given).
  let degree: Int?
  let intercept: Bool
  let coefficients: [Double]
  let standardErrors: [Double]
  /// Required log relative error for coefficients and standard errors.
  let minimumLRE: Double
  var description: String { name }
}

/// Certified values from the NIST StRD certificates, kept once in
/// Tests/Fixtures/nist/certified.json (shared with the OLS-level test in ModelsTests).
let nistProblems: [NISTProblem] = {
  let url = FixturePaths.fixtures("nist").appendingPathComponent("certified.json")
  guard let data = try? Data(contentsOf: url),
    let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let problems = document["problems"] as? [[String: Any]]
  else { return [] }
  return problems.map { p in
    NISTProblem(
      name: p["name"] as? String ?? "?", file: p["file"] as? String ?? "",
      folder: p["folder"] as? String ?? "nist",
      degree: p["degree"] as? Int, intercept: p["intercept"] as? Bool ?? true,
      coefficients: p["coefficients"] as? [Double] ?? [],
      standardErrors: p["standard_errors"] as? [Double] ?? [],
      minimumLRE: p["minimum_lre"] as? Double ?? 9)
  }
}()

/// Log relative error, NIST's accuracy measure: digits of agreement with the certified value
/// (log absolute error when the certified value is zero), capped at 15.
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
  let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
  if error == 0 { return 15 }
  return min(15, -log10(error))
}

/// The design matrix and response of a NIST problem.
func nistDesign(_ problem: NISTProblem) throws -> (x: Matrix, y: [Double]) {
  let folder = FixturePaths.fixtures(problem.folder)
  let (_, columns) = try FixturePaths.readNumericCSV(folder.appendingPathComponent(problem.file))
  let y = columns[0]
  var design: [[Double]] = []
  if problem.intercept { design.append([Double](repeating: 1, count: y.count)) }
  if let degree = problem.degree {
    let x = columns[1]
    for d in 1...degree { design.append(x.map { pow($0, Double(d)) }) }
  } else {
    design.append(contentsOf: columns.dropFirst())
  }
  return (Matrix(columns: design), y)
}

/// Residual sum of squares with compensated (Neumaier) summation of FMA-formed terms.
func residualSumOfSquares(_ x: Matrix, _ beta: [Double], _ y: [Double]) -> Double {
  let fitted = x.multiplied(by: beta)
  var sum = 0.0
  var compensation = 0.0
  for i in 0..<y.count {
    let r = y[i] - fitted[i]
    let term = r * r
    let t = sum + term
    compensation += abs(sum) >= abs(term) ? (sum - t) + term : (term - t) + sum
    sum = t
  }
  return sum + compensation
}

@Suite("NIST StRD linear regression")
struct NISTRegressionTests {
  @Test(arguments: nistProblems)
  func certifiedValues(_ problem: NISTProblem) throws {
    let (x, y) = try nistDesign(problem)
    let qr = try LeastSquaresQR(x)
    #expect(qr.rank == x.columns, "\(problem.name): aliased \(qr.aliased)")
    guard qr.rank == x.columns else { return }
    let beta = qr.coefficients(y)
    let rss = residualSumOfSquares(x, beta, y)
    let s2 = rss / Double(x.rows - x.columns)
    let v = qr.unscaledCovariance()
    let se = (0..<x.columns).map { (s2 * v[$0, $0]).squareRoot() }
    let coefficientLRE = zip(beta, problem.coefficients).map { logRelativeError($0, $1) }
    let seLRE = zip(se, problem.standardErrors).map { logRelativeError($0, $1) }
    let minCoef = coefficientLRE.min() ?? 15
    let minSE = seLRE.min() ?? 15
    print(
      "NIST \(problem.name): LRE coefficients min \(String(format: "%.2f", minCoef)),"
        + " standard errors min \(String(format: "%.2f", minSE))")
    #expect(minCoef >= problem.minimumLRE, "\(problem.name) coefficients LRE \(coefficientLRE)")
    #expect(minSE >= problem.minimumLRE, "\(problem.name) standard errors LRE \(seLRE)")
  }

  /// Measured reason for the refinement step: without it, large-residual Wampler5 loses digits.
  @Test func refinementRecoversLargeResidualAccuracy() throws {
    guard let wampler5 = nistProblems.first(where: { $0.name == "Wampler5" }) else { return }
    let (x, y) = try nistDesign(wampler5)
    let qr = try LeastSquaresQR(x)
    let yMatrix = Matrix(rows: y.count, columns: 1, storage: y)
    func minLRE(_ beta: [Double]) -> Double {
      zip(beta, wampler5.coefficients).map { logRelativeError($0, $1) }.min() ?? 15
    }
    let plain = minLRE(qr.coefficients(yMatrix, refinementSteps: 0).storage)
    let refined = minLRE(qr.coefficients(y))
    let summary = String(format: "plain QR %.2f, refined %.2f", plain, refined)
    print("Wampler5 coefficient LRE: \(summary)")
    #expect(refined >= 12)
    #expect(refined > plain + 3)
  }
}
