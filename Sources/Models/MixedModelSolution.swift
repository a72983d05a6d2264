import LinearAlgebra

/// The fixed effects and spherical random effects solved from a blocked factor, and the random
/// effects on their own scale (`b = Lambda u`), per term and level.
struct MixedModelSolution: Sendable {
  /// Fixed effects.
  let beta: [Double]
  /// Random effects per term, level-major (`b[k][level * p + column]`).
  let b: [[Double]]
  /// Penalty `|u|^2`.
  let penalty: Double
  /// Spherical random effects per term, level-major (`b = Lambda u`).
  let u: [[Double]]

  /// Back-substitution through the factor: first the tail (`U v = c`, c its last column), then
  /// each leading level (`L11_l' u_l = c_l - L21_l' v`).
  init(system s: MixedModelSystem, factor f: MixedModelFactor, theta: [Double]) {
    let m = s.m
    var v = [Double](repeating: 0, count: m - 1)
    for i in stride(from: m - 2, through: 0, by: -1) {
      var sum = f.tail[i, m - 1]
      for j in (i + 1)..<(m - 1) { sum -= f.tail[i, j] * v[j] }
      v[i] = sum / f.tail[i, i]
    }
    beta = Array(v[s.qRest..<(s.qRest + s.p)])
    let lead = s.terms[0]
    let p1 = lead.p
    var uLead = [Double](repeating: 0, count: lead.q)
    var rhs = [Double](repeating: 0, count: p1)
    for level in 0..<lead.levels {
      let nr = s.levelStart[level + 1] - s.levelStart[level]
      let r = nr + s.p + 1
      let panel = s.panelStart[level]
      for c in 0..<p1 {
        var sum = f.l21[panel + r - 1 + c * r]
        for i in 0..<(r - 1) {
          let t = i < nr ? Int(s.restRows[s.levelStart[level] + i]) : s.qRest + i - nr
          sum -= f.l21[panel + i + c * r] * v[t]
        }
        rhs[c] = sum
      }
      let block = level * p1 * p1
      for c in stride(from: p1 - 1, through: 0, by: -1) {
        var sum = rhs[c]
        for d in (c + 1)..<p1 { sum -= f.l11[block + d + c * p1] * uLead[level * p1 + d] }
        uLead[level * p1 + c] = sum / f.l11[block + c + c * p1]
      }
    }
    var penalty = uLead.reduce(0) { $0 + $1 * $1 }
    for i in 0..<s.qRest { penalty += v[i] * v[i] }
    self.penalty = penalty
    var b: [[Double]] = []
    var spherical: [[Double]] = []
    var k = 0
    for (index, term) in s.terms.enumerated() {
      let lambda = term.lambda(theta[k..<(k + term.thetaCount)])
      k += term.thetaCount
      var values =
        index == 0 ? uLead : Array(v[s.restOffsets[index]..<(s.restOffsets[index] + term.q)])
      spherical.append(values)
      MixedModelFactor.scaleRowsByLambda(&values, lambda: lambda, p: term.p, groups: term.levels)
      b.append(values)
    }
    self.b = b
    self.u = spherical
  }
}

extension MixedModelFactor {
  /// Replaces each group of `p` values `u` by `lambda u` (lambda lower triangular).
  static func scaleRowsByLambda(_ v: inout [Double], lambda: [Double], p: Int, groups: Int) {
    var old = [Double](repeating: 0, count: p)
    for g in 0..<groups {
      for e in 0..<p { old[e] = v[g * p + e] }
      for i in 0..<p {
        var sum = 0.0
        for e in 0...i { sum += lambda[i + e * p] * old[e] }
        v[g * p + i] = sum
      }
    }
  }
}
