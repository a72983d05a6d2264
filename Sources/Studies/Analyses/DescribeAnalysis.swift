import DataTable

/// `kind: describe`: descriptive tables by group.
///
/// Numeric variables get N, mean and SD per group (plus an "All" row); text, category and
/// true/false variables get counts and shares per level. Minimum and maximum are never published
/// (they are single learners' values). Every cell with fewer than `min_cell` distinct learners
/// (rows without a panel unit) is suppressed, with complementary suppression across groups and
/// levels; N stays the number of observations.
///
/// ```yaml
/// - {name: profile, kind: describe, variables: [score, ses, track], by: [year, female]}
/// ```
public struct DescribeAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["describe"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = ["variables", "by", "title"]

  let name: String
  let variables: [String]
  let by: [String]
  let title: String?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    title = r.string("title")
    let byNames = r.names("by") ?? []
    by = byNames.map(\.name)
    for b in byNames
    where schema.checkColumn(b.name, keyPath: r.child("by"), line: b.line, diagnostics: diagnostics)
    {
      _ = schema.checkPublishable(
        b.name, as: "a by variable", keyPath: r.child("by"), line: b.line,
        diagnostics: diagnostics)
    }
    if let listed = r.names("variables") {
      variables = listed.map(\.name)
      for v in listed
      where schema.checkColumn(
        v.name, keyPath: r.child("variables"), line: v.line, diagnostics: diagnostics)
      {
        _ = schema.checkPublishable(
          v.name, as: "a described variable", keyPath: r.child("variables"), line: v.line,
          diagnostics: diagnostics)
      }
    } else {
      variables = schema.columnNames.filter {
        !schema.identifiers.contains($0) && !byNames.map(\.name).contains($0)
      }
    }
    if diagnostics.issues.count > before { return nil }
  }

  /// True when a column is summarised by level counts rather than moments.
  static func isCategorical(_ column: Column) -> Bool {
    switch column.values {
    case .text, .bool: return true
    default: return column.type == .category
    }
  }

  /// Fits the analysis on the prepared study data and returns its document, tables and findings.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let data = context.data
    let grouping = Grouping(table: data, by: by)
    let groups: [(key: [String], rows: [Int])] =
      Array(zip(grouping.keys, grouping.rows))
      + (by.isEmpty ? [] : [(by.map { _ in "All" }, Array(0..<data.rowCount))])
    let numeric = variables.compactMap { data[$0] }.filter { !Self.isCategorical($0) }
    let categorical = variables.compactMap { data[$0] }.filter(Self.isCategorical)
    var learnerIndex = LearnerIndex(context)
    var tables: [ReportTable] = []
    var numericJSON: [JSONValue] = []
    var levelJSON: [JSONValue] = []
    var primary = 0
    var secondary = 0
    let note = Self.suppressionNote(context)
    if !numeric.isEmpty {
      var keys: [[String]] = []
      var stats: [Moments] = []
      var learners: [Int] = []
      for column in numeric {
        let values = column.doubles() ?? []
        for group in groups {
          keys.append([column.name] + group.key)
          stats.append(Moments(group.rows.map { values[$0] }))
          learners.append(learnerIndex.count(rows: group.rows.lazy.filter { !values[$0].isNaN }))
        }
      }
      let hidden = suppress(
        keys: keys, counts: learners, settings: context.disclosure, primary: &primary,
        secondary: &secondary)
      var rows: [[ReportTable.Cell]] = []
      for (i, key) in keys.enumerated() {
        let s = stats[i]
        let cells: [ReportTable.Cell] =
          hidden[i]
          ? [.suppressed, .suppressed, .suppressed]
          : [
            .count(s.n), s.mean.isFinite ? .number(s.mean, digits: 3) : .empty,
            s.sd.isFinite ? .number(s.sd, digits: 3) : .empty,
          ]
        rows.append(key.dropFirst().map { .text($0) } + [.text(key[0])] + cells)
        numericJSON.append(
          .object([
            ("by", Grouping.json(Array(key.dropFirst()), columns: by)),
            ("variable", .string(key[0])),
            ("n", hidden[i] ? .null : .integer(s.n)), ("mean", hidden[i] ? .null : .number(s.mean)),
            ("sd", hidden[i] ? .null : .number(s.sd)), ("suppressed", .bool(hidden[i])),
          ]))
      }
      tables.append(
        ReportTable(
          id: "\(name)_numeric",
          title: tableTitle(default: "Descriptive statistics"),
          header: by + ["Variable", "N", "Mean", "SD"], rows: rows,
          notes: [Self.countNote(context)] + (hidden.contains(true) ? [note] : [])))
    }
    if !categorical.isEmpty {
      var keys: [[String]] = []
      var counts: [Int] = []
      var learners: [Int] = []
      var totals: [Int] = []
      for column in categorical {
        let levels = Grouping(table: data, by: [column.name]).keys.map { $0[0] }
        for group in groups {
          var tally: [String: [Int]] = [:]
          var total = 0
          for row in group.rows {
            guard let v = column.stringValue(row) else { continue }
            tally[v, default: []].append(row)
            total += 1
          }
          for level in levels {
            keys.append([column.name, level] + group.key)
            counts.append(tally[level]?.count ?? 0)
            learners.append(learnerIndex.count(rows: tally[level] ?? []))
            totals.append(total)
          }
        }
      }
      let hidden = suppress(
        keys: keys, counts: learners, settings: context.disclosure, primary: &primary,
        secondary: &secondary)
      var rows: [[ReportTable.Cell]] = []
      for (i, key) in keys.enumerated() {
        let share = totals[i] > 0 ? 100 * Double(counts[i]) / Double(totals[i]) : .nan
        let cells: [ReportTable.Cell] =
          hidden[i]
          ? [.suppressed, .suppressed]
          : [.count(counts[i]), share.isFinite ? .number(share, digits: 1) : .empty]
        rows.append(key.dropFirst(2).map { .text($0) } + [.text(key[0]), .text(key[1])] + cells)
        levelJSON.append(
          .object([
            ("by", Grouping.json(Array(key.dropFirst(2)), columns: by)),
            ("variable", .string(key[0])),
            ("level", .string(key[1])), ("n", hidden[i] ? .null : .integer(counts[i])),
            ("share", hidden[i] ? .null : .number(share / 100)), ("suppressed", .bool(hidden[i])),
          ]))
      }
      tables.append(
        ReportTable(
          id: "\(name)_levels",
          title: tableTitle(default: "Counts and shares"),
          header: by + ["Variable", "Level", "N", "Share (%)"], rows: rows,
          notes: ["Share: percent of the group's non-missing values.", Self.countNote(context)]
            + (hidden.contains(true) ? [note] : [])))
    }
    let document = JSONValue.object([
      ("schema", .string(ResultDocument.schema)), ("model", .string("describe")),
      ("by", .array(by.map { .string($0) })),
      (
        "disclosure",
        .object([
          ("min_cell", .integer(context.disclosure.minCell)),
          ("counted_in", .string(context.panel?.unit == nil ? "rows" : "learners")),
          ("primary_suppressions", .integer(primary)),
          ("secondary_suppressions", .integer(secondary)),
        ])
      ),
      ("variables", .array(numericJSON)), ("levels", .array(levelJSON)),
    ])
    return AnalysisOutcome(document: document, tables: tables)
  }

  /// What N counts and what suppression counts, for the table notes.
  static func countNote(_ context: AnalysisContext) -> String {
    context.panel?.unit == nil
      ? "N: observations (rows); suppression counts rows."
      : "N: observations (learner-years); suppression counts distinct learners, not observations."
  }

  /// A table's title: the spec's `title` or `fallback`, then the grouping (" by year, female").
  /// - Parameter fallback: the title when the spec gives none.
  /// - Returns: the title.
  func tableTitle(default fallback: String) -> String {
    (title ?? fallback) + (by.isEmpty ? "" : " by \(by.joined(separator: ", "))")
  }

  /// The suppression marker's note: cells below `min_cell` learners and their complements.
  static func suppressionNote(_ context: AnalysisContext) -> String {
    let unit = context.panel?.unit == nil ? "observations" : "learners"
    return "\(ReportTable.suppressedMarker) suppressed: fewer than \(context.disclosure.minCell) "
      + "\(unit), or withheld so that such a cell cannot be recovered from totals."
  }

  /// Primary and complementary suppression; cells vary in one key part (group, level) at a time.
  /// - Parameters:
  ///   - keys: each cell's key parts.
  ///   - counts: each cell's learners.
  ///   - settings: the study's disclosure settings.
  ///   - primary: the cells suppressed for fewer than `min_cell` learners, added to.
  ///   - secondary: the cells withheld as complements, added to.
  /// - Returns: per cell, whether it is suppressed.
  func suppress(
    keys: [[String]], counts: [Int], settings: DisclosureSettings, primary: inout Int,
    secondary: inout Int
  ) -> [Bool] {
    let hidden = Disclosure.suppress(
      counts: counts, groups: Disclosure.siblingGroups(keys), settings: settings)
    let small = counts.filter { $0 < settings.minCell }.count
    primary += small
    secondary += hidden.filter { $0 }.count - small
    return hidden
  }
}
