/// The random-effect block of the tail's cross products, `Z_rest' Z_rest`, stored sparse by
/// columns: an observation touches one level per term, so the block has at most a few entries
/// per observation (for a single scalar term such as `(1 | school_id)` it is diagonal), and a
/// dense copy would grow with the square of the levels.
///
/// Kept: the upper triangle, and each level's own `p x p` block in full (the scaling by a
/// term's `lambda` mixes its rows and columns).
struct MixedModelRestCross: Sendable {
  /// For column j, `columnStart[j]..<columnStart[j+1]` indexes `rows` and `values`.
  let columnStart: [Int]
  /// Row of each entry, ascending within its column.
  let rows: [Int32]
  /// The cross products.
  let values: [Double]

  /// Sums the observations' products.
  /// - Parameters:
  ///   - terms: all terms, the leading one first (not included).
  ///   - offsets: each non-leading term's first tail coordinate.
  ///   - qRest: random effects of the non-leading terms.
  init(terms: [MixedModelTerm], offsets: [Int], qRest: Int) {
    var pairRows: [Int32] = []
    var pairColumns: [Int32] = []
    var pairValues: [Double] = []
    let n = terms.first?.codes.count ?? 0
    for i in 0..<n {
      for k in terms.indices.dropFirst() {
        let a = terms[k]
        let baseA = offsets[k] + Int(a.codes[i]) * a.p
        for l in terms.indices.dropFirst() where l >= k {
          let b = terms[l]
          let baseB = offsets[l] + Int(b.codes[i]) * b.p
          for ca in 0..<a.p {
            for cb in 0..<b.p {
              let (row, column) = (baseA + ca, baseB + cb)
              // Another term's coordinates (all larger): the upper triangle only.
              guard l == k || row < column else { continue }
              pairRows.append(Int32(row))
              pairColumns.append(Int32(column))
              pairValues.append(a.values[i + ca * n] * b.values[i + cb * n])
            }
          }
        }
      }
    }
    // Bucket by column, then merge equal rows with a dense accumulator.
    let (start, order) = MixedModelSystem.observationsByLevel(pairColumns, levels: qRest)
    var sum = [Double](repeating: 0, count: qRest)
    var seen = [Bool](repeating: false, count: qRest)
    var touched: [Int32] = []
    var columnStart = [0]
    var rows: [Int32] = []
    var values: [Double] = []
    for j in 0..<qRest {
      touched.removeAll(keepingCapacity: true)
      for e in order[start[j]..<start[j + 1]] {
        let row = Int(pairRows[e])
        if !seen[row] {
          seen[row] = true
          touched.append(pairRows[e])
        }
        sum[row] += pairValues[e]
      }
      touched.sort()
      for row in touched {
        rows.append(row)
        values.append(sum[Int(row)])
        sum[Int(row)] = 0
        seen[Int(row)] = false
      }
      columnStart.append(rows.count)
    }
    self.columnStart = columnStart
    self.rows = rows
    self.values = values
  }
}
