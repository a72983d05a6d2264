import Distributions
import Testing

@testable import Inference
@testable import LinearAlgebra

/// The text of linear hypotheses becomes R and q; errors say where and suggest names.
@Suite struct HypothesisParserTests {
  static let names = ["(Intercept)", "GPA", "TUCE", "PSI", "track[care]", "log(x)"]

  func parse(_ text: String) throws -> HypothesisParser.Parsed {
    try HypothesisParser.parse(text, names: Self.names)
  }

  func row(_ parsed: HypothesisParser.Parsed, _ i: Int) -> [Double] {
    (0..<parsed.matrix.columns).map { parsed.matrix[i, $0] }
  }

  @Test func equationsBecomeRowsOfR() throws {
    let parsed = try parse("GPA = 0, TUCE - PSI = 0, 2*GPA = PSI + 1")
    #expect(parsed.matrix.rows == 3)
    #expect(row(parsed, 0) == [0, 1, 0, 0, 0, 0])
    #expect(row(parsed, 1) == [0, 0, 1, -1, 0, 0])
    #expect(row(parsed, 2) == [0, 2, 0, -1, 0, 0])
    #expect(parsed.values == [0, 0, 1])
    #expect(parsed.labels == ["GPA = 0", "TUCE - PSI = 0", "2*GPA = PSI + 1"])
  }

  @Test func namesWithBracketsParenthesesAndExponents() throws {
    let parsed = try parse("track[care] - log(x) = 1e-3, -0.5*GPA + 1.5e+2 = TUCE")
    #expect(row(parsed, 0) == [0, 0, 0, 0, 1, -1])
    #expect(parsed.values[0] == 1e-3)
    #expect(row(parsed, 1) == [0, -0.5, -1, 0, 0, 0])
    #expect(parsed.values[1] == -150)
    #expect(parsed.labels[1] == "-0.5*GPA + 1.5e+2 = TUCE")
  }

  @Test func aBareNameMeansEqualToZero() throws {
    let parsed = try parse("PSI")
    #expect(row(parsed, 0) == [0, 0, 0, 1, 0, 0])
    #expect(parsed.labels == ["PSI = 0"])
  }

  @Test func unknownNamesSuggestTheNearestCoefficient() {
    #expect(throws: HypothesisError.unknownTerm(name: "GAP", suggestion: "GPA")) {
      try parse("GAP = 0")
    }
    #expect(throws: HypothesisError.unknownTerm(name: "school", suggestion: nil)) {
      try parse("school = 0")
    }
    #expect(
      HypothesisError.unknownTerm(name: "GAP", suggestion: "GPA").description
        == "'GAP' is not a coefficient of the model; did you mean 'GPA'?")
  }

  @Test func syntaxErrorsNameTheColumn() {
    #expect(
      throws: HypothesisError.syntax(
        text: "GPA = 0, PSI = 1 = 2", position: 9, message: "more than one '='")
    ) { try parse("GPA = 0, PSI = 1 = 2") }
    #expect(
      throws: HypothesisError.syntax(
        text: "3 = 1", position: 1, message: "no coefficient in this restriction")
    ) { try parse("3 = 1") }
    #expect(
      throws: HypothesisError.syntax(
        text: "x2*GPA = 0", position: 1, message: "'x2' is not a number")
    ) { try parse("x2*GPA = 0") }
    let error = HypothesisError.syntax(text: "GPA +", position: 6, message: "missing term")
    #expect(error.description == "hypothesis 'GPA +', column 6: missing term")
  }
}

/// A fitted regression reduced to what the Wald test reads.
struct StubFit: RegressionFit {
  let coefficients: CoefficientVector
  let covariance: Matrix
  let testDegreesOfFreedom: Double?
  var nobs: Int { 100 }
  var logLikelihood: Double { -10 }
  var parameterCount: Int { coefficients.count }
  var modelName: String { "stub" }
  var formula: String { "y ~ a + b" }
  var dropped: DroppedSummary { DroppedSummary(missingRows: 0, collinearTerms: []) }
  var convergence: ConvergenceInfo { .closedForm }
  var fitMeasures: [FitMeasure] { [] }
  var warnings: [String] { [] }
  var sections: [ResultSection] { [] }
  var terms: [String] { coefficients.names }
  var covarianceType: CovarianceType { .iid }
  var clusterCounts: [Int] { [] }
  var residualDegreesOfFreedom: Double { 50 }
  var solverName: String? { nil }
  func withCovariance(_ type: CovarianceType) throws -> StubFit { self }
}

