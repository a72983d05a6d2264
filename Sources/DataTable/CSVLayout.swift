/// What a delimited text file's header and the options settle before any data row is read: the
/// dialect, the column names, the type overrides, the columns kept and how their fields are read.
///
/// Built once per read, from the first bytes of the file; the whole-text reader and the streaming
/// reader (`CSVStream`) parse their rows with parsers made from it.
struct CSVLayout {
  let dialect: Dialect
  /// The header's column names.
  let names: [String]
  /// Offset of the first data byte in the input the header was read from.
  let dataStart: Int
  /// Type override of each column, by position in the header.
  let overrides: [ColumnType?]
  /// Positions of the columns kept, ascending.
  let selected: [Int]
  let settings: ParseSettings
  /// Settings of the columns with their own missing-value tokens, by position.
  let columnSettings: [Int: ParseSettings]
  /// The number formats tried on a column left as text (`NumberRescue`).
  let formats: [NumberConvention]

  /// Reads the header of `input` at `headerStart` (after any byte-order mark and leading blanks).
  /// - Throws: `DataError` for a bad header, an override or selected column the header lacks.
  init(_ input: CSVInput, headerStart: Int, options: CSVOptions) throws {
    dialect = CSVHeader.dialect(input, headerStart: headerStart, option: options.delimiter)
    (names, dataStart) = try CSVHeader.names(input, dialect: dialect, start: headerStart)
    overrides = try Self.resolveOverrides(options.types, names: names)
    selected = try ColumnSelection.positions(options, names: names, source: input.name)
    let decimalComma =
      options.numberFormat.map { $0.decimal == "," }
      ?? options.decimalComma ?? (!dialect.whitespace && dialect.delimiter == 59)
    settings = ParseSettings(
      decimalComma: decimalComma, missing: MissingTokens(options.missingTokens),
      format: options.numberFormat)
    var columnSettings: [Int: ParseSettings] = [:]
    for (column, tokens) in options.columnMissingTokens.sorted(by: { $0.key < $1.key }) {
      guard let j = names.firstIndex(of: column) else {
        throw DataError.unknownColumn(
          name: column, suggestion: NameSuggestion.nearest(to: column, among: names),
          source: input.name)
      }
      columnSettings[j] = ParseSettings(
        decimalComma: decimalComma, missing: MissingTokens(options.missingTokens.union(tokens)),
        format: options.numberFormat)
    }
    self.columnSettings = columnSettings
    // A declared format is the only one tried; a declared decimal mark (`decimalComma`) limits
    // the candidates to those with that mark.
    formats =
      options.numberFormat.map { [$0] }
      ?? NumberConvention.candidates.filter { format in
        options.decimalComma.map { $0 == (format.decimal == ",") } ?? true
      }
  }

  /// A parser of the rows of `input` laid out as this header says.
  func parser(_ input: CSVInput, numberFastPath: Bool = true) -> ChunkParser {
    ChunkParser(
      input: input, dialect: dialect, overrides: overrides, settings: settings,
      selected: selected, columnSettings: columnSettings, numberFastPath: numberFastPath)
  }

  /// Maps overrides to column positions.
  private static func resolveOverrides(_ types: [String: ColumnType], names: [String]) throws
    -> [ColumnType?]
  {
    var byPosition = [ColumnType?](repeating: nil, count: names.count)
    let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    for (column, type) in types.sorted(by: { $0.key < $1.key }) {
      guard let i = index[column] else {
        let hint = NameSuggestion.nearest(to: column, among: names).map {
          "; did you mean '\($0)'?"
        }
        throw DataError.badTypeOverride(column: column, reason: "no such column" + (hint ?? ""))
      }
      byPosition[i] = type
    }
    return byPosition
  }
}

/// The columns a read keeps (`CSVOptions.columns`), for every reader.
enum ColumnSelection {
  /// Positions (ascending) of the selected columns among `names`; all positions when
  /// `options.columns` is `nil`, or when it names none of them and `ignoresUnknownColumns` is on.
  /// - Throws: `DataError.unknownColumn` for a selected name not in `names` (unless
  ///   `options.ignoresUnknownColumns`).
  static func positions(_ options: CSVOptions, names: [String], source: String) throws -> [Int] {
    guard let columns = options.columns else { return Array(names.indices) }
    let known = Set(names)
    if !options.ignoresUnknownColumns,
      let unknown = columns.sorted().first(where: { !known.contains($0) })
    {
      throw DataError.unknownColumn(
        name: unknown, suggestion: NameSuggestion.nearest(to: unknown, among: names),
        source: source)
    }
    let kept = names.indices.filter { columns.contains(names[$0]) }
    return kept.isEmpty && options.ignoresUnknownColumns ? Array(names.indices) : kept
  }
}
