/// Staggered-adoption helpers: first-treated period (cohort), event time and binned event time,
/// as used by event-study and Callaway-Sant'Anna designs.
extension PanelIndex {
  /// Each unit's first period with the treatment on (its cohort), repeated on every row of the
  /// unit; missing for never-treated units (`did::att_gt`'s `first.treat`, with 0 written as NA).
  /// - Parameters:
  ///   - treatment: a 0/1 (or boolean) column; missing rows are ignored.
  ///   - name: the new name; defaults to `cohort`.
  /// - Returns: an integer column.
  /// - Throws: `PanelError.notIndicator` for a value other than 0/1, `.tableMismatch`.
  public func firstTreatedPeriod(_ treatment: Column, name: String = "cohort") throws -> Column {
    let (values, missing) = try numeric(treatment, operation: "first treated period")
    var first = [Int?](repeating: nil, count: unitCount)
    for row in 0..<rowCount where !missing[row] {
      let v = values[row]
      guard v == 0 || v == 1 else {
        throw PanelError.notIndicator(
          column: treatment.name, row: row + 1, value: treatment.stringValue(row) ?? "\(v)")
      }
      guard v == 1 else { continue }
      let u = Int(unitOfRow[row])
      first[u] = Swift.min(first[u] ?? Int.max, timeOfRow[row])
    }
    return Column.int(name, (0..<rowCount).map { first[Int(unitOfRow[$0])] })
  }

  /// Event time `t - cohort` on each row; missing where the cohort is missing (never treated).
  /// - Parameters:
  ///   - cohort: the first-treated period per row (e.g. from `firstTreatedPeriod`, or a
  ///     column such as `adoption_year`).
  ///   - name: the new name; defaults to `event_time`.
  /// - Returns: an integer column.
  /// - Throws: `PanelError.notNumeric`, `.badArgument` for a cohort that is not a whole number,
  ///   `.tableMismatch`.
  public func eventTime(cohort: Column, name: String = "event_time") throws -> Column {
    let (values, missing) = try numeric(cohort, operation: "event time")
    var out = [Int?](repeating: nil, count: rowCount)
    for row in 0..<rowCount where !missing[row] {
      let v = values[row]
      guard v.isFinite, v == v.rounded(), Swift.abs(v) < 1e15 else {
        throw PanelError.badArgument(
          operation: "event time",
          message: "cohort column '\(cohort.name)' must hold whole numbers (periods); data row"
            + " \(row + 1) has \(cohort.stringValue(row) ?? "\(v)")")
      }
      out[row] = timeOfRow[row] - Int(v)
    }
    return Column.int(name, out)
  }

  /// Event time with both ends binned: values below `lower` become `lower`, above `upper`
  /// become `upper` (the endpoint bins of an event-study design).
  /// - Parameters:
  ///   - eventTime: an integer event-time column.
  ///   - lower: the lowest kept value (e.g. -5, holding every earlier period).
  ///   - upper: the highest kept value (e.g. 5).
  ///   - name: the new name; defaults to the input's name with `_binned`.
  /// - Returns: an integer column; missing stays missing.
  /// - Throws: `PanelError.badArgument` when `lower > upper`, `.notNumeric`.
  public static func binnedEventTime(
    _ eventTime: Column, lower: Int, upper: Int, name: String? = nil
  ) throws -> Column {
    guard lower <= upper else {
      throw PanelError.badArgument(
        operation: "bin event time", message: "lower bound \(lower) is above upper bound \(upper)")
    }
    guard eventTime.isNumeric, let values = eventTime.doubles() else {
      throw PanelError.notNumeric(column: eventTime.name, operation: "bin event time")
    }
    let out = values.map { v -> Int? in
      v.isFinite ? Int(Swift.min(Swift.max(v, Double(lower)), Double(upper)).rounded()) : nil
    }
    return Column.int(name ?? "\(eventTime.name)_binned", out)
  }
}

extension DataTable {
  /// The column `name` lagged by `k` periods within unit (see `PanelIndex.lag`).
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func lag(_ name: String, by k: Int = 1, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.lag(column(named: name), by: k)
  }

  /// The column `name` led by `k` periods within unit.
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func lead(_ name: String, by k: Int = 1, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.lead(column(named: name), by: k)
  }

  /// `x_t - x_{t-k}` within unit for column `name`.
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func difference(_ name: String, lag k: Int = 1, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.difference(column(named: name), lag: k)
  }

  /// The within-unit mean of column `name` on every row.
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func unitMean(_ name: String, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.unitMean(column(named: name))
  }

  /// Column `name` minus its within-unit mean.
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func demeaned(_ name: String, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.demeaned(column(named: name))
  }

  /// Each unit's first treated period from the 0/1 column `treatment` (missing: never).
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func firstTreatedPeriod(treatment: String, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.firstTreatedPeriod(column(named: treatment))
  }

  /// Event time `t - cohort` from the cohort column `cohort`.
  /// - Throws: `DataError.unknownColumn`, `PanelError`.
  public func eventTime(cohort: String, panel: PanelIndex) throws -> Column {
    try panel.check(self)
    return try panel.eventTime(cohort: column(named: cohort))
  }
}
