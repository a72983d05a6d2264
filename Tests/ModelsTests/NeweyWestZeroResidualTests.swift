import Testing

@testable import Models

/// The automatic Newey-West lag of a series the trend fits exactly: the bandwidth divides zero
/// by zero, so the fit says to give the lag instead of trapping on `Int(NaN)`.
@Suite struct NeweyWestZeroResidualTests {
  static let design: [[Double]] = (0..<8).map { [1, Double($0)] }
  static let unscaled: [[Double]] = [[0.4167, -0.0833], [-0.0833, 0.0238]]

  @Test func zeroResidualsAskForTheLag() throws {
    let zeros = [Double](repeating: 0, count: 8)
    let error = #expect(throws: TrendError.self) {
      _ = try NeweyWest.covariance(
        design: Self.design, residuals: zeros, unscaled: Self.unscaled,
        options: NeweyWestOptions(prewhite: false))
    }
    #expect("\(String(describing: error))".contains("hac_lag"))
    // With the lag given, the covariance of zero residuals is zero.
    let options = NeweyWestOptions(lag: 1, prewhite: false)
    let given = try NeweyWest.covariance(
      design: Self.design, residuals: zeros, unscaled: Self.unscaled, options: options)
    #expect(given.lag == 1)
    #expect(given.covariance.joined().allSatisfy { $0 == 0 })
  }
}
