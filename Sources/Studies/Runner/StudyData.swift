import DataTable
import Foundation

/// Prepares a study's data as the spec says: reads the main table (with type overrides), joins the
/// other tables by key (many-to-one, a left join), computes the derived variables in order, then
/// keeps the rows where the filter is true.
///
/// Problems are reported with key path and line.
enum StudyData {
  /// The prepared table and the SHA-256 of every file read, keyed by the path as written.
  struct Prepared {
    let table: DataTable
    let hashes: [(String, String)]
    let rowsRead: Int
    /// The table before the filter (after join and derive): identifiers are detected on it, so
    /// that a filter cannot hide a copied identifier by keeping few rows.
    let unfiltered: DataTable
    /// Variable labels of the main data file and of the joined files' columns, by column.
    var variableLabels: [String: String] = [:]
  }

  /// Reads, joins, derives and filters the data.
  /// - Parameters:
  ///   - spec: the study spec.
  ///   - diagnostics: where problems are reported.
  ///   - everyColumn: read every column of the main file, whatever the spec's column selection.
  /// - Returns: the prepared data, or `nil` after a problem was reported.
  static func prepare(_ spec: StudySpec, diagnostics: SpecDiagnostics, everyColumn: Bool = false)
    -> Prepared?
  {
    guard let source = spec.data else { return nil }
    var options =
      everyColumn ? source.reading : StudyDataColumns.options(spec, base: source.reading)
    options.types = source.types
    var variableLabels: [String: String] = [:]
    let mainHash = BackgroundHash()
    var columnsKey: (path: String, line: Int)?
    if case .listed(_, let line) = source.columns { columnsKey = ("data.columns", line) }
    guard
      var table = read(
        source.path, text: source.pathText, options: options, keyPath: "data.path",
        line: source.pathLine, typeLines: source.typeLines, typesPath: "data.types",
        diagnostics: diagnostics, labels: &variableLabels, tap: mainHash.tap,
        columnsKey: columnsKey)
    else { return nil }
    var hashes: [(String, String)] = [(source.pathText, mainHash.value)]
    let rowsRead = table.rowCount
    for join in source.joins {
      var joinOptions = join.reading
      joinOptions.types = join.types
      var joinLabels: [String: String] = [:]
      let joinHash = BackgroundHash()
      guard
        let right = read(
          join.path, text: join.pathText, options: joinOptions, keyPath: "\(join.keyPath).path",
          line: join.pathLine, typeLines: [:], typesPath: "\(join.keyPath).types",
          diagnostics: diagnostics, labels: &joinLabels, tap: joinHash.tap)
      else { return nil }
      // The joined columns keep their file's variable labels, under their (prefixed) names.
      for name in join.columns ?? right.columnNames where !join.by.contains(name) {
        if let label = joinLabels[name] { variableLabels[join.prefix + name] = label }
      }
      hashes.append((join.pathText, joinHash.value))
      guard let joined = StudyJoin.leftJoin(table, right, spec: join, diagnostics: diagnostics)
      else { return nil }
      table = joined
    }
    if let panel = source.panel {
      for (key, name) in [("unit", panel.unit), ("time", panel.time), ("group", panel.group)] {
        guard let name, table[name] == nil else { continue }
        diagnostics.unknown(
          "column", name: name, among: table.columnNames, keyPath: "data.panel.\(key)",
          line: panel.line)
        return nil
      }
    }
    let hasPanel = source.panel?.unit != nil && source.panel?.time != nil
    var shiftIndex: PanelShiftIndex?
    // Column types kept up to date as derived columns are added, so that each derive is checked
    // in time independent of how many came before it.
    var types = columnTypes(table)
    for derived in spec.derive {
      let path = "derive.\(derived.name)"
      if table[derived.name] != nil {
        diagnostics.report(
          path, line: derived.line,
          "'\(derived.name)' is already a column of the data; choose a new name")
        continue
      }
      guard
        let type = check(
          derived.expression, text: derived.text, types: types, hasPanel: hasPanel, path: path,
          line: derived.line, diagnostics: diagnostics)
      else { continue }
      if derived.expression.usesPanelShift, shiftIndex == nil, let panel = source.panel,
        let unit = panel.unit.flatMap({ table[$0] }), let time = panel.time.flatMap({ table[$0] })
      {
        shiftIndex = PanelShiftIndex(unit: unit, time: time)
      }
      let values = ExpressionEvaluator(table: table, panel: shiftIndex).evaluate(derived.expression)
      let column = ExpressionEvaluator.column(derived.name, values, type: type)
      table = (try? table.adding(column)) ?? table
      types[derived.name] = ExpressionType(column: column)
    }
    let unfiltered = table
    if let filter = source.filter {
      guard
        let type = check(
          filter.expression, text: filter.text, types: types, hasPanel: hasPanel,
          path: "data.filter", line: filter.line, diagnostics: diagnostics)
      else { return nil }
      if type == .text {
        diagnostics.report(
          "data.filter", line: filter.line, "the filter must be a condition (true/false), not text")
        return nil
      }
      if case .numbers(let keep) = ExpressionEvaluator(table: table, panel: shiftIndex).evaluate(
        filter.expression)
      {
        table = table.gathering(rows: keep.indices.filter { !keep[$0].isNaN && keep[$0] != 0 })
        if table.rowCount == 0 {
          diagnostics.report(
            "data.filter", line: filter.line, "the filter keeps no row of \(source.pathText)")
          return nil
        }
      }
    }
    var prepared = Prepared(
      table: table, hashes: hashes, rowsRead: rowsRead, unfiltered: unfiltered)
    prepared.variableLabels = variableLabels
    return prepared
  }

