import DataTable
import LinearAlgebra

/// The Blinder-Oaxaca decomposition of the difference in mean outcome between two groups
/// (Jann 2008), with detailed contributions per term and delta-method standard errors.
///
/// Group A is the smaller value of the group column (Stata `oaxaca`'s group 1), B the other; the
/// gap is ȳ_A - ȳ_B = m_A'β_A - m_B'β_B. The twofold decomposition against the reference β* is
/// explained (m_A - m_B)'β* plus unexplained m_A'(β_A - β*) + m_B'(β* - β_B); the threefold one
/// is endowments (m_A - m_B)'β_B, coefficients m_B'(β_A - β_B) and interaction
/// (m_A - m_B)'(β_A - β_B). Standard errors treat the covariate means as random (Jann 2008,
/// eq. 11-13), or as fixed with `fixedRegressors`, and come from the joint covariance of (β_A, β_B, m_A, m_B); pooled references
/// enter as exact linear maps of β_A and β_B (`ReferenceWeights`).
///
/// ```swift
/// let result = try OaxacaBlinder.decompose(
///   "lwage ~ educ + exper + C(occupation)", data: table, group: "union",
///   options: OaxacaBlinderOptions(reference: .pooled, threefold: true))
/// ```
public enum OaxacaBlinder {
  /// Decomposes the mean gap in the response of `formula` between the two groups of `group`.
  /// - Parameters:
  ///   - formula: `y ~ x1 + x2 + C(f)`, with an intercept.
  ///   - data: the table.
  ///   - group: a column with exactly two values on the rows used.
  ///   - options: reference, threefold, normalisation and covariance.
  /// - Returns: the aggregate and detailed parts with standard errors.
  /// - Throws: `DecompositionError` for a bad group column or a term not identified in a group,
  ///   `FormulaError`/`DataError` for a bad formula or column, `ModelError` for a bad cluster
  ///   column.
  public static func decompose(
    _ formula: String, data: DataTable, group: String,
    options: OaxacaBlinderOptions = OaxacaBlinderOptions()
  ) throws -> OaxacaBlinderResult {
    var extra: [String] = []
    if case .cluster(let name) = options.covariance { extra.append(name) }
    let sample = try DecompositionSample(
      formula: formula, data: data, group: group, extra: extra)
    guard sample.design.formula.hasIntercept else {
      throw DecompositionError.unsupported(
        "a decomposition of mean outcomes needs an intercept in the formula (remove '- 1' or '+ 0')"
      )
    }
    var (covariance, clusters) = try DecompositionCovarianceMatrix.make(
      sample: sample, type: options.covariance, data: data)
    if options.fixedRegressors {
      covariance = DecompositionCovarianceMatrix.holdingMeansFixed(covariance)
    }
    let layout =
      options.normaliseCategorical
      ? try YunNormalisation(design: sample.design)
      : YunNormalisation(identityFor: sample.design.columnNames)
    let weights = try ReferenceWeights(options.reference, sample: sample)
    let parts = Self.parts(sample: sample, layout: layout, weights: weights, options: options)
    var components: [DecompositionPart] = []
    var detailed: [DecompositionPart] = []
    for (name, vector) in parts {
      let total = vector.total(covariance: covariance)
      components.append(
        DecompositionPart(
          term: nil, part: name, estimate: total.estimate, standardError: total.standardError))
      guard !["mean_a", "mean_b", "difference"].contains(name) else { continue }
      for (i, term) in layout.names.enumerated() {
        let value = vector.element(i, covariance: covariance)
        detailed.append(
          DecompositionPart(
            term: term, part: name, estimate: value.estimate, standardError: value.standardError))
      }
    }
    return OaxacaBlinderResult(
      formula: formula, group: group, groupLabels: (sample.a.label, sample.b.label),
      groupCounts: (sample.a.count, sample.b.count), options: options, clusters: clusters,
      droppedMissing: sample.design.droppedMissing, components: components, detailed: detailed,
      warnings: [])
  }

  /// Every part as a vector over the layout's terms (sum for the aggregate), in report order.
  static func parts(
    sample: DecompositionSample, layout: YunNormalisation, weights: ReferenceWeights,
    options: OaxacaBlinderOptions
  ) -> [(String, DeltaVector)] {
    let k = sample.a.beta.count
    let p = 4 * k
    let t = layout.coefficients
    let betaA = DeltaVector(map: t, source: sample.a.beta, offset: 0, parameters: p)
    let betaB = DeltaVector(map: t, source: sample.b.beta, offset: k, parameters: p)
    let meanA = DeltaVector(map: layout.means, source: sample.a.means, offset: 2 * k, parameters: p)
    let meanB = DeltaVector(map: layout.means, source: sample.b.means, offset: 3 * k, parameters: p)
    let reference = DeltaVector.combine(
      DeltaVector(map: t * weights.wa, source: sample.a.beta, offset: 0, parameters: p), 1,
      DeltaVector(map: t * weights.wb, source: sample.b.beta, offset: k, parameters: p), 1)
    let predictedA = meanA * betaA
    let predictedB = meanB * betaB
    let difference = predictedA - predictedB
    let meanGap = meanA - meanB
    let explained = meanGap * reference
    var out: [(String, DeltaVector)] = [
      ("mean_a", predictedA), ("mean_b", predictedB), ("difference", difference),
      ("explained", explained), ("unexplained", difference - explained),
    ]
    if options.threefold {
      let betaGap = betaA - betaB
      out += [
        ("endowments", meanGap * betaB), ("coefficients", meanB * betaGap),
        ("interaction", meanGap * betaGap),
      ]
    }
    return out
  }
}
