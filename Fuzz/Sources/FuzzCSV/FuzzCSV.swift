import FuzzSupport
import VETStat

/// The CSV reader on arbitrary bytes, with the options a user can set (delimiter, decimal comma,
/// missing tokens), chunked and in one piece; then `describe` on what was read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var input = FuzzInput(start, count: count)
  var options = CSVOptions()
  options.delimiter = [.detect, .comma, .semicolon, .tab, .whitespace][input.choice(5)]
  if input.choice(2) == 1 { options.decimalComma = true }
  options.threads = 1 + input.choice(2)
  let bytes = input.restBytes()
  if let table = try? CSVReader.read(bytes: bytes, name: "fuzz.csv", options: options) {
    let summaries = table.columns.map { ColumnSummary(column: $0) }
    _ = ColumnSummary.render(summaries)
  }
  return 0
}
