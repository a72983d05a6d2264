import Inference

extension TrendResult: EstimationResult {
  /// `trend`.
  public var modelName: String { "trend" }
  /// `value ~ <shape> trend in time`, with the breaks.
  public var formula: String {
    let breaks = shape.breaks.map(TrendFormat.time).joined(separator: ", ")
    return "value ~ \(shape.name) trend" + (breaks.isEmpty ? "" : " (breaks \(breaks))")
  }
  /// Number of time points.
  public var nobs: Int { series.count }
  /// Nothing is dropped (the series is complete by construction).
  public var dropped: DroppedSummary { DroppedSummary(missingRows: 0, collinearTerms: []) }
  /// `sigma`, `r_squared`, `rho`, `df_residual`.
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("sigma", sigma), FitMeasure("r_squared", rSquared), FitMeasure("rho", rho),
      FitMeasure("df_residual", Double(residualDegreesOfFreedom)),
    ]
  }

  /// `trend_model` (shape, origin, covariance, lag, breaks), `coefficients`, `series` (time,
  /// value, fitted) and `projection`.
  public var sections: [ResultSection] {
    TrendSections.model(self) + [TrendSections.coefficients(self), TrendSections.series(self)]
      + (projection.map { [TrendSections.projection($0)] } ?? [])
  }
}

extension TrendComparisonResult: EstimationResult {
  /// `trend_comparison`.
  public var modelName: String { "trend_comparison" }
  /// `value ~ <shape> trend * label`.
  public var formula: String { "value ~ \(shape.name) trend * \(label)" }
  /// Not applicable.
  public var dropped: DroppedSummary { DroppedSummary(missingRows: 0, collinearTerms: []) }
  /// Closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// `df_residual`.
  public var fitMeasures: [FitMeasure] {
    [FitMeasure("df_residual", Double(residualDegreesOfFreedom))]
  }

  /// `coefficients` of the interacted fit and `gap_trend` (the gap series' coefficients).
  public var sections: [ResultSection] {
    let t = zip(estimates, standardErrors).map { $0 / $1 }
    var parts = [
      TrendSections.table(
        key: "coefficients", title: "Interacted trend (classical errors)", terms: terms,
        estimates: estimates, errors: standardErrors, statistics: t, pValues: pValues)
    ]
    if let gap {
      parts.append(
        TrendSections.table(
          key: "gap_trend", title: "Trend of the gap (\(gap.covarianceName) errors)",
          terms: gap.terms, estimates: gap.estimates, errors: gap.standardErrors,
          statistics: gap.tStatistics, pValues: gap.pValues))
    }
    return parts
  }
}

extension MannKendallResult: EstimationResult {
  /// `mann_kendall`.
  public var modelName: String { "mann_kendall" }
  /// `value ~ time (Mann-Kendall)`.
  public var formula: String { "value ~ time (Mann-Kendall)" }
  /// Nothing dropped.
  public var dropped: DroppedSummary { DroppedSummary(missingRows: 0, collinearTerms: []) }
  /// Closed form.
  public var convergence: ConvergenceInfo { .closedForm }
  /// `s`, `var_s`, `z`, `p_value`, `tau`, `sens_slope`, `intercept`.
  public var fitMeasures: [FitMeasure] {
    [
      FitMeasure("s", s), FitMeasure("var_s", varianceS), FitMeasure("z", z),
      FitMeasure("p_value", pValue), FitMeasure("tau", tau), FitMeasure("sens_slope", sensSlope),
      FitMeasure("intercept", intercept),
    ]
  }
  /// None.
  public var warnings: [String] { [] }
  /// `mann_kendall`: one record with the trend verdict.
  public var sections: [ResultSection] {
    [
      ResultSection(
        key: "mann_kendall", title: "Mann-Kendall test and Sen's slope",
        columns: ["trend", "alpha", "origin"].map { .init($0) },
        rows: [[.text(trend), .number(alpha), .number(origin)]], layout: .record, placement: .end)
    ]
  }
}

/// The sections of a trend result.
enum TrendSections {
  /// `trend_model` record and `breaks` list.
  static func model(_ r: TrendResult) -> [ResultSection] {
    [
      ResultSection(
        key: "trend_model", title: "Trend model",
        columns: ["shape", "origin", "vcov", "hac_lag", "hac_prewhite", "level"].map {
          .init($0)
        },
        rows: [
          [
            .text(r.shape.name), .number(r.origin), .text(r.covarianceName),
            r.hacLag.map { .integer($0) } ?? .number(nil),
            r.hacPrewhitened.map { .bool($0) } ?? .number(nil), .number(r.level),
          ]
        ], layout: .record, placement: .afterModel),
      ResultSection(
        key: "breaks", title: "Breaks", columns: [.init("breaks")],
        rows: r.shape.breaks.map { [.number($0)] }, layout: .values, placement: .afterModel),
    ]
  }

  /// The coefficient table of a trend.
  static func coefficients(_ r: TrendResult) -> ResultSection {
    table(
      key: "coefficients", title: "Trend coefficients (\(r.covarianceName) errors)",
      terms: r.terms, estimates: r.estimates, errors: r.standardErrors,
      statistics: r.tStatistics, pValues: r.pValues, intervals: r.confidenceIntervals)
  }

  /// A coefficient table.
  static func table(
    key: String, title: String, terms: [String], estimates: [Double], errors: [Double],
    statistics: [Double], pValues: [Double], intervals: [(low: Double, high: Double)]? = nil
  ) -> ResultSection {
    var columns = ["term", "estimate", "std_error", "t_value", "p_value"]
    if intervals != nil { columns += ["conf_low", "conf_high"] }
    let rows: [[ResultSection.Cell]] = terms.indices.map { i in
      var row: [ResultSection.Cell] = [
        .text(terms[i]), .number(estimates[i]), .number(errors[i]), .number(statistics[i]),
        .number(pValues[i]),
      ]
      if let intervals { row += [.number(intervals[i].low), .number(intervals[i].high)] }
      return row
    }
    return ResultSection(
      key: key, title: title, columns: columns.map { .init($0) }, rows: rows,
      placement: .afterCoefficients)
  }

  /// The series with its fitted trend.
  static func series(_ r: TrendResult) -> ResultSection {
    ResultSection(
      key: "series", title: "Series and fitted trend",
      columns: ["time", "value", "fitted"].map { .init($0) },
      rows: r.series.time.indices.map {
        [.number(r.series.time[$0]), .number(r.series.values[$0]), .number(r.fitted[$0])]
      }, placement: .end)
  }

  /// The projection record.
  static func projection(_ p: TrendProjection) -> ResultSection {
    ResultSection(
      key: "projection", title: "Projection",
      columns: [
        "time", "estimate", "se_trend", "se_prediction", "pred_low", "pred_high", "level",
        "target_value", "target_direction", "target_probability",
      ].map { .init($0) },
      rows: [
        [
          .number(p.time), .number(p.estimate), .number(p.trendStandardError),
          .number(p.predictionStandardError), .number(p.predictionLow),
          .number(p.predictionHigh), .number(p.level), .number(p.target.value),
          .text(p.target.direction.rawValue), .number(p.targetProbability),
        ]
      ], layout: .record, placement: .end)
  }
}
