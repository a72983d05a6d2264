/// A failure of a factorisation or solver, with enough detail to say what went wrong where.
///
/// Numerical conditions a caller can act on (a matrix that is not positive definite, an exactly
/// singular triangular factor, an iteration that did not converge) are reported here rather than
/// trapping, so no input can end the process by a signal.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Operand shapes do not fit the operation (e.g. a right-hand side of the wrong length).
  case dimensionMismatch(operation: String, detail: String)
  /// A LAPACK routine returned a nonzero `info`; `info < 0` means argument `-info` was illegal
  /// (LAPACKE also reports a matrix argument containing NaN this way).
  case lapackFailure(routine: String, info: Int)
  /// Cholesky factorisation failed: the leading minor of this order (1-based) is not positive.
  case notPositiveDefinite(leadingMinor: Int)
  /// A triangular factor has an exact zero on its diagonal at this index (1-based, as LAPACK).
  case singular(diagonalIndex: Int)
  /// An iterative routine (SVD, eigensolver) did not converge; `info` as returned by LAPACK.
  case noConvergence(routine: String, info: Int)

  /// A one-line, human-readable explanation.
  public var description: String {
    switch self {
    case .dimensionMismatch(let operation, let detail):
      return "dimension mismatch in \(operation): \(detail)"
    case .lapackFailure(let routine, let info):
      if info < 0 {
        return "\(routine): argument \(-info) had an illegal value (or contains NaN)"
      }
      return "\(routine) failed with info = \(info)"
    case .notPositiveDefinite(let leadingMinor):
      return
        "matrix is not positive definite: leading minor of order \(leadingMinor) is not positive"
    case .singular(let diagonalIndex):
      return
        "matrix is singular: diagonal element \(diagonalIndex) of the triangular factor is zero"
    case .noConvergence(let routine, let info):
      return "\(routine) did not converge (info = \(info))"
    }
  }
}
