import Inference
import LinearAlgebra

/// The seeded multiplier bootstrap of R `did`'s `mboot`.
///
/// Each replication draws one weight per
/// unit (per cluster when clustering), multiplies the influence functions (summed within
/// clusters) and records `sum_c v_c S_c / sqrt(C)`; the sup-t critical value of the uniform band
/// is the quantile of the largest standardised deviation (Callaway and Sant'Anna 2021, Remark 10).
/// Done as blocked matrix products, so time is linear in units.
enum MultiplierBootstrap {
  /// The critical value of a uniform band over the columns of `influence`.
  /// - Parameters:
  ///   - influence: dense influence functions (one per estimate), `n` each.
  ///   - clusters: clusters of the rows, if coarser than the unit.
  ///   - options: replications, weights and seed.
  ///   - level: confidence level.
  /// - Returns: the critical value, or `nil` when every column is degenerate.
  static func criticalValue(
    _ influence: [[Double]], clusters: ClusterIndex?, options: MultiplierBootstrapOptions,
    level: Double
  ) -> Double? {
    guard let n = influence.first?.count, n > 0 else { return nil }
    let columns = influence.count
    // Sum within clusters first (rows = clusters), as R's rowsum.
    var sums: [[Double]] = influence
    var rows = n
    if let clusters {
      rows = clusters.count
      sums = influence.map { psi in
        var s = [Double](repeating: 0, count: clusters.count)
        for i in 0..<n { s[Int(clusters.codes[i])] += psi[i] }
        return s
      }
    }
    let b = options.replications
    var generator = Xoshiro256StarStar(seed: options.seed)
    var draws = Matrix(rows: b, columns: columns)
    let block = max(1, min(rows, 1 << 22 / max(b, 1)))
    var start = 0
    while start < rows {
      let width = min(block, rows - start)
      var v = Matrix(rows: b, columns: width)
      for j in 0..<width {
        for r in 0..<b { v.storage[j * b + r] = generator.multiplier(options.weights) }
      }
      var s = Matrix(rows: width, columns: columns)
      for c in 0..<columns {
        for j in 0..<width { s.storage[c * width + j] = sums[c][start + j] }
      }
      let product = v * s
      for i in 0..<draws.storage.count { draws.storage[i] += product.storage[i] }
      start += width
    }
    let scale = 1 / Double(rows).squareRoot()
    let iqrNormal = 2 * 0.6744897501960817  // qnorm(0.75) - qnorm(0.25)
    var sigma: [Double] = []
    var kept: [Int] = []
    for c in 0..<columns {
      let column = (0..<b).map { draws.storage[c * b + $0] * scale }
      let energy = column.reduce(0) { $0 + $1 * $1 }
      guard energy.isFinite, energy > Double.ulpOfOne.squareRoot() * 10 else { continue }
      let sorted = column.sorted()
      let q75 = sorted[Int((0.75 * Double(b)).rounded(.up)) - 1]
      let q25 = sorted[max(0, Int((0.25 * Double(b)).rounded(.up)) - 1)]
      let s = (q75 - q25) / iqrNormal
      guard s > Double.ulpOfOne.squareRoot() * 10 else { continue }
      sigma.append(s)
      kept.append(c)
    }
    guard !kept.isEmpty else { return nil }
    var maxima = [Double](repeating: 0, count: b)
    for (index, c) in kept.enumerated() {
      for r in 0..<b {
        maxima[r] = max(maxima[r], abs(draws.storage[c * b + r] * scale / sigma[index]))
      }
    }
    maxima.sort()
    let position = Int((level * Double(b)).rounded(.up)) - 1
    return maxima[min(max(position, 0), b - 1)]
  }
}

/// xoshiro256** (Blackman and Vigna 2018) seeded by SplitMix64: fast, reproducible draws of
/// multiplier weights.
struct Xoshiro256StarStar {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  init(seed: UInt64) {
    var z = seed
    func next() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var x = z
      x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
      x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
      return x ^ (x >> 31)
    }
    s = (next(), next(), next(), next())
  }

  mutating func next() -> UInt64 {
    let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = s.3 << 45 | s.3 >> 19
    return result
  }

  /// A uniform draw in [0, 1).
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// One multiplier weight: Mammen's two-point law (mean 0, variance 1, third moment 1) or
  /// Rademacher.
  mutating func multiplier(_ kind: MultiplierWeights) -> Double {
    switch kind {
    case .rademacher:
      return next() >> 63 == 0 ? -1 : 1
    case .mammen:
      let root5 = 5.0.squareRoot()
      let p = (root5 + 1) / (2 * root5)
      return uniform() < p ? (1 - root5) / 2 : (1 + root5) / 2
    }
  }
}
