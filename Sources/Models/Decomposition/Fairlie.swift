import DataTable
import Formula
import Inference
import LinearAlgebra

/// The Fairlie (2005) decomposition of the gap in a binary outcome between two groups, as Stata
/// `fairlie`: the explained part Σ_A F(x β*)/n_A - Σ_B F(x β*)/n_B from a logit or probit
/// model, and each term's contribution by switching the terms one at a time from group A's
/// values to group B's on matched observations.
///
/// Each replication draws from the larger group a random subsample the size of the smaller one,
/// ranks both by their predicted probability and matches them by rank; term k then contributes
/// the mean of F(z_{k-1} β*) - F(z_k β*), where z_0 is the A observation and z_k has the first k
/// terms (in the replication's order) set to the matched B observation's values. The terms'
/// contributions are averaged over replications; their standard errors come from the delta
/// method with the averaged gradients and the model's coefficient covariance (Fairlie 2005).
public enum Fairlie {
  /// Decomposes the gap in the binary response of `formula` between the groups of `group`.
  /// - Parameters:
  ///   - formula: `y ~ x1 + C(f)`, y 0/1, with an intercept.
  ///   - data: the table.
  ///   - group: a column with exactly two values on the rows used.
  ///   - options: link, reference, replications, seed and ordering.
  /// - Returns: the aggregate parts and each term's contribution to the explained part.
  /// - Throws: `DecompositionError`, `FormulaError`, `DataError`, `ModelError` (a response not
  ///   0/1), `ConvergenceError` (the model does not converge).
  public static func decompose(
    _ formula: String, data: DataTable, group: String, options: FairlieOptions = FairlieOptions()
  ) throws -> FairlieResult {
    guard options.link == .logit || options.link == .probit else {
      throw DecompositionError.unsupported("the Fairlie decomposition takes a logit or probit link")
    }
    guard options.replications >= 1 else {
      throw DecompositionError.unsupported("the Fairlie decomposition needs at least 1 replication")
    }
    let parsed = try DecompositionSample.parse(formula, group: group)
    guard parsed.hasIntercept else {
      throw DecompositionError.unsupported("the Fairlie decomposition needs an intercept")
    }
    try ModelFormula.requireColumns([group], in: data)
    let design = try DesignMatrix.build(parsed, data: data, requiring: [group])
    let (labels, isA) = try DecompositionSample.split(data.column(named: group), rows: design.rows)
    let positionsA = design.rows.indices.filter { isA[$0] }
    let positionsB = design.rows.indices.filter { !isA[$0] }
    let fitted: GLMResult
    switch options.reference {
    case .pooled:
      fitted = try GLM.fit(design: design, data: data, family: .binomial(options.link))
    case .a:
      fitted = try GLM.fit(
        design: design.restricted(to: positionsA), data: data, family: .binomial(options.link))
    case .b:
      fitted = try GLM.fit(
        design: design.restricted(to: positionsB), data: data, family: .binomial(options.link))
    }
    guard fitted.aliasedTerms.isEmpty else {
      throw DecompositionError.collinear(term: fitted.aliasedTerms[0])
    }
    let model = FairlieModel(
      design: design, beta: fitted.coefficients.values, link: options.link,
      covariance: fitted.covariance)
    let y = design.response ?? []
    let meanA = positionsA.reduce(0) { $0 + y[$1] } / Double(positionsA.count)
    let meanB = positionsB.reduce(0) { $0 + y[$1] } / Double(positionsB.count)
    let explained = model.explained(positionsA, positionsB)
    let detailed = model.detailed(positionsA, positionsB, options: options)
    let components = [
      DecompositionPart(term: nil, part: "mean_a", estimate: meanA, standardError: nil),
      DecompositionPart(term: nil, part: "mean_b", estimate: meanB, standardError: nil),
      DecompositionPart(term: nil, part: "difference", estimate: meanA - meanB, standardError: nil),
      DecompositionPart(
        term: nil, part: "explained", estimate: explained.estimate,
        standardError: explained.standardError),
      DecompositionPart(
        term: nil, part: "unexplained", estimate: meanA - meanB - explained.estimate,
        standardError: nil),
    ]
    var warnings = fitted.warnings
    if !fitted.convergence.converged {
      warnings.append("the binary-response model did not converge")
    }
    return FairlieResult(
      formula: formula, group: group, groupLabels: (labels.a, labels.b),
      groupCounts: (positionsA.count, positionsB.count), options: options,
      droppedMissing: design.droppedMissing,
      components: components, detailed: detailed,
      warnings: warnings, convergence: fitted.convergence)
  }
}

