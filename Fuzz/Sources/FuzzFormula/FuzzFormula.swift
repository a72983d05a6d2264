import FuzzSupport
import VETStat

/// A small fixed panel that formulas are built on (columns y, x, z, g, id, t, w, b).
let table: DataTable? = {
  var seedBytes: [UInt8] = [5, 3] + (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
  return seedBytes.withUnsafeMutableBytes { raw -> DataTable? in
    guard let base = raw.baseAddress else { return nil }
    var input = FuzzInput(base, count: raw.count)
    let csv = FuzzTable.csv(from: &input)
    return try? CSVReader.read(bytes: Array(csv.utf8), name: "fuzz.csv")
  }
}()

/// The formula parser and term expansion on arbitrary text, then the design matrix of every
/// formula that parses, on a small table (unknown names, factors, interactions, functions).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var input = FuzzInput(start, count: count)
  let text = input.rest()
  guard let formula = try? Formula(text), let table else { return 0 }
  _ = try? DesignMatrix.build(formula, data: table)
  return 0
}
