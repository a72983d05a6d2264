extension MixedModelResult {
  /// The random-effect part of a fit, shared by the linear and the logistic mixed model.
  struct RandomEffectParts {
    /// Variance components, per term and column.
    let components: [VarianceComponent]
    /// Correlations, per term and pair of columns.
    let correlations: [Correlation]
    /// Conditional modes and variances per term, levels in their original order.
    let randomEffects: [RandomEffects]
    /// Whether a diagonal element of some `lambda` is below 1e-4 (a boundary fit).
    let isSingular: Bool
    /// The boundary-fit warning, when `isSingular`.
    static let singularWarning =
      "boundary (singular) fit: a random-effect variance is (near) zero or a correlation is "
      + "+-1; simplify the random-effect terms"

    /// Summarises every term at `theta`.
    /// - Parameters:
    ///   - terms: the terms, in the order of `theta`.
    ///   - theta: the relative covariance parameters.
    ///   - scale: the residual variance (1 for a GLMM).
    ///   - modes: per term, the conditional modes (level-major, the terms' level order).
    ///   - conditionalVariances: per term, each level's `p x p` conditional covariance.
    init(
      terms: [MixedModelTerm], theta: [Double], scale: Double, modes: [[Double]],
      conditionalVariances: [[Double]]
    ) {
      var components: [VarianceComponent] = []
      var correlations: [Correlation] = []
      var randomEffects: [RandomEffects] = []
      var singular = false
      var k = 0
      for (index, term) in terms.enumerated() {
        let lambda = term.lambda(theta[k..<(k + term.thetaCount)])
        k += term.thetaCount
        let p = term.p
        for i in 0..<p where lambda[i + i * p] < 1e-4 { singular = true }
        let summary = MixedModelResult.covarianceSummary(of: term, lambda: lambda, scale: scale)
        components += summary.components
        correlations += summary.correlations
        randomEffects.append(
          .init(
            group: term.group, columnNames: term.columnNames, levels: term.originalLabels,
            modes: term.inOriginalOrder(modes[index], width: p),
            conditionalVariances: term.inOriginalOrder(conditionalVariances[index], width: p * p)))
      }
      self.components = components
      self.correlations = correlations
      self.randomEffects = randomEffects
      isSingular = singular
    }
  }
}
