import Foundation
import Testing

@testable import Distributions

/// Degrees of freedom beyond R's grid (1e7): the uniform asymptotic branch and the t / F limits.
@Suite struct LargeDegreesOfFreedomTests {
  /// Temme's expansion (used from a = 1e8) agrees with the series / continued fraction at
  /// a = 5e6 and 5e7, where both are valid, across 30 standard deviations.
  @Test(arguments: [5e6, 5e7])
  func uniformAsymptoticMatchesSeriesAndFraction(a: Double) {
    for k in stride(from: -30.0, through: 30.0, by: 2.5) {
      let x = a + k * a.squareRoot()
      let asymptotic = IncompleteGamma.uniformAsymptotic(a, x)
      let front = IncompleteGamma.poissonTerm(a, x)
      let direct: (lower: Double, upper: Double)
      if x < a + 1 {
        let lower = front * IncompleteGamma.lowerSeries(a, x)
        direct = (lower, 1 - lower)
      } else {
        let upper = front * a * IncompleteGamma.upperContinuedFraction(a, x)
        direct = (1 - upper, upper)
      }
      let small = x < a ? (asymptotic.lower, direct.lower) : (asymptotic.upper, direct.upper)
      #expect(abs(small.0 / small.1 - 1) < 2e-13, "a = \(a), x = a + \(k) sqrt(a)")
    }
  }

  /// P(a, a) = 1/2 + 1 / (3 sqrt(2 pi a)) + O(1/a) (Temme 1979).
  @Test func medianOfHugeShape() {
    for a in [5e8, 5e11, 5e14, 5e17] {
      let p = SpecialFunctions.regularizedIncompleteGamma(a, a: a).lower
      let expected = 0.5 + 1 / (3 * (2 * Double.pi * a).squareRoot())
      #expect(abs(p - expected) < 1e-15 + 1 / a)
    }
  }

  /// Student t approaches the normal: P(T > t) / Q(t) - 1 = (t^4 + 2 t^2 ... ) / (4 df) + ...
  @Test func studentTApproachesNormal() {
    for df in [1e12, 1e15, 1e18] {
      let t = StudentT(degreesOfFreedom: df)
      for x in [0.5, 3, 6.5, 20] {
        let ratio = t.upperTail(x) / Normal.standard.upperTail(x)
        #expect(abs(ratio - 1) < 1e-12 + 2 * pow(x, 4) / df, "df \(df), t \(x)")
      }
      // t_p = z + (z^3 + z) / (4 df) + ...  (Cornish-Fisher), z^2 ~ 40 here.
      #expect(abs(t.quantile(1e-10) / Normal.standard.quantile(1e-10) - 1) < 1e-12 + 20 / df)
      #expect(t.cdf(-6) > 0)
    }
  }

  @Test func chiSquaredQuantileForHugeDegreesOfFreedom() {
    for df in [1e9, 1e12, 1e18] {
      let c = ChiSquared(degreesOfFreedom: df)
      for p in [1e-10, 0.3, 0.9] {
        let x = c.quantile(p)
        // Conditioning: d log P / d log x ~ z sqrt(df / 2), times the spacing of x.
        #expect(abs(c.cdf(x) / p - 1) < 1e-12 + 8 * df.squareRoot() * 1.2e-16, "df \(df), p \(p)")
      }
    }
  }
}
