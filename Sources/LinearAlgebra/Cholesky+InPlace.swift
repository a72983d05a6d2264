import CLinearAlgebra

extension Cholesky {
  /// Factors the symmetric positive definite `order x order` block at `a` (column-major, leading
  /// dimension `leadingDimension`) in place as `U'U` (LAPACK dpotrf, upper triangle): for a block
  /// of a larger matrix, without copying it out and back.
  ///
  /// Only the upper triangle is read and written. LAPACKE's `_work` entry point skips its scan
  /// of the input for NaN (a pass over the whole block per call); a NaN fails the factorisation.
  /// - Parameters:
  ///   - a: the block's first element.
  ///   - order: the block's order.
  ///   - leadingDimension: the distance between its columns, at least `order`.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite(leadingMinor:)` as `init`.
  public static func factorInPlace(
    _ a: UnsafeMutablePointer<Double>, order: Int, leadingDimension: Int
  ) throws {
    guard order > 0 else { return }
    let info = LAPACKE_dpotrf_work(
      lapackColumnMajor, lapackChar("U"), Int32(order), a, lapackLeading(leadingDimension))
    if info > 0 { throw LinearAlgebraError.notPositiveDefinite(leadingMinor: Int(info)) }
    try lapackCheck(info, "dpotrf")
  }

  /// Inverts the upper-triangular `order x order` block at `a` in place (LAPACK dtrtri), leading
  /// dimension `leadingDimension`; the strict lower triangle is not touched.
  /// - Throws: `LinearAlgebraError.singular(diagonalIndex:)` for a zero on the diagonal.
  public static func invertUpperInPlace(
    _ a: UnsafeMutablePointer<Double>, order: Int, leadingDimension: Int
  ) throws {
    guard order > 0 else { return }
    let info = LAPACKE_dtrtri_work(
      lapackColumnMajor, lapackChar("U"), lapackChar("N"), Int32(order), a,
      lapackLeading(leadingDimension))
    if info > 0 { throw LinearAlgebraError.singular(diagonalIndex: Int(info)) }
    try lapackCheck(info, "dtrtri")
  }
}
