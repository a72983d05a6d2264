import Foundation

/// Eurostat's SDMX-CSV, the format its dissemination API serves (`?format=SDMX-CSV`): one row
/// per observation, `DATAFLOW, LAST UPDATE`, the dimensions (`freq, unit, geo`...), then
/// `TIME_PERIOD, OBS_VALUE` and the attributes (`OBS_FLAG`, `CONF_STATUS`).
///
/// It is read into the same ``EurostatTable`` as the bulk TSV: one series per combination of
/// dimension values (first appearance order), each with an observation for every period of the
/// file (a period missing from a series' rows, or with an empty or `:` value, is not available),
/// and the flags of `OBS_FLAG` (`b` a break in series); a `CONF_STATUS` of `C` adds the flag `c`,
/// as the TSV writes a confidential value (`: c`).
extension EurostatTable {
  /// Columns of SDMX-CSV (1.0 and 2.0) before the dimensions that are not dimensions.
  static let sdmxMetadataColumns: Set<String> = [
    "DATAFLOW", "LAST UPDATE", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION",
  ]

  /// Reads a Eurostat SDMX-CSV file (uncompressed, UTF-8).
  /// - Parameter path: the file.
  /// - Returns: the table.
  /// - Throws: `DataError` when the file cannot be read or a row is malformed (naming the line
  ///   and column).
  public static func readSDMXCSV(path: String) throws -> EurostatTable {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw DataError.cannotRead(file: path, reason: "not a readable UTF-8 file") }
    return try parseSDMXCSV(text, source: path)
  }

  /// Parses the text of a Eurostat SDMX-CSV file (comma- or semicolon-separated, quoted fields
  /// allowed).
  /// - Parameters:
  ///   - text: the file's text.
  ///   - source: the name used in error messages.
  /// - Returns: the table.
  /// - Throws: `DataError.badFile` when the header lacks `TIME_PERIOD` or `OBS_VALUE`;
  ///   `raggedRow`, `unclosedQuote`, `malformedQuote` or `numberFormat` naming line and column.
  public static func parseSDMXCSV(_ text: String, source: String = "<sdmx-csv>") throws
    -> EurostatTable
  {
    // "\r\n" is one Character in Swift: split on it as on "\n".
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    guard let headerIndex = lines.firstIndex(where: { !$0.isEmpty }) else {
      throw DataError.emptyFile(file: source)
    }
    let headerLine = String(lines[headerIndex].drop { $0 == "\u{FEFF}" })
    let delimiter: Character = sdmxDelimiter(headerLine)
    let header = try sdmxFields(
      headerLine, delimiter: delimiter,
      location: SourceLocation(file: source, line: headerIndex + 1)
    ).map { $0.trimmingCharacters(in: .whitespaces) }
    let layout = try SDMXLayout(header: header, source: source)
    var order: [[String]] = []
    var bySeries: [[String]: [String: (observation: EurostatObservation, line: Int)]] = [:]
    var periods: [String: Double?] = [:]
    for index in lines.indices where index > headerIndex && !lines[index].isEmpty {
      let line = index + 1
      let fields = try sdmxFields(
        String(lines[index]), delimiter: delimiter,
        location: SourceLocation(file: source, line: line))
      guard fields.count == header.count else {
        throw DataError.raggedRow(
          at: SourceLocation(file: source, line: line), expected: header.count, found: fields.count)
      }
      let key = layout.dimensions.map { fields[$0].trimmingCharacters(in: .whitespaces) }
      let observation = try layout.observation(fields, source: source, line: line)
      if bySeries[key] == nil { order.append(key) }
      if let earlier = bySeries[key]?[observation.period] {
        throw DataError.badFile(
          file: source,
          reason: "line \(line): the series \(key.joined(separator: ",")) has period "
            + "\(observation.period) twice (first on line \(earlier.line))")
      }
      bySeries[key, default: [:]][observation.period] = (observation, line)
      periods[observation.period] = observation.year
    }
    let names = layout.dimensions.map { header[$0] }
    let series = order.map { key -> EurostatSeries in
      let present = bySeries[key] ?? [:]
      var observations = periods.map { period, year in
        present[period]?.observation
          ?? EurostatObservation(period: period, year: year, value: nil, flags: "")
      }
      observations.sort { ($0.year ?? 0, $0.period) < ($1.year ?? 0, $1.period) }
      return EurostatSeries(
        dimensions: Array(zip(names, key)).map { (name: $0, value: $1) },
        observations: observations)
    }
    return EurostatTable(dimensionNames: names, series: series)
  }

  /// True when the file's first line reads like an SDMX-CSV header (a `DATAFLOW` or `STRUCTURE`
  /// first column, `TIME_PERIOD` and `OBS_VALUE` columns).
  /// - Parameter path: the file.
  /// - Returns: whether to read it with ``readSDMXCSV(path:)``.
  public static func looksLikeSDMXCSV(path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
    guard let first = head.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first else {
      return false
    }
    let line = String(first.drop { $0 == "\u{FEFF}" })
    guard
      let fields = try? sdmxFields(
        line.hasSuffix("\r") ? String(line.dropLast()) : line, delimiter: sdmxDelimiter(line),
        location: SourceLocation(file: path, line: 1)
      ).map({ $0.trimmingCharacters(in: .whitespaces) }),
      let opening = fields.first
    else { return false }
    return (opening == "DATAFLOW" || opening == "STRUCTURE") && fields.contains("TIME_PERIOD")
      && fields.contains("OBS_VALUE")
  }

  /// `;` when the header splits on it into a `TIME_PERIOD` column and not on commas, else `,`.
  static func sdmxDelimiter(_ header: String) -> Character {
    let commas = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let semicolons = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    return !commas.contains("TIME_PERIOD") && semicolons.contains("TIME_PERIOD") ? ";" : ","
  }

  /// The fields of one line: split on the delimiter outside double quotes, `""` a quote.
  static func sdmxFields(_ line: String, delimiter: Character, location: SourceLocation) throws
    -> [String]
  {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var closed = false
    var iterator = Array(line).makeIterator()
    var column = 1
    while let c = iterator.next() {
      if quoted {
        if c == "\"" {
          // A doubled quote is a quote; a single one closes the field.
          if let next = iterator.next() {
            if next == "\"" {
              current.append("\"")
            } else {
              quoted = false
              closed = true
              if next == delimiter {
                fields.append(current)
                current = ""
                closed = false
                column += 1
              } else {
                throw DataError.malformedQuote(
                  at: SourceLocation(file: location.file, line: location.line, column: column))
              }
            }
          } else {
            quoted = false
            closed = true
          }
        } else {
          current.append(c)
        }
      } else if c == delimiter {
        fields.append(current)
        current = ""
        closed = false
        column += 1
      } else if c == "\"" && current.isEmpty && !closed {
        quoted = true
      } else if closed {
        throw DataError.malformedQuote(
          at: SourceLocation(file: location.file, line: location.line, column: column))
      } else {
        current.append(c)
      }
    }
    if quoted {
      throw DataError.unclosedQuote(
        at: SourceLocation(file: location.file, line: location.line, column: column))
    }
    fields.append(current)
    return fields
  }
}

