import DataTable
import Formula

extension RegressionColumn {
  /// The factor and level of a main-effect factor term: `region[Limburg]` is (`region`,
  /// `Limburg`); `nil` for other terms (numbers, interactions).
  static func factorLevel(_ term: String) -> (factor: String, level: String)? {
    guard !term.contains(":"), term.hasSuffix("]"), let open = term.firstIndex(of: "["),
      open != term.startIndex
    else { return nil }
    let level = term[term.index(after: open)..<term.index(before: term.endIndex)]
    return (String(term[..<open]), String(level))
  }

  /// The column with `references` filled from the data it was fitted on: for every factor with
  /// main-effect rows, the one level of its data column that has no row (the omitted reference
  /// of treatment coding, `C(x, ref=...)` included).
  ///
  /// A factor is skipped when its column is an identifier (its levels are never published), is
  /// not in the data, or when not exactly one level lacks a row (no intercept, or a level absent
  /// from the model's rows): the row would then guess.
  /// - Parameters:
  ///   - data: the analysis's data.
  ///   - identifiers: identifier columns.
  /// - Returns: the column with its references.
  public func withReferences(data: DataTable, identifiers: Set<String>) -> RegressionColumn {
    var present: [String: Set<String>] = [:]
    var order: [String] = []
    for row in rows {
      guard let (factor, level) = Self.factorLevel(row.term) else { continue }
      if present[factor] == nil { order.append(factor) }
      present[factor, default: []].insert(level)
    }
    var copy = self
    copy.references = [:]
    for factor in order where !identifiers.contains(factor) {
      guard let levels = present[factor], let column = try? data.column(named: factor),
        let labels = column.factorLabels, levels.isSubset(of: Set(labels))
      else { continue }
      let missing = labels.filter { !levels.contains($0) }
      if missing.count == 1 { copy.references[factor] = missing[0] }
    }
    return copy
  }

  /// The same column under another heading (references kept).
  /// - Parameter label: the heading.
  /// - Returns: the relabelled column.
  public func relabelled(_ label: String) -> RegressionColumn {
    var copy = RegressionColumn(
      label: label, model: model, response: response, rows: rows, statistics: statistics,
      fixedEffects: fixedEffects, standardErrors: standardErrors, level: level)
    copy.references = references
    return copy
  }
}

extension PreparedStudy {
  /// The study's regression columns with their factors' reference levels, each from the data
  /// its analysis was fitted on.
  /// - Parameter columns: columns of this study's analyses.
  /// - Returns: the columns with `references` filled.
  public func withReferences(_ columns: [RegressionColumn]) -> [RegressionColumn] {
    columns.map { column in
      column.withReferences(data: analysisData[column.label] ?? data, identifiers: identifiers)
    }
  }
}