/// A fitted binary-response model and the design, with the decomposition's computations.
struct FairlieModel {
  let design: DesignMatrix
  let beta: [Double]
  let link: LinkFunction
  let covariance: Matrix

  /// The explained part on the full groups and its delta-method standard error.
  func explained(_ a: [Int], _ b: [Int]) -> (estimate: Double, standardError: Double) {
    let k = beta.count
    var gradient = [Double](repeating: 0, count: k)
    var estimate = 0.0
    for (rows, sign) in [(a, 1.0), (b, -1.0)] {
      let n = Double(rows.count)
      for r in rows {
        let row = (0..<k).map { design.x[r, $0] }
        let eta = zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 }
        estimate += sign * link.inverse(eta) / n
        let density = link.inverseDerivative(eta)
        for j in 0..<k { gradient[j] += sign * density * row[j] / n }
      }
    }
    return (estimate, DeltaVector.standardError(gradient, covariance))
  }

  /// Each term's contribution averaged over the replications, with standard errors.
  func detailed(_ a: [Int], _ b: [Int], options: FairlieOptions) -> [DecompositionPart] {
    let k = beta.count
    let terms = design.formula.terms.indices.map { t in
      design.termIndexOfColumn.indices.filter { design.termIndexOfColumn[$0] == t }
    }
    var generator = Xoshiro256StarStar(seed: options.seed)
    var sums = [Double](repeating: 0, count: terms.count)
    var gradients = [Double](repeating: 0, count: terms.count * k)
    // Row-major copies of the design rows and their predicted probabilities, read many times.
    let n = design.x.rows
    var rows = [Double](repeating: 0, count: n * k)
    for j in 0..<k { for r in 0..<n { rows[r * k + j] = design.x[r, j] } }
    let scores = (0..<n).map { r in
      link.inverse((0..<k).reduce(0) { $0 + rows[r * k + $1] * beta[$1] })
    }
    var z = [Double](repeating: 0, count: k)
    for _ in 0..<options.replications {
      var (rowsA, rowsB) = (a, b)
      if rowsA.count > rowsB.count {
        rowsA = Self.subsample(rowsA, size: rowsB.count, &generator)
      } else if rowsB.count > rowsA.count {
        rowsB = Self.subsample(rowsB, size: rowsA.count, &generator)
      }
      rowsA.sort { scores[$0] < scores[$1] }
      rowsB.sort { scores[$0] < scores[$1] }
      var order = Array(terms.indices)
      if options.randomOrder { Self.shuffle(&order, &generator) }
      let size = Double(rowsA.count)
      for (ra, rb) in zip(rowsA, rowsB) {
        for j in 0..<k { z[j] = rows[ra * k + j] }
        var eta = (0..<k).reduce(0) { $0 + z[$1] * beta[$1] }
        for t in order {
          let etaBefore = eta
          let dBefore = link.inverseDerivative(etaBefore) / size
          for j in 0..<k { gradients[t * k + j] += dBefore * z[j] }
          for j in terms[t] {
            let value = rows[rb * k + j]
            eta += (value - z[j]) * beta[j]
            z[j] = value
          }
          sums[t] += (link.inverse(etaBefore) - link.inverse(eta)) / size
          let dAfter = link.inverseDerivative(eta) / size
          for j in 0..<k { gradients[t * k + j] -= dAfter * z[j] }
        }
      }
    }
    let replications = Double(options.replications)
    return terms.indices.map { t in
      let gradient = (0..<k).map { gradients[t * k + $0] / replications }
      return DecompositionPart(
        term: design.formula.terms[t].label, part: "explained", estimate: sums[t] / replications,
        standardError: DeltaVector.standardError(gradient, covariance))
    }
  }

  /// `size` of `rows` drawn without replacement, in their original order.
  static func subsample(_ rows: [Int], size: Int, _ generator: inout Xoshiro256StarStar) -> [Int] {
    var pool = rows
    shuffle(&pool, &generator)
    return Array(pool.prefix(size)).sorted()
  }

  /// Fisher-Yates shuffle.
  static func shuffle<T>(_ values: inout [T], _ generator: inout Xoshiro256StarStar) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      let j = Int(generator.uniform() * Double(i + 1))
      values.swapAt(i, min(j, i))
    }
  }
}
