import DataTable

/// `kind: describe`: descriptive tables by group.
///
/// Numeric variables get N, mean and SD per group (plus an "All" row); text, category and
/// true/false variables get counts and shares per level, with each group's total (the shares'
/// denominator) and the totals over groups. Every combination of groups is listed, empty ones
/// too. Minimum and maximum are never published (they are single learners' values). Every cell
/// with fewer than `min_cell` distinct learners (rows without a panel unit) is suppressed, with
/// secondary suppression chosen by the runner over every table of the same rows; N stays the
/// number of observations.
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
      for v in listed where by.contains(v.name) {
        diagnostics.report(
          r.child("variables"), line: v.line,
          "'\(v.name)' is also a by variable; describe it in an analysis not grouped by it")
      }
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

  /// Counts every group (empty ones too) and hands the count tables to the runner, which
  /// protects them with every other table of the same rows before this analysis is rendered.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let data = context.data
    var learnerIndex = LearnerIndex(context)
    var dominance = DominanceIndex(context)
    var parts: [DescribePart] = []
    for column in variables.compactMap({ data[$0] }) {
      if Self.isCategorical(column) {
        parts.append(
          try levelPart(
            column, context: context, learners: &learnerIndex, dominance: &dominance))
      } else {
        parts.append(
          try numericPart(
            column, context: context, learners: &learnerIndex, dominance: &dominance))
      }
    }
    let finished = parts
    return AnalysisOutcome(
      pending: PendingTables(tables: parts.map(\.table)) { suppressed in
        self.outcome(parts: finished, suppressed: suppressed, context: context)
      })
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

  /// The suppression marker's note: cells below `min_cell` learners and their complements; with
  /// `shares`, also the cells whose share (or mean of a 0/1 variable) reveals fewer than
  /// `min_cell` learners at 1 or at 0 (see `BinarySplit`).
  static func suppressionNote(_ context: AnalysisContext, shares: Bool = false) -> String {
    let unit = context.panel?.unit == nil ? "observations" : "learners"
    let dominance =
      context.disclosure.dominance.map {
        ", one institution holding more than \(NumberText.fixed(100 * $0, digits: 0))% of it"
      } ?? ""
    let revealed =
      shares ? ", a share or a mean of a 0/1 variable counting fewer than that at 1 or at 0" : ""
    return "\(ReportTable.suppressedMarker) suppressed: fewer than \(context.disclosure.minCell) "
      + "\(unit)\(dominance)\(revealed), or withheld so that such a cell cannot be recovered from the "
      + "study's other published counts."
  }
}