  /// The rows of `table` where an analysis's own `filter:` is true, or `nil` when it has none
  /// (or it is wrong, which is reported with its key path and line).
  ///
  /// `lag` and `lead` are not available here (derive them first, as columns).
  static func analysisFilter(
    _ analysis: AnalysisSpec, table: DataTable, diagnostics: SpecDiagnostics
  ) -> DataTable? {
    guard case .mapping(let entries) = analysis.node.content,
      let entry = entries.first(where: { $0.key == "filter" })
    else { return nil }
    let path = "\(analysis.keyPath).filter"
    guard case .scalar(let text, _) = entry.value.content, !entry.value.isNull else {
      diagnostics.report(path, line: entry.line, "expected a condition in quotes")
      return nil
    }
    let expression: Expression
    do {
      expression = try Expression(parsing: text)
    } catch {
      diagnostics.report(path, line: entry.line, "bad expression \(error): \(text)")
      return nil
    }
    guard
      let type = check(
        expression, text: text, types: columnTypes(table), hasPanel: false, path: path,
        line: entry.line, diagnostics: diagnostics)
    else { return nil }
    guard type != .text,
      case .numbers(let keep) = ExpressionEvaluator(table: table, panel: nil).evaluate(expression)
    else {
      diagnostics.report(
        path, line: entry.line, "the filter must be a condition (true/false), not text")
      return nil
    }
    let rows = keep.indices.filter { !keep[$0].isNaN && keep[$0] != 0 }
    if rows.isEmpty {
      diagnostics.report(path, line: entry.line, "the filter keeps no row")
      return nil
    }
    return table.gathering(rows: rows)
  }

  /// The expression type of every column, by name.
  static func columnTypes(_ table: DataTable) -> [String: ExpressionType] {
    var types: [String: ExpressionType] = [:]
    for c in table.columns { types[c.name] = ExpressionType(column: c) }
    return types
  }

  static func check(
    _ e: Expression, text: String, types: [String: ExpressionType], hasPanel: Bool, path: String,
    line: Int, diagnostics: SpecDiagnostics
  ) -> ExpressionType? {
    do {
      return try e.check(columns: types, hasPanel: hasPanel)
    } catch let error as ExpressionError {
      diagnostics.report(path, line: line, "bad expression \(error): \(text)")
    } catch {}
    return nil
  }

  static func read(
    _ url: URL, text: String, options: CSVOptions, keyPath: String, line: Int,
    typeLines: [String: Int], typesPath: String, diagnostics: SpecDiagnostics
  ) -> DataTable? {
    var ignored: [String: String] = [:]
    return read(
      url, text: text, options: options, keyPath: keyPath, line: line, typeLines: typeLines,
      typesPath: typesPath, diagnostics: diagnostics, labels: &ignored)
  }

