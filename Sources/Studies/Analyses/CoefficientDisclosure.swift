import DataTable
import Formula
import LinearAlgebra

/// Disclosure control of a model's published coefficients, counted in learners: a coefficient whose
/// model-matrix column is non-zero for fewer than `min_cell` distinct learners (a factor level, an
/// interaction cell, a rare 0/1 variable; rows where no panel unit is declared) is withheld with
/// its standard error, interval, p-value and marginal effect; and when the whole estimation sample
/// holds fewer than `min_cell` learners, the observation count and every coefficient are withheld;
/// so are they when the fit's rows cannot be rebuilt and counted (nothing is published unchecked).
///
/// One post-processing step, applied by the runner to every outcome that carries a regression
/// column; other outcomes pass through unchanged.
public enum CoefficientDisclosure {
  /// What was withheld from one model.
  struct Decision: Equatable {
    /// Terms whose coefficient is withheld.
    var terms: Set<String>
    /// Whether the estimation sample itself is too small (observation count withheld).
    var sampleTooSmall: Bool
    /// Whether the fit's rows could be rebuilt and counted (when not, everything is withheld).
    var checked = true
  }

  /// Applies coefficient disclosure control to a model analysis's outcome.
  /// - Parameters:
  ///   - outcome: what the analysis produced.
  ///   - context: the data, spec (its `formula:`), panel unit and `min_cell`.
  /// - Returns: the outcome with withheld coefficients blanked in the result document, the
  ///   regression column, the marginal-effects table and the findings.
  public static func apply(_ outcome: AnalysisOutcome, context: AnalysisContext) -> AnalysisOutcome
  {
    guard let column = outcome.regression else { return outcome }
    let decision =
      outcome.coefficientSupport.map { decide(column: column, support: $0, context: context) }
      ?? decide(column: column, document: outcome.document, context: context)
    guard decision.sampleTooSmall || !decision.terms.isEmpty else {
      return AnalysisOutcome(
        document: annotate(outcome.document, decision, context), tables: outcome.tables,
        regression: column, figures: outcome.figures, findings: outcome.findings)
    }
    return AnalysisOutcome(
      document: annotate(outcome.document, decision, context),
      tables: outcome.tables.map { table($0, decision) },
      regression: regression(column, decision, context),
      // A subgroup forest plot shows effects of the model's terms, growth curves are drawn from
      // them: dropped with any withheld.
      figures: outcome.figures.filter {
        !$0.id.hasSuffix("_marginal_effects") && !$0.id.hasSuffix("_growth")
      },
      findings: findings(outcome.findings, column: column, decision, context))
  }

  /// Counts learners behind every term of the model and decides what to withhold.
  ///
  /// When the design cannot be rebuilt, everything is withheld (nothing is published unchecked).
  /// The fit's rows are rebuilt (`EstimationSample`) and must number the fit's own `nobs`.
  static func decide(column: RegressionColumn, document: JSONValue, context: AnalysisContext)
    -> Decision
  {
    let unchecked = Decision(
      terms: Set(column.rows.map(\.term)), sampleTooSmall: true, checked: false)
    guard let text = formulaText(context.spec), let formula = try? Formula(text),
      let built = EstimationSample.design(
        formula, spec: context.spec, data: context.data, panel: panelIndex(context)),
      let design = ModelSample.of(
        kind: context.spec.kind, design: built, data: context.data, panel: context.panel),
      nobs(document).map({ $0 == design.nobs }) ?? true
    else { return unchecked }
    let n = design.nobs
    let support = support(
      columnNames: design.columnNames, termOfColumn: design.termIndexOfColumn, rows: n,
      value: { design.x[$1 * n + $0] }, dataRow: { design.rows[$0] })
    return decide(column: column, support: support, context: context)
  }

  /// The support of a model's coefficients from its model matrix: per column the data rows
  /// where it is non-zero, and for each formula term whose columns hold only 0 and 1 (factor
  /// dummies, a 0/1 variable) the reference rows its coefficients compare with (every column
  /// of the term 0): a reference of few learners is disclosed by them.
  /// - Parameters:
  ///   - columnNames: the model matrix's column names.
  ///   - termOfColumn: the formula term of each column (negative for the intercept).
  ///   - n: the number of model rows.
  ///   - value: the model matrix's entry (row, column).
  ///   - dataRow: the data row behind a model row.
  /// - Returns: the support; the whole sample is the shared reference.
  static func support(
    columnNames: [String], termOfColumn: [Int], rows n: Int, value: (Int, Int) -> Double,
    dataRow: (Int) -> Int
  ) -> CoefficientSupport {
    var rowsOfTerm: [String: [Int]] = [:]
    for (j, name) in columnNames.enumerated() {
      rowsOfTerm[name] = (0..<n).filter { value($0, j) != 0 }.map(dataRow)
    }
    var referenceRowsOfTerm: [String: [Int]] = [:]
    for columns in indicatorTerms(termOfColumn: termOfColumn, rows: n, value: value) {
      let reference = (0..<n).filter { i in columns.allSatisfy { value(i, $0) == 0 } }
        .map(dataRow)
      for j in columns { referenceRowsOfTerm[columnNames[j]] = reference }
    }
    let all = (0..<n).map(dataRow)
    return CoefficientSupport(
      sampleRows: all, rowsOfTerm: rowsOfTerm, referenceRows: all,
      referenceRowsOfTerm: referenceRowsOfTerm)
  }

