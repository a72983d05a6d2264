import DataTable

/// One table of a describe analysis before suppression: its count table and what each cell
/// shows.
struct DescribePart: Sendable {
  /// The count table (one cell per listed row of the report table).
  let table: CountTable
  /// The described variable.
  let variable: String
  /// Whether the variable is summarised by level counts.
  let categorical: Bool
  /// Numeric: moments per cell.
  let moments: [Moments]
  /// Categorical: per cell, the index of the cell holding its group's total (the share's
  /// denominator; the cell itself for a total).
  let totalCell: [Int]
  /// Numeric 0/1: the counts its means reveal, three count cells per published cell.
  var split: BinarySplit? = nil
  /// Numeric 0/1 over the split's size limit: its counts at 0 and 1 are not cells of the table
  /// (see `BinarySplit.limited`).
  var unprotectedSplit: BinarySplit? = nil
}

extension DescribeAnalysis {
  /// N, mean and SD of a numeric variable per group, then over all groups.
  func numericPart(
    _ column: Column, context: AnalysisContext, learners index: inout LearnerIndex,
    dominance: inout DominanceIndex?
  ) throws -> DescribePart {
    let values = column.doubles() ?? []
    let counted = (0..<context.data.rowCount).filter { !values[$0].isNaN }
    let classes = try CrossClassification(
      table: context.data, by: by, rows: counted, analysis: name)
    // The mean of a 0/1 variable is a share: it reveals the counts at 0 and at 1.
    let fullSplit = BinarySplit(
      expression: column.name, values: values, data: context.data, by: by)
    var cells: [CountCell] = []
    var moments: [Moments] = []
    func add(_ levels: [String?], _ rows: [Int]) {
      cells +=
        fullSplit?.cells(levels: levels, rows: rows, learners: &index, dominance: &dominance)
        ?? [
          CountCell(
            levels: levels, count: rows.count, learners: index.count(rows: rows),
            dominated: dominance?.dominates(rows: rows) ?? false)
        ]
      moments.append(Moments(rows.map { values[$0] }))
    }
    for (i, rows) in classes.rows.enumerated() { add(classes.key(i), rows) }
    if !by.isEmpty { add(by.map { _ in nil }, counted) }
    let population = Population(
      rows: counted, description: "rows with \(column.name) present")
    let (kept, split, limited) = BinarySplit.limited(
      cells, split: fullSplit, minCell: context.disclosure.minCell)
    return DescribePart(
      table: CountTable(
        id: "\(name)/numeric:\(column.name)", population: population,
        variables: by + (split.map { [$0.variable] } ?? []), cells: kept,
        variablesWithMissing: classes.columnsWithMissing),
      variable: column.name, categorical: false, moments: moments, totalCell: [], split: split,
      unprotectedSplit: limited ? fullSplit : nil)
  }

  /// Counts of a categorical variable per group and level, with each group's total and the
  /// totals over groups.
  func levelPart(
    _ column: Column, context: AnalysisContext, learners index: inout LearnerIndex,
    dominance: inout DominanceIndex?
  ) throws -> DescribePart {
    let counted = (0..<context.data.rowCount).filter { column.stringValue($0) != nil }
    let classes = try CrossClassification(
      table: context.data, by: by + [column.name], rows: counted, analysis: name)
    let levels = classes.levels.last ?? []
    let groupCount = levels.isEmpty ? 0 : classes.rows.count / levels.count
    var cells: [CountCell] = []
    var totalCell: [Int] = []
    func add(_ key: [String?], _ rows: [Int], total: Int) {
      totalCell.append(total)
      cells.append(
        CountCell(
          levels: key, count: rows.count, learners: index.count(rows: rows),
          dominated: dominance?.dominates(rows: rows) ?? false))
    }
    // Groups in order, each: its levels, then its total.
    var overLevels = [[Int]](repeating: [], count: levels.count)
    for g in 0..<groupCount {
      let first = cells.count
      let total = first + levels.count
      var groupRows: [Int] = []
      for l in levels.indices {
        let i = g * levels.count + l
        let key = classes.key(i)
        let rows = classes.rows[i]
        add(Array(key.dropLast()) + [key.last], rows, total: total)
        groupRows += rows
        overLevels[l] += rows
      }
      let key = classes.key(g * levels.count).dropLast().map { Optional($0) }
      add(key + [nil], groupRows, total: total)
    }
    if !by.isEmpty {
      // All groups (rows with a missing by value included).
      let total = cells.count + levels.count
      let missing = classes.columnsWithMissing.filter { by.contains($0) }
      var byLevel: [[Int]] = overLevels
      if !missing.isEmpty {
        var rowsOf: [String: [Int]] = [:]
        for row in counted {
          if let v = column.stringValue(row) { rowsOf[v, default: []].append(row) }
        }
        byLevel = levels.map { rowsOf[$0] ?? [] }
      }
      for (l, level) in levels.enumerated() {
        add(by.map { _ in nil } + [level], byLevel[l], total: total)
      }
      add(by.map { _ in nil } + [nil], counted, total: total)
    }
    let population = Population(rows: counted, description: "rows with \(column.name) present")
    return DescribePart(
      table: CountTable(
        id: "\(name)/levels:\(column.name)", population: population,
        variables: by + [column.name], cells: cells,
        variablesWithMissing: classes.columnsWithMissing),
      variable: column.name, categorical: true, moments: [], totalCell: totalCell)
  }
}
