import LinearAlgebra

/// The proportional-hazards test of survival 3.x's `cox.zph(fit, transform = "km")`.
///
/// For each term the score test, at the fitted coefficients, of adding g(t) x for each of its
/// columns x, where g is one minus the left-continuous pooled Kaplan-Meier estimate centred over
/// the events; and the global test of all of them. The tests use the full information matrix of
/// (beta, gamma). A term is one column, or the columns of a factor or interaction tested
/// together (R's `cox.zph(terms = TRUE)`, df = its number of columns).
enum CoxZPH {
  /// The per-term tests (`ph_<term>`) and `ph_global`.
  /// - Parameters:
  ///   - riskSets: the fitted model's risk sets (kept covariates).
  ///   - beta: the fitted coefficients.
  ///   - names: the covariate names.
  ///   - terms: the term of each kept covariate (columns with the same label are tested
  ///     together, in order of first appearance); `nil` tests each column on its own.
  /// - Returns: the tests, or an empty list when the information matrix is singular.
  static func tests(
    _ riskSets: CoxRiskSets, beta: [Double], names: [String], terms: [String]? = nil
  ) -> [SurvivalTest] {
    let spells = riskSets.spells
    let p = riskSets.p
    let pooled = RiskTable(spells, rows: Array(0..<spells.count))
    var stepTimes: [Double] = []
    var stepSurvival: [Double] = []
    var s = 1.0
    for index in pooled.time.indices where pooled.nEvent[index] > 0 {
      s *= 1 - Double(pooled.nEvent[index]) / Double(pooled.nRisk[index])
      stepTimes.append(pooled.time[index])
      stepSurvival.append(s)
    }
    /// 1 - S(t-): the pooled estimate just before t.
    func transform(_ t: Double) -> Double {
      var low = 0
      var high = stepTimes.count
      while low < high {
        let mid = (low + high) / 2
        if stepTimes[mid] < t { low = mid + 1 } else { high = mid }
      }
      return low == 0 ? 0 : 1 - stepSurvival[low - 1]
    }
    let eventRows = spells.event.indices.filter { spells.event[$0] }
    let center = eventRows.reduce(0) { $0 + transform(spells.exit[$1]) } / Double(eventRows.count)
    var score = [Double](repeating: 0, count: p)
    var information = Matrix(rows: 2 * p, columns: 2 * p)
    riskSets.sweep(beta) { event in
      let g = transform(event.time) - center
      for k in 0..<p {
        score[k] += g * event.score[k]
        for l in 0..<p {
          let v = event.information[k + l * p]
          information[k, l] += v
          information[k + p, l] += g * v
          information[k, l + p] += g * v
          information[k + p, l + p] += g * g * v
        }
      }
    }
    func quadratic(_ indices: [Int], _ u: [Double]) -> Double? {
      let sub = information.selecting(rows: indices, columns: indices)
      guard let factor = try? Cholesky(sub) else { return nil }
      return zip(u, factor.solve(u)).reduce(0) { $0 + $1.0 * $1.1 }
    }
    var tests: [SurvivalTest] = []
    let zeros = [Double](repeating: 0, count: p)
    for (label, columns) in groups(terms ?? names) {
      guard
        let value = quadratic(
          Array(0..<p) + columns.map { p + $0 }, zeros + columns.map { score[$0] })
      else { return [] }
      tests.append(
        SurvivalTest(name: "ph_\(label)", statistic: value, degreesOfFreedom: columns.count))
    }
    guard let global = quadratic(Array(0..<(2 * p)), zeros + score) else { return [] }
    tests.append(SurvivalTest(name: "ph_global", statistic: global, degreesOfFreedom: p))
    return tests
  }

  /// The columns of each label, labels in order of first appearance.
  static func groups(_ labels: [String]) -> [(label: String, columns: [Int])] {
    var out: [(label: String, columns: [Int])] = []
    for (column, label) in labels.enumerated() {
      if let i = out.firstIndex(where: { $0.label == label }) {
        out[i].columns.append(column)
      } else {
        out.append((label, [column]))
      }
    }
    return out
  }
}
