import CReadStat

/// Reads SPSS (`.sav`, `.zsav`, `.por`), Stata (`.dta`) and SAS (`.sas7bdat`, `.xpt`) files
/// through ReadStat.
///
/// Value labels become factor levels (the label is the level; the codes are kept in the read
/// report); SPSS user-defined missing values, Stata and SAS extended missings (`.a`-`.z`) and
/// system missings become missing, counted by kind in the report; variable labels are kept in the
/// report; dates and date-times become `.date` and `.datetime` columns. The file is read through a
/// memory map (`StatFileIO`).
enum StatFileReader {
  /// Reads the file at `path`.
  /// - Parameters:
  ///   - path: the file; its extension chooses the format.
  ///   - options: the columns to read, type overrides (`double` keeps a labelled column's
  ///     codes), and the encoding of old files that do not declare theirs.
  /// - Returns: the table and its read report.
  /// - Throws: `DataError.badFile` with ReadStat's reason; `unknownColumn`, `badTypeOverride`,
  ///   `badValue` as the other readers.
  static func load(path: String, options: CSVOptions) throws -> LoadedTable {
    let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
    let (format, parse):
      (
        String,
        (UnsafeMutablePointer<readstat_parser_t>?, String, UnsafeMutableRawPointer?) ->
          readstat_error_t
      )
    switch ext {
    case "sav", "zsav": (format, parse) = ("SPSS (.\(ext))", { readstat_parse_sav($0, $1, $2) })
    case "por": (format, parse) = ("SPSS portable (.por)", { readstat_parse_por($0, $1, $2) })
    case "dta": (format, parse) = ("Stata (.dta)", { readstat_parse_dta($0, $1, $2) })
    case "sas7bdat": (format, parse) = ("SAS (.sas7bdat)", { readstat_parse_sas7bdat($0, $1, $2) })
    default: (format, parse) = ("SAS transport (.xpt)", { readstat_parse_xport($0, $1, $2) })
    }
    let state = StatFileState(selected: options.columns)
    guard let parser = readstat_parser_init() else {
      throw DataError.badFile(file: path, reason: "ReadStat could not start")
    }
    defer { readstat_parser_free(parser) }
    let io = StatFileIO()
    io.install(on: parser)
    readstat_set_metadata_handler(parser, StatFileHandlers.metadata)
    readstat_set_variable_handler(parser, StatFileHandlers.variable)
    readstat_set_value_handler(parser, StatFileHandlers.value)
    readstat_set_value_label_handler(parser, StatFileHandlers.valueLabel)
    switch options.encoding {
    case .latin1?: readstat_set_file_character_encoding(parser, "ISO-8859-1")
    case .windows1252?: readstat_set_file_character_encoding(parser, "WINDOWS-1252")
    default: break
    }
    let context = Unmanaged.passUnretained(state).toOpaque()
    let status = withExtendedLifetime((state, io)) { parse(parser, path, context) }
    guard status == READSTAT_OK else {
      let reason = readstat_error_message(status).map { String(cString: $0) } ?? "error \(status)"
      if status == READSTAT_ERROR_OPEN {
        throw DataError.cannotRead(file: path, reason: reason)
      }
      throw DataError.badFile(file: path, reason: "cannot read as \(format): \(reason)")
    }
    if let selected = options.columns {
      let names = state.variables.map(\.name)
      if options.ignoresUnknownColumns, !names.contains(where: selected.contains) {
        var all = options
        all.columns = nil
        return try load(path: path, options: all)
      }
      if !options.ignoresUnknownColumns,
        let unknown = selected.sorted().first(where: { !names.contains($0) })
      {
        throw DataError.unknownColumn(
          name: unknown, suggestion: NameSuggestion.nearest(to: unknown, among: names),
          source: path)
      }
    }
    var report = ReadReport(format: format)
    let family: StatFileDates.Family =
      ext == "dta" ? .stata : ["sas7bdat", "xpt"].contains(ext) ? .sas : .spss
    let table = try StatFileColumns.table(
      state, path: path, options: options, family: family, report: &report)
    return LoadedTable(table: table, report: report)
  }
}
