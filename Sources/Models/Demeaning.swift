import LinearAlgebra

/// Settings of the fixed-effect demeaning (alternating projections).
public struct DemeaningOptions: Sendable, Equatable {
  /// Convergence tolerance: iteration stops when no fixed-effect coefficient moves by more than
  /// `tolerance` times the root mean square of the centred column in one sweep.
  public var tolerance: Double
  /// Sweeps allowed per column before the demeaning is declared not converged.
  public var maxIterations: Int

  /// Creates options.
  /// - Parameters:
  ///   - tolerance: relative convergence tolerance (default 1e-10).
  ///   - maxIterations: iteration limit per column (default 10,000).
  public init(tolerance: Double = 1e-10, maxIterations: Int = 10_000) {
    self.tolerance = tolerance
    self.maxIterations = maxIterations
  }

  /// The defaults.
  public static let `default` = DemeaningOptions()
}

/// Projects columns onto the orthogonal complement of several sets of fixed-effect dummies:
/// y - D alpha with alpha solving the normal equations D'W D alpha = D'W y.
///
/// Method: Gauss-Seidel sweeps over the fixed effects in coefficient space (each sweep sets every
/// level's coefficient to the weighted mean of the partial residual, one effect after the other;
/// Guimaraes & Portugal 2010, Gaure 2013), accelerated by the Irons-Tuck (1969) extrapolation
/// applied every two sweeps, the scheme fixest uses (Berge 2018). One fixed effect is exact in one
/// sweep. Two effects, one of them with few levels (learner + year), start from the exact
/// solution of `TwoWayPartition`, which the first sweep confirms. Three or more use conjugate
/// gradients (`demeanConjugateGradient`). Each column converges on its own; columns run in
/// parallel.
struct Demeaner: Sendable {
  /// Outcome of demeaning one column.
  struct Column: Sendable {
    /// The demeaned column y - D alpha.
    var values: [Double]
    /// alpha, all fixed effects concatenated in factor order.
    var effects: [Double]
    /// Gauss-Seidel sweeps performed.
    var iterations: Int
    /// Whether the criterion fell below the tolerance.
    var converged: Bool
    /// The last criterion value.
    var criterion: Double
  }

  let codes: [[Int32]]
  let offsets: [Int]
  let totalLevels: Int
  let weights: [Double]?
  /// Sum of weights (or count) per level, concatenated.
  let levelWeight: [Double]
  let n: Int

  /// Prepares the demeaning for the given fixed effects and optional weights.
  init(factors: [FixedEffectFactor], weights: [Double]?) {
    codes = factors.map(\.codes)
    var offsets: [Int] = []
    var total = 0
    for factor in factors {
      offsets.append(total)
      total += factor.levelCount
    }
    self.offsets = offsets
    totalLevels = total
    self.weights = weights
    n = factors.first?.codes.count ?? 0
    var levelWeight = [Double](repeating: 0, count: total)
    for (q, c) in codes.enumerated() {
      let offset = offsets[q]
      for i in 0..<n { levelWeight[offset + Int(c[i])] += weights?[i] ?? 1 }
    }
    self.levelWeight = levelWeight
  }

  /// Demeans several columns in parallel (`ParallelLoop` holds BLAS to one thread meanwhile).
  func demean(_ columns: [[Double]], options: DemeaningOptions) -> [Column] {
    let slots = UnsafeMutableBufferPointer<Column>.allocate(capacity: columns.count)
    defer { slots.deallocate() }
    let box = SlotBox(base: slots.baseAddress)
    let partition = codes.count == 2 ? TwoWayPartition(self) : nil
    ParallelLoop.forEach(columns.count) { j in
      let result =
        codes.count >= 3
        ? demeanConjugateGradient(columns[j], options: options)
        : demean(
          columns[j], options: options,
          start: partition?.coefficients(columns[j], demeaner: self))
      if let base = box.base { (base + j).initialize(to: result) }
    }
    let out = Array(slots)
    _ = slots.baseAddress.map { $0.deinitialize(count: columns.count) }
    return out
  }

  /// Levels of fixed effect `f`.
  func levelCount(_ f: Int) -> Int {
    (f + 1 < offsets.count ? offsets[f + 1] : totalLevels) - offsets[f]
  }

