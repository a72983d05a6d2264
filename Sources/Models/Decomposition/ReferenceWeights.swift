import LinearAlgebra

/// The reference coefficients of a twofold decomposition as a linear map of the group
/// coefficients, β* = W_A β_A + W_B β_B, so that the delta method reaches them through β_A and
/// β_B.
///
/// For the pooled regressions this is exact: with an intercept in each group's design the
/// residuals of each group are orthogonal to its design, so X'y = X_A'X_A β_A + X_B'X_B β_B, and
/// the pooled coefficients (X'X)^-1 X'y are the matrix-weighted average of Oaxaca and Ransom
/// (1994). With the group indicator D (1 in group A), Z = [X, D] and Z'y = Z_A'X_A β_A +
/// Z_B'X_B β_B; β* is the first k rows of (Z'Z)^-1 Z'y.
struct ReferenceWeights {
  let wa: Matrix
  let wb: Matrix

  /// The weights of `reference` for the fitted groups.
  /// - Throws: `DecompositionError.collinear` when the pooled design is singular.
  init(_ reference: DecompositionReference, sample: DecompositionSample) throws {
    let k = sample.a.beta.count
    let identity = Matrix.identity(k)
    let zero = Matrix(rows: k, columns: k)
    let na = Double(sample.a.count)
    let nb = Double(sample.b.count)
    switch reference {
    case .a: (wa, wb) = (identity, zero)
    case .b: (wa, wb) = (zero, identity)
    case .reimers: (wa, wb) = (Self.scaled(identity, 0.5), Self.scaled(identity, 0.5))
    case .cotton:
      (wa, wb) = (Self.scaled(identity, na / (na + nb)), Self.scaled(identity, nb / (na + nb)))
    case .neumark:
      let gramA = sample.a.x.crossProduct()
      let gramB = sample.b.x.crossProduct()
      let inverse = try Self.inverse(Self.sum(gramA, gramB), names: sample.design.columnNames)
      (wa, wb) = (inverse * gramA, inverse * gramB)
    case .pooled:
      (wa, wb) = try Self.pooledWithIndicator(sample)
    }
  }

  /// W_A and W_B of the pooled regression with a group indicator.
  static func pooledWithIndicator(_ sample: DecompositionSample) throws -> (Matrix, Matrix) {
    let k = sample.a.beta.count
    let gramA = sample.a.x.crossProduct()
    let gramB = sample.b.x.crossProduct()
    // Z'Z = [[X'X, X_A'1], [1'X_A, n_A]].
    var zz = Matrix(rows: k + 1, columns: k + 1)
    for i in 0..<k {
      for j in 0..<k { zz[i, j] = gramA[i, j] + gramB[i, j] }
      let columnSum = sample.a.means[i] * Double(sample.a.count)
      zz[i, k] = columnSum
      zz[k, i] = columnSum
    }
    zz[k, k] = Double(sample.a.count)
    let inverse = try Self.inverse(zz, names: sample.design.columnNames + ["group indicator"])
    // Z_A'X_A = [X_A'X_A; 1'X_A], Z_B'X_B = [X_B'X_B; 0].
    var za = Matrix(rows: k + 1, columns: k)
    var zb = Matrix(rows: k + 1, columns: k)
    for j in 0..<k {
      for i in 0..<k {
        za[i, j] = gramA[i, j]
        zb[i, j] = gramB[i, j]
      }
      za[k, j] = sample.a.means[j] * Double(sample.a.count)
    }
    let fullA = inverse * za
    let fullB = inverse * zb
    let rows = Array(0..<k)
    let columns = Array(0..<k)
    return (
      fullA.selecting(rows: rows, columns: columns), fullB.selecting(rows: rows, columns: columns)
    )
  }

  static func scaled(_ m: Matrix, _ factor: Double) -> Matrix {
    Matrix(rows: m.rows, columns: m.columns, storage: m.storage.map { $0 * factor })
  }

  static func sum(_ a: Matrix, _ b: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, storage: zip(a.storage, b.storage).map { $0 + $1 })
  }

  /// The inverse of a symmetric positive definite cross-product matrix.
  /// - Throws: `DecompositionError.collinear` naming the first failing column.
  static func inverse(_ gram: Matrix, names: [String]) throws -> Matrix {
    do {
      return try Cholesky(gram).inverse()
    } catch LinearAlgebraError.notPositiveDefinite(let minor) {
      throw DecompositionError.collinear(term: names[max(0, min(minor - 1, names.count - 1))])
    }
  }
}
