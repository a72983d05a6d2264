import Foundation

/// Gauss-Hermite quadrature: nodes `z_k` and weights `w_k` with
/// `∫ exp(-z^2) f(z) dz ≈ Σ w_k f(z_k)`, exact for polynomials of degree below `2n`.
///
/// Nodes are the roots of the Hermite polynomial `H_n`, found by Newton's method from the
/// asymptotic first guesses (Golub-Welsch gives the same to rounding); weights from the
/// derivative of the orthonormal polynomial at each root.
struct GaussHermite: Sendable {
  /// Nodes, ascending.
  let nodes: [Double]
  /// Weights (sum sqrt(pi)).
  let weights: [Double]

  /// The rule with `n` points (1 to 100).
  init(points n: Int) {
    precondition((1...100).contains(n), "Gauss-Hermite rule with \(n) points")
    var nodes = [Double](repeating: 0, count: n)
    var weights = [Double](repeating: 0, count: n)
    let m = (n + 1) / 2
    var z = 0.0
    for i in 0..<m {
      // First guesses for the largest roots, then from the previous ones (Numerical Recipes'
      // gauher scheme, written from the recurrence, not copied).
      switch i {
      case 0: z = (2 * Double(n) + 1).squareRoot() - 1.85575 * pow(2 * Double(n) + 1, -1.0 / 6)
      case 1: z -= 1.14 * pow(Double(n), 0.426) / z
      case 2: z = 1.86 * z - 0.86 * nodes[0]
      case 3: z = 1.91 * z - 0.91 * nodes[1]
      default: z = 2 * z - nodes[i - 2]
      }
      var derivative = 0.0
      for _ in 0..<100 {
        // Orthonormal Hermite polynomials: p0 = pi^-1/4, p_{j+1} = z sqrt(2/(j+1)) p_j
        // - sqrt(j/(j+1)) p_{j-1}.
        var p1 = 1 / pow(Double.pi, 0.25)
        var p2 = 0.0
        for j in 0..<n {
          let p3 = p2
          p2 = p1
          p1 =
            z * (2 / Double(j + 1)).squareRoot() * p2 - (Double(j) / Double(j + 1)).squareRoot()
            * p3
        }
        derivative = (2 * Double(n)).squareRoot() * p2
        let step = p1 / derivative
        z -= step
        if abs(step) <= 1e-15 * max(1, abs(z)) { break }
      }
      nodes[i] = z
      nodes[n - 1 - i] = -z
      weights[i] = 2 / (derivative * derivative)
      weights[n - 1 - i] = weights[i]
    }
    if n % 2 == 1 { nodes[m - 1] = 0 }
    self.nodes = nodes.reversed()
    self.weights = weights.reversed()
  }
}