  /// Demeans one column.
  /// - Parameters:
  ///   - y: the column.
  ///   - options: tolerance and iteration limit.
  ///   - start: starting coefficients (all effects concatenated), e.g. the exact two-way
  ///     solution of `TwoWayPartition`; zero when `nil`. The first sweep checks them.
  /// - Returns: the demeaned column with the effects' coefficients, the iterations used and
  ///   whether the criterion met the tolerance.
  func demean(_ y: [Double], options: DemeaningOptions, start: [Double]? = nil) -> Column {
    let q = codes.count
    // Weighted sums of y per level, reused by every sweep; weighted mean and spread of y.
    var sumY = [Double](repeating: 0, count: totalLevels)
    var sumW = 0.0
    var sumWY = 0.0
    var squares = 0.0
    y.withUnsafeBufferPointer { y in
      sumY.withUnsafeMutableBufferPointer { sums in
        guard let sumsBase = sums.baseAddress else { return }
        for f in 0..<q {
          let s = sumsBase + offsets[f]
          codes[f].withUnsafeBufferPointer { c in
            if let weights {
              for i in 0..<n { s[Int(c[i])] += weights[i] * y[i] }
            } else {
              for i in 0..<n { s[Int(c[i])] += y[i] }
            }
          }
        }
      }
      for i in 0..<n {
        let w = weights?[i] ?? 1
        sumW += w
        sumWY += w * y[i]
      }
      let mean = sumW > 0 ? sumWY / sumW : 0
      for i in 0..<n { squares += (weights?[i] ?? 1) * (y[i] - mean) * (y[i] - mean) }
    }
    let scale = (squares / max(sumW, 1)).squareRoot()
    var alpha = [Double](repeating: 0, count: totalLevels)
    var total = [Double](repeating: 0, count: n)
    var scratch = [Double](repeating: 0, count: (0..<q).map(levelCount).max() ?? 0)
    if scale == 0 || q == 0 {
      // A constant column is absorbed exactly by the first effect's level means.
      if q > 0 { sweep(&alpha, total: &total, sumY: sumY, scratch: &scratch) }
      return finish(
        y, alpha: alpha, total: consume total, iterations: q > 0 ? 1 : 0, converged: true,
        criterion: 0)
    }
    let threshold = options.tolerance * scale
    if let start, start.count == totalLevels, q > 1 {
      alpha = start
      recomputeTotal(alpha, into: &total)
    }
    var iterations = 0
    var criterion = Double.infinity
    if q == 1 {
      sweep(&alpha, total: &total, sumY: sumY, scratch: &scratch)
      return finish(
        y, alpha: alpha, total: consume total, iterations: 1, converged: true, criterion: 0)
    }
    var x0 = alpha
    var x1 = alpha
    while iterations < options.maxIterations {
      // x -> F(x) -> F(F(x)), then the Irons-Tuck step from the three points.
      x0 = alpha
      sweep(&alpha, total: &total, sumY: sumY, scratch: &scratch)
      iterations += 1
      criterion = maxChange(x0, alpha)
      if criterion <= threshold { break }
      x1 = alpha
      sweep(&alpha, total: &total, sumY: sumY, scratch: &scratch)
      iterations += 1
      criterion = maxChange(x1, alpha)
      if criterion <= threshold || iterations >= options.maxIterations { break }
      var numerator = 0.0
      var denominator = 0.0
      for g in 0..<totalLevels {
        let d1 = alpha[g] - x1[g]
        let d2 = alpha[g] - 2 * x1[g] + x0[g]
        numerator += d1 * d2
        denominator += d2 * d2
      }
      if denominator > 0 {
        let step = numerator / denominator
        for g in 0..<totalLevels { alpha[g] -= step * (alpha[g] - x1[g]) }
        recomputeTotal(alpha, into: &total)
      }
    }
    return finish(
      y, alpha: alpha, total: consume total, iterations: iterations,
      converged: criterion <= threshold, criterion: criterion / scale)
  }

  /// One Gauss-Seidel sweep: for each effect in turn, every level's coefficient becomes the
  /// weighted mean of y minus the other effects; `total` (D alpha) is kept in step.
  ///
  /// `scratch` holds at least as many values as the largest effect has levels.
  private func sweep(
    _ alpha: inout [Double], total: inout [Double], sumY: [Double], scratch: inout [Double]
  ) {
    total.withUnsafeMutableBufferPointer { t in
      alpha.withUnsafeMutableBufferPointer { alpha in
        guard let alphaBase = alpha.baseAddress else { return }
        scratch.withUnsafeMutableBufferPointer { other in
          sumY.withUnsafeBufferPointer { sumY in
            levelWeight.withUnsafeBufferPointer { levelWeight in
              for f in 0..<codes.count {
                let offset = offsets[f]
                let levels = levelCount(f)
                let a = alphaBase + offset
                for g in 0..<levels { other[g] = 0 }
                codes[f].withUnsafeBufferPointer { c in
                  if let weights {
                    for i in 0..<n {
                      let g = Int(c[i])
                      other[g] += weights[i] * (t[i] - a[g])
                    }
                  } else {
                    for i in 0..<n {
                      let g = Int(c[i])
                      other[g] += t[i] - a[g]
                    }
                  }
                  for g in 0..<levels {
                    let updated = (sumY[offset + g] - other[g]) / levelWeight[offset + g]
                    other[g] = updated - a[g]
                    a[g] = updated
                  }
                  for i in 0..<n { t[i] += other[Int(c[i])] }
                }
              }
            }
          }
        }
      }
    }
  }

  private func recomputeTotal(_ alpha: [Double], into total: inout [Double]) {
    alpha.withUnsafeBufferPointer { alpha in
      guard let alphaBase = alpha.baseAddress else { return }
      total.withUnsafeMutableBufferPointer { t in
        for f in 0..<codes.count {
          let a = alphaBase + offsets[f]
          codes[f].withUnsafeBufferPointer { c in
            if f == 0 {
              for i in 0..<n { t[i] = a[Int(c[i])] }
            } else {
              for i in 0..<n { t[i] += a[Int(c[i])] }
            }
          }
        }
        if codes.isEmpty { for i in 0..<n { t[i] = 0 } }
      }
    }
  }

  private func maxChange(_ a: [Double], _ b: [Double]) -> Double {
    var m = 0.0
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        for g in 0..<a.count { m = max(m, abs(a[g] - b[g])) }
      }
    }
    return m
  }

  /// The result; `total`'s storage becomes the demeaned column.
  private func finish(
    _ y: [Double], alpha: [Double], total: consuming [Double], iterations: Int, converged: Bool,
    criterion: Double
  ) -> Column {
    // D alpha afresh, free of the drift of incremental updates.
    var values = total
    recomputeTotal(alpha, into: &values)
    y.withUnsafeBufferPointer { y in
      values.withUnsafeMutableBufferPointer { v in
        for i in 0..<n { v[i] = y[i] - v[i] }
      }
    }
    return Column(
      values: values, effects: alpha, iterations: iterations, converged: converged,
      criterion: criterion)
  }
}

/// A raw slot pointer handed to parallel workers; each worker writes only its own slot.
private struct SlotBox: @unchecked Sendable {
  let base: UnsafeMutablePointer<Demeaner.Column>?
}
