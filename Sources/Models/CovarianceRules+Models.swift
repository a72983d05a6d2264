import Inference

/// The per-model rules of the shared covariance computation, one factory per model family.
extension CovarianceRules {
  /// The covariance rules of a linear model: sigma^2 = RSS / df, t tests on the residual df,
  /// HC2/HC3 not defined under frequency weights, N of clustered corrections the effective
  /// number of observations.
  static func linearModel(
    statistics: FitStatistics, dfResidual: Double, weights: [Double]?, weightKind: WeightKind,
    effectiveObservations: Double
  ) -> CovarianceRules {
    let frequency = weightKind == .frequency ? weights : nil
    var rules = CovarianceRules(
      iidScale: statistics.residualSumOfSquares / dfResidual, testDegreesOfFreedom: dfResidual,
      heteroskedastic: .sandwich(frequencyWeights: frequency),
      clusterObservations: effectiveObservations,
      unavailable: { type in
        guard frequency != nil, case .heteroskedastic(let hc) = type, hc == .hc2 || hc == .hc3
        else { return nil }
        return "\(hc.rawValue) is not defined for frequency weights; use hc0 or hc1"
      })
    if statistics.isEssentiallyPerfectFit {
      rules.undefinedReason =
        "the fit is essentially perfect (residual variance below 1e-30 of the fitted values' "
        + "second moment, R's summary.lm rule), so the residuals are rounding noise"
    }
    return rules
  }

  /// The covariance rules of a GLM: the iid covariance is the bread times the dispersion, tests
  /// refer to the standard normal, HC2/HC3 take their leverages from sqrt(W) X, and panel
  /// HAC covariances are not offered.
  static func generalizedLinearModel(
    dispersion: Double, workingWeights: [Double], whitenedResiduals: [Double], nobs: Int
  ) -> CovarianceRules {
    CovarianceRules(
      iidScale: dispersion, testDegreesOfFreedom: nil,
      heteroskedastic: .workingWeights(workingWeights, whitenedResiduals: whitenedResiduals),
      clusterObservations: Double(nobs),
      unavailable: { type in
        switch type {
        case .hac, .driscollKraay:
          return "\(type) covariances are available for linear, fixed-effects and panel models, "
            + "not GLMs"
        default: return nil
        }
      })
  }

  /// The covariance rules of the panel estimators: sigma^2 = RSS / df and t tests on the
  /// residual df; the between model (one row per unit) offers neither clustering nor panel HAC.
  static func panel(model: PanelModel, residualSumOfSquares: Double, dfResidual: Double, nobs: Int)
    -> CovarianceRules
  {
    CovarianceRules(
      iidScale: residualSumOfSquares / dfResidual, testDegreesOfFreedom: dfResidual,
      heteroskedastic: .sandwich(frequencyWeights: nil), clusterObservations: Double(nobs),
      unavailable: { type in
        guard model == .between else { return nil }
        switch type {
        case .cluster: return "the between model has one row per unit; use iid or hc1"
        case .hac, .driscollKraay: return "\(type) is not available for the between model"
        default: return nil
        }
      })
  }

  /// The covariance rules of a fixed-effects fit: the fixed effects count in the degrees of
  /// freedom (iid, HC1) and in clustered covariances only when not nested in a clustering
  /// dimension (fixest's rule); HC2/HC3 would need their leverage and are not offered.
  static func fixedEffects(
    residualSumOfSquares: Double, dfResidual: Double, rank: Int, nobs: Int,
    factors: [FixedEffectFactor], degreesOfFreedom: FixedEffectDegreesOfFreedom
  ) -> CovarianceRules {
    CovarianceRules(
      iidScale: residualSumOfSquares / dfResidual, testDegreesOfFreedom: dfResidual,
      heteroskedastic: .scaledHC0(parameters: Double(rank + degreesOfFreedom.parameters)),
      clusterObservations: Double(nobs), factors: factors,
      fixedEffectDegreesOfFreedom: degreesOfFreedom,
      unavailable: { type in
        guard case .heteroskedastic(let hc) = type, hc == .hc2 || hc == .hc3 else { return nil }
        return "\(hc.rawValue) needs the leverage of the fixed effects; use hc0 or hc1 for a "
          + "fixed-effects model"
      })
  }

  /// The covariance rules of a fixed-effects GLM (fixest's): iid is the inverse information
  /// times (N-1)/(N-K), HC1 is HC0 times N/(N-K), K counting slopes and fixed-effect parameters
  /// (nested effects not counted when clustering); z tests; no HC2/HC3 or panel HAC.
  static func fixedEffectsGLM(
    nobs: Int, parameters: Int, factors: [FixedEffectFactor],
    degreesOfFreedom: FixedEffectDegreesOfFreedom
  ) -> CovarianceRules {
    let n = Double(nobs)
    let fullK = Double(parameters)
    return CovarianceRules(
      iidScale: (n - 1) / (n - fullK), testDegreesOfFreedom: nil,
      heteroskedastic: .scaledHC0(parameters: fullK), clusterObservations: n, factors: factors,
      fixedEffectDegreesOfFreedom: degreesOfFreedom,
      unavailable: { type in
        switch type {
        case .iid, .heteroskedastic(.hc0), .heteroskedastic(.hc1): return nil
        case .cluster(let columns, _) where columns.count == 1 || columns.count == 2: return nil
        default:
          return "\(type) is not available for a fixed-effects GLM (use iid, hc0, hc1 or "
            + "cluster with one or two columns)"
        }
      })
  }
}