/// Where the dimensions, period, value and flags are in an SDMX-CSV header.
struct SDMXLayout {
  /// Positions of the dimension columns (before `TIME_PERIOD`, the metadata columns left out).
  let dimensions: [Int]
  let period: Int
  let value: Int
  let flag: Int?
  let confidentiality: Int?
  let header: [String]

  /// Finds the columns.
  /// - Throws: `DataError.badFile` when `TIME_PERIOD` or `OBS_VALUE` is missing or a dimension
  ///   is called `time`, `value` or `flags` (the long form's own columns).
  init(header: [String], source: String) throws {
    self.header = header
    guard let period = header.firstIndex(of: "TIME_PERIOD"),
      let value = header.firstIndex(of: "OBS_VALUE")
    else {
      let missing = ["TIME_PERIOD", "OBS_VALUE"].filter { !header.contains($0) }
      throw DataError.badFile(
        file: source,
        reason: "line 1: not Eurostat SDMX-CSV: no column \(missing.joined(separator: " or ")) "
          + "(the header reads \(header.prefix(12).joined(separator: ",")))")
    }
    var seen: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      if let first = seen[name] {
        throw DataError.duplicateColumn(
          name: name, firstPosition: first + 1, secondPosition: i + 1, source: source)
      }
      seen[name] = i
    }
    dimensions = header.indices.filter {
      $0 < period && !EurostatTable.sdmxMetadataColumns.contains(header[$0])
    }
    for d in dimensions where ["time", "value", "flags"].contains(header[d]) || header[d].isEmpty {
      throw DataError.badFile(
        file: source,
        reason: "line 1, column \(d + 1): a dimension cannot be called '\(header[d])' (the long "
          + "form has its own time, value and flags columns)")
    }
    self.period = period
    self.value = value
    flag = header.firstIndex(of: "OBS_FLAG")
    confidentiality = header.firstIndex(of: "CONF_STATUS")
  }

  /// One row's observation, its value and flags checked.
  func observation(_ fields: [String], source: String, line: Int) throws -> EurostatObservation {
    func location(_ column: Int) -> SourceLocation {
      SourceLocation(file: source, line: line, column: column + 1)
    }
    let period = fields[self.period].trimmingCharacters(in: .whitespaces)
    guard !period.isEmpty else {
      throw DataError.numberFormat(
        at: location(self.period), column: "TIME_PERIOD", value: period,
        reason: "the period is empty")
    }
    let year = Double(period).flatMap { $0 == $0.rounded() ? $0 : nil }
    let text = fields[value].trimmingCharacters(in: .whitespaces)
    var number: Double?
    if !text.isEmpty && text != ":" {
      guard let parsed = Double(text), parsed.isFinite else {
        throw DataError.numberFormat(
          at: location(value), column: "OBS_VALUE", value: text,
          reason: "not a number (a value not available is empty or ':')")
      }
      number = parsed
    }
    var flags = flag.map { fields[$0].filter { !$0.isWhitespace } } ?? ""
    let known = Set(EurostatTable.flagMeanings.map(\.0).joined())
    if let flag, let bad = flags.first(where: { !known.contains($0) }) {
      throw DataError.numberFormat(
        at: location(flag), column: "OBS_FLAG", value: fields[flag],
        reason: "unknown Eurostat flag '\(bad)' (known: "
          + EurostatTable.flagMeanings.map(\.0).joined(separator: ", ") + ")")
    }
    if let confidentiality,
      fields[confidentiality].trimmingCharacters(in: .whitespaces).uppercased() == "C",
      !flags.contains("c")
    {
      flags.append("c")
    }
    return EurostatObservation(period: period, year: year, value: number, flags: flags)
  }
}
