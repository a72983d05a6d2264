import Formula
import LinearAlgebra

/// The designs that the pooled panel estimators solve.
///
/// Unit means (plm `between`) and first differences within unit (plm `fd`). The fits use them,
/// and so does disclosure control, which counts the learners behind each row of the matrix a
/// model actually solved.
public enum PanelDesignTransform {
  /// Unit means of every design column, one row per unit in code order.
  /// - Parameters:
  ///   - design: the design.
  ///   - unitCodes: the unit of each design row, coded `0..<unitCount`.
  ///   - unitCount: the number of units (each with at least one row).
  /// - Returns: the means and, per unit, the data row of its first observation.
  public static func unitMeans(of design: DesignMatrix, unitCodes: [Int], unitCount: Int)
    -> (x: Matrix, firstRows: [Int])
  {
    let n = design.nobs
    let k = design.x.columns
    var sizes = [Double](repeating: 0, count: unitCount)
    var firstRows = [Int](repeating: -1, count: unitCount)
    for i in 0..<n {
      let u = unitCodes[i]
      sizes[u] += 1
      if firstRows[u] < 0 { firstRows[u] = design.rows[i] }
    }
    var means = Matrix(rows: unitCount, columns: k)
    for j in 0..<k {
      for i in 0..<n { means.storage[j * unitCount + unitCodes[i]] += design.x.storage[j * n + i] }
      for u in 0..<unitCount { means.storage[j * unitCount + u] /= sizes[u] }
    }
    return (means, firstRows)
  }

  /// Differences of consecutive observations within unit, ordered by time; the intercept column
  /// stays a column of ones.
  /// - Parameters:
  ///   - design: the design.
  ///   - unitCodes: the unit of each design row (any integer coding).
  ///   - times: the time of each design row.
  /// - Returns: the differences and, per row, the design rows (earlier, later) it differences.
  public static func firstDifferences(of design: DesignMatrix, unitCodes: [Int], times: [Double])
    -> (x: Matrix, pairs: [(earlier: Int, later: Int)])
  {
    let n = design.nobs
    let k = design.x.columns
    let order = (0..<n).sorted { (unitCodes[$0], times[$0]) < (unitCodes[$1], times[$1]) }
    var pairs: [(earlier: Int, later: Int)] = []
    for p in 1..<max(order.count, 1) where unitCodes[order[p]] == unitCodes[order[p - 1]] {
      pairs.append((order[p - 1], order[p]))
    }
    let m = pairs.count
    var differences = Matrix(rows: m, columns: k)
    for j in 0..<k {
      let intercept = design.termIndexOfColumn[j] < 0
      for (r, pair) in pairs.enumerated() {
        differences.storage[j * m + r] =
          intercept
          ? 1 : design.x.storage[j * n + pair.later] - design.x.storage[j * n + pair.earlier]
      }
    }
    return (differences, pairs)
  }
}