  /// Reads a data file, collecting its variable labels (SPSS, Stata, SAS) into `labels`.
  /// - Parameters:
  ///   - url: the file.
  ///   - text: its path as written in the spec.
  ///   - options: how it is read.
  ///   - keyPath: the spec key of the path, where problems are reported.
  ///   - line: the line of that key.
  ///   - typeLines: the lines of the type overrides, by column.
  ///   - typesPath: the key path of the type overrides.
  ///   - diagnostics: where problems are reported.
  ///   - labels: receives the file's variable labels, by column.
  ///   - tap: sees the file's bytes as they are read (its provenance hash), if given.
  ///   - columnsKey: the key that listed the columns to read (`data.columns`), where a listed
  ///     column the file lacks is reported.
  /// - Returns: the table, or `nil` after a problem was reported.
  static func read(
    _ url: URL, text: String, options: CSVOptions, keyPath: String, line: Int,
    typeLines: [String: Int], typesPath: String, diagnostics: SpecDiagnostics,
    labels: inout [String: String], tap: ByteTap? = nil,
    columnsKey: (path: String, line: Int)? = nil
  ) -> DataTable? {
    guard FileManager.default.fileExists(atPath: url.path) else {
      diagnostics.report(
        keyPath, line: line,
        "data file not found: \(text) (looked for \(url.path); paths are relative to the spec file)"
      )
      return nil
    }
    do {
      let loaded = try DataReader.load(path: url.path, options: options, tap: tap)
      for name in loaded.table.columnNames {
        if let label = loaded.report[column: name]?.label, !label.isEmpty { labels[name] = label }
      }
      return loaded.table
    } catch DataError.unknownColumn(let name, let suggestion, _) where columnsKey != nil {
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
      diagnostics.report(
        columnsKey?.path ?? keyPath, line: columnsKey?.line ?? line,
        "column '\(name)' is not in \(text)\(hint)")
    } catch DataError.badTypeOverride(let column, let reason) {
      diagnostics.report(
        "\(typesPath).\(column)", line: typeLines[column] ?? line,
        "type override for column '\(column)': \(reason)")
    } catch {
      diagnostics.report(keyPath, line: line, "\(error)")
    }
    return nil
  }
}

/// Many-to-one left join by key columns.
enum StudyJoin {
  static func leftJoin(
    _ left: DataTable, _ right: DataTable, spec: JoinSpec, diagnostics: SpecDiagnostics
  ) -> DataTable? {
    var ok = true
    for key in spec.by {
      if left[key] == nil {
        diagnostics.report(
          "\(spec.keyPath).by", line: spec.byLine,
          "join key '\(key)' is missing from the main table"
            + (nearestName(to: key, among: left.columnNames).map { "; did you mean '\($0)'?" } ?? "")
        )
        ok = false
      }
      if right[key] == nil {
        diagnostics.report(
          "\(spec.keyPath).by", line: spec.byLine,
          "join key '\(key)' is missing from \(spec.pathText)"
            + (nearestName(to: key, among: right.columnNames).map { "; did you mean '\($0)'?" }
              ?? ""))
        ok = false
      }
    }
    guard ok else { return nil }
    let bring = spec.columns ?? right.columnNames.filter { !spec.by.contains($0) }
    for name in bring {
      if right[name] == nil {
        diagnostics.unknown(
          "column", name: name, among: right.columnNames, keyPath: "\(spec.keyPath).columns",
          line: spec.line)
        ok = false
      } else if left[spec.prefix + name] != nil {
        diagnostics.report(
          "\(spec.keyPath).columns", line: spec.line,
          "column '\(spec.prefix + name)' is in both tables; list the columns to bring with "
            + "columns: [...] or give them a prefix: (e.g. prefix: school_)")
        ok = false
      }
    }
    guard ok else { return nil }
    func key(_ table: DataTable, _ row: Int) -> String? {
      var parts: [String] = []
      for k in spec.by {
        guard let v = table[k]?.stringValue(row) else { return nil }
        parts.append(v)
      }
      return parts.joined(separator: "\u{1F}")
    }
    var rowOf: [String: Int] = [:]
    for row in 0..<right.rowCount {
      guard let k = key(right, row) else { continue }
      if rowOf[k] != nil {
        diagnostics.report(
          "\(spec.keyPath).by", line: spec.byLine,
          "\(spec.pathText) has more than one row for key \(k.replacingOccurrences(of: "\u{1F}", with: ", ")); a join needs one row per key"
        )
        return nil
      }
      rowOf[k] = row
    }
    let matches = (0..<left.rowCount).map { key(left, $0).flatMap { rowOf[$0] } }
    var columns = left.columns
    for name in bring {
      guard let column = right[name] else { continue }
      let gathered = column.gathering(rows: matches.map { $0 ?? 0 })
      let missing = matches.indices.map { matches[$0] == nil || gathered.isMissing($0) }
      columns.append(
        Column(
          name: spec.prefix + name, values: gathered.values, type: gathered.type, missing: missing))
    }
    return try? DataTable(columns: columns, source: left.source)
  }
}
