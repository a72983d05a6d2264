import DataTable

extension Column {
  /// The level labels of the column used as a factor (`C(x)`), sorted as the model codes them and
  /// spelt as its coefficient names print them (`x[label]`), over the rows where it is not
  /// missing; `nil` when it has no such row.
  public var factorLabels: [String]? {
    let rows = (0..<count).filter { !isMissing($0) }
    guard !rows.isEmpty else { return nil }
    return FactorValues.make(column: self, rows: rows, referenceLabel: nil)?.labels
  }
}
