import DataTable
import Formula
import Models

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
    if kind == "between" {
      let (means, firstRows) = PanelDesignTransform.unitMeans(
        of: design, unitCodes: unitOf, unitCount: codes.count)
      return ModelSample(
        names: design.columnNames, terms: design.termIndexOfColumn, x: means.storage,
        rows: firstRows)
    }
    let times = design.rows.map { time.doubleValue($0) ?? .nan }
    let (differences, pairs) = PanelDesignTransform.firstDifferences(
      of: design, unitCodes: unitOf, times: times)
    return ModelSample(
      names: design.columnNames, terms: design.termIndexOfColumn, x: differences.storage,
      rows: pairs.map { design.rows[$0.later] })
  }
}
