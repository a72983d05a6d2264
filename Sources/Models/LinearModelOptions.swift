/// How observation weights are understood.
public enum WeightKind: String, Sendable, CaseIterable {
  /// Analytic (precision) weights: observation i has variance sigma^2 / w_i. R's `lm(weights=)`,
  /// Stata's `aweight` up to scale. Degrees of freedom count observations.
  case analytic
  /// Frequency weights: observation i stands for w_i identical observations (Stata's `fweight`).
  /// Degrees of freedom count sum(w).
  case frequency
}

/// The factorisation used to solve least squares.
public enum LeastSquaresSolver: String, Sendable, CaseIterable {
  /// Householder QR of X with R's rank policy: accurate on ill-conditioned designs. The default.
  case qr
  /// Cholesky of X'X with rank detection in column order (as fixest): faster, squares the
  /// condition number, so use it on well-conditioned designs.
  case cholesky
}
