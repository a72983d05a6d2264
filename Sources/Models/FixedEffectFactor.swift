import DataTable
import Formula
import Inference

/// One fixed effect on the rows a model uses: dense level codes and how to name each level.
///
/// A combined effect `school^year` gets one level per observed pair of values.
public struct FixedEffectFactor: Sendable {
  /// Label as written in the formula (`learner_id`, `school^year`).
  public let name: String
  /// Level of each observation, 0..<levelCount.
  public let codes: [Int32]
  /// Number of levels.
  public let levelCount: Int
  /// For each level, a row position (into the model's rows) where it occurs: used to name it.
  let firstPosition: [Int]
  /// Columns combined (one unless `^` was used).
  let columns: [Column]
  /// Table rows of the observations, aligned with `codes`.
  let rows: [Int]

  /// Builds the factor of a fixed-effect term on the given table rows.
  /// - Parameters:
  ///   - term: the parsed term (variables combined by `^`).
  ///   - data: the table.
  ///   - rows: table rows used (no missing value in the term's columns).
  ///   - formula: the formula text, for error messages.
  /// - Throws: `FormulaError.unsupported` when the term is an expression rather than a column.
  public init(term: FixedEffectTerm, data: DataTable, rows: [Int], formula: String) throws {
    var columns: [Column] = []
    for node in term.variables {
      guard case .variable(let name, _) = node else {
        throw FormulaError.unsupported(
          formula: formula,
          message: "fixed effect '\(node.text)' must be a column name (combine columns with ^)")
      }
      columns.append(try data.column(named: name))
    }
    var index =
      columns.count > 0 ? ClusterIndex(column: columns[0], rows: rows) : ClusterIndex(keys: [Int]())
    for column in columns.dropFirst() {
      index = DenseCodes.intersection(index, ClusterIndex(column: column, rows: rows))
    }
    self.init(
      name: term.label, codes: index.codes, levelCount: index.count, columns: columns, rows: rows)
  }

  init(name: String, codes: [Int32], levelCount: Int, columns: [Column], rows: [Int]) {
    self.name = name
    self.codes = codes
    self.levelCount = levelCount
    self.columns = columns
    self.rows = rows
    var first = [Int](repeating: -1, count: levelCount)
    for (i, code) in codes.enumerated() where first[Int(code)] < 0 { first[Int(code)] = i }
    self.firstPosition = first
  }

  /// The same factor on a subset of observations (positions, ascending), with levels renumbered
  /// densely in order of first appearance.
  func restricted(to positions: [Int]) -> FixedEffectFactor {
    var map = [Int32](repeating: -1, count: levelCount)
    var next: Int32 = 0
    var codes = [Int32](repeating: 0, count: positions.count)
    for (i, p) in positions.enumerated() {
      let old = Int(self.codes[p])
      if map[old] < 0 {
        map[old] = next
        next += 1
      }
      codes[i] = map[old]
    }
    return FixedEffectFactor(
      name: name, codes: codes, levelCount: Int(next), columns: columns,
      rows: positions.map { rows[$0] })
  }

  /// The text of a level, such as `"1042"` or `"12^2019"` for a combined effect.
  public func levelName(_ level: Int) -> String {
    let row = rows[firstPosition[level]]
    return columns.map { $0.stringValue(row) ?? "NA" }.joined(separator: "^")
  }

  /// The cluster index of this factor (each level a cluster).
  var clusterIndex: ClusterIndex { ClusterIndex(codes: codes, count: levelCount) }
}
