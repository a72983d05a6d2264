import Formula
import LinearAlgebra

/// The normalisation of Yun (2005) for categorical covariates, as linear maps of the design's
/// coefficients and means onto a layout with every level of each factor.
///
/// For a factor with L levels and the omitted level's coefficient 0, each level's coefficient
/// becomes β_l - c with c = Σ_l β_l / L, the omitted level gets -c and the intercept β_0 + c; the
/// omitted level's mean is 1 - Σ of the other levels' means. Fitted values, and so every
/// aggregate part of a decomposition, are unchanged; the detailed parts of the factor's levels
/// no longer depend on which level was omitted.
struct YunNormalisation {
  /// Names of the normalised layout (the design's, with each omitted level added before its
  /// factor's columns).
  let names: [String]
  /// Coefficient map: normalised = T β (names.count x k).
  let coefficients: Matrix
  /// Mean map: normalised = M m (names.count x k); uses the intercept's mean of 1.
  let means: Matrix
  /// For each normalised row, the factor it belongs to (nil for other terms).
  let factorOfRow: [String?]

  /// The identity layout (no normalisation).
  init(identityFor names: [String]) {
    self.names = names
    coefficients = Matrix.identity(names.count)
    means = Matrix.identity(names.count)
    factorOfRow = names.map { _ in nil }
  }

  /// The normalisation of every main-effect factor term of `design`.
  /// - Throws: `DecompositionError.unsupported` without an intercept or without a factor term.
  init(design: DesignMatrix) throws {
    let names = design.columnNames
    guard let intercept = names.firstIndex(of: "(Intercept)") else {
      throw DecompositionError.unsupported(
        "the normalisation of categorical terms needs an intercept in the formula")
    }
    var groups: [(factor: String, base: String, columns: [Int])] = []
    for (t, term) in design.formula.terms.enumerated() where term.atoms.count == 1 {
      let columns = design.termIndexOfColumn.indices.filter { design.termIndexOfColumn[$0] == t }
      guard let first = columns.first, let open = names[first].firstIndex(of: "[") else { continue }
      let factor = String(names[first][..<open])
      guard let levels = design.factorLevels[factor], levels.count == columns.count + 1 else {
        continue
      }
      let present = Set(columns.map { names[$0] })
      guard let base = levels.first(where: { !present.contains("\(factor)[\($0)]") }) else {
        continue
      }
      groups.append((factor, "\(factor)[\(base)]", columns))
    }
    guard !groups.isEmpty else {
      throw DecompositionError.unsupported(
        "the normalisation of categorical terms found no factor main effect in the formula "
          + "(write C(x) for a categorical covariate)")
    }
    let k = names.count
    var rows: [(name: String, beta: [Double], mean: [Double], factor: String?)] = []
    var interceptRow = [Double](repeating: 0, count: k)
    interceptRow[intercept] = 1
    for group in groups {
      let share = 1 / Double(group.columns.count + 1)
      for j in group.columns { interceptRow[j] += share }
    }
    for j in 0..<k {
      if let group = groups.first(where: { $0.columns.first == j }) {
        let share = 1 / Double(group.columns.count + 1)
        var beta = [Double](repeating: 0, count: k)
        var mean = [Double](repeating: 0, count: k)
        mean[intercept] = 1
        for c in group.columns {
          beta[c] = -share
          mean[c] = -1
        }
        rows.append((group.base, beta, mean, group.factor))
      }
      var mean = [Double](repeating: 0, count: k)
      mean[j] = 1
      if j == intercept {
        rows.append((names[j], interceptRow, mean, nil))
      } else if let group = groups.first(where: { $0.columns.contains(j) }) {
        let share = 1 / Double(group.columns.count + 1)
        var beta = [Double](repeating: 0, count: k)
        for c in group.columns { beta[c] = -share }
        beta[j] += 1
        rows.append((names[j], beta, mean, group.factor))
      } else {
        var beta = [Double](repeating: 0, count: k)
        beta[j] = 1
        rows.append((names[j], beta, mean, nil))
      }
    }
    self.names = rows.map(\.name)
    coefficients = Matrix(rowMajor: rows.map(\.beta))
    means = Matrix(rowMajor: rows.map(\.mean))
    factorOfRow = rows.map(\.factor)
  }
}
