import Models

/// What the linear and the logistic mixed-model kinds share: the random-effect lines of lme4's
/// `summary()`, the groups in the regression column, and the refusal of an unconverged fit.
extension MixedModelResult {
  /// Variance and standard deviation of every component, then the correlations.
  /// - Parameter d: the summary's number format.
  /// - Returns: one line each, indented under "Random effects".
  func randomEffectLines(_ d: (Double?, Int) -> String) -> [String] {
    var lines = ["Random effects (variance, std. dev.):"]
    for component in varianceComponents {
      lines.append(
        "  \(component.group) \(component.term): \(d(component.variance, 5)), "
          + d(component.standardDeviation, 5))
    }
    for correlation in correlations {
      lines.append(
        "  \(correlation.group) corr(\(correlation.term1), \(correlation.term2)): "
          + d(correlation.correlation, 3))
    }
    return lines
  }

  /// The regression column's "Groups: g" rows, one per grouping factor with its level count.
  var groupStatistics: [RegressionColumn.Statistic] {
    groupLevels.map {
      .init("Groups: \($0.group)", RegressionTableBuilder.thousands($0.levels))
    }
  }

  /// The fit itself, or a `ConvergenceError` (exit 1) when its optimiser did not converge.
  func requiringConvergence() throws -> MixedModelResult {
    guard convergence.converged else {
      throw ConvergenceError(
        reason: "the mixed model's optimiser did not converge (\(optimizerStatus))",
        iterations: convergence.iterations)
    }
    return self
  }
}
