import DataTable
import Foundation
import PropertyBased
import Testing

/// Properties every estimate must have whatever the data (issue 17): rescaling a column rescales
/// its coefficient and standard error and changes nothing else, including which terms are
/// aliased; the order of terms and of rows changes no estimate.
@Suite("Invariance properties")
struct InvarianceProperties {
  /// x1 times 10^k and x2 times 10^-k at once, k from -150 to 150 (so the two columns can be
  /// 300 orders of magnitude apart): their coefficients and SEs are divided by their factors (to
  /// 1e-8 relative: the scaled columns carry one rounding per value), every other estimate and
  /// SE is unchanged, and the aliased set is the same. x2 duplicated as x3 keeps one aliased term in
  /// play, so a rank rule that is not scale-invariant would show.
  @Test(arguments: PropertyModel.allCases)
  func rescalingAColumnRescalesOnlyItsCoefficient(model: PropertyModel) async throws {
    await propertyCheck(count: 40, input: Gen.int(in: -150...150), Gen.int(in: 0...1_000_000)) {
      k, seed in
      Self.checkRescaling(model: model, k: k, seed: seed)
    }
  }

  /// The same at the extremes, which random draws may miss.
  @Test(arguments: PropertyModel.allCases, [-150, -149, -75, 75, 149, 150])
  func rescalingAtTheExtremes(model: PropertyModel, k: Int) {
    for seed in [1, 2, 3] { Self.checkRescaling(model: model, k: k, seed: seed) }
  }

  static func checkRescaling(model: PropertyModel, k: Int, seed: Int) {
    let panel = SyntheticPanel(seed: UInt64(seed))
    let factor = pow(10, Double(k))
    let right = "x1 + x2 + x3 + C(track)"
    guard let base = try? model.fit(right, on: panel.table()),
      let scaled = try? model.fit(right, on: panel.table(scale1: factor, scale2: 1 / factor))
    else {
      Issue.record("fit failed for k = \(k), seed = \(seed)")
      return
    }
    #expect(base.aliased == ["x3"], "k = \(k), seed = \(seed)")
    #expect(base.aliased == scaled.aliased, "k = \(k), seed = \(seed)")
    #expect(Set(base.estimates.keys) == Set(scaled.estimates.keys), "k = \(k), seed = \(seed)")
    for (name, estimate) in base.estimates {
      let unit = name == "x1" ? factor : name == "x2" ? 1 / factor : 1
      let error = base.errors[name] ?? .nan
      #expect(
        agree(estimate, scaled.estimates[name].map { $0 * unit }, scale: error, relative: 1e-8),
        "\(model) \(name): k = \(k), seed = \(seed)")
      #expect(
        agree(error, scaled.errors[name].map { $0 * unit }, scale: error, relative: 1e-8),
        "\(model) SE \(name): k = \(k), seed = \(seed)")
    }
  }

  /// The terms in another order give the same estimates and SEs by name (to 1e-10 relative).
  @Test(arguments: PropertyModel.allCases)
  func termOrderChangesNoEstimate(model: PropertyModel) async throws {
    await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000)) { seed in
      let panel = SyntheticPanel(seed: UInt64(seed))
      guard let table = try? panel.table(),
        let a = try? model.fit("x1 + x2 + C(track) + x1:x2", on: table),
        let b = try? model.fit("C(track) + x2:x1 + x2 + x1", on: table)
      else {
        Issue.record("fit failed for seed = \(seed)")
        return
      }
      // `x2:x1` is the term `x1:x2` written in the other order (R names it as written).
      func canonical(_ name: String) -> String {
        name.split(separator: ":").map(String.init).sorted().joined(separator: ":")
      }
      let bEstimates = Dictionary(uniqueKeysWithValues: b.estimates.map { (canonical($0), $1) })
      let bErrors = Dictionary(uniqueKeysWithValues: b.errors.map { (canonical($0), $1) })
      #expect(Set(a.estimates.keys.map(canonical)) == Set(bEstimates.keys), "seed = \(seed)")
      for (name, estimate) in a.estimates {
        let error = a.errors[name] ?? .nan
        let key = canonical(name)
        #expect(agree(estimate, bEstimates[key], scale: error, relative: 1e-10), "\(name)")
        #expect(agree(error, bErrors[key], scale: error, relative: 1e-10), "SE \(name)")
      }
    }
  }

  /// Rows in another order give the same estimates and SEs (to 1e-10 relative).
  @Test(arguments: PropertyModel.allCases)
  func rowOrderChangesNoEstimate(model: PropertyModel) async throws {
    await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...1_000_000)) {
      seed, shuffle in
      let panel = SyntheticPanel(seed: UInt64(seed))
      let right = "x1 + x2 + C(track)"
      guard let a = try? model.fit(right, on: panel.table()),
        let b = try? model.fit(
          right, on: panel.table(order: panel.permutation(seed: UInt64(shuffle))))
      else {
        Issue.record("fit failed for seed = \(seed)")
        return
      }
      for (name, estimate) in a.estimates {
        let error = a.errors[name] ?? .nan
        #expect(
          agree(estimate, b.estimates[name], scale: error, relative: 1e-10),
          "\(model) \(name): seed = \(seed), shuffle = \(shuffle)")
        #expect(
          agree(error, b.errors[name], scale: error, relative: 1e-10),
          "\(model) SE \(name): seed = \(seed), shuffle = \(shuffle)")
      }
    }
  }
}
