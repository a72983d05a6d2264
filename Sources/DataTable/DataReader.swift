import Foundation

/// Reads a data file of any supported format into a `DataTable`, choosing the reader by the
/// file's extension (and, for text files, by its first bytes).
///
/// CSV and other delimited text (optionally gzip- or Zstandard-compressed, `.gz`, `.zst`), Excel
/// `.xlsx`, SPSS `.sav`/`.zsav`/`.por`, Stata `.dta` and SAS `.sas7bdat`/`.xpt`; a Eurostat bulk
/// `.tsv` (first header cell like `unit,geo\time`) and a Eurostat SDMX-CSV `.csv` (columns
/// `DATAFLOW`, ..., `TIME_PERIOD`, `OBS_VALUE`, `OBS_FLAG`) are read in the same long form
/// (`EurostatTable`).
public enum DataReader {
  /// The file extensions read by ReadStat.
  static let statisticalExtensions: Set<String> = ["sav", "zsav", "por", "dta", "sas7bdat", "xpt"]

  /// Reads the file at `path`.
  /// - Parameters:
  ///   - path: the file.
  ///   - options: the reading options (each format uses those that apply to it).
  /// - Returns: the table.
  /// - Throws: `DataError` naming the file and, where known, line and column.
  public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> DataTable {
    try load(path: path, options: options).table
  }

  /// Reads the file at `path` and says how it was read.
  /// - Parameters:
  ///   - path: the file.
  ///   - options: the reading options.
  /// - Returns: the table and its read report.
  /// - Throws: `DataError` naming the file and, where known, line and column.
  public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> LoadedTable {
    try load(path: path, options: options, tap: nil)
  }

  /// Reads the file at `path`, showing its bytes to `tap` as they are read.
  ///
  /// Delimited text (plain, gzip or Zstandard) is read in one pass that also feeds the tap;
  /// for the other formats the tap reads the file after the reader.
  /// - Parameters:
  ///   - path: the file.
  ///   - options: the reading options.
  ///   - tap: sees every byte of the file once, in order (a provenance hash).
  /// - Returns: the table and its read report.
  /// - Throws: `DataError` naming the file and, where known, line and column.
  public static func load(path: String, options: CSVOptions, tap: ByteTap?) throws -> LoadedTable {
    let loaded = try loadFormat(path: path, options: options, tap: tap)
    try tap?.complete(path: path)
    return loaded
  }

  /// Chooses the reader by the file's extension.
  private static func loadFormat(path: String, options: CSVOptions, tap: ByteTap?) throws
    -> LoadedTable
  {
    let name = (path as NSString).lastPathComponent.lowercased()
    let ext = (name as NSString).pathExtension
    if ext == "gz" || ext == "zst" {
      let loaded = try readCompressed(path: path, zstd: ext == "zst", options: options, tap: tap)
      var report = loaded.report
      report.format += ext == "gz" ? " (gzip)" : " (zstd)"
      return LoadedTable(table: loaded.table, report: report)
    }
    switch ext {
    case "xlsx", "xlsm": return try XLSXReader.load(path: path, options: options)
    case "xls", "ods", "numbers":
      throw DataError.badFile(
        file: path, reason: ".\(ext) files are not read; save the sheet as .xlsx or CSV")
    case "bz2", "xz", "zip", "7z":
      throw DataError.badFile(
        file: path,
        reason: ".\(ext) compression is not read; decompress the file or use .gz or .zst")
    case _ where statisticalExtensions.contains(ext):
      return try StatFileReader.load(path: path, options: options)
    case "tsv" where EurostatTable.looksLikeEurostat(path: path):
      let table = try EurostatTable.read(path: path).longTable()
      return LoadedTable(table: table, report: ReadReport(format: "Eurostat TSV (long form)"))
    case "csv" where EurostatTable.looksLikeSDMXCSV(path: path):
      let table = try EurostatTable.readSDMXCSV(path: path).longTable()
      return LoadedTable(table: table, report: ReadReport(format: "Eurostat SDMX-CSV (long form)"))
    default:
      try refuseBinary(path: path)
      return try CSVReader.load(path: path, options: options, tap: tap)
    }
  }

  /// Reads compressed delimited text as it is decompressed (`CSVStream`), or, for input the
  /// streaming reader leaves to the whole-text reader, decompressed whole first.
  static func readCompressed(
    path: String, zstd: Bool, options: CSVOptions, tap: ByteTap?,
    blockSize: Int = CSVStream.blockSize
  ) throws -> LoadedTable {
    if CSVStream.streams(options) {
      do {
        return try CSVStream.readCompressed(
          path: path, zstd: zstd, options: options, tap: tap, blockSize: blockSize)
      } catch is StreamFallback {}
    }
    let limit = options.decompressedLimit
    let bytes =
      try zstd
      ? Zstd.decompress(path: path, limit: limit, tap: tap)
      : Gzip.decompress(path: path, limit: limit, tap: tap)
    return try CSVReader.load(bytes: bytes, name: path, options: options)
  }

  /// Refuses a file whose first bytes show a binary format under a text file's name.
  private static func refuseBinary(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else { return }
    defer { try? handle.close() }
    let head = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
    let kind: String?
    switch head.count >= 4 ? Array(head.prefix(4)) : [] {
    case [0x50, 0x4B, 0x03, 0x04]:
      kind = "a ZIP archive (an .xlsx workbook? give it the .xlsx extension)"
    case [0x24, 0x46, 0x4C, 0x32], [0x24, 0x46, 0x4C, 0x33]: kind = "an SPSS .sav file"
    case [0xD0, 0xCF, 0x11, 0xE0]: kind = "an old Excel .xls workbook (save it as .xlsx or CSV)"
    case [0x28, 0xB5, 0x2F, 0xFD]: kind = "zstd-compressed (give it the .zst extension)"
    default:
      kind =
        head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B
        ? "gzip-compressed (give it the .gz extension)" : nil
    }
    if let kind {
      throw DataError.badFile(file: path, reason: "the file is \(kind), not delimited text")
    }
  }
}
