/// Least squares by Householder QR with the rank policy of R's `lm` (LINPACK dqrdc2 "limited
/// pivoting"): scanning columns left to right, column j is aliased when its norm after projecting
/// out the previously kept columns is below `tolerance` times its original norm.
///
/// Of a set of linearly dependent columns the later one is aliased, and kept columns stay in
/// original order. For one response, `LeastSquaresQR.solve(_:response:tolerance:)` gives the same
/// answer in one pass over X without storing Q.
///
/// Method: (1) blocked Householder QR of the whole n x p X without pivoting (dgeqrt), backward
/// stable even when X is rank deficient; (2) X = QR with Q orthonormal, so every column norm and
/// projection of X equals that of the small p x p R, and the dqrdc2 scan runs on R in O(p^3)
/// (`LimitedPivotingQR`); (3) coefficients from both `Q'` applied to y and a triangular solve,
/// followed by one step of iterative refinement of the augmented system with doubled-precision
/// residuals, which recovers full accuracy on large-residual problems (NIST Wampler4/5).
/// LAPACK's dgeqp3 is not used for the rank decision: it pivots by norm and can alias a different
/// set of columns from R's `lm`.
///
/// Tolerance: R's `lm` uses 1e-7 on this norm ratio; fixest (`feols`) uses 1e-10 on a Cholesky
/// pivot relative to the diagonal, a squared-norm ratio, i.e. about 1e-5 on this scale.
/// `defaultTolerance` is smaller than both (see there) because R's 1e-7 aliases the x^10 term of
/// the NIST StRD `Filip` polynomial, whose remaining norm ratio is 5.2e-8, while exact
/// dependence leaves ratios near machine epsilon (1e-16 to 1e-13), far below it.
public struct LeastSquaresQR: Sendable {
  /// Default rank tolerance on the remaining-norm ratio; see the type's documentation.
  public static let defaultTolerance: Double = 1e-10

  /// Number of kept (estimable) columns.
  public let rank: Int
  /// Original indices of the kept columns, ascending.
  public let kept: [Int]
  /// Original indices of the aliased columns, ascending.
  public let aliased: [Int]
  /// The `kept.count x kept.count` upper-triangular factor of `X[:, kept]` (`X_k = Q r`).
  public let r: Matrix
  /// Estimated 1-norm condition number of the kept columns scaled to unit length (LAPACK
  /// dtrcon on `r` with unit-norm columns); 1 for orthogonal columns, infinite when rank is 0.
  public let conditionEstimate: Double

  let design: Matrix
  let outer: HouseholderQR
  let inner: LimitedPivotingQR

  /// Factors the design matrix and decides which columns are aliased.
  ///
  /// - Parameters:
  ///   - x: The n x p design matrix (any n, p, including rank-deficient and all-zero designs).
  ///   - tolerance: Rank tolerance on the remaining-norm ratio (R's `lm` uses 1e-7).
  /// - Throws: `LinearAlgebraError.lapackFailure(routine: "dgeqrt", info: -5)` if `x` contains
  ///   NaN (LAPACKE's input check); finite input of any shape does not throw.
  public init(_ x: Matrix, tolerance: Double = LeastSquaresQR.defaultTolerance) throws {
    design = x
    outer = try HouseholderQR(x)
    inner = LimitedPivotingQR(outer.r, tolerance: tolerance)
    rank = inner.rank
    kept = Array(inner.order[0..<inner.rank])
    aliased = inner.order[inner.rank...].sorted()
    r = inner.r
    conditionEstimate = Self.scaledConditionEstimate(inner.r)
  }

  /// Least-squares coefficients of `y` on the kept columns.
  ///
  /// - Parameter y: Response of length n.
  /// - Returns: `kept.count` coefficients, in the order of `kept`.
  public func coefficients(_ y: [Double]) -> [Double] {
    coefficients(Matrix(rows: y.count, columns: 1, storage: y)).storage
  }

