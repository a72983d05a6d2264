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
  private(set) var levelLabels: [String]
  /// The level of every observation.
  private(set) var codes: [Int32]
  /// For a term whose levels were reordered for the factorisation, the original index of each
  /// level (`nil`: the order as built).
  private(set) var originalLevel: [Int]?
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

  /// The same term with its levels in `order` (`order[new] = old`).
  func reordered(_ order: [Int]) -> MixedModelTerm {
    var copy = self
    var newIndex = [Int32](repeating: 0, count: levels)
    for (new, old) in order.enumerated() { newIndex[old] = Int32(new) }
    copy.codes = codes.map { newIndex[Int($0)] }
    copy.levelLabels = order.map { levelLabels[$0] }
    copy.originalLevel = order.map { originalLevel?[$0] ?? $0 }
    return copy
  }

  /// Per-level blocks of `width` values (modes, conditional variances) back in the original
  /// level order, and the labels in that order.
  func inOriginalOrder(_ values: [Double], width: Int) -> [Double] {
    guard let originalLevel else { return values }
    var out = values
    for (new, old) in originalLevel.enumerated() {
      for e in 0..<width { out[old * width + e] = values[new * width + e] }
    }
    return out
  }

  /// The level labels in their original order.
  var originalLabels: [String] {
    guard let originalLevel else { return levelLabels }
    var out = levelLabels
    for (new, old) in originalLevel.enumerated() { out[old] = levelLabels[new] }
    return out
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
