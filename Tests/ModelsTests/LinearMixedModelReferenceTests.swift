import DataTable
import Foundation
import Inference
import Models
import Testing

/// Linear mixed models against lme4 1.1-31 + lmerTest 3.1-3 (R 4.2.2).
///
/// R fits with tight optimiser tolerances: Tests/Fixtures/mixed/generate.R writes reference.csv. Fixed effects to
/// 1e-5 relative (or of 2 SE when larger), variance components, criterion and conditional modes to 1e-5, Satterthwaite
/// degrees of freedom to 1e-4.
@Suite struct LinearMixedModelReferenceTests {
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let data: String
    let formula: String
    let reml: Bool
    /// R's names (coefficients, groups, levels) to ours.
    let rename: [String: String]
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "sleep_reml", data: "sleepstudy.csv", formula: "Y ~ U + (U | G)", reml: true,
      rename: [:]),
    Case(
      name: "sleep_ml", data: "sleepstudy.csv", formula: "Y ~ U + (U | G)", reml: false, rename: [:]
    ),
    Case(
      name: "sleep_intercept", data: "sleepstudy.csv", formula: "Y ~ U + (1 | G)", reml: true,
      rename: [:]),
    Case(
      name: "sleep_uncorrelated", data: "sleepstudy.csv", formula: "Y ~ U + (U || G)", reml: true,
      rename: ["G.1": "G"]),
    Case(
      name: "orthodont", data: "orthodont.csv", formula: "distance ~ age + Sex + (age | Subject)",
      reml: true, rename: ["SexMale": "Sex[Male]"]),
    Case(
      name: "chickweight", data: "chickweight.csv",
      formula: "weight ~ Time + C(Diet) + (Time | Chick)", reml: true,
      rename: ["Diet2": "Diet[2]", "Diet3": "Diet[3]", "Diet4": "Diet[4]"]),
    Case(
      name: "pastes", data: "pastes.csv", formula: "strength ~ 1 + (1 | batch/cask)", reml: true,
      rename: ["cask:batch": "batch:cask"]),
    Case(
      name: "penicillin", data: "penicillin.csv",
      formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", reml: true, rename: [:]),
    Case(
      name: "penicillin_ml", data: "penicillin.csv",
      formula: "diameter ~ 1 + (1 | plate) + (1 | sample)", reml: false, rename: [:]),
  ]

  /// reference.csv as (model, kind, name, value) rows.
  static let reference: [(model: String, kind: String, name: String, value: Double)] = {
    guard
      let text = try? String(
        contentsOf: FixturePaths.fixture("mixed/reference.csv"), encoding: .utf8)
    else { return [] }
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let inner = line.dropFirst().dropLast()
      let fields = inner.components(separatedBy: "\",\"")
      guard fields.count == 4, let value = Double(fields[3]) else { return nil }
      return (fields[0], fields[1], fields[2], value)
    }
  }()

  /// |a - b| <= tolerance * max(|b|, floor).
  func close(_ a: Double?, _ b: Double, _ tolerance: Double, floor: Double = 0) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(abs(b), floor)
  }

  @Test func referenceValuesArePresent() {
    #expect(Self.reference.count > 150)
    for c in Self.cases { #expect(Self.reference.contains { $0.model == c.name }, "\(c.name)") }
  }

  @Test(arguments: cases)
  func matchesLme4(_ c: Case) throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("mixed/\(c.data)").path)
    let fit = try LinearMixedModel.fit(c.formula, data: data, reml: c.reml)
    #expect(fit.convergence.converged)
    func ours(_ name: String) -> String {
      name.split(separator: "|", omittingEmptySubsequences: false).map { part in
        let text = String(part)
        if let renamed = c.rename[text] { return renamed }
        // Nested levels are written inner:outer by R ("a:A"), outer:inner here ("A:a").
        if c.name == "pastes", text.contains(":"), text != "cask:batch" {
          return text.split(separator: ":").reversed().joined(separator: ":")
        }
        return text
      }.joined(separator: "|")
    }
    var thetaIndex = 0
    for row in Self.reference where row.model == c.name {
      let name = ours(row.name)
      let parts = name.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      let index = fit.coefficients.names.firstIndex(of: name)
      switch row.kind {
      case "beta":
        // Relative to the estimate, or to 2 SE when that is larger: on a flat criterion a small
        // coefficient is defined only as well as the optimiser pins theta (checked to 1e-4
        // below), i.e. to a few 1e-6 of its SE, and where in that range BOBYQA stops depends on
        // the CPU's rounding (ChickWeight's Diet3: R's nloptwrap and minqa::bobyqa optima differ
        // by 7e-7 SE; ours by 9e-7 SE on one machine and 2.8e-6 SE on another). The criterion,
        // which is what the optimum is, is checked to 1e-7.
        let se = index.map { fit.standardErrors[$0] } ?? 0
        #expect(
          close(index.map { fit.coefficients.values[$0] }, row.value, 1e-5, floor: 2 * se),
          "\(name)")
      case "se":
        #expect(close(index.map { fit.standardErrors[$0] }, row.value, 1e-5), "se \(name)")
      case "df":
        #expect(
          close(index.flatMap { fit.satterthwaiteDegreesOfFreedom?[$0] }, row.value, 1e-4),
          "df \(name): \(String(describing: fit.satterthwaiteDegreesOfFreedom))")
      case "theta":
        let value = thetaIndex < fit.theta.count ? fit.theta[thetaIndex] : nil
        #expect(close(value, row.value, 1e-4, floor: 0.1), "theta \(thetaIndex)")
        thetaIndex += 1
      case "var":
        let component = fit.varianceComponents.first { $0.group == parts[0] && $0.term == parts[1] }
        #expect(
          close(component?.variance, row.value, 1e-5, floor: fit.residualVariance * 1e-3), "\(name)"
        )
      case "cor":
        let correlation = fit.correlations.first { $0.group == parts[0] }?.correlation
        #expect(close(correlation, row.value, 1e-4, floor: 0.1), "\(name)")
      case "sigma2":
        #expect(close(fit.residualVariance, row.value, 1e-5))
      case "criterion":
        #expect(close(fit.criterion, row.value, 1e-7), "criterion")
      case "loglik":
        #expect(close(fit.logLikelihood, row.value, 1e-7))
      case "aic":
        #expect(close(fit.aic, row.value, 1e-7))
      case "bic":
        #expect(close(fit.bic, row.value, 1e-7))
      case "blup", "condvar":
        let effects = fit.randomEffects.first {
          $0.group == parts[0] && $0.columnNames.contains(parts[2])
        }
        let scale =
          fit.varianceComponents.filter { $0.group == parts[0] && $0.term == parts[2] }
          .first.map { $0.variance.squareRoot() } ?? 1
        if row.kind == "blup" {
          let value = effects?.mode(level: parts[1], column: parts[2])
          #expect(close(value, row.value, 1e-5, floor: scale), "blup \(name)")
        } else {
          let value = effects?.conditionalVariance(level: parts[1], column: parts[2])
          #expect(close(value, row.value, 1e-5), "condvar \(name)")
        }
      default:
        Issue.record("unknown reference kind \(row.kind)")
      }
    }
  }
}

