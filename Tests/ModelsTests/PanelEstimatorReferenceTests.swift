import DataTable
import Foundation
import Inference
import Models
import Testing

/// Random effects (Swamy-Arora), first differences and between against R plm 2.6 on Grunfeld
/// (balanced) and EmplUK (unbalanced): Tests/Fixtures/panel/generate.R.
@Suite struct PanelEstimatorReferenceTests {
  struct Case: @unchecked Sendable, CustomStringConvertible {
    let name: String
    let fields: [String: Any]
    var description: String { name }
  }

  static let cases: [Case] = {
    guard let document = try? FixturePaths.json("panel/reference.json") as? [String: Any],
      let list = document["cases"] as? [[String: Any]]
    else { return [] }
    return list.filter { ["random", "fd", "between"].contains($0["model"] as? String ?? "") }
      .map { Case(name: $0["name"] as? String ?? "?", fields: $0) }
  }()

  @Test func fixturesArePresent() { #expect(Self.cases.count == 6) }

  @Test(arguments: cases)
  func matchesPlm(_ reference: Case) throws {
    let f = reference.fields
    let model: PanelModel
    switch f["model"] as? String {
    case "random": model = .randomEffects
    case "fd": model = .firstDifferences
    default: model = .between
    }
    let data = try CSVReader.read(
      path: FixturePaths.fixture("panel/\(f["data"] as? String ?? "")").path)
    let fit = try PanelEstimators.fit(
      f["formula"] as? String ?? "", data: data, model: model, unit: "firm", time: "year")
    #expect(fit.coefficients.names == (f["terms"] as? [String] ?? []))
    #expect(fit.nobs == f["nobs"] as? Int)
    #expect(fit.residualDegreesOfFreedom == (f["df_residual"] as? Double ?? -1))
    let b = f["estimate"] as? [Double] ?? []
    let se = f["std_error_iid"] as? [Double] ?? []
    for i in b.indices {
      #expect(relativeError(fit.coefficients.values[i], b[i]) < 1e-8, "\(reference) b\(i)")
      #expect(relativeError(fit.standardErrors[i], se[i]) < 1e-8, "\(reference) se\(i)")
    }
    if model == .randomEffects, let components = fit.varianceComponents {
      #expect(relativeError(components.idiosyncratic, f["sigma2_idios"] as? Double ?? 0) < 1e-8)
      #expect(relativeError(components.individual, f["sigma2_indiv"] as? Double ?? 0) < 1e-8)
    }
  }

  @Test func duplicateUnitTimeIsAnError() throws {
    let table = try DataTable(columns: [
      .double("y", [1, 2, 3, 4]), .double("x", [1, 3, 2, 5]), .int("id", [1, 1, 2, 2]),
      .int("t", [1, 1, 1, 2]),
    ])
    #expect(throws: ModelError.self) {
      try PanelEstimators.fit("y ~ x", data: table, model: .firstDifferences, unit: "id", time: "t")
    }
  }
}
