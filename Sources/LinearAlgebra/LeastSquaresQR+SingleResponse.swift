/// The least-squares solution of one response with the rank decision of `LeastSquaresQR`
/// (R's `lm` aliasing rule).
public struct LeastSquaresQRSolution: Sendable {
  /// Coefficients of the kept columns, in the order of `kept`.
  public let coefficients: [Double]
  /// Original indices of the kept (estimable) columns, ascending.
  public let kept: [Int]
  /// Original indices of the aliased columns, ascending.
  public let aliased: [Int]
  /// The `kept.count x kept.count` upper-triangular factor of the kept columns.
  public let r: Matrix
  /// Estimated 1-norm condition number of the kept columns scaled to unit length.
  public let conditionEstimate: Double

  /// The unscaled covariance `(X_k' X_k)^{-1} = r^{-1} r^{-T}` of the kept columns.
  public func unscaledCovariance() -> Matrix { Cholesky.inverse(ofUpperFactor: r) }
}

extension LeastSquaresQR {
  /// Solves one least-squares problem: the same kept columns, R and coefficients as
  /// `LeastSquaresQR(x, tolerance:)` followed by `coefficients(y)`, faster and in less memory.
  ///
  /// Method: the R factor of `[X y]` by a tall-skinny QR that keeps no reflectors
  /// (`TallSkinnyR`); its last column is `Q'y`, so X is read once and Q is never stored or
  /// applied. The rank decision runs on R exactly as in `init`. When the scaled condition
  /// estimate exceeds `refinementThreshold` (where refinement, which needs Q, can change
  /// reported digits), or the input is not finite, the problem is solved again by the stored-Q
  /// path, so results and errors are those of `init` + `coefficients`.
  /// - Parameters:
  ///   - x: the n x p design.
  ///   - y: the response, n values.
  ///   - tolerance: rank tolerance on the remaining-norm ratio (see `defaultTolerance`).
  /// - Returns: coefficients, kept and aliased columns, R and its condition estimate.
  /// - Throws: `LinearAlgebraError.lapackFailure` as `init` does (NaN in `x`).
  public static func solve(
    _ x: Matrix, response y: [Double], tolerance: Double = LeastSquaresQR.defaultTolerance
  ) throws -> LeastSquaresQRSolution {
    precondition(y.count == x.rows, "solve: y has \(y.count) values, x has \(x.rows) rows")
    if x.rows > x.columns, x.columns > 0,
      let fast = oneResponseSolution(x, y, tolerance: tolerance),
      fast.conditionEstimate <= refinementThreshold
    {
      return fast
    }
    let qr = try LeastSquaresQR(x, tolerance: tolerance)
    return LeastSquaresQRSolution(
      coefficients: qr.coefficients(y), kept: qr.kept, aliased: qr.aliased, r: qr.r,
      conditionEstimate: qr.conditionEstimate)
  }

  /// The solution from the R factor of `[X y]`, or `nil` when that factor is not finite.
  private static func oneResponseSolution(_ x: Matrix, _ y: [Double], tolerance: Double)
    -> LeastSquaresQRSolution?
  {
    let p = x.columns
    let augmented = TallSkinnyR.factor(x, appending: y)
    guard augmented.storage.allSatisfy(\.isFinite) else { return nil }
    var rx = Matrix(rows: p, columns: p)
    var qty = [Double](repeating: 0, count: p)
    for j in 0..<p { for i in 0...j { rx[i, j] = augmented[i, j] } }
    for i in 0..<p { qty[i] = augmented[i, p] }
    let inner = LimitedPivotingQR(rx, tolerance: tolerance)
    let r = inner.r
    var b = [Double](repeating: 0, count: inner.rank)
    qty.withUnsafeMutableBufferPointer { inner.applyQTranspose($0) }
    for i in 0..<inner.rank { b[i] = qty[i] }
    b.withUnsafeMutableBufferPointer { solveUpperInPlace(r, $0, transpose: false) }
    return LeastSquaresQRSolution(
      coefficients: b, kept: Array(inner.order[0..<inner.rank]),
      aliased: inner.order[inner.rank...].sorted(), r: r,
      conditionEstimate: scaledConditionEstimate(r))
  }
}
