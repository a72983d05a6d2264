import DataTable
import Formula

/// The model matrix a fit actually solved, for counting the learners behind each coefficient: the
/// design itself for most kinds, its first differences within unit for `fd` (plm `fd`: each
/// observation minus the unit's previous one in time, the intercept kept as ones) and its unit
/// means for `between`.
///
/// `rows` maps each model row to a data row of its learner.
struct ModelSample {
  /// Model-matrix column names.
  let columnNames: [String]
  /// The formula term of each column (-1 for the intercept).
  let termIndexOfColumn: [Int]
  /// The matrix, column-major, `nobs` rows.
  let x: [Double]
  /// For each model row, a data row of the learner it belongs to.
  let rows: [Int]

  /// Number of model rows.
  var nobs: Int { rows.count }

  /// The design as it is (pooled, fixed-effects and GLM kinds).
  init(_ design: DesignMatrix) {
    columnNames = design.columnNames
    termIndexOfColumn = design.termIndexOfColumn
    x = design.x.storage
    rows = design.rows
  }

  private init(names: [String], terms: [Int], x: [Double], rows: [Int]) {
    columnNames = names
    termIndexOfColumn = terms
    self.x = x
    self.rows = rows
  }

  /// The sample of `kind` on `design`, or `nil` when the panel it needs is missing.
  static func of(kind: String, design: DesignMatrix, data: DataTable, panel: PanelDeclaration?)
    -> ModelSample?
  {
    guard kind == "fd" || kind == "between" else { return ModelSample(design) }
    guard let unitName = panel?.unit, let timeName = panel?.time, let unit = data[unitName],
      let time = data[timeName]
    else { return nil }
    var codes: [String: Int] = [:]
    let unitOf = design.rows.map { row -> Int in
      let key = unit.stringValue(row) ?? ""
      if let code = codes[key] { return code }
      codes[key] = codes.count
      return codes.count - 1
    }
    let n = design.nobs
    let k = design.columnNames.count
    if kind == "between" {
      var sums = [Double](repeating: 0, count: codes.count * k)
      var sizes = [Double](repeating: 0, count: codes.count)
      var firstRow = [Int](repeating: -1, count: codes.count)
      for i in 0..<n {
        let u = unitOf[i]
        sizes[u] += 1
        if firstRow[u] < 0 { firstRow[u] = design.rows[i] }
        for j in 0..<k { sums[j * codes.count + u] += design.x.storage[j * n + i] }
      }
      for j in 0..<k { for u in 0..<codes.count { sums[j * codes.count + u] /= sizes[u] } }
      return ModelSample(
        names: design.columnNames, terms: design.termIndexOfColumn, x: sums, rows: firstRow)
    }
    let times = design.rows.map { time.doubleValue($0) ?? .nan }
    let order = (0..<n).sorted { (unitOf[$0], times[$0]) < (unitOf[$1], times[$1]) }
    var pairs: [(Int, Int)] = []
    for p in 1..<max(order.count, 1) where unitOf[order[p]] == unitOf[order[p - 1]] {
      pairs.append((order[p - 1], order[p]))
    }
    let m = pairs.count
    var differences = [Double](repeating: 0, count: m * k)
    for j in 0..<k {
      let intercept = design.termIndexOfColumn[j] < 0
      for (r, pair) in pairs.enumerated() {
        differences[j * m + r] =
          intercept ? 1 : design.x.storage[j * n + pair.1] - design.x.storage[j * n + pair.0]
      }
    }
    return ModelSample(
      names: design.columnNames, terms: design.termIndexOfColumn, x: differences,
      rows: pairs.map { design.rows[$0.1] })
  }
}