/// Errors and warnings of the mixed model on data that cannot carry a variance component.
@Suite struct LinearMixedModelEdgeCaseTests {
  func number(_ name: String, _ values: [Double]) -> Column {
    Column(name: name, values: .double(values))
  }

  func text(_ name: String, _ values: [String]) -> Column {
    let levels = Array(Set(values)).sorted()
    let codes = values.map { Int32(levels.firstIndex(of: $0) ?? 0) }
    return Column(name: name, values: .text(codes: codes, levels: levels))
  }

  static func sleep() throws -> DataTable {
    try CSVReader.read(path: FixturePaths.fixture("mixed/sleepstudy.csv").path)
  }

  @Test func oneLevelGroupIsAClearError() throws {
    let table = try DataTable(columns: [
      number("y", [1, 2, 3, 5]), text("g", ["a", "a", "a", "a"]),
    ])
    #expect(throws: ModelError.self) {
      _ = try LinearMixedModel.fit("y ~ 1 + (1 | g)", data: table)
    }
  }

  @Test func asManyLevelsAsObservationsIsAClearError() throws {
    let table = try DataTable(columns: [
      number("y", [1, 2, 3, 5]), text("g", ["a", "b", "c", "d"]),
    ])
    #expect(throws: ModelError.self) {
      _ = try LinearMixedModel.fit("y ~ 1 + (1 | g)", data: table)
    }
  }

  /// Without fixed effects the fit still runs (lme4 allows `y ~ 0 + (1 | g)`).
  @Test func noFixedEffectsIsAllowed() throws {
    let fit = try LinearMixedModel.fit("Y ~ 0 + (1 | G)", data: try Self.sleep())
    #expect(fit.coefficients.values.isEmpty)
    #expect(fit.varianceComponents.count == 1)
    #expect(fit.convergence.converged)
  }

  /// A random slope on a variable that never varies within any group has zero variance: the
  /// fit is on the boundary and says so.
  @Test func zeroSlopeVarianceWarnsOfASingularFit() throws {
    let data = try Self.sleep()
    let fit = try LinearMixedModel.fit("Y ~ U + (1 | G) + (0 + U | G)", data: data)
    #expect(!fit.isSingular)
    // Reaction minus each subject's own slope: no slope variance left.
    let sleep = try Self.sleep()
    let reference = try LinearMixedModel.fit("Y ~ U + (U | G)", data: sleep)
    let effects = reference.randomEffects[0]
    let y = try sleep.column(named: "Y").doubles() ?? []
    let u = try sleep.column(named: "U").doubles() ?? []
    let g = (try sleep.column(named: "G").doubles() ?? []).map { String(Int($0)) }
    let flattened = y.indices.map { i in
      y[i] - (effects.mode(level: g[i], column: "U") ?? 0) * u[i]
    }
    let table = try DataTable(columns: [
      number("y", flattened), number("u", u), text("g", g),
    ])
    let singular = try LinearMixedModel.fit("y ~ u + (1 + u | g)", data: table)
    #expect(singular.isSingular)
    #expect(singular.warnings.contains { $0.contains("singular") })
  }
}

