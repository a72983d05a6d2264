import FuzzSupport
import VETStat

/// The CSV reader on arbitrary bytes, with the options a user can set (delimiter, decimal comma,
/// missing tokens, encoding, number convention), chunked and in one piece; then `describe` on
/// what was read.
///
/// The third byte chooses threads (bit 0), the encoding (detected, UTF-8, UTF-16, Latin-1,
/// Windows-1252: byte / 2 % 5) and a declared number convention (none, `2.687,86`, `1,234.5`:
/// byte / 10 % 3), so that seeds written before the last two existed keep their meaning.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var input = FuzzInput(start, count: count)
  var options = CSVOptions()
  options.delimiter = [.detect, .comma, .semicolon, .tab, .whitespace][input.choice(5)]
  if input.choice(2) == 1 { options.decimalComma = true }
  let third = input.choice(256)
  options.threads = 1 + third % 2
  let encodings: [TextEncoding?] = [nil, .utf8, .utf16, .latin1, .windows1252]
  options.encoding = encodings[third / 2 % 5]
  switch third / 10 % 3 {
  case 1: options.numberFormat = try? NumberConvention(decimal: ",", thousands: ".")
  case 2: options.numberFormat = try? NumberConvention(decimal: ".", thousands: ",")
  default: break
  }
  let bytes = input.restBytes()
  if let table = try? CSVReader.read(bytes: bytes, name: "fuzz.csv", options: options) {
    let summaries = table.columns.map { ColumnSummary(column: $0) }
    _ = ColumnSummary.render(summaries)
  }
  return 0
}
