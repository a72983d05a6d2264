import LinearAlgebra

/// A vector of quantities with its Jacobian with respect to the decomposition's parameter vector
/// θ, for the delta method: every part of an Oaxaca-Blinder decomposition is a sum of products
/// of such vectors' elements.
struct DeltaVector {
  /// The values.
  let values: [Double]
  /// Row i is the gradient of `values[i]` with respect to θ.
  let jacobian: Matrix

  /// `map` applied to the block of θ starting at `offset` holding `source`: values map·source
  /// and Jacobian map in that block (zeros elsewhere).
  init(map: Matrix, source: [Double], offset: Int, parameters: Int) {
    values = map.multiplied(by: source)
    var jacobian = Matrix(rows: map.rows, columns: parameters)
    for i in 0..<map.rows { for j in 0..<map.columns { jacobian[i, offset + j] = map[i, j] } }
    self.jacobian = jacobian
  }

  init(values: [Double], jacobian: Matrix) {
    self.values = values
    self.jacobian = jacobian
  }

  /// The elementwise sum of two vectors, each scaled.
  static func combine(_ a: DeltaVector, _ sa: Double, _ b: DeltaVector, _ sb: Double)
    -> DeltaVector
  {
    DeltaVector(
      values: zip(a.values, b.values).map { sa * $0 + sb * $1 },
      jacobian: Matrix(
        rows: a.jacobian.rows, columns: a.jacobian.columns,
        storage: zip(a.jacobian.storage, b.jacobian.storage).map { sa * $0 + sb * $1 }))
  }

  /// a - b.
  static func - (a: DeltaVector, b: DeltaVector) -> DeltaVector { combine(a, 1, b, -1) }

  /// The elementwise product (product rule for the Jacobian).
  static func * (u: DeltaVector, v: DeltaVector) -> DeltaVector {
    var jacobian = Matrix(rows: u.jacobian.rows, columns: u.jacobian.columns)
    for j in 0..<jacobian.columns {
      for i in 0..<jacobian.rows {
        jacobian[i, j] = u.values[i] * v.jacobian[i, j] + v.values[i] * u.jacobian[i, j]
      }
    }
    return DeltaVector(values: zip(u.values, v.values).map { $0 * $1 }, jacobian: jacobian)
  }

  /// Element `i`: its value and its standard error under `covariance`.
  func element(_ i: Int, covariance: Matrix) -> (estimate: Double, standardError: Double) {
    let gradient = (0..<jacobian.columns).map { jacobian[i, $0] }
    return (values[i], Self.standardError(gradient, covariance))
  }

  /// The sum of the elements: its value and its standard error under `covariance`.
  func total(covariance: Matrix) -> (estimate: Double, standardError: Double) {
    let gradient = (0..<jacobian.columns).map { j in
      (0..<jacobian.rows).reduce(0) { $0 + jacobian[$1, j] }
    }
    return (values.reduce(0, +), Self.standardError(gradient, covariance))
  }

  /// sqrt(g' V g).
  static func standardError(_ g: [Double], _ v: Matrix) -> Double {
    let vg = v.multiplied(by: g)
    return max(0, zip(g, vg).reduce(0) { $0 + $1.0 * $1.1 }).squareRoot()
  }
}
