import DataTable
import Formula

extension DesignMatrix {
  /// The values of a numeric column (weights, an offset) on the design's rows, each checked.
  /// - Parameters:
  ///   - column: the column.
  ///   - textMessage: the refusal when the column holds text.
  ///   - check: throws for a value the model cannot use, given it and its 1-based data row.
  /// - Returns: the values, one per design row.
  /// - Throws: `ModelError.unsupported(textMessage)` for a text column, or what `check` throws.
  func checkedValues(
    of column: Column, textMessage: String, check: (Double, Int) throws -> Void
  ) throws -> [Double] {
    guard let all = column.doubles() else { throw ModelError.unsupported(textMessage) }
    return try rows.map { row in
      try check(all[row], row + 1)
      return all[row]
    }
  }

  /// Weights on the design's rows, checked finite and non-negative.
  func weightValues(_ column: Column) throws -> [Double] {
    try checkedValues(
      of: column,
      textMessage: "weight column '\(column.name)' is text; weights must be numbers"
    ) { value, row in
      guard value.isFinite, value >= 0 else {
        throw ModelError.badWeight(column: column.name, row: row, value: value)
      }
    }
  }

  /// Offset values on the design's rows, checked finite.
  func offsetValues(_ column: Column) throws -> [Double] {
    try checkedValues(
      of: column, textMessage: "offset column '\(column.name)' is text; an offset must be numeric"
    ) { value, row in
      guard value.isFinite else {
        throw ModelError.badResponse(
          column: column.name,
          message: "offset has the non-finite value \(value) on data row \(row)")
      }
    }
  }
}
