import Inference

/// Builds the side-by-side regression table: one column per model, each term an estimate row with
/// significance stars and a row of standard errors in brackets, then fit statistics, fixed
/// effects ("Yes"/"No") and the standard-error type (as fixest's `etable`).
public enum RegressionTableBuilder {
  /// The table of several models.
  /// - Parameters:
  ///   - columns: the models, in spec order.
  ///   - id: file stem.
  /// - Returns: the table.
  public static func table(_ columns: [RegressionColumn], id: String = "regressions") -> ReportTable
  {
    var terms: [String] = []
    for column in columns {
      for row in column.rows where !terms.contains(row.term) { terms.append(row.term) }
    }
    // The intercept last, as etable and modelsummary put it after the substantive terms.
    if let i = terms.firstIndex(of: "(Intercept)") { terms.append(terms.remove(at: i)) }
    let header = [""] + columns.map { "\($0.label)" }
    var rows: [[ReportTable.Cell]] = []
    rows.append([.text("Model")] + columns.map { .text("\($0.model): \($0.response)") })
    for term in terms {
      var estimates: [ReportTable.Cell] = [.text(term)]
      var errors: [ReportTable.Cell] = [.empty]
      for column in columns {
        guard let row = column.rows.first(where: { $0.term == term }) else {
          estimates.append(.empty)
          errors.append(.empty)
          continue
        }
        if row.suppressed {
          estimates.append(.suppressed)
          errors.append(.suppressed)
          continue
        }
        guard let estimate = row.estimate, let se = row.standardError else {
          estimates.append(.text("(aliased)"))
          errors.append(.empty)
          continue
        }
        estimates.append(.text(NumberText.fixed(estimate, digits: 3) + stars(row.pValue)))
        errors.append(.text("[\(NumberText.fixed(se, digits: 3))]"))
      }
      rows.append(estimates)
      rows.append(errors)
    }
    let coefficientRows = rows.count - 1
    var statNames: [String] = []
    for column in columns {
      for s in column.statistics where !statNames.contains(s.name) { statNames.append(s.name) }
    }
    for name in statNames {
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
    return ReportTable(
      id: id, title: "Regression results", header: header, rows: rows,
      notes: ["Standard errors in brackets. * p < 0.05, ** p < 0.01, *** p < 0.001."]
        + (columns.contains { $0.rows.contains(where: \.suppressed) }
          ? [
            "\(ReportTable.suppressedMarker) withheld: the coefficient's level or cell holds "
              + "too few learners."
          ] : []),
      rulesAfter: [0, coefficientRows])
  }

  /// Significance stars: * p < 0.05, ** p < 0.01, *** p < 0.001.
  public static func stars(_ p: Double?) -> String {
    guard let p, p.isFinite else { return "" }
    return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : ""
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
