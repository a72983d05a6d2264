/// A panel declaration `(unit, time, group?)` validated against a table: which unit and period
/// each row belongs to, with rows ordered by unit and time so that lags find the row of the
/// same unit at `t - k` (not the previous row), as `plm::pdata.frame` does.
///
/// Declare it once with `PanelIndex(data:unit:time:group:)` and pass it to transforms
/// (`PanelTransforms.swift`) or to `DesignMatrix.build(_:data:panel:)` for `l()`, `f()`, `d()`.
public struct PanelIndex: Sendable, Equatable {
  /// The unit column, such as `learner_id`.
  public let unitColumn: String
  /// The time column: whole numbers such as `year`.
  public let timeColumn: String
  /// The optional group column, such as `school_id`; units may change group over time.
  public let groupColumn: String?
  /// Number of rows of the table the panel was declared on.
  public let rowCount: Int
  /// Dense unit code (0..<unitCount, in order of first appearance) of each row.
  public let unitOfRow: [Int32]
  /// Time period of each row.
  public let timeOfRow: [Int]
  /// The unit labels as text, indexed by unit code.
  public let unitLabels: [String]
  /// Rows ordered by unit code, then time.
  public let orderedRows: [Int]
  /// `orderedRows[unitStart[u]..<unitStart[u + 1]]` are the rows of unit `u`, by time.
  public let unitStart: [Int]
  /// Dense group code of each row (-1 where the group is missing); empty without a group.
  public let groupOfRow: [Int32]
  /// The group labels as text, indexed by group code.
  public let groupLabels: [String]

  /// Number of units.
  public var unitCount: Int { unitLabels.count }

  /// Declares and validates a panel on `data`.
  /// - Parameters:
  ///   - data: the table.
  ///   - unit: the unit column (any type; missing values are not allowed).
  ///   - time: the time column: integers, or numbers without a fraction.
  ///   - group: an optional grouping column (e.g. school); missing values are allowed.
  /// - Throws: `PanelError.unknownColumn` (with a suggestion), `.sameColumn`, `.missingKey`,
  ///   `.nonIntegerTime`, `.duplicateUnitTime` (counts and up to five examples).
  public init(data: DataTable, unit: String, time: String, group: String? = nil) throws {
    let roles = [("unit", unit), ("time", time)] + (group.map { [("group", $0)] } ?? [])
    for (role, name) in roles where data[name] == nil {
      throw PanelError.unknownColumn(
        role: role, name: name,
        suggestion: NameSuggestion.nearest(to: name, among: data.columnNames),
        source: data.source)
    }
    for (i, a) in roles.enumerated() {
      for b in roles[(i + 1)...] where a.1 == b.1 {
        throw PanelError.sameColumn(name: a.1, roles: [a.0, b.0])
      }
    }
    let unitColumn = try data.column(named: unit)
    let timeColumn = try data.column(named: time)
    for (role, column) in [("unit", unitColumn), ("time", timeColumn)]
    where column.missingCount > 0 {
      let first = (0..<column.count).first(where: column.isMissing) ?? 0
      throw PanelError.missingKey(
        role: role, column: column.name, firstRow: first + 1, count: column.missingCount,
        source: data.source)
    }
    self.unitColumn = unit
    self.timeColumn = time
    self.groupColumn = group
    self.rowCount = data.rowCount
    self.timeOfRow = try Self.integerTimes(timeColumn, source: data.source)
    (self.unitOfRow, self.unitLabels) = Self.denseCodes(unitColumn)
    if let group {
      (self.groupOfRow, self.groupLabels) = Self.denseCodes(try data.column(named: group))
    } else {
      (self.groupOfRow, self.groupLabels) = ([], [])
    }
    (self.orderedRows, self.unitStart) = Self.order(
      units: unitOfRow, unitCount: unitLabels.count, times: timeOfRow)
    try checkUnique(source: data.source)
  }

  /// The rows of unit `u`, ordered by time.
  public func rows(ofUnit u: Int) -> ArraySlice<Int> {
    orderedRows[unitStart[u]..<unitStart[u + 1]]
  }

  /// For each row, the row of the same unit at time `t - k`, or -1 when that period is absent.
  ///
  /// `k > 0` is a lag, `k < 0` a lead, `k == 0` the row itself.
  /// - Parameter k: the shift in time units.
  /// - Returns: one source row (or -1) per row of the table.
  public func sourceRows(shift k: Int) -> [Int] {
    var source = [Int](repeating: -1, count: rowCount)
    for u in 0..<unitCount {
      let slice = rows(ofUnit: u)
      var j = slice.startIndex
      // Targets t - k rise with t, so one pointer walks the unit's rows once.
      for i in slice.indices {
        let (target, overflow) = timeOfRow[slice[i]].subtractingReportingOverflow(k)
        if overflow { continue }
        while j < slice.endIndex, timeOfRow[slice[j]] < target { j += 1 }
        if j < slice.endIndex, timeOfRow[slice[j]] == target { source[slice[i]] = slice[j] }
      }
    }
    return source
  }

