#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a `DataTable` as delimited text that `CSVReader` reads back to the same values.
///
/// RFC 4180 quoting: texts holding the delimiter, a quote, a line break or surrounding blanks,
/// texts equal to a missing token (`missing`, `NA`, `.`), and empty texts are quoted, quotes
/// doubled. Doubles get 17 significant digits so they round-trip, always with a `.` or an
/// exponent so they read back as doubles; `Inf`/`-Inf`; booleans as `true`/`false`; missing
/// values as the `missing` text, unquoted.
public enum CSVWriter {
  /// The table as text.
  /// - Parameters:
  ///   - table: the table.
  ///   - delimiter: the field separator byte (`,` by default).
  ///   - missing: the text for a missing value (`NA` by default; `""` for empty fields).
  /// - Returns: header line and one line per row, each ending in `\n`.
  public static func string(
    _ table: DataTable, delimiter: UInt8 = UInt8(ascii: ","), missing: String = "NA"
  ) -> String {
    String(decoding: bytes(table, delimiter: delimiter, missing: missing), as: UTF8.self)
  }

  /// Writes the table to `path` atomically (a temporary file in the same folder, then rename).
  /// - Parameters:
  ///   - table: the table.
  ///   - path: destination file.
  ///   - delimiter: the field separator byte (`,` by default).
  ///   - missing: the text for a missing value (`NA` by default).
  /// - Throws: `DataError.cannotWrite` when the file cannot be created or written.
  public static func write(
    _ table: DataTable, to path: String, delimiter: UInt8 = UInt8(ascii: ","),
    missing: String = "NA"
  ) throws {
    try FileIO.writeAtomically(bytes(table, delimiter: delimiter, missing: missing), to: path)
  }

  /// The encoded table.
  static func bytes(_ table: DataTable, delimiter: UInt8, missing: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(table.rowCount * table.columns.count * 8 + 64)
    let missingBytes = Array(missing.utf8)
    for (j, column) in table.columns.enumerated() {
      if j > 0 { out.append(delimiter) }
      appendText(column.name, to: &out, delimiter: delimiter, missing: missingBytes)
    }
    out.append(10)
    for row in 0..<table.rowCount {
      for (j, column) in table.columns.enumerated() {
        if j > 0 { out.append(delimiter) }
        appendValue(column, row: row, to: &out, delimiter: delimiter, missing: missingBytes)
      }
      out.append(10)
    }
    return out
  }

  private static func appendValue(
    _ column: Column, row: Int, to out: inout [UInt8], delimiter: UInt8, missing: [UInt8]
  ) {
    if column.isMissing(row) {
      out.append(contentsOf: missing)
      return
    }
    switch column.values {
    case .double(let values): appendDouble(values[row], to: &out, missing: missing)
    case .int(let values): out.append(contentsOf: String(values[row]).utf8)
    case .bool(let values): out.append(contentsOf: (values[row] ? "true" : "false").utf8)
    case .text(let codes, let levels):
      let code = Int(codes[row])
      guard code >= 0, code < levels.count else {
        out.append(contentsOf: missing)
        return
      }
      appendText(levels[code], to: &out, delimiter: delimiter, missing: missing)
    }
  }

  /// `%.17g`, with `.0` added to integral values so they read back as doubles.
  static func appendDouble(_ x: Double, to out: inout [UInt8], missing: [UInt8]) {
    if x.isNaN {
      out.append(contentsOf: missing)
      return
    }
    if x.isInfinite {
      out.append(contentsOf: (x < 0 ? "-Inf" : "Inf").utf8)
      return
    }
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
      guard let start = buffer.baseAddress else { return }
      let length = withVaList([x]) { vsnprintf(start, 32, "%.17g", $0) }
      var plain = true
      for k in 0..<Int(max(0, min(length, 31))) {
        let c = UInt8(bitPattern: start[k])
        if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") { plain = false }
        out.append(c)
      }
      if plain { out.append(contentsOf: ".0".utf8) }
    }
  }

  /// A text field, quoted when needed.
  static func appendText(_ text: String, to out: inout [UInt8], delimiter: UInt8, missing: [UInt8])
  {
    let utf8 = text.utf8
    let needsQuotes =
      utf8.isEmpty || utf8.elementsEqual(missing) || text == "NA" || text == "."
      || utf8.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
      || utf8.first == 32 || utf8.first == 9 || utf8.last == 32 || utf8.last == 9
    guard needsQuotes else {
      out.append(contentsOf: utf8)
      return
    }
    out.append(34)
    for c in utf8 {
      out.append(c)
      if c == 34 { out.append(34) }
    }
    out.append(34)
  }
}
