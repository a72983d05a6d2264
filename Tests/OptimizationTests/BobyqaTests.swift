import Foundation
import Testing

@testable import Optimization

@Suite struct BobyqaTests {
  /// Rosenbrock's valley: the minimum (1, 1) is known exactly.
  @Test func findsTheRosenbrockMinimum() throws {
    let result = try Bobyqa.minimize(start: [-1.2, 1]) { x in
      let a = 1 - x[0]
      let b = x[1] - x[0] * x[0]
      return a * a + 100 * b * b
    }
    #expect(result.converged)
    #expect(abs(result.x[0] - 1) < 1e-6)
    #expect(abs(result.x[1] - 1) < 1e-6)
  }

  /// With the unconstrained minimum outside the box the solution sits on the bound.
  @Test func respectsLowerBounds() throws {
    let result = try Bobyqa.minimize(start: [1, 1], lower: [0, -.infinity]) { x in
      (x[0] + 2) * (x[0] + 2) + (x[1] - 3) * (x[1] - 3)
    }
    #expect(result.converged)
    #expect(result.x[0] >= 0)
    #expect(abs(result.x[0]) < 1e-8)
    #expect(abs(result.x[1] - 3) < 1e-6)
  }

  @Test func refusesANonFiniteStart() {
    #expect(throws: OptimizationError.self) {
      _ = try Bobyqa.minimize(start: [1]) { _ in .nan }
    }
  }

  @Test func reportsAnExhaustedBudget() throws {
    let options = Bobyqa.Options(maximumEvaluations: 5)
    let result = try Bobyqa.minimize(start: [-1.2, 1, 3], options: options) { x in
      x.reduce(0) { $0 + ($1 - 7) * ($1 - 7) } + sin(x[0] * x[1])
    }
    #expect(!result.converged)
    #expect(result.status == "maxeval reached")
  }
}
