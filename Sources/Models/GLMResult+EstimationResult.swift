import Distributions
import Inference

extension GLMResult {
  /// `logit`, `probit`, `cloglog` (binomial by link), `poisson` or `gaussian`.
  public var modelName: String { details.family.modelName }
  /// Rows with missing values; aliased terms.
  public var dropped: DroppedSummary {
    DroppedSummary(missingRows: details.design.droppedMissing, collinearTerms: regression.aliased)
  }
  /// Degrees of freedom of the likelihood-ratio test against the intercept-only model.
  public var likelihoodRatioDegreesOfFreedom: Double {
    Double(rank - (details.design.formula.hasIntercept ? 1 : 0))
  }
  /// p-value of the likelihood-ratio test against the intercept-only model (`nil` without
  /// regressors).
  public var likelihoodRatioPValue: Double? {
    let df = likelihoodRatioDegreesOfFreedom
    guard df > 0 else { return nil }
    return ChiSquared(degreesOfFreedom: df).upperTail(
      max(details.statistics.likelihoodRatioStatistic, 0))
  }
  /// Likelihood, information criteria, deviances, Pearson chi-squared, dispersion, McFadden's
  /// pseudo R^2 and the likelihood-ratio test; R^2 is undefined (`nil`).
  public var fitMeasures: [FitMeasure] {
    let stats = details.statistics
    return [
      FitMeasure("r_squared", nil), FitMeasure("adj_r_squared", nil),
      FitMeasure("log_likelihood", logLikelihood), FitMeasure("aic", aic), FitMeasure("bic", bic),
      FitMeasure("deviance", stats.deviance), FitMeasure("null_deviance", stats.nullDeviance),
      FitMeasure("df_null", stats.dfNull), FitMeasure("pearson_chi2", stats.pearsonChiSquared),
      FitMeasure("dispersion", stats.dispersion),
      FitMeasure("null_log_likelihood", stats.nullLogLikelihood),
      FitMeasure("pseudo_r_squared", stats.mcFaddenRSquared),
      FitMeasure("lr_statistic", stats.likelihoodRatioStatistic),
      FitMeasure("lr_df", likelihoodRatioDegreesOfFreedom),
      FitMeasure("lr_p_value", likelihoodRatioPValue),
    ]
  }
  /// The factorisation used in each IRLS step.
  public var solverName: String? { details.solver.rawValue }
  /// Family and link; prior weights and offset when given; the separation diagnostics
  /// (`separation`, `null` when none were found).
  public var sections: [ResultSection] {
    var sections = ResultSection.family(details.family)
    if let column = details.weightsColumn {
      sections.append(.weights(column: column, kind: "prior"))
    }
    if let offset = details.offsetColumn {
      sections.append(
        .scalar("offset", title: "Offset", .text(offset), placement: .afterCovarianceType))
    }
    sections.append(separationSection)
    return sections
  }

  /// The separation diagnostics as a section (a `null` value when none were found).
  var separationSection: ResultSection {
    guard let report = details.separation else {
      return .scalar("separation", title: "Separation", .number(nil), placement: .afterConvergence)
    }
    let terms = ResultSection(
      key: "terms", title: "Separated terms",
      columns: [.init("term"), .init("complete"), .init("observations", isCount: true)],
      rows: report.terms.map { [.text($0.term), .bool($0.complete), .integer($0.observations)] })
    let diverging = ResultSection(
      key: "diverging_terms", title: "Diverging terms", columns: [.init("term")],
      rows: report.divergingTerms.map { [.text($0)] }, layout: .values)
    return ResultSection(
      key: "separation", title: "Separation",
      columns: [.init("fitted_at_boundary", isCount: true)],
      rows: [[.integer(report.fittedAtBoundary)]], layout: .record,
      children: [terms, diverging], childrenFirst: true, placement: .afterConvergence)
  }
}

extension GLMFamily {
  /// The short model name: the link of a binomial family (`logit`, `probit`, `cloglog`),
  /// `poisson` or `gaussian`.
  public var modelName: String {
    switch self {
    case .binomial(let link): return link.rawValue
    case .poisson: return "poisson"
    case .gaussian: return "gaussian"
    }
  }
}
