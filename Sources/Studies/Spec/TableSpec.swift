/// The spec's `table:` block: how the report's side-by-side regression table is laid out and in
/// which further formats it is written (as `vetstat table`'s options).
///
/// ```yaml
/// table:
///   models: [score_gap, action_effect]
///   labels: {female: Female, ses: Socio-economic status}
///   omit: ["year[*]"]
///   order: [female, ses]
///   uncertainty: se          # or ci
///   brackets: parentheses    # or brackets
///   stars: true
///   digits: 3
///   latex_columns: siunitx   # or plain
///   reference_levels: true   # a row naming each factor's omitted level
///   formats: [html, docx, xlsx]
/// ```
public struct TableSpec: Sendable {
  /// The keys of the block.
  public static let keys = [
    "models", "labels", "omit", "keep", "order", "uncertainty", "brackets", "stars", "digits",
    "title", "notes", "formats", "latex_columns", "reference_levels",
  ]

  /// The layout.
  public let options: TableOptions
  /// The analyses shown, in this order (`nil`: every model).
  public let models: [String]?
  /// Further files `tables/regressions.<format>` (besides the csv and tex of `outputs`).
  public let formats: [TableFormat]

  /// Reads the block, reporting every problem with its key path and line.
  /// - Parameters:
  ///   - top: the spec's root mapping.
  ///   - analyses: the analysis names (what `models` may name).
  ///   - diagnostics: where problems are reported.
  /// - Returns: the block, or `nil` when absent or not a mapping.
  static func read(_ top: SpecReader, analyses: [String], diagnostics: SpecDiagnostics)
    -> TableSpec?
  {
    guard let r = top.mapping("table", allowed: keys) else { return nil }
    var options = TableOptions()
    if let node = r.node("labels") {
      if case .mapping(let entries) = node.content {
        for entry in entries {
          guard case .scalar(let label, _) = entry.value.content else {
            diagnostics.report(
              "\(r.child("labels")).\(entry.key)", line: entry.line, "expected a label (text)")
            continue
          }
          options.labels[entry.key] = label
        }
      } else {
        diagnostics.report(
          r.child("labels"), line: node.line,
          "expected a mapping term: label, found \(node.kindDescription)")
      }
    }
    options.omit = patterns(r, "omit", diagnostics)
    options.keep = patterns(r, "keep", diagnostics)
    options.order = patterns(r, "order", diagnostics)
    if let text = r.string("uncertainty") {
      if let value = TableOptions.Uncertainty(rawValue: text.lowercased()) {
        options.uncertainty = value
      } else {
        diagnostics.unknown(
          "uncertainty", name: text, among: ["se", "ci"], keyPath: r.child("uncertainty"),
          line: r.line(of: "uncertainty"))
      }
    }
    if let text = r.string("brackets") {
      if let value = TableOptions.Brackets(rawValue: text.lowercased()) {
        options.brackets = value
      } else {
        diagnostics.unknown(
          "brackets", name: text, among: ["parentheses", "brackets"],
          keyPath: r.child("brackets"), line: r.line(of: "brackets"))
      }
    }
    if r.bool("stars") == false { options.stars = [] }
    if let text = r.string("latex_columns") {
      if let value = LatexColumns(rawValue: text.lowercased()) {
        options.latexColumns = value
      } else {
        diagnostics.unknown(
          "latex_columns", name: text, among: LatexColumns.allCases.map(\.rawValue),
          keyPath: r.child("latex_columns"), line: r.line(of: "latex_columns"))
      }
    }
    options.referenceLevels = r.bool("reference_levels") ?? false
    if let digits = r.int("digits") {
      if (0...12).contains(digits) {
        options.digits = digits
      } else {
        diagnostics.report(r.child("digits"), line: r.line(of: "digits"), "digits must be 0 to 12")
      }
    }
    if let title = r.string("title") { options.title = title }
    options.notes = r.names("notes")?.map(\.name) ?? []
    let models = r.names("models")
    for (name, line) in models ?? [] where !analyses.contains(name) {
      diagnostics.unknown(
        "analysis", name: name, among: analyses, keyPath: r.child("models"), line: line)
    }
    var formats: [TableFormat] = []
    for (name, line) in r.names("formats") ?? [] {
      guard let format = TableFormat(rawValue: name.lowercased()) else {
        diagnostics.unknown(
          "table format", name: name, among: TableFormat.allCases.map(\.rawValue),
          keyPath: r.child("formats"), line: line)
        continue
      }
      formats.append(format)
    }
    return TableSpec(options: options, models: models?.map(\.name), formats: formats)
  }

  private static func patterns(_ r: SpecReader, _ key: String, _ diagnostics: SpecDiagnostics)
    -> [TermPattern]
  {
    (r.names(key) ?? []).compactMap { name, line in
      do {
        return try TermPattern(name)
      } catch {
        diagnostics.report(
          r.child(key), line: line,
          "'\(name)' is not a valid pattern (a glob such as year[*], or re:REGEX)")
        return nil
      }
    }
  }
}