/// W = (Rb - q)' (R V R')^-1 (Rb - q) against closed forms worked out by hand.
@Suite struct WaldTestTests {
  static let fit = StubFit(
    coefficients: CoefficientVector(names: ["(Intercept)", "a", "b"], values: [1, 0.75, -0.25]),
    // Dyadic entries, so that the dependent case below is singular exactly, not up to rounding.
    covariance: Matrix(rowMajor: [[0.5, 0.125, 0], [0.125, 0.25, 0.125], [0, 0.125, 0.5]]),
    testDegreesOfFreedom: 50)

  /// Relative rounding bound for a statistic formed from a few products and one 2 x 2 solve
  /// (condition number below 10 here): 64 eps.
  static let relative = 64 * Double.ulpOfOne

  @Test func oneRestrictionIsTheSquaredZ() throws {
    let wald = try WaldTest(Self.fit, hypotheses: "a = 0")
    let z = 0.75 / 0.25.squareRoot()
    #expect(abs(wald.statistic - z * z) <= Self.relative * z * z)
    #expect(wald.degreesOfFreedom == 1)
    // chi-squared(1) upper tail of z^2 is the two-sided normal p-value of z.
    // Two routes through Distributions (incomplete gamma, erfc), each accurate to ~1e-14.
    #expect(abs(wald.pValue - Normal.twoSidedPValue(z)) <= 1e-10 * Normal.twoSidedPValue(z))
    let t = StudentT(degreesOfFreedom: 50).twoSidedPValue(z)
    #expect(abs((wald.fPValue ?? 0) - t) <= 1e-10 * t, "F(1, df) of z^2 is t(df) of z")
  }

  @Test func aDifferenceUsesTheCovariance() throws {
    let wald = try WaldTest(Self.fit, hypotheses: "a = b")
    let expected = (1.0 * 1.0) / (0.25 + 0.5 - 2 * 0.125)
    #expect(abs(wald.statistic - expected) <= Self.relative * expected)
    #expect(wald.hypotheses == ["a = b"])
  }

  @Test func twoRestrictionsInvertTheTwoByTwoBlock() throws {
    let wald = try WaldTest(Self.fit, hypotheses: "a = 0, b = 0")
    // v' M^-1 v with v = [0.75 -0.25], M = [[0.25 0.125] [0.125 0.5]], the inverse written out.
    let det = 0.25 * 0.5 - 0.125 * 0.125
    let expected = (0.5 * 0.75 * 0.75 - 2 * 0.125 * 0.75 * -0.25 + 0.25 * 0.25 * 0.25) / det
    #expect(abs(wald.statistic - expected) <= Self.relative * expected)
    #expect(wald.degreesOfFreedom == 2)
    #expect(abs(wald.fStatistic - expected / 2) <= Self.relative * expected)
    let p = ChiSquared(degreesOfFreedom: 2).upperTail(expected)
    #expect(abs(wald.pValue - p) <= Self.relative * p * 16, "the same chi-squared at W")
  }

  @Test func aNormalReferenceHasNoFTest() throws {
    let zFit = StubFit(
      coefficients: Self.fit.coefficients, covariance: Self.fit.covariance,
      testDegreesOfFreedom: nil)
    #expect(try WaldTest(zFit, hypotheses: "b = 0").fPValue == nil)
  }

  @Test func dependentRestrictionsAreReported() {
    #expect(throws: HypothesisError.dependent) {
      try WaldTest(Self.fit, hypotheses: "a = 0, 2*a = 0")
    }
  }
}
