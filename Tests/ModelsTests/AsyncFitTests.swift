import DataTable
import Foundation
import Inference
import LinearAlgebra
import Models
import Testing

/// The `async` entry points of the long fits (issue 16): each returns what the synchronous fit
/// returns, and a cancelled task ends with `CancellationError` at the fit's first iteration
/// boundary instead of running to the end.
@Suite struct AsyncFitTests {
  /// Runs `work` in a task that is cancelled before the fit starts: the entry point raises the
  /// fit's cancellation flag at once, and the fit stops at its first check.
  static func cancelled<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async {
    let task = Task { () async throws -> T in
      withUnsafeCurrentTask { $0?.cancel() }
      return try await work()
    }
    await #expect(throws: CancellationError.self) { _ = try await task.value }
  }

  /// Calls the synchronous overload (in an `async` function a bare call picks the `async` one).
  static func sync<T>(_ fit: () throws -> T) rethrows -> T { try fit() }

  static func sleep() throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("mixed/sleepstudy.csv").path)
  }

  @Test func linearMixedModelEqualsTheSynchronousFit() async throws {
    let data = try Self.sleep()
    let sync = try Self.sync { try LinearMixedModel.fit("Y ~ U + (U | G)", data: data) }
    let async = try await LinearMixedModel.fit("Y ~ U + (U | G)", data: data)
    #expect(async.coefficients == sync.coefficients)
    #expect(async.logLikelihood == sync.logLikelihood)
    #expect(async.standardErrors == sync.standardErrors)
    await Self.cancelled { try await LinearMixedModel.fit("Y ~ U + (U | G)", data: data) }
  }

  @Test func logisticMixedModelEqualsTheSynchronousFit() async throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("cbpp/cbpp.csv").path)
    let formula = "I(incidence / size) ~ C(period) + (1 | herd)"
    let sync = try Self.sync { try LogisticMixedModel.fit(formula, data: data, trials: "size") }
    let async = try await LogisticMixedModel.fit(formula, data: data, trials: "size")
    #expect(async.coefficients == sync.coefficients)
    #expect(async.logLikelihood == sync.logLikelihood)
    await Self.cancelled { try await LogisticMixedModel.fit(formula, data: data, trials: "size") }
  }

  @Test func coxEqualsTheSynchronousFit() async throws {
    let c = CoxReferenceTests.cases[0]
    let data = try SurvivalReference.rows(c.file)
    let x = Matrix(columns: c.covariates.map { SurvivalReference.numbers(data, $0) })
    let spells = try SurvivalReference.spells(data, event: c.event)
    let strata = c.strata.map { s in data.map { $0[s] ?? "" } }
    let options = CoxOptions(ties: c.ties, covariance: c.covariance)
    let sync = try Self.sync {
      try CoxRegression.fit(
        spells, covariates: x, names: c.covariates, strata: strata, options: options)
    }
    let async = try await CoxRegression.fit(
      spells, covariates: x, names: c.covariates, strata: strata, options: options)
    #expect(async.coefficients == sync.coefficients)
    #expect(async.standardErrors == sync.standardErrors)
    await Self.cancelled {
      try await CoxRegression.fit(
        spells, covariates: x, names: c.covariates, strata: strata, options: options)
    }
  }

  @Test func callawaySantAnnaEqualsTheSynchronousFit() async throws {
    let data = try CallawaySantAnnaInputTests.panel(cohorts: CallawaySantAnnaInputTests.staggered)
    let options = CallawaySantAnnaInputTests.options()
    let sync = try Self.sync { try CallawaySantAnna.fit(data: data, options: options) }
    let async = try await CallawaySantAnna.fit(data: data, options: options)
    #expect(async.effects.map(\.att) == sync.effects.map(\.att))
    #expect(async.effects.map(\.standardError) == sync.effects.map(\.standardError))
    #expect(!sync.effects.isEmpty)
    await Self.cancelled { try await CallawaySantAnna.fit(data: data, options: options) }
  }

  @Test func wildBootstrapEqualsTheSynchronousTests() async throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("panel/grunfeld.csv").path)
    let fit = try OLS.fit("inv ~ value + capital", data: data)
    let options = WildBootstrapOptions(reps: 999, seed: 3)
    let sync = try WildBootstrappedFit(fit, cluster: "firm", options: options)
    let async = try await WildBootstrappedFit.bootstrap(fit, cluster: "firm", options: options)
    #expect(async.tests == sync.tests)
    #expect(sync.tests.count == 3)
    await Self.cancelled {
      try await WildBootstrappedFit.bootstrap(fit, cluster: "firm", options: options)
    }
  }
}
