import Foundation
import Testing

@testable import Distributions

/// Parameter validation, support boundaries and identities that R's grid does not pin down.
@Suite struct EdgeCaseTests {
  static let all: [any ContinuousDistribution] = [
    Normal.standard, Normal(mean: 2, standardDeviation: 3), StudentT(degreesOfFreedom: 0.5),
    StudentT(degreesOfFreedom: 7), StudentT(degreesOfFreedom: .infinity),
    ChiSquared(degreesOfFreedom: 0.5), ChiSquared(degreesOfFreedom: 4),
    FisherF(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 8),
    FisherF(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: .infinity),
  ]

  static let invalid: [any ContinuousDistribution] = [
    Normal(mean: 0, standardDeviation: -1), Normal(mean: .nan, standardDeviation: 1),
    StudentT(degreesOfFreedom: 0), StudentT(degreesOfFreedom: -2), StudentT(degreesOfFreedom: .nan),
    ChiSquared(degreesOfFreedom: 0), ChiSquared(degreesOfFreedom: .nan),
    FisherF(numeratorDegreesOfFreedom: 0, denominatorDegreesOfFreedom: 3),
    FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: -1),
  ]

  @Test func invalidParametersGiveNaN() {
    for d in Self.invalid {
      #expect(d.density(1).isNaN)
      #expect(d.cdf(1).isNaN)
      #expect(d.upperTail(1).isNaN)
      #expect(d.quantile(0.3).isNaN)
      #expect(d.upperQuantile(0.3).isNaN)
    }
  }

  @Test func invalidArgumentsGiveNaN() {
    for d in Self.all {
      #expect(d.density(.nan).isNaN)
      #expect(d.cdf(.nan).isNaN)
      #expect(d.upperTail(.nan).isNaN)
      for p in [-0.1, 1.1, Double.nan] {
        #expect(d.quantile(p).isNaN)
        #expect(d.upperQuantile(p).isNaN)
      }
    }
  }

  @Test func supportBoundaries() {
    for d in Self.all {
      #expect(d.cdf(.infinity) == 1)
      #expect(d.upperTail(.infinity) == 0)
      #expect(d.cdf(-.infinity) == 0)
      #expect(d.upperTail(-.infinity) == 1)
      #expect(d.quantile(1) == .infinity)
      #expect(d.upperQuantile(0) == .infinity)
      #expect(d.density(.infinity) == 0)
    }
    for d in [Normal.standard as any ContinuousDistribution, StudentT(degreesOfFreedom: 3)] {
      #expect(d.quantile(0) == -.infinity)
      #expect(d.upperQuantile(1) == -.infinity)
    }
    let positive: [any ContinuousDistribution] = [
      ChiSquared(degreesOfFreedom: 3),
      FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 5),
    ]
    for d in positive {
      #expect(d.quantile(0) == 0)
      #expect(d.upperQuantile(1) == 0)
      #expect(d.cdf(0) == 0)
      #expect(d.upperTail(-1) == 1)
      #expect(d.density(-1) == 0)
    }
    // Densities at 0 follow R: infinite below 2 df, 1/2 (chi-squared) or 1 (F) at 2 df.
    #expect(ChiSquared(degreesOfFreedom: 1).density(0) == .infinity)
    #expect(ChiSquared(degreesOfFreedom: 2).density(0) == 0.5)
    #expect(ChiSquared(degreesOfFreedom: 3).density(0) == 0)
    #expect(FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 7).density(0) == 1)
  }

  @Test func mediansOfSymmetricFamiliesAreExact() {
    #expect(Normal.standard.quantile(0.5) == 0)
    #expect(Normal(mean: 3, standardDeviation: 2).quantile(0.5) == 3)
    for df in [0.5, 1, 3, 1e7, .infinity] {
      #expect(StudentT(degreesOfFreedom: df).quantile(0.5) == 0)
      #expect(StudentT(degreesOfFreedom: df).cdf(0) == 0.5)
    }
  }

  @Test func twoSidedPValues() {
    #expect(Normal.twoSidedPValue(0) == 1)
    #expect(abs(Normal.twoSidedPValue(1.959963984540054) - 0.05) < 1e-15)
    let z = Normal.twoSidedPValue(-30)
    #expect(abs(z / (2 * Normal.standard.upperTail(30)) - 1) < 1e-15)
    let t = StudentT(degreesOfFreedom: 5)
    #expect(t.twoSidedPValue(0) == 1)
    #expect(abs(t.twoSidedPValue(-40) / (2 * t.upperTail(40)) - 1) < 1e-15)
    #expect(t.twoSidedPValue(.nan).isNaN)
    #expect(StudentT(degreesOfFreedom: -1).twoSidedPValue(2).isNaN)
    // pt(-40, 5) * 2 in R: 3.4578611839466e-07 (lower tail doubled).
    #expect(abs(t.twoSidedPValue(40) / (2 * t.cdf(-40)) - 1) < 1e-15)
  }

  @Test func infiniteDegreesOfFreedomGiveLimits() {
    let t = StudentT(degreesOfFreedom: .infinity)
    for x in [-5.0, -1, 0.3, 8] {
      #expect(t.cdf(x) == Normal.standard.cdf(x))
      #expect(t.density(x) == Normal.standard.density(x))
    }
    // F(d1, inf) = chi-squared(d1) / d1.
    let f = FisherF(numeratorDegreesOfFreedom: 4, denominatorDegreesOfFreedom: .infinity)
    let chi = ChiSquared(degreesOfFreedom: 4)
    #expect(abs(f.cdf(1.7) / chi.cdf(6.8) - 1) < 1e-15)
    #expect(abs(f.upperQuantile(0.01) * 4 / chi.upperQuantile(0.01) - 1) < 1e-13)
  }

  @Test(arguments: [0.5, 1.0, 2.5, 30.0, 1e4])
  func quantilesInvertTails(df: Double) {
    let distributions: [any ContinuousDistribution] = [
      StudentT(degreesOfFreedom: df), ChiSquared(degreesOfFreedom: df),
      FisherF(numeratorDegreesOfFreedom: df, denominatorDegreesOfFreedom: 7),
    ]
    for d in distributions {
      for p in [1e-250, 1e-30, 0.003, 0.2, 0.45] {
        // Skip quantiles that underflow to 0 or overflow (e.g. chi-squared(1) at 1e-250 is 1e-500).
        let x = d.quantile(p)
        if x != 0 && x.isFinite {
          #expect(abs(d.cdf(x) / p - 1) < 1e-11, "\(d) quantile(\(p)) = \(x)")
        }
        let y = d.upperQuantile(p)
        if y != 0 && y.isFinite {
          #expect(abs(d.upperTail(y) / p - 1) < 1e-11, "\(d) upperQuantile(\(p)) = \(y)")
        }
      }
    }
  }

  @Test func specialFunctions() {
    #expect(abs(SpecialFunctions.logGamma(0.5) - 0.5 * log(Double.pi)) < 1e-15)
    #expect(SpecialFunctions.logGamma(1) == 0)
    // log B(a, b) agrees between its three branches and lgamma where lgamma is safe.
    for (a, b) in [(0.3, 0.7), (2.5, 12.0), (15.0, 40.0), (3.0, 200.0)] {
      let direct =
        SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(b)
        - SpecialFunctions.logGamma(a + b)
      #expect(abs(SpecialFunctions.logBeta(a, b) - direct) < 1e-12 * max(1, abs(direct)))
      #expect(SpecialFunctions.logBeta(a, b) == SpecialFunctions.logBeta(b, a))
    }
    // log B(1e8, 1e8) = log(2 pi) / 2 - log(1e8) / 2 - (2e8 - 1/2) log 2 + O(1/n)
    let large = SpecialFunctions.logBeta(1e8, 1e8)
    let asymptotic = 0.5 * log(2 * Double.pi) - 0.5 * log(1e8) - (2e8 - 0.5) * log(2.0) - 1.0 / 8e8
    #expect(abs(large - asymptotic) < 1e-15 * abs(asymptotic))
    // B(3, b) = 2 / (b (b + 1) (b + 2)): lgamma differences would lose 1e-9 here.
    let exactSmallLarge = log(2.0) - log(1e6) - log1p(1e6) - log(1e6 + 2)
    #expect(abs(SpecialFunctions.logBeta(3, 1e6) / exactSmallLarge - 1) < 1e-15)
    #expect(SpecialFunctions.logBeta(-1, 2).isNaN)

    let beta = SpecialFunctions.regularizedIncompleteBeta(0.3, a: 2, b: 3)
    // I_0.3(2, 3) = 0.3483 exactly: 1 - (1-x)^4 - 4x(1-x)^3.
    let exact = 1 - pow(0.7, 4) - 4 * 0.3 * pow(0.7, 3)
    #expect(abs(beta.lower - exact) < 1e-15)
    #expect(abs(beta.upper - (1 - exact)) < 1e-15)
    #expect(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3) == (0, 1))
    #expect(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3) == (1, 0))
    #expect(SpecialFunctions.regularizedIncompleteBeta(0.5, a: 0, b: 3).lower.isNaN)

    // P(1, x) = 1 - e^-x; Q(1, 700) = e^-700 in full relative precision.
    let gamma = SpecialFunctions.regularizedIncompleteGamma(700, a: 1)
    #expect(abs(gamma.upper / exp(-700) - 1) < 1e-14)
    let small = SpecialFunctions.regularizedIncompleteGamma(1e-5, a: 1)
    #expect(abs(small.lower / -expm1(-1e-5) - 1) < 1e-14)
    #expect(SpecialFunctions.regularizedIncompleteGamma(-1, a: 1).lower.isNaN)
    #expect(SpecialFunctions.regularizedIncompleteGamma(0, a: 2) == (0, 1))
  }
}
