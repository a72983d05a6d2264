/// What every fitted estimator reports about itself, whatever it estimates (a regression, a
/// mixed model, a survival curve, a decomposition): renderers, the model registry and disclosure
/// control work against this protocol and never switch over concrete result types.
///
/// A result adds content beyond these fields only through `sections`. Regression-like results
/// refine it as `RegressionFit`.
public protocol EstimationResult: Sendable {
  /// The short model name of the result document (`ols`, `logit`, `fe`, `re`...).
  var modelName: String { get }
  /// The formula as written.
  var formula: String { get }
  /// Number of observations the estimating equations used.
  var nobs: Int { get }
  /// What was left out and why (rows and terms).
  var dropped: DroppedSummary { get }
  /// How the numerical work ended.
  var convergence: ConvergenceInfo { get }
  /// Goodness-of-fit values in result-document order (`r_squared`, `log_likelihood`...).
  var fitMeasures: [FitMeasure] { get }
  /// Notes on the fit: aliased terms, separation, covariance caveats.
  var warnings: [String] { get }
  /// Named extra parts (fixed effects, variance components, marginal effects...).
  var sections: [ResultSection] { get }
  /// The concise text the result prints as (a default is given; see `PrintedSummary.swift`).
  var printedSummary: String { get }
}

extension EstimationResult {
  /// The section with the given result-document key, if the result has it.
  /// - Parameter key: the section key (`fixed_effects`).
  /// - Returns: the section, or `nil`.
  public func section(_ key: String) -> ResultSection? {
    sections.first { $0.key == key }
  }

  /// Every count column of every section (nested ones included), as `section.column` paths:
  /// what disclosure control must check for small cells.
  public var countColumnPaths: [String] {
    func paths(_ section: ResultSection, prefix: String) -> [String] {
      let here = prefix + section.key
      return section.countColumns.map { "\(here).\($0)" }
        + section.children.flatMap { paths($0, prefix: here + ".") }
    }
    return sections.flatMap { paths($0, prefix: "") }
  }
}
