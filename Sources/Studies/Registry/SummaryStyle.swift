import Inference

/// The lines of a `vetstat fit` text summary that a model kind words itself (its
/// `ModelKind.summaryStyle(of:)`); everything else in `ModelSummaryText` is shared.
public struct SummaryStyle: Sendable {
  /// The model in words (`OLS`, `GLM logit (binomial(logit))`, `Random effects (Swamy-Arora)`).
  public var title: String
  /// Text after the observation count (`; prior weights: w; offset: o`).
  public var inputs: String
  /// Whether the covariance line lists the clusters and the correction.
  public var listsClusters: Bool
  /// The fit-statistics lines under the coefficient table.
  public var fitLines: [String]

  /// Creates a style.
  /// - Parameters:
  ///   - title: the model in words.
  ///   - inputs: text after the observation count.
  ///   - listsClusters: whether the covariance line lists the clusters.
  ///   - fitLines: the fit-statistics lines.
  public init(title: String, inputs: String = "", listsClusters: Bool = true, fitLines: [String]) {
    self.title = title
    self.inputs = inputs
    self.listsClusters = listsClusters
    self.fitLines = fitLines
  }

  /// The style of a result no kind words: its model name and its fit measures on one line.
  /// - Parameter result: the fit.
  /// - Returns: the style.
  public static func generic(_ result: any RegressionFit) -> SummaryStyle {
    let measures = result.fitMeasures.map { "\($0.key): " + digits($0.value, 7) }
    return SummaryStyle(title: result.modelName, fitLines: [measures.joined(separator: "; ")])
  }

  /// A number with the given significant digits, `NA` when undefined.
  public static func digits(_ value: Double?, _ digits: Int) -> String {
    value.map { NumberFormat.significant($0, digits: digits) } ?? "NA"
  }

  /// `converged` or `NOT converged`.
  public static func converged(_ convergence: ConvergenceInfo) -> String {
    convergence.converged ? "converged" : "NOT converged"
  }
}
