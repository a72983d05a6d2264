import FuzzSupport
import VETStat

/// The YAML study spec reader and validation on arbitrary text: YAML syntax, aliases, key paths,
/// types, analysis kinds and their keys, formulas, expressions, joins and output folders, against
/// a small copy of the bundled panel (`data.csv`, `schools.csv`). Validation never fits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var input = FuzzInput(start, count: count)
  guard let path = FuzzWorkspace.writeSpec(input.rest()) else { return 0 }
  _ = try? Study.validate(spec: path)
  return 0
}
