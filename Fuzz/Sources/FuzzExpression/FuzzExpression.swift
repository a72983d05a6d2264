import FuzzSupport
import VETStat

/// The expression language of `derive` and `filter` on arbitrary text: parsed, type-checked and
/// evaluated over a small copy of the bundled panel (with `lag`/`lead` on its panel), through
/// the same validation a spec gets. The first byte splits the text into a derived variable and
/// a filter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var input = FuzzInput(start, count: count)
  let usesFilter = input.choice(2) == 1
  let text = input.rest()
  let filter = usesFilter ? ", filter: \"v > 0\"" : ""
  let block = text.split(separator: "\n", omittingEmptySubsequences: false)
    .map { "    " + $0 }.joined(separator: "\n")
  let spec = """
    study: fuzz
    data:
      path: data.csv
      panel: {unit: learner_id, time: year, group: school_id}
    derive:
      v: |-
    \(block)
    analyses:
      - {name: v_by_year, kind: indicator, measure: "mean(stem_score)", by: [year]\(filter)}
    """
  guard let path = FuzzWorkspace.writeSpec(spec) else { return 0 }
  _ = try? Study.validate(spec: path)
  return 0
}
