import Foundation

extension RegressionColumn {
  /// The column of a model as a study published it in `results.json`.
  ///
  /// This is what `vetstat table RESULTS.json` tabulates. Withheld coefficients stay withheld
  /// (`[c]`), a withheld observation count too; nothing is refitted and the data are not read.
  /// The initializer fails for a result without coefficients (describe, indicator).
  /// - Parameters:
  ///   - record: the model's result document.
  ///   - label: the column heading (the analysis name).
  public init?(record: ResultRecord, label: String) {
    guard let coefficients = record.coefficients, !coefficients.isEmpty else { return nil }
    let rows = coefficients.map { c in
      Row(
        term: c.term, estimate: c.estimate, standardError: c.standardError, pValue: c.pValue,
        low: c.confLow, high: c.confHigh, suppressed: c.suppressed == true)
    }
    var statistics = [
      Statistic(
        "Observations",
        record.nobs.map(RegressionTableBuilder.thousands) ?? ReportTable.suppressedMarker)
    ]
    let fit = record.fit ?? [:]
    for (key, name, digits) in [
      ("r_squared", "R²", 3), ("adj_r_squared", "Adj. R²", 3),
      ("within_r_squared", "Within R²", 3), ("log_likelihood", "Log-likelihood", 1),
      ("aic", "AIC", 1),
    ] {
      if let value = fit[key] ?? nil, value.isFinite {
        statistics.append(Statistic(name, NumberText.fixed(value, digits: digits)))
      }
    }
    let response =
      record.formula?.split(separator: "~").first.map {
        $0.trimmingCharacters(in: .whitespaces)
      } ?? ""
    self.init(
      label: label, model: Self.modelTitle(record.model ?? "model"), response: response,
      rows: rows, statistics: statistics, fixedEffects: [],
      standardErrors: Self.covarianceTitle(record.vcov ?? ""),
      level: record.inference?.confLevel ?? 0.95)
  }

  /// A model name as table headings write it (`ols` as OLS, `fe` as OLS, fixed effects).
  static func modelTitle(_ model: String) -> String {
    switch model {
    case "ols", "wls": return model.uppercased()
    case "fe": return "OLS, fixed effects"
    case "lmm": return "LMM"
    case "glmm": return "GLMM (logit)"
    default: return model.prefix(1).uppercased() + model.dropFirst()
    }
  }

  /// A result document's `vcov` (`cluster(school_id)`, `hc1`) as table notes write it.
  static func covarianceTitle(_ vcov: String) -> String {
    if vcov.hasPrefix("cluster("), vcov.hasSuffix(")") {
      return "Clustered (\(vcov.dropFirst(8).dropLast()))"
    }
    if vcov == "iid" || vcov.isEmpty { return "IID" }
    if vcov.hasPrefix("hc") { return "Heteroskedasticity-robust (\(vcov.uppercased()))" }
    return vcov
  }
}
