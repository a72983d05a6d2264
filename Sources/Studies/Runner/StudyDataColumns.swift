import DataTable
import Foundation

/// The columns of a study's main data file that the study reads, so that the reader parses only
/// those (`CSVOptions.columns`, like data.table's `fread(select =)`): a 15-column file of 26
/// million rows is read in the memory of the five columns an indicator table uses.
///
/// By default (`data.columns` absent) a column is read when the spec names it anywhere it could
/// be used: in an analysis's keys (formulas, `by`, `measure`, `time`, `cluster`, `weights`,
/// `filter`, ...: every word of every value, so that a new analysis kind needs no entry here), in
/// `derive` and `data.filter`, as panel unit, time or group, as a declared identifier or as a
/// join key. Reading a column the study does not use changes nothing; not reading one it does
/// would be a wrong message, so the study planner reads every column again when a study read this
/// way has a problem to report (`StudyPlanner`), and its messages are those of a full read.
///
/// Every column is read for `data.columns: all`, and when an analysis reads columns it does not
/// name (a `describe` without `variables` describes every column).
enum StudyDataColumns {
  /// The column names to read (names the file lacks are passed over), or `nil` for every
  /// column.
  /// - Parameter spec: the study spec.
  /// - Returns: the names.
  static func selection(_ spec: StudySpec) -> Set<String>? {
    guard let source = spec.data else { return nil }
    switch source.columns {
    case .all: return nil
    case .listed(let names, _): return Set(names)
    case .used: break
    }
    var names = Set<String>()
    for analysis in spec.analyses {
      if readsUnnamedColumns(analysis) { return nil }
      words(in: analysis.node, into: &names)
    }
    for derived in spec.derive { names.formUnion(derived.expression.columnNames) }
    if let filter = source.filter { names.formUnion(filter.expression.columnNames) }
    if let panel = source.panel {
      names.formUnion([panel.unit, panel.time, panel.group].compactMap { $0 })
    }
    names.formUnion(source.identifiers.map(\.name))
    for join in source.joins { names.formUnion(join.by) }
    return names
  }

  /// The reading options of the main file with the study's selection.
  static func options(_ spec: StudySpec, base: CSVOptions) -> CSVOptions {
    var options = base
    guard let data = spec.data, let names = selection(spec) else { return options }
    options.columns = names
    if case .listed = data.columns { return options }
    options.ignoresUnknownColumns = true
    return options
  }

  /// Whether the study's column selection may leave out a column it reads: a problem found with
  /// the selection is then checked again on every column.
  static func selects(_ spec: StudySpec) -> Bool {
    spec.data?.columns == .used && selection(spec) != nil
  }

  /// An analysis that reads columns it does not name.
  private static func readsUnnamedColumns(_ analysis: AnalysisSpec) -> Bool {
    guard analysis.kind == "describe", case .mapping(let entries) = analysis.node.content else {
      return false
    }
    return !entries.contains { $0.key == "variables" }
  }

  /// Every word of every value and key under `node`: whole values (a column name with blanks,
  /// as in `by: ["school type"]`), back-quoted names and runs of letters, digits, `_` and `.`
  /// (the names in formulas and expressions).
  private static func words(in node: SpecNode, into names: inout Set<String>) {
    switch node.content {
    case .scalar(let text, _): words(in: text, into: &names)
    case .sequence(let items): for item in items { words(in: item, into: &names) }
    case .mapping(let entries):
      for entry in entries {
        words(in: entry.key, into: &names)
        words(in: entry.value, into: &names)
      }
    }
  }

  private static func words(in text: String, into names: inout Set<String>) {
    names.insert(text.trimmingCharacters(in: .whitespaces))
    var word = ""
    var quoted = false
    for character in text {
      if character == "`" {
        if !word.isEmpty { names.insert(word) }
        word = ""
        quoted.toggle()
      } else if quoted || character.isLetter || character.isNumber || character == "_"
        || character == "."
      {
        word.append(character)
      } else {
        if !word.isEmpty { names.insert(word) }
        word = ""
      }
    }
    if !word.isEmpty { names.insert(word) }
  }
}
