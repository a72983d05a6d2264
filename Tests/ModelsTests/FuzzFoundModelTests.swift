import DataTable
import Foundation
import Inference
import Models
import Testing

/// Inputs the fuzzer found (Fuzz/Seeds/FuzzFit/found_*), kept as regression tests.
@Suite struct FuzzFoundModelTests {
  /// A fixed-effects Poisson fit whose working weights make a kept column collinear in a later
  /// IRLS iteration used to trap (`A v` with fewer coefficients than columns, SIGILL); it is now
  /// a convergence error naming the column (exit 1).
  @Test func collinearityInALaterIterationIsAnError() throws {
    let path = FixturePaths.fixture("fuzz/fe_poisson_collinear_iteration.csv").path
    let table = try CSVReader.read(path: path)
    #expect {
      _ = try FixedEffectsGLM.fit(
        "w ~ x + z + C(g) + t | id", data: table, family: .poissonLog)
    } throws: { error in
      error is ConvergenceError && "\(error)".contains("collinear")
    }
  }
}