  /// Throws when `data` is not the table the panel was declared on (row count differs).
  public func check(_ data: DataTable) throws {
    if data.rowCount != rowCount {
      throw PanelError.tableMismatch(panelRows: rowCount, tableRows: data.rowCount)
    }
  }

  // MARK: - Construction helpers

  static func integerTimes(_ column: Column, source: String?) throws -> [Int] {
    switch column.values {
    case .int(let values):
      // Periods beyond +-1e15 would overflow spans and shifts; no calendar needs them.
      if let row = values.firstIndex(where: {
        $0 >= 1_000_000_000_000_000 || $0 <= -1_000_000_000_000_000
      }) {
        throw PanelError.nonIntegerTime(
          column: column.name, row: row + 1, value: String(values[row]), source: source)
      }
      return values
    case .bool(let values): return values.map { $0 ? 1 : 0 }
    case .double(let values):
      var out = [Int](repeating: 0, count: values.count)
      for (row, x) in values.enumerated() {
        guard x.isFinite, x == x.rounded(), Swift.abs(x) < 1e15 else {
          throw PanelError.nonIntegerTime(
            column: column.name, row: row + 1, value: column.stringValue(row) ?? "\(x)",
            source: source)
        }
        out[row] = Int(x)
      }
      return out
    case .text:
      throw PanelError.nonIntegerTime(
        column: column.name, row: 1, value: column.stringValue(0) ?? "", source: source)
    }
  }

  /// Dense codes in order of first appearance (-1 for missing) and the labels.
  static func denseCodes(_ column: Column) -> ([Int32], [String]) {
    var codes = [Int32](repeating: -1, count: column.count)
    var labels: [String] = []
    switch column.values {
    case .int(let values):
      var units = FirstAppearanceCodes<Int>()
      for (row, v) in values.enumerated() where !column.isMissing(row) {
        codes[row] = Int32(units.code(for: v))
      }
      labels = units.keys.map(String.init)
    case .text(let raw, let levels):
      var remap = [Int32](repeating: -1, count: levels.count)
      for (row, c) in raw.enumerated() where c >= 0 && !column.isMissing(row) {
        if remap[Int(c)] < 0 {
          remap[Int(c)] = Int32(labels.count)
          labels.append(levels[Int(c)])
        }
        codes[row] = remap[Int(c)]
      }
    case .double, .bool:
      var units = FirstAppearanceCodes<String>()
      for row in 0..<column.count {
        guard let v = column.stringValue(row) else { continue }
        codes[row] = Int32(units.code(for: v))
      }
      labels = units.keys
    }
    return (codes, labels)
  }

  /// Rows sorted by unit (counting sort, stable) and then by time within unit.
  static func order(units: [Int32], unitCount: Int, times: [Int]) -> ([Int], [Int]) {
    var start = [Int](repeating: 0, count: unitCount + 1)
    for u in units { start[Int(u) + 1] += 1 }
    for u in 0..<unitCount { start[u + 1] += start[u] }
    var next = start
    var ordered = [Int](repeating: 0, count: units.count)
    for (row, u) in units.enumerated() {
      ordered[next[Int(u)]] = row
      next[Int(u)] += 1
    }
    for u in 0..<unitCount where start[u + 1] - start[u] > 1 {
      let range = start[u]..<start[u + 1]
      var isSorted = true
      for i in range.dropFirst() where times[ordered[i - 1]] > times[ordered[i]] {
        isSorted = false
        break
      }
      if !isSorted {
        ordered[range].sort { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
      }
    }
    return (ordered, start)
  }

  /// Throws `.duplicateUnitTime` when a unit has two rows in one period.
  private func checkUnique(source: String?) throws {
    var pairs = 0
    var extra = 0
    var examples: [DuplicateUnitTime] = []
    for u in 0..<unitCount {
      let slice = rows(ofUnit: u)
      var i = slice.startIndex
      while i < slice.endIndex {
        var j = i + 1
        while j < slice.endIndex, timeOfRow[slice[j]] == timeOfRow[slice[i]] { j += 1 }
        if j - i > 1 {
          pairs += 1
          extra += j - i - 1
          if examples.count < 5 {
            examples.append(
              DuplicateUnitTime(
                unit: unitLabels[u], time: timeOfRow[slice[i]],
                rows: slice[i..<Swift.min(j, i + 5)].map { $0 + 1 }))
          }
        }
        i = j
      }
    }
    if pairs > 0 {
      throw PanelError.duplicateUnitTime(
        unit: unitColumn, time: timeColumn, pairs: pairs, extraRows: extra, examples: examples,
        source: source)
    }
  }
}