  /// Least-squares coefficients for several right-hand sides.
  ///
  /// - Parameter y: Responses, n rows, one per column.
  /// - Returns: A `kept.count x y.columns` matrix of coefficients, rows in the order of `kept`.
  public func coefficients(_ y: Matrix) -> Matrix {
    let steps = conditionEstimate > Self.refinementThreshold ? Self.refinementSteps : 0
    return coefficients(y, refinementSteps: steps)
  }

  /// Condition number above which `coefficients` refines the solution.
  ///
  /// The forward error of a Householder least-squares solution is about
  /// eps * (kappa + kappa^2 * ||r|| / (||X|| ||b||)) (Golub & Van Loan, 5.3.8), with kappa the
  /// condition number of the column-scaled design (Householder QR is invariant to column
  /// scaling). Below kappa = 100 that is at most about 1e-12 relative, so refinement (which
  /// costs several more passes over the data) cannot change a reported digit; above it, it runs.
  static let refinementThreshold = 100.0

  /// Steps of iterative refinement applied by `coefficients` (see `refinedCoefficients`).
  ///
  /// One step, measured on NIST StRD (min coefficient LRE, none -> one step): Wampler5 6.1 -> 15,
  /// Wampler4 8.1 -> 15, Wampler3 9.1 -> 15, Longley 10.9 -> 14.6, Norris 12.6 -> 14.1,
  /// Filip 7.25 -> 7.6; further steps change nothing.
  static let refinementSteps = 1

  /// Coefficients with `refinementSteps` steps of iterative refinement, column by column.
  func coefficients(_ y: Matrix, refinementSteps: Int) -> Matrix {
    guard refinementSteps > 0, rank > 0 else { return solve(y) }
    let n = y.rows
    var b = Matrix(rows: rank, columns: y.columns)
    for k in 0..<y.columns {
      let yk = Array(y.storage[(k * n)..<((k + 1) * n)])
      let bk = refinedCoefficients(yk, steps: refinementSteps)
      b.storage.replaceSubrange((k * rank)..<((k + 1) * rank), with: bk)
    }
    return b
  }

  /// One pass of `Q'` and the triangular solve, without refinement.
  func solve(_ y: Matrix) -> Matrix {
    precondition(
      y.rows == outer.rows, "coefficients: \(y.rows) rows, need \(outer.rows)")
    let m = outer.reflectorCount
    var c = outer.applyQTranspose(y)
    var b = Matrix(rows: rank, columns: y.columns)
    let n = y.rows
    c.storage.withUnsafeMutableBufferPointer { pc in
      b.storage.withUnsafeMutableBufferPointer { pb in
        for k in 0..<y.columns {
          let column = UnsafeMutableBufferPointer(rebasing: pc[(k * n)..<(k * n + m)])
          inner.applyQTranspose(column)
          let target = UnsafeMutableBufferPointer(rebasing: pb[(k * rank)..<((k + 1) * rank)])
          for i in 0..<rank { target[i] = column[i] }
          solveUpperInPlace(r, target, transpose: false)
        }
      }
    }
    return b
  }

  /// 1 / dtrcon of `r` with its columns scaled to unit norm (the column norms of `X_k`).
  static func scaledConditionEstimate(_ r: Matrix) -> Double {
    let k = r.columns
    guard k > 0 else { return .infinity }
    var scaled = r
    for j in 0..<k {
      var norm = 0.0
      for i in 0...j { norm += r[i, j] * r[i, j] }
      let scale = norm > 0 ? 1 / norm.squareRoot() : 1
      for i in 0...j { scaled[i, j] *= scale }
    }
    return 1 / triangularReciprocalCondition(scaled)
  }

  /// The unscaled covariance `(X_k' X_k)^{-1} = r^{-1} r^{-T}` of the kept columns (dpotri).
  ///
  /// Multiply by `s^2 = RSS / (n - rank)` for the usual OLS covariance.
  /// - Returns: A full symmetric `kept.count x kept.count` matrix.
  public func unscaledCovariance() -> Matrix {
    Cholesky.inverse(ofUpperFactor: r)
  }
}