/// The likelihood-ratio test of nested fits against lme4's `anova(m0, m1)` on ML fits, and its
/// refusal of REML fits with different fixed effects.
@Suite struct MixedModelLikelihoodRatioTests {
  func value(_ kind: String) -> Double? {
    LinearMixedModelReferenceTests.reference.first { $0.model == "sleep_lrt" && $0.kind == kind }?
      .value
  }

  @Test func matchesAnova() throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("mixed/sleepstudy.csv").path)
    let large = try LinearMixedModel.fit("Y ~ U + (U | G)", data: data, reml: false)
    let small = try LinearMixedModel.fit("Y ~ U + (1 | G)", data: data, reml: false)
    let test = try large.likelihoodRatioTest(against: small)
    let chisq = try #require(value("chisq"))
    let p = try #require(value("pvalue"))
    #expect(abs(test.statistic - chisq) <= 1e-6 * chisq)
    #expect(Double(test.degreesOfFreedom) == value("df"))
    #expect(abs(test.pValue - p) <= 1e-5 * p)
  }

  @Test func refusesREMLFitsWithDifferentFixedEffects() throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("mixed/sleepstudy.csv").path)
    let large = try LinearMixedModel.fit("Y ~ U + (U | G)", data: data)
    let small = try LinearMixedModel.fit("Y ~ 1 + (U | G)", data: data)
    #expect(throws: ModelError.self) { _ = try large.likelihoodRatioTest(against: small) }
    let ml = try LinearMixedModel.fit("Y ~ 1 + (U | G)", data: data, reml: false)
    #expect(throws: ModelError.self) { _ = try large.likelihoodRatioTest(against: ml) }
  }
}
