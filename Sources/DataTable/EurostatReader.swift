import Foundation

/// One observation of a Eurostat series: the period, the value (or `nil` for `:`) and its flags.
public struct EurostatObservation: Sendable, Equatable {
  /// The period as written (`2019`, `2019Q1`, `2019M03`).
  public let period: String
  /// The period as a number when it is a year (`nil` otherwise).
  public let year: Double?
  /// The value; `nil` when not available (`:`).
  public let value: Double?
  /// The flags (`b` break in series, `p` provisional, `e` estimated, `u` low reliability...).
  public let flags: String

  /// True when the flags mark a break in series (`b`).
  public var isBreak: Bool { flags.contains("b") }
}

/// One series (one row of a Eurostat TSV): its dimension values and observations in time order.
public struct EurostatSeries: Sendable, Equatable {
  /// Dimension name and value pairs, in file order (`unit: PC`, `sex: F`, `geo: BE2`).
  public let dimensions: [(name: String, value: String)]
  /// Observations, earliest first.
  public let observations: [EurostatObservation]

  /// The value of a dimension.
  public func dimension(_ name: String) -> String? {
    dimensions.first { $0.name == name }?.value
  }

  /// Years flagged `b` (a break in series: the series differs from that year on), for a
  /// segmented trend.
  public var breakYears: [Double] {
    observations.filter { $0.isBreak && $0.value != nil }.compactMap(\.year)
  }

  /// One note per flag other than `b` found in the series, and one for the breaks.
  public var notes: [String] {
    var out: [String] = []
    let breaks = observations.filter(\.isBreak).map(\.period)
    if !breaks.isEmpty {
      out.append("break in series (b) in \(breaks.joined(separator: ", "))")
    }
    for (flag, meaning) in EurostatTable.flagMeanings where flag != "b" {
      let periods = observations.filter { $0.flags.contains(flag) }.map(\.period)
      if !periods.isEmpty {
        out.append("\(meaning) (\(flag)) in \(periods.joined(separator: ", "))")
      }
    }
    return out
  }

  /// Compares dimensions and observations.
  public static func == (a: EurostatSeries, b: EurostatSeries) -> Bool {
    a.dimensions.map(\.name) == b.dimensions.map(\.name)
      && a.dimensions.map(\.value) == b.dimensions.map(\.value) && a.observations == b.observations
  }
}

/// A Eurostat bulk-download TSV: the first column holds the dimensions separated by commas and
/// ends with the time dimension (`unit,sex,age,geo\time`), one column per period follows, and
/// each cell holds a value and its flags (`12.3 b`, `: ` when not available).
public struct EurostatTable: Sendable, Equatable {
  /// The Eurostat flags and their meanings.
  public static let flagMeanings: [(String, String)] = [
    ("b", "break in time series"), ("c", "confidential"), ("d", "definition differs"),
    ("e", "estimated"), ("f", "forecast"), ("n", "not significant"), ("p", "provisional"),
    ("r", "revised"), ("s", "Eurostat estimate"), ("u", "low reliability"),
    ("z", "not applicable"),
  ]

  /// The dimension names of the first column, without the time dimension.
  public let dimensionNames: [String]
  /// The series, in file order.
  public let series: [EurostatSeries]

