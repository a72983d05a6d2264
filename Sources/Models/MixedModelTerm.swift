import Formula

/// One random-effect term prepared for the blocked system: `p` varying columns per level of a
/// grouping factor, and the relative covariance factor `lambda` (lower triangular, `p x p`) that
/// the parameters `theta` fill column by column (lme4's order).
struct MixedModelTerm: Sendable {
  /// The grouping factor's label.
  let group: String
  /// Names of the varying columns.
  let columnNames: [String]
  /// Level labels.
  let levelLabels: [String]
  /// The level of every observation.
  let codes: [Int32]
  /// The varying columns, `n x p` column-major.
  private(set) var values: [Double]

  /// Varying columns per level.
  var p: Int { columnNames.count }
  /// Number of levels.
  var levels: Int { levelLabels.count }
  /// Random effects of the term, levels x columns.
  var q: Int { p * levels }
  /// Parameters of the term's relative covariance factor.
  var thetaCount: Int { p * (p + 1) / 2 }

  /// Builds a term from the formula layer's block.
  init(_ block: RandomEffectBlock) {
    group = block.group
    columnNames = block.columnNames
    levelLabels = block.levels
    codes = block.codes
    values = block.values.storage
  }

  /// The same term with every observation's varying values multiplied by `weights[i]`.
  func scaled(by weights: [Double]) -> MixedModelTerm {
    var copy = self
    let n = weights.count
    for c in 0..<p {
      for i in 0..<n { copy.values[i + c * n] *= weights[i] }
    }
    return copy
  }

  /// Lower bounds of the term's parameters: 0 on the diagonal of lambda, none elsewhere.
  var thetaLowerBounds: [Double] {
    var out: [Double] = []
    for column in 0..<p {
      for row in column..<p { out.append(row == column ? 0 : -.infinity) }
    }
    return out
  }

  /// The starting parameters of lme4: lambda = identity.
  var thetaStart: [Double] {
    var out: [Double] = []
    for column in 0..<p {
      for row in column..<p { out.append(row == column ? 1 : 0) }
    }
    return out
  }

  /// Lambda (`p x p`, column-major, zero above the diagonal) from the term's parameters.
  func lambda(_ theta: ArraySlice<Double>) -> [Double] {
    var out = [Double](repeating: 0, count: p * p)
    var k = theta.startIndex
    for column in 0..<p {
      for row in column..<p {
        out[row + column * p] = theta[k]
        k += 1
      }
    }
    return out
  }
}
