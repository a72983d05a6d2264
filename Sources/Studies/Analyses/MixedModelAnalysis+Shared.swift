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

/// The keys the linear and the logistic mixed-model kinds share (`formula` with at least one
/// random-effect term, `level`, `focus`), read and checked once, and the outcome both report.
struct MixedModelKeys {
  let name: String
  let formula: String
  let level: Double
  let focus: String?

  /// Reads the shared keys of `spec`, reporting problems under the kind's name.
  /// - Parameters:
  ///   - spec: the analysis entry.
  ///   - kind: the kind's name in messages (`lmm`, `glmm`).
  ///   - example: a formula shown when the formula is missing.
  ///   - reader: the analysis's key reader.
  ///   - schema: the prepared data's columns.
  ///   - diagnostics: where problems go.
  init(
    _ spec: AnalysisSpec, kind: String, example: String, reader: SpecReader,
    schema: StudySchema, diagnostics: SpecDiagnostics
  ) {
    let r = reader
    name = spec.name
    level = r.confidenceLevel()
    focus = r.string("focus")
    let read = r.modelFormula(
      example: example, schema: schema, allowFixedEffects: false, allowRandomEffects: true)
    formula = read.text
    if let parsed = read.parsed, parsed.randomEffects.isEmpty {
      diagnostics.report(
        r.child("formula"), line: r.line(of: "formula"),
        "kind \(kind) needs a random-effect term, e.g. (1 | school_id)")
    }
  }

  /// The analysis outcome of a fit: its document, its regression column (groups and `extra`
  /// statistics) and the findings with the fit's warnings.
  func outcome(
    _ result: MixedModelResult, model: String, extra: [RegressionColumn.Statistic] = []
  ) -> AnalysisOutcome {
    let column = RegressionColumn.make(
      result, label: name, model: model, statistics: result.groupStatistics + extra,
      level: level)
    var findings = Findings.regression(column, focus: focus, nobs: result.nobs)
    findings += result.warnings.map { "\(name): note: \($0)" }
    return AnalysisOutcome(
      document: ResultDocument.make(result, level: level), regression: column, findings: findings)
  }
}