  /// Reads a Eurostat TSV file (uncompressed).
  /// - Parameter path: the file.
  /// - Returns: the table.
  /// - Throws: `DataError` when the file cannot be read or is not in Eurostat's TSV layout.
  public static func read(path: String) throws -> EurostatTable {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw DataError.cannotRead(file: path, reason: "not a readable UTF-8 file") }
    return try parse(text, source: path)
  }

  /// Parses the text of a Eurostat TSV.
  /// - Parameters:
  ///   - text: the file's text.
  ///   - source: the name used in error messages.
  /// - Returns: the table.
  /// - Throws: `DataError.badFile` or `DataError.badValue` naming the line.
  public static func parse(_ text: String, source: String = "<eurostat>") throws -> EurostatTable {
    let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
      .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
      .filter { !$0.isEmpty }
    guard let header = lines.first else { throw DataError.emptyFile(file: source) }
    let headerCells = header.split(separator: "\t", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard let first = headerCells.first, first.contains("\\"), headerCells.count >= 2 else {
      throw DataError.badFile(
        file: source,
        reason: "not a Eurostat TSV: the first header cell must read like 'unit,geo\\time' "
          + "followed by one tab-separated column per period")
    }
    let names = first.split(separator: "\\")[0].split(separator: ",").map(String.init)
    let periods = Array(headerCells.dropFirst())
    var series: [EurostatSeries] = []
    for (index, line) in lines.enumerated().dropFirst() {
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      let location = SourceLocation(file: source, line: index + 1)
      guard cells.count == headerCells.count else {
        throw DataError.raggedRow(at: location, expected: headerCells.count, found: cells.count)
      }
      let values = cells[0].split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard values.count == names.count else {
        throw DataError.badFile(
          file: source,
          reason: "line \(index + 1): \(values.count) dimension values for \(names.count) "
            + "dimensions (\(names.joined(separator: ",")))")
      }
      var observations: [EurostatObservation] = []
      for (period, cell) in zip(periods, cells.dropFirst()) {
        observations.append(
          try observation(period: period, cell: cell, location: location))
      }
      observations.sort { ($0.year ?? 0, $0.period) < ($1.year ?? 0, $1.period) }
      series.append(
        EurostatSeries(
          dimensions: Array(zip(names, values)).map { (name: $0, value: $1) },
          observations: observations))
    }
    return EurostatTable(dimensionNames: names, series: series)
  }

  /// One cell: `12.3`, `12.3 b`, `:`, `: c`.
  static func observation(period: String, cell: String, location: SourceLocation) throws
    -> EurostatObservation
  {
    let parts = cell.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let year = Double(period).flatMap { $0 == $0.rounded() ? $0 : nil }
    guard let head = parts.first, head != ":" else {
      return EurostatObservation(
        period: period, year: year, value: nil, flags: parts.dropFirst().joined())
    }
    guard let value = Double(head) else {
      throw DataError.badValue(at: location, column: period, value: cell, expected: .double)
    }
    let flags = parts.dropFirst().joined()
    let known = Set(flagMeanings.map(\.0).joined())
    guard flags.allSatisfy({ known.contains($0) }) else {
      throw DataError.badValue(at: location, column: period, value: cell, expected: .double)
    }
    return EurostatObservation(period: period, year: year, value: value, flags: flags)
  }

  /// True when the file's first line reads like a Eurostat TSV header (`unit,geo\time<TAB>...`).
  /// - Parameter path: the file.
  /// - Returns: whether to read it with `EurostatTable`.
  public static func looksLikeEurostat(path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
    let firstCell = head.split(separator: "\n").first?.split(separator: "\t").first ?? ""
    return firstCell.contains("\\") && head.contains("\t")
  }

  /// The series whose dimensions have the given values (every named dimension must match).
  /// - Parameter values: dimension name and value pairs (`["geo": "BE2", "sex": "T"]`).
  /// - Returns: the first matching series, or `nil`.
  public func series(where values: [String: String]) -> EurostatSeries? {
    series.first { s in values.allSatisfy { s.dimension($0.key) == $0.value } }
  }

  /// The table in long form: one row per series and period with a value, the dimension columns
  /// (text), `time` (number when every period is a year, else text), `value` and `flags`.
  /// - Returns: the table.
  /// - Throws: `DataError` if a dimension is called `time`, `value` or `flags`.
  public func longTable() throws -> DataTable {
    var dimensionValues = Array(repeating: [String?](), count: dimensionNames.count)
    var periods: [String] = []
    var years: [Double?] = []
    var values: [Double?] = []
    var flags: [String?] = []
    for s in series {
      for o in s.observations where o.value != nil {
        for (i, d) in s.dimensions.enumerated() { dimensionValues[i].append(d.value) }
        periods.append(o.period)
        years.append(o.year)
        values.append(o.value)
        flags.append(o.flags)
      }
    }
    let timeColumn =
      years.allSatisfy { $0 != nil } ? Column.double("time", years) : Column.string("time", periods)
    return try DataTable(
      columns: dimensionNames.indices.map { Column.string(dimensionNames[$0], dimensionValues[$0]) }
        + [timeColumn, Column.double("value", values), Column.string("flags", flags)])
  }

  /// Compares dimension names and series.
  public static func == (a: EurostatTable, b: EurostatTable) -> Bool {
    a.dimensionNames == b.dimensionNames && a.series == b.series
  }
}
