/// The columns of a parsed SPSS, Stata or SAS file: labelled variables as factors, dates as
/// `.date` or `.datetime` columns (days since 1970-01-01), other numbers as int or double, strings as text; missing values by kind.
enum StatFileColumns {
  /// The table of the kept variables, in file order.
  /// - Parameters:
  ///   - state: what the parse collected.
  ///   - path: the file, for messages and as the table's source.
  ///   - options: type overrides.
  ///   - family: the program that wrote the file (for its date formats).
  ///   - report: receives variable labels, value labels, date notes and missing counts.
  /// - Returns: the table.
  /// - Throws: `DataError.badTypeOverride` for an unknown column, `badValue` for a value the
  ///   override cannot hold, `noRows` for a file without rows.
  static func table(
    _ state: StatFileState, path: String, options: CSVOptions, family: StatFileDates.Family,
    report: inout ReadReport
  ) throws -> DataTable {
    let names = state.variables.map(\.name)
    for name in options.types.keys.sorted() where !names.contains(name) {
      throw DataError.badTypeOverride(
        column: name,
        reason: "no such column"
          + (NameSuggestion.nearest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? "")
      )
    }
    var columns: [Column] = []
    for (j, variable) in state.variables.enumerated() where variable.kept {
      var missingRows = state.missing[j] ?? [:]
      var note = ColumnReadNote(name: variable.name)
      note.label = variable.label
      let labels = variable.labelSet.flatMap { state.labelSets[$0] } ?? []
      let override = options.types[variable.name]
      let column: Column
      if variable.isString {
        column = stringColumn(
          variable, state.strings[j], missingRows: missingRows, labels: labels,
          override: override, note: &note)
      } else {
        column = try numberColumn(
          variable, state.numbers[j], missingRows: &missingRows, labels: labels,
          override: override, path: path, family: family, note: &note)
      }
      var kinds: [String: Int] = [:]
      for (_, kind) in missingRows { kinds[kind, default: 0] += 1 }
      note.missingByKind = kinds.sorted { $0.key < $1.key }.map {
        MissingCount(kind: $0.key, count: $0.value)
      }
      if note != ColumnReadNote(name: variable.name) { report.columns.append(note) }
      columns.append(column)
    }
    let table = try DataTable(columns: columns, source: path)
    guard table.rowCount > 0 || columns.isEmpty else { throw DataError.noRows(file: path) }
    return table
  }

  private static func stringColumn(
    _ variable: StatFileState.Variable, _ values: [String], missingRows: [Int: String],
    labels: [StatFileState.Label], override: ColumnType?, note: inout ColumnReadNote
  ) -> Column {
    var byCode: [String: String] = [:]
    for label in labels { if let code = label.text { byCode[code] = label.label } }
    let useLabels = !byCode.isEmpty && override != .string
    if useLabels {
      note.valueLabels = byCode.sorted { $0.key < $1.key }.map {
        ValueLabel(code: $0.key, label: $0.value)
      }
      note.recognised = "value labels as levels"
    }
    let texts = values.enumerated().map { r, text -> String? in
      if missingRows[r] != nil { return nil }
      return useLabels ? byCode[text] ?? text : text
    }
    return .string(variable.name, texts, type: useLabels ? .category : override ?? .string)
  }

  private static func numberColumn(
    _ variable: StatFileState.Variable, _ values: [Double], missingRows: inout [Int: String],
    labels: [StatFileState.Label], override: ColumnType?, path: String,
    family: StatFileDates.Family, note: inout ColumnReadNote
  ) throws -> Column {
    var byCode: [Double: String] = [:]
    var byTag: [Character: String] = [:]
    for label in labels {
      if let code = label.number { byCode[code] = label.label }
      if let tag = label.tag { byTag[tag] = label.label }
    }
    for (r, kind) in missingRows {
      if kind.hasPrefix("extended missing ."), let tag = kind.last, let label = byTag[tag] {
        missingRows[r] = kind + " (\(label))"
      } else if kind.hasPrefix("user-missing "), let label = byCode[values[r]] {
        missingRows[r] = kind + " (\(label))"
      }
    }
    let mask = values.indices.map { missingRows[$0] != nil || values[$0].isNaN }
    if !byCode.isEmpty || !byTag.isEmpty {
      note.valueLabels =
        byCode.sorted { $0.key < $1.key }.map {
          ValueLabel(code: XLSXColumns.numberText($0.key), label: $0.value)
        } + byTag.sorted { $0.key < $1.key }.map { ValueLabel(code: ".\($0.key)", label: $0.value) }
    }
    let date = StatFileDates.kind(of: variable.format, family: family)
    let numeric = override == .double || override == .int || override == .bool
    if !byCode.isEmpty, !numeric {
      note.recognised = "value labels as levels (codes in the value labels)"
      let texts = values.indices.map { r -> String? in
        mask[r] ? nil : byCode[values[r]] ?? XLSXColumns.numberText(values[r])
      }
      return .string(variable.name, texts, type: override == .string ? .string : .category)
    }
    if let date, override == .string || override == .category {
      note.recognised = "dates (format \(variable.format)), as ISO 8601 text"
      let texts = values.indices.map { r -> String? in
        mask[r] ? nil : StatFileDates.iso(values[r], kind: date)
      }
      return .string(variable.name, texts, type: override ?? .string)
    }
    if let date, !numeric {
      let days = values.indices.map { r -> Double? in
        mask[r] ? nil : StatFileDates.days(values[r], kind: date)
      }
      for r in values.indices where !mask[r] && days[r] == nil {
        missingRows[r] = "date out of range"
      }
      let type: ColumnType? =
        override ?? (StatFileDates.hasTime(date) ? .datetime : nil)
      let column = Column.dates(variable.name, days: days, as: type)
      note.recognised =
        "\(column.type == .date ? "dates" : "dates with times") (format "
        + "\(variable.format))"
      return column
    }
    if override == .string || override == .category {
      let texts = values.indices.map { r in mask[r] ? nil : XLSXColumns.numberText(values[r]) }
      return .string(variable.name, texts, type: override ?? .string)
    }
    let integral = values.indices.allSatisfy {
      mask[$0] || (values[$0] == values[$0].rounded() && abs(values[$0]) <= 9_007_199_254_740_992)
    }
    if override == .bool {
      if let r = values.indices.first(where: { !mask[$0] && values[$0] != 0 && values[$0] != 1 }) {
        throw DataError.badValue(
          at: SourceLocation(file: path, line: r + 1, column: nil), column: variable.name,
          value: XLSXColumns.numberText(values[r]), expected: .bool)
      }
      return Column(name: variable.name, values: .bool(values.map { $0 == 1 }), missing: mask)
    }
    if override == .int, !integral,
      let r = values.indices.first(where: {
        !mask[$0] && values[$0] != values[$0].rounded()
      })
    {
      throw DataError.badValue(
        at: SourceLocation(file: path, line: r + 1, column: nil), column: variable.name,
        value: XLSXColumns.numberText(values[r]), expected: .int)
    }
    if integral && override != .double {
      let ints = values.indices.map { mask[$0] ? 0 : Int(values[$0]) }
      return Column(name: variable.name, values: .int(ints), missing: mask)
    }
    let doubles = values.indices.map { mask[$0] ? Double.nan : values[$0] }
    return Column(name: variable.name, values: .double(doubles), missing: mask)
  }
}

