import Inference

/// Builds the side-by-side regression table: one column per model, each term an estimate row with
/// significance stars and a row of standard errors (or intervals) in parentheses, then fit
/// statistics, fixed effects ("Yes"/"No") and the standard-error type (as fixest's `etable` and
/// modelsummary), laid out by `TableOptions` (labels, omit/keep/order, brackets, stars, a row per
/// factor's reference level).
public enum RegressionTableBuilder {
  /// The table of several models.
  /// - Parameters:
  ///   - columns: the models, in spec order.
  ///   - id: file stem.
  ///   - options: layout (the journal defaults when omitted).
  /// - Returns: the table.
  public static func table(
    _ columns: [RegressionColumn], id: String = "regressions", options: TableOptions = .init()
  ) -> ReportTable {
    var terms: [String] = []
    for column in columns {
      for row in column.rows where !terms.contains(row.term) { terms.append(row.term) }
    }
    let header = ["Term"] + columns.map { "\($0.label)" }
    var rows: [[ReportTable.Cell]] = []
    rows.append([.text("Model")] + columns.map { .text("\($0.model): \($0.response)") })
    var namedReferences: Set<[String]> = []
    for term in options.arrange(terms) {
      if options.referenceLevels, let (factor, _) = RegressionColumn.factorLevel(term) {
        for level in references(of: factor, columns)
        where !namedReferences.contains([factor, level]) {
          namedReferences.insert([factor, level])
          rows.append(
            [.text(options.referenceLabel(factor: factor, level: level))]
              + columns.map { $0.references[factor] == level ? .text("—") : .empty })
        }
      }
      var estimates: [ReportTable.Cell] = [.text(options.labels[term] ?? term)]
      var errors: [ReportTable.Cell] = [.empty]
      for column in columns {
        let (estimate, error) = cells(column.rows.first { $0.term == term }, options)
        estimates.append(estimate)
        errors.append(error)
      }
      rows.append(estimates)
      // No blank line under a term no model estimates (aliased where it appears).
      if errors.contains(where: { $0 != .empty }) { rows.append(errors) }
    }
    let coefficientRows = rows.count - 1
    var statNames: [String] = []
    for column in columns {
      for s in column.statistics where !statNames.contains(s.name) { statNames.append(s.name) }
    }
    for name in orderStatistics(statNames) {
      rows.append(
        [.text(name)]
          + columns.map { c in
            c.statistics.first { $0.name == name }.map { .text($0.value) } ?? .empty
          })
    }
    var effects: [String] = []
    for column in columns {
      for fe in column.fixedEffects where !effects.contains(fe) { effects.append(fe) }
    }
    for fe in effects {
      rows.append(
        [.text("Fixed effects: \(fe)")]
          + columns.map { .text($0.fixedEffects.contains(fe) ? "Yes" : "No") })
    }
    rows.append([.text("Standard errors")] + columns.map { .text($0.standardErrors) })
    let level = columns.first?.level ?? 0.95
    var notes = [options.significanceNote(level: level)]
    if columns.contains(where: { $0.rows.contains(where: \.suppressed) }) {
      notes.append(
        "\(ReportTable.suppressedMarker) withheld: the coefficient's level or cell holds "
          + "too few learners.")
    }
    return ReportTable(
      id: id, title: options.title, header: header, rows: rows, notes: notes + options.notes,
      rulesAfter: [0, coefficientRows])
  }

  /// The reference levels the models give `factor`, in model order (one unless a model chose
  /// another with `C(x, ref=...)`).
  static func references(of factor: String, _ columns: [RegressionColumn]) -> [String] {
    var levels: [String] = []
    for column in columns {
      if let level = column.references[factor], !levels.contains(level) { levels.append(level) }
    }
    return levels
  }

  /// The fit rows in the order of published tables (observations, the R² family, likelihood,
  /// information criteria, RMSE), then the rest (groups, clusters) as the models list them.
  static func orderStatistics(_ names: [String]) -> [String] {
    let canonical = [
      "Observations", "R²", "Adj. R²", "Within R²", "Pseudo R² (McFadden)", "Log-likelihood", "AIC",
      "BIC", "RMSE",
    ]
    let known = canonical.filter { names.contains($0) }
    return known + names.filter { !canonical.contains($0) }
  }

  /// The estimate cell (with stars) and the uncertainty cell under it for one model's term;
  /// empty for a term the model lacks, the marker when withheld, "(aliased)" without stars when
  /// the term was dropped.
  static func cells(_ row: RegressionColumn.Row?, _ options: TableOptions) -> (
    ReportTable.Cell, ReportTable.Cell
  ) {
    guard let row else { return (.empty, .empty) }
    if row.suppressed { return (.suppressed, .suppressed) }
    guard let estimate = row.estimate, let se = row.standardError else {
      return (.text("(aliased)"), .empty)
    }
    let digits = options.digits
    let stars = options.stars(for: row.pValue)
    let error: String
    switch options.uncertainty {
    case .standardError:
      error = NumberText.fixed(se, digits: digits)
    case .confidenceInterval:
      error =
        NumberText.fixed(row.low ?? .nan, digits: digits) + ", "
        + NumberText.fixed(row.high ?? .nan, digits: digits)
    }
    return (.estimate(estimate, digits: digits, stars: stars), .text(options.bracket(error)))
  }

  /// Significance stars: * p < 0.05, ** p < 0.01, *** p < 0.001.
  public static func stars(_ p: Double?) -> String {
    TableOptions().stars(for: p)
  }

  /// Plain description of a covariance type for the table.
  public static func describe(_ type: CovarianceType) -> String {
    switch type {
    case .iid: return "IID"
    case .heteroskedastic(let hc): return "Heteroskedasticity-robust (\(hc.rawValue.uppercased()))"
    case .cluster(let columns, _): return "Clustered (\(columns.joined(separator: ", ")))"
    case .hac(let unit, _, let lags):
      return "Newey-West by \(unit)" + (lags.map { " (\($0) lags)" } ?? "")
    case .driscollKraay(let time, let lags):
      return "Driscoll-Kraay over \(time)" + (lags.map { " (\($0) lags)" } ?? "")
    }
  }

  /// An integer with thousands separators: 12,345.
  public static func thousands(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
  }
}
