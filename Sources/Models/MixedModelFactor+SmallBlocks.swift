import Foundation
import LinearAlgebra

extension MixedModelFactor {
  /// Whether `factorSmallLevels` applies: one or two random effects per leading level (a random
  /// intercept, or intercept and slope) and scalar terms in the tail (`(1 | school_id)`).
  static func hasSmallBlocks(_ s: MixedModelSystem) -> Bool {
    s.terms[0].p <= 2 && s.terms.dropFirst().allSatisfy { $0.p == 1 }
  }

  /// The per-level loop of the factorisation written out for `p1 <= 2` and scalar tail terms:
  /// the same arithmetic as the general loop, on raw buffers, without per-level index lists,
  /// and with one logarithm per few hundred levels instead of one per diagonal element (the
  /// diagonal of each `L11_l` is at least 1, so the running product only grows).
  /// - Returns: log det of the leading block.
  static func factorSmallLevels(
    _ s: MixedModelSystem, lambdas: [[Double]], l11: inout [Double], l21: inout [Double],
    tail: inout [Double]
  ) throws -> Double {
    let p1 = s.terms[0].p
    let levels = s.terms[0].levels
    let m = s.m
    let qRest = s.qRest
    let fixedRows = s.p + 1
    var scale = [Double](repeating: 1, count: qRest)
    for c in 0..<qRest { scale[c] = lambdas[Int(s.coordinateTerm[c])][0] }
    let l0 = lambdas[0][0]
    let l1 = p1 == 2 ? lambdas[0][1] : 0
    let l3 = p1 == 2 ? lambdas[0][3] : 0
    var logDet = 0.0
    var product = 1.0
    var failed = -1
    var diagonal = [Double](repeating: 0, count: qRest)
    var cross = [Double](repeating: 0, count: qRest * fixedRows)
    s.a11.withUnsafeBufferPointer { a11 in
      s.a21.withUnsafeBufferPointer { a21 in
        s.levelStart.withUnsafeBufferPointer { levelStart in
          s.panelStart.withUnsafeBufferPointer { panelStart in
            s.restRows.withUnsafeBufferPointer { restRows in
              scale.withUnsafeBufferPointer { scale in
                l11.withUnsafeMutableBufferPointer { out11 in
                  l21.withUnsafeMutableBufferPointer { out in
                    tail.withUnsafeMutableBufferPointer { t in
                      for level in 0..<levels {
                        // L11_l = chol(lambda1' A11_l lambda1 + I), 1 x 1 or 2 x 2.
                        let c00: Double
                        var c10 = 0.0
                        var c11 = 1.0
                        if p1 == 1 {
                          let m00 = l0 * l0 * a11[level] + 1
                          guard m00.isFinite else {
                            failed = 1
                            return
                          }
                          c00 = m00.squareRoot()
                          out11[level] = c00
                          product *= m00
                        } else {
                          let a = level * 4
                          let a00 = a11[a]
                          let a10 = a11[a + 1]
                          let a22 = a11[a + 3]
                          let b00 = a00 * l0 + a10 * l1
                          let b10 = a10 * l0 + a22 * l1
                          let m00 = l0 * b00 + l1 * b10 + 1
                          let m10 = l3 * b10
                          let m11 = l3 * a22 * l3 + 1
                          guard m00.isFinite else {
                            failed = 1
                            return
                          }
                          c00 = m00.squareRoot()
                          c10 = m10 / c00
                          let d11 = m11 - c10 * c10
                          guard d11 > 0, d11.isFinite else {
                            failed = 2
                            return
                          }
                          c11 = d11.squareRoot()
                          out11[a] = c00
                          out11[a + 1] = c10
                          out11[a + 2] = 0
                          out11[a + 3] = c11
                          product *= m00 * d11
                        }
                        if product > 1e200 {
                          logDet += Foundation.log(product)
                          product = 1
                        }
                        // Panel rows: A21_l lambda1, tail rows scaled by their lambda, / L11_l'.
                        let first = levelStart[level]
                        let nr = levelStart[level + 1] - first
                        let r = nr + fixedRows
                        let panel = panelStart[level]
                        for row in 0..<r {
                          let sc = row < nr ? scale[Int(restRows[first + row])] : 1
                          if p1 == 1 {
                            out[panel + row] = a21[panel + row] * l0 * sc / c00
                          } else {
                            let v1 = a21[panel + row + r]
                            let x0 = (a21[panel + row] * l0 + v1 * l1) * sc / c00
                            out[panel + row] = x0
                            out[panel + row + r] = (v1 * l3 * sc - c10 * x0) / c11
                          }
                        }
                        // Tail update: subtract L21_l L21_l' on the upper triangle. The diagonal
                        // and the fixed-effect columns of the random-effect rows are summed in
                        // small arrays (scattered over the tail they miss the cache).
                        for i in 0..<nr {
                          let a = Int(restRows[first + i])
                          let x0 = out[panel + i]
                          let x1 = p1 == 2 ? out[panel + i + r] : 0
                          var square = x0 * x0
                          if p1 == 2 { square += x1 * x1 }
                          diagonal[a] += square
                          for j in 0..<i {
                            var sum = x0 * out[panel + j]
                            if p1 == 2 { sum += x1 * out[panel + j + r] }
                            t[Int(restRows[first + j]) + a * m] -= sum
                          }
                          for f in 0..<fixedRows {
                            var sum = x0 * out[panel + nr + f]
                            if p1 == 2 { sum += x1 * out[panel + nr + f + r] }
                            cross[a * fixedRows + f] += sum
                          }
                        }
                        for i in 0..<fixedRows {
                          let x0 = out[panel + nr + i]
                          let x1 = p1 == 2 ? out[panel + nr + i + r] : 0
                          for j in 0...i {
                            var sum = x0 * out[panel + nr + j]
                            if p1 == 2 { sum += x1 * out[panel + nr + j + r] }
                            t[qRest + j + (qRest + i) * m] -= sum
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if failed > 0 { throw LinearAlgebraError.notPositiveDefinite(leadingMinor: failed) }
    for c in 0..<qRest {
      tail[c + c * m] -= diagonal[c]
      for f in 0..<fixedRows { tail[c + (qRest + f) * m] -= cross[c * fixedRows + f] }
    }
    return logDet + Foundation.log(product)
  }
}
