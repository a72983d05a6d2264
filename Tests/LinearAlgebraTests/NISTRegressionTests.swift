import Foundation
import Testing

@testable import LinearAlgebra

/// One NIST StRD linear regression problem with its certified values.
struct NISTProblem: Sendable, CustomStringConvertible {
  enum Source: Sendable { case refdata, fixture }
  let name: String
  let file: String
  let source: Source
  /// Polynomial degree in x; nil for Longley (regressors taken as given).
  let degree: Int?
  let intercept: Bool
  let coefficients: [Double]
  let standardErrors: [Double]
  /// Required log relative error for coefficients and standard errors.
  let minimumLRE: Double
  var description: String { name }
}

/// Certified values from the NIST StRD certificates (see refdata REFERENCE.md and
/// Tests/Fixtures/nist/README.md).
let nistProblems: [NISTProblem] = [
  NISTProblem(
    name: "Norris", file: "norris.csv", source: .refdata, degree: 1, intercept: true,
    coefficients: [-0.262323073774029, 1.00211681802045],
    standardErrors: [0.232818234301152, 0.429796848199937E-03], minimumLRE: 9),
  NISTProblem(
    name: "Pontius", file: "pontius.csv", source: .refdata, degree: 2, intercept: true,
    coefficients: [0.673565789473684E-03, 0.732059160401003E-06, -0.316081871345029E-14],
    standardErrors: [0.107938612033077E-03, 0.157817399981659E-09, 0.486652849992036E-16],
    minimumLRE: 9),
  NISTProblem(
    name: "NoInt1", file: "noint1.csv", source: .refdata, degree: 1, intercept: false,
    coefficients: [2.07438016528926], standardErrors: [0.165289256198347E-01], minimumLRE: 9),
  NISTProblem(
    name: "NoInt2", file: "noint2.csv", source: .refdata, degree: 1, intercept: false,
    coefficients: [0.727272727272727], standardErrors: [0.420827318078432E-01], minimumLRE: 9),
  NISTProblem(
    name: "Longley", file: "longley.csv", source: .refdata, degree: nil, intercept: true,
    coefficients: [
      -3482258.63459582, 15.0618722713733, -0.358191792925910E-01, -2.02022980381683,
      -1.03322686717359, -0.511041056535807E-01, 1829.15146461355,
    ],
    standardErrors: [
      890420.383607373, 84.9149257747669, 0.334910077722432E-01, 0.488399681651699,
      0.214274163161675, 0.226073200069370, 455.478499142212,
    ], minimumLRE: 9),
  NISTProblem(
    name: "Wampler1", file: "wampler1.csv", source: .refdata, degree: 5, intercept: true,
    coefficients: [1, 1, 1, 1, 1, 1], standardErrors: [0, 0, 0, 0, 0, 0], minimumLRE: 9),
  NISTProblem(
    name: "Wampler2", file: "wampler2.csv", source: .refdata, degree: 5, intercept: true,
    coefficients: [1, 0.1, 0.01, 0.001, 0.0001, 0.00001], standardErrors: [0, 0, 0, 0, 0, 0],
    minimumLRE: 9),
  NISTProblem(
    name: "Wampler3", file: "wampler3.csv", source: .refdata, degree: 5, intercept: true,
    coefficients: [1, 1, 1, 1, 1, 1],
    standardErrors: [
      2152.32624678170, 2363.55173469681, 779.343524331583, 101.475507550350, 5.64566512170752,
      0.112324854679312,
    ], minimumLRE: 9),
  NISTProblem(
    name: "Wampler4", file: "wampler4.csv", source: .fixture, degree: 5, intercept: true,
    coefficients: [1, 1, 1, 1, 1, 1],
    standardErrors: [
      215232.624678170, 236355.173469681, 77934.3524331583, 10147.5507550350, 564.566512170752,
      11.2324854679312,
    ], minimumLRE: 9),
  NISTProblem(
    name: "Wampler5", file: "wampler5.csv", source: .fixture, degree: 5, intercept: true,
    coefficients: [1, 1, 1, 1, 1, 1],
    standardErrors: [
      21523262.4678170, 23635517.3469681, 7793435.24331583, 1014755.07550350, 56456.6512170752,
      1123.24854679312,
    ], minimumLRE: 9),
  NISTProblem(
    name: "Filip", file: "filip.csv", source: .fixture, degree: 10, intercept: true,
    coefficients: [
      -1467.48961422980, -2772.17959193342, -2316.37108160893, -1127.97394098372,
      -354.478233703349, -75.1242017393757, -10.8753180355343, -1.06221498588947,
      -0.670191154593408E-01, -0.246781078275479E-02, -0.402962525080404E-04,
    ],
    standardErrors: [
      298.084530995537, 559.779865474950, 466.477572127796, 227.204274477751, 71.6478660875927,
      15.2897178747400, 2.23691159816033, 0.221624321934227, 0.142363763154724E-01,
      0.535617408889821E-03, 0.896632837373868E-05,
    ], minimumLRE: 7),
]

/// Log relative error, NIST's accuracy measure: digits of agreement with the certified value
/// (log absolute error when the certified value is zero), capped at 15.
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
  let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
  if error == 0 { return 15 }
  return min(15, -log10(error))
}

/// The design matrix and response of a NIST problem.
func nistDesign(_ problem: NISTProblem) throws -> (x: Matrix, y: [Double]) {
  let folder =
    problem.source == .refdata
    ? FixturePaths.refdata("nist_strd") : FixturePaths.fixtures("nist")
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