  /// Counts learners behind every term from rows the analysis supplied and decides what to
  /// withhold: everything when the sample or the reference category is too small, else each
  /// term with fewer than `min_cell` learners (and any term the analysis did not list).
  static func decide(
    column: RegressionColumn, support: CoefficientSupport, context: AnalysisContext
  ) -> Decision {
    var learners = LearnerIndex(context)
    let minCell = context.disclosure.minCell
    let all = Set(column.rows.map(\.term))
    if learners.count(rows: support.sampleRows) < minCell {
      return Decision(terms: all, sampleTooSmall: true)
    }
    if learners.count(rows: support.referenceRows) < minCell {
      return Decision(terms: all, sampleTooSmall: false)
    }
    // A term the analysis did not list is withheld rather than published unchecked; a term
    // whose own reference rows hold some but fewer than min_cell learners is withheld too.
    let small = all.filter { term in
      guard let rows = support.rowsOfTerm[term], learners.count(rows: rows) >= minCell else {
        return true
      }
      guard let reference = support.referenceRowsOfTerm[term] else { return false }
      let count = learners.count(rows: reference)
      return count > 0 && count < minCell
    }
    return Decision(terms: small, sampleTooSmall: false)
  }

  /// The model-matrix columns of each formula term whose columns hold only 0 and 1.
  /// - Parameters:
  ///   - termOfColumn: the formula term of each column (negative for the intercept).
  ///   - n: the number of model rows.
  ///   - value: the model matrix's entry (row, column).
  /// - Returns: the columns of each such term, by term.
  static func indicatorTerms(
    termOfColumn: [Int], rows n: Int, value: (Int, Int) -> Double
  ) -> [[Int]] {
    var byTerm: [Int: [Int]] = [:]
    for (j, term) in termOfColumn.enumerated() where term >= 0 {
      byTerm[term, default: []].append(j)
    }
    return byTerm.keys.sorted().compactMap { term in
      let columns = byTerm[term] ?? []
      let binary = columns.allSatisfy { j in
        (0..<n).allSatisfy { i in
          let x = value(i, j)
          return x == 0 || x == 1
        }
      }
      return binary ? columns : nil
    }
  }

  /// The fit's observation count from its result document.
  static func nobs(_ document: JSONValue) -> Int? {
    guard case .object(let pairs) = document,
      case .integer(let n)? = pairs.first(where: { $0.0 == "nobs" })?.1
    else { return nil }
    return n
  }

  /// The analysis's `formula:` text.
  static func formulaText(_ spec: AnalysisSpec) -> String? {
    guard case .mapping(let entries) = spec.node.content,
      let entry = entries.first(where: { $0.key == "formula" }),
      case .scalar(let text, _) = entry.value.content
    else { return nil }
    return text
  }

  /// The panel index that lag and difference terms need, when the panel is declared.
  static func panelIndex(_ context: AnalysisContext) -> PanelIndex? {
    guard let unit = context.panel?.unit, let time = context.panel?.time else { return nil }
    return try? PanelIndex(data: context.data, unit: unit, time: time)
  }

  /// The result document with every row about a withheld term blanked (coefficients, marginal
  /// effects, separation checks, at any depth), warnings naming one dropped, the observation
  /// count withheld when the sample is too small, and a `coefficient_disclosure` record.
  static func annotate(_ document: JSONValue, _ decision: Decision, _ context: AnalysisContext)
    -> JSONValue
  {
    let withheld = withhold(document, decision.terms)
    guard case .object(var pairs) = decision.sampleTooSmall ? hideCounts(withheld) : withheld
    else { return document }
    pairs.removeAll { $0.0 == "coefficient_disclosure" }
    pairs.append(
      (
        "coefficient_disclosure",
        .object([
          ("min_cell", .integer(context.disclosure.minCell)),
          ("counted_in", .string(context.panel?.unit == nil ? "rows" : "learners")),
          ("suppressed_terms", .array(decision.terms.sorted().map { .string($0) })),
          ("nobs_suppressed", .bool(decision.sampleTooSmall)),
          ("checked", .bool(decision.checked)),
        ])
      ))
    return .object(pairs)
  }