/// Date and date-time display formats of SPSS, Stata and SAS, and their epochs.
enum StatFileDates {
  /// How a stored number counts time.
  enum Kind {
    /// SPSS: seconds since 1582-10-14 (dates and date-times alike).
    case spssSeconds(withTime: Bool)
    /// Stata `%td` and SAS date formats: days since 1960-01-01.
    case days1960
    /// Stata `%tc`: milliseconds since 1960-01-01.
    case milliseconds1960
    /// SAS date-time formats: seconds since 1960-01-01.
    case seconds1960
  }

  /// The program that wrote a file (its date formats and epochs differ).
  enum Family {
    case spss, stata, sas
  }

  /// The kind of a display format, or `nil` for a plain number.
  static func kind(of format: String, family: Family) -> Kind? {
    let upper = format.uppercased()
    let letters = String(upper.prefix { $0.isLetter || $0 == "_" || $0 == "%" })
    switch family {
    case .stata:
      if upper.hasPrefix("%TD") || upper.hasPrefix("%D") { return .days1960 }
      if upper.hasPrefix("%TC") { return .milliseconds1960 }
      return nil
    case .spss:
      if ["DATETIME", "YMDHMS"].contains(letters) { return .spssSeconds(withTime: true) }
      let dates: Set = ["DATE", "ADATE", "EDATE", "SDATE", "JDATE", "QYR", "MOYR", "WKYR"]
      return dates.contains(letters) ? .spssSeconds(withTime: false) : nil
    case .sas:
      let dates: Set = [
        "DATE", "DDMMYY", "MMDDYY", "YYMMDD", "E8601DA", "B8601DA", "MONYY", "WEEKDATE",
        "WORDDATE", "JULIAN", "MMYY", "YYMM", "YYQ", "NLDATE", "EURDFDD", "DDMMYYD", "MMDDYYD",
        "YYMMDDD", "DDMMYYS", "MMDDYYS", "YYMMDDS", "YYMMDDN", "DDMMYYN", "MMDDYYN",
      ]
      let times: Set = ["DATETIME", "E8601DT", "B8601DT", "NLDATM", "DATEAMPM"]
      if dates.contains(letters) { return .days1960 }
      if times.contains(letters) { return .seconds1960 }
      return nil
    }
  }

  /// Whether the format shows a time of day (the column is `.datetime` even when every value
  /// falls at midnight).
  static func hasTime(_ kind: Kind) -> Bool {
    switch kind {
    case .spssSeconds(let withTime): return withTime
    case .days1960: return false
    case .milliseconds1960, .seconds1960: return true
    }
  }
}

extension StatFileDates {
  /// Days since 1970-01-01 (fractional with a time of day) of a stored value.
  static func days(_ value: Double, kind: Kind) -> Double? {
    let days: Double
    switch kind {
    case .spssSeconds: days = (value - 12_219_379_200) / 86400
    case .days1960: days = value - 3653
    case .milliseconds1960: days = (value / 1000 - 315_619_200) / 86400
    case .seconds1960: days = (value - 315_619_200) / 86400
    }
    return days.isFinite && abs(days) < 3_000_000 ? days : nil
  }

  /// The ISO 8601 text of a stored value.
  static func iso(_ value: Double, kind: Kind) -> String? {
    let seconds: Double
    switch kind {
    case .spssSeconds: seconds = value - 12_219_379_200
    case .days1960: seconds = (value - 3653) * 86400
    case .milliseconds1960: seconds = value / 1000 - 315_619_200
    case .seconds1960: seconds = value - 315_619_200
    }
    guard seconds.isFinite, abs(seconds) < 2.5e11 else { return nil }
    let days = (seconds / 86400).rounded(.down)
    let (y, m, d) = ExcelDates.civil(fromDays: Int(days))
    func pad(_ v: Int, _ w: Int) -> String {
      let t = String(v)
      return String(repeating: "0", count: max(0, w - t.count)) + t
    }
    let date = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    let rest = Int((seconds - days * 86400).rounded())
    guard rest > 0, rest < 86400 else { return date }
    return date + "T" + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2)
  }
}
