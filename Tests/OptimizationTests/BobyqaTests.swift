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

/// The cancellation hook of the optimiser (issue 16's `async` fits): a flag raised during the
/// search stops it at the next objective evaluation with `CancellationError`; an unraised flag
/// changes nothing.
@Suite struct BobyqaCancellationTests {
  static func rosenbrock(_ v: [Double]) -> Double {
    let (x, y) = (v[0], v[1])
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
  }

  @Test func raisedFlagStopsTheSearchAtTheNextEvaluation() throws {
    let flag = CancellationFlag()
    var options = Bobyqa.Options()
    options.cancellation = flag
    nonisolated(unsafe) var evaluations = 0
    #expect(throws: CancellationError.self) {
      _ = try Bobyqa.minimize(start: [-1.2, 1], options: options) { v in
        evaluations += 1
        if evaluations == 5 { flag.cancel() }
        return Self.rosenbrock(v)
      }
    }
    #expect(evaluations == 5, "no evaluation after the flag was raised")
    #expect(throws: CancellationError.self) {
      _ = try Bobyqa.minimize(start: [0, 0], options: options, objective: Self.rosenbrock)
    }
  }

  @Test func unraisedFlagChangesNothing() throws {
    var options = Bobyqa.Options()
    let plain = try Bobyqa.minimize(start: [-1.2, 1], options: options, objective: Self.rosenbrock)
    options.cancellation = CancellationFlag()
    let flagged = try Bobyqa.minimize(
      start: [-1.2, 1], options: options, objective: Self.rosenbrock)
    #expect(plain == flagged)
    #expect(plain.converged)
  }
}