  /// `value` with every `nobs` and `df_residual` withheld, at any depth (a model nested in a
  /// larger document, such as a Cox model in a survival analysis).
  static func hideCounts(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let fields):
      return .object(
        fields.map { key, field in
          ["nobs", "df_residual"].contains(key) ? (key, .null) : (key, hideCounts(field))
        })
    case .array(let items): return .array(items.map(hideCounts))
    default: return value
    }
  }

  /// `value` with every object whose `term` is withheld blanked and every warning text that
  /// names a withheld term dropped, at any depth.
  static func withhold(_ value: JSONValue, _ terms: Set<String>, key: String = "") -> JSONValue {
    guard !terms.isEmpty else { return value }
    switch value {
    case .object(let fields):
      let walked = JSONValue.object(fields.map { ($0.0, withhold($0.1, terms, key: $0.0)) })
      return blank(walked, terms)
    case .array(let items):
      return .array(
        items.compactMap { item in
          // A warning may quote the term's data ("predicts the outcome for 5 observations").
          if key == "warnings", case .string(let text) = item,
            terms.contains(where: { text.contains($0) })
          {
            return nil
          }
          return withhold(item, terms)
        })
    default:
      return value
    }
  }

  /// An object about a withheld term (`term` names it) with every number withheld.
  static func blank(_ row: JSONValue, _ terms: Set<String>) -> JSONValue {
    guard case .object(let fields) = row,
      let term = fields.first(where: { $0.0 == "term" }), case .string(let name) = term.1,
      terms.contains(name)
    else { return row }
    var out: [(String, JSONValue)] = fields.map { key, value in
      switch value {
      case .number, .integer: return (key, .null)
      default: return (key, value)
      }
    }
    out.append(("suppressed", .bool(true)))
    return .object(out)
  }

  /// The regression column with withheld rows marked and the observation count withheld.
  static func regression(
    _ column: RegressionColumn, _ decision: Decision, _ context: AnalysisContext
  ) -> RegressionColumn {
    let rows = column.rows.map { row in
      decision.terms.contains(row.term)
        ? RegressionColumn.Row(
          term: row.term, estimate: nil, standardError: nil, pValue: nil, low: nil, high: nil,
          suppressed: true)
        : row
    }
    let hidden: Set<String> = ["Observations", "R²", "Adj. R²", "RMSE", "Log-likelihood", "AIC"]
    let statistics = column.statistics.map { s in
      decision.sampleTooSmall && (hidden.contains(s.name) || s.name.hasPrefix("Pseudo"))
        ? RegressionColumn.Statistic(s.name, ReportTable.suppressedMarker) : s
    }
    return RegressionColumn(
      label: column.label, model: column.model, response: column.response, rows: rows,
      statistics: statistics, fixedEffects: column.fixedEffects,
      standardErrors: column.standardErrors, level: column.level)
  }

  /// A table of the analysis (marginal effects) with the rows of withheld terms marked.
  static func table(_ table: ReportTable, _ decision: Decision) -> ReportTable {
    var touched = false
    // The term stays, and a `kind` column (derivative or contrast) beside it; every other cell
    // goes (a Cox table's hazard ratio sits in the second column).
    let kept = table.header.count > 1 && table.header[1] == "kind" ? 2 : 1
    let rows = table.rows.map { row -> [ReportTable.Cell] in
      guard row.count > kept, case .text(let term) = row[0], decision.terms.contains(term) else {
        return row
      }
      touched = true
      return Array(row.prefix(kept)) + row.dropFirst(kept).map { _ in ReportTable.Cell.suppressed }
    }
    guard touched else { return table }
    return ReportTable(
      id: table.id, title: table.title, header: table.header, rows: rows,
      notes: table.notes + [
        "\(ReportTable.suppressedMarker) withheld: the term's cell holds too few learners."
      ], rulesAfter: table.rulesAfter)
  }

  /// The findings without any sentence about a withheld term or count, plus one that says what
  /// was withheld.
  static func findings(
    _ findings: [String], column: RegressionColumn, _ decision: Decision,
    _ context: AnalysisContext
  ) -> [String] {
    let minCell = context.disclosure.minCell
    let unit = context.panel?.unit == nil ? "observations" : "learners"
    if !decision.checked {
      return [
        "\(column.label): the rows of the fit could not be rebuilt to count \(unit) per "
          + "coefficient; its coefficients and observation count are withheld."
      ]
    }
    if decision.sampleTooSmall {
      return [
        "\(column.label): the estimation sample holds fewer than \(minCell) \(unit); its "
          + "coefficients and observation count are withheld."
      ]
    }
    let kept = findings.filter { sentence in
      !decision.terms.contains { sentence.contains($0) }
    }
    return kept + [
      "\(column.label): \(decision.terms.count) coefficient(s) withheld because their level or "
        + "cell holds fewer than \(minCell) \(unit)."
    ]
  }
}
