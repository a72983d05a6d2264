import DataTable
import Formula
import Foundation
import LinearAlgebra
import Models
import Testing

/// `cox.zph` per model term against R `survival` (Tests/Fixtures/survival/generate_zph_terms.R,
/// `terms = TRUE`, R's default): a factor's columns are tested together with df = their number,
/// on lung (`factor(ph.ecog)`, Efron) and veteran (`celltype`, Breslow, and with strata).
@Suite struct CoxZPHTermsTests {
  static func fit(
    file: String, rightHandSide: String, event: String, ties: CoxTies, strata: String? = nil
  ) throws -> CoxResult {
    let table = try CSVReader.read(path: FixturePaths.fixture("survival/\(file)").path)
    let design = try DesignMatrix.build(Formula("time ~ \(rightHandSide)"), data: table)
    let events = try #require(try table.column(named: event).doubles())
    let spells = try SurvivalSpells(
      exit: design.response ?? [], event: design.rows.map { events[$0] == 1 })
    let keep = design.columnNames.indices.filter { design.columnNames[$0] != "(Intercept)" }
    let labels = keep.map { design.formula.terms[design.termIndexOfColumn[$0]].label }
    let strataLabels = try strata.map { name in
      let column = try table.column(named: name)
      return design.rows.map { column.stringValue($0) ?? "" }
    }
    return try CoxRegression.fit(
      spells, covariates: design.x.selectingColumns(keep),
      names: keep.map {
        design.columnNames[$0]
      }, strata: strataLabels, options: CoxOptions(ties: ties), termLabels: labels)
  }

  static let cases:
    [(
      name: String, file: String, rhs: String, event: String, ties: CoxTies,
      strata: String?
    )] = [
      ("lung_ecog_factor", "lung.csv", "age + sex + C(ph.ecog)", "event", .efron, nil),
      (
        "veteran_celltype_breslow", "veteran.csv", "trt + karno + celltype + age", "status",
        .breslow, nil
      ),
      ("veteran_celltype_strata", "veteran.csv", "karno + celltype", "status", .efron, "trt"),
    ]

  @Test(arguments: 0..<3)
  func termTestsEqualR(_ index: Int) throws {
    let c = Self.cases[index]
    let result = try Self.fit(
      file: c.file, rightHandSide: c.rhs, event: c.event, ties: c.ties, strata: c.strata)
    let reference = try SurvivalReference.rows("ref_cox_zph_terms.csv").filter {
      $0["case"] == c.name
    }
    let tests = result.proportionalHazards
    #expect(reference.count == tests.count && tests.last?.name == "ph_global")
    var worst = 0.0
    for (row, test) in zip(reference, tests) {
      #expect(Double(row["df"] ?? "") == Double(test.degreesOfFreedom), "\(test.name)")
      let chisq = try #require(Double(row["chisq"] ?? ""))
      let p = try #require(Double(row["p"] ?? ""))
      worst = max(worst, abs(test.statistic - chisq), abs(test.pValue - p))
    }
    #expect(worst < 1e-6, "\(c.name): max abs difference \(worst)")
  }

  @Test func withoutTermLabelsEachColumnIsTested() throws {
    // Without term labels every column is tested on its own (the factor's three columns).
    let perColumn = try CoxRegression.fit(
      SurvivalSpells(exit: [1, 2, 3, 4, 5, 6], event: [true, true, false, true, true, false]),
      covariates: Matrix(columns: [[0, 1, 0, 1, 1, 0], [3, 1, 2, 5, 4, 6]]), names: ["a", "b"])
    #expect(perColumn.proportionalHazards.map(\.name) == ["ph_a", "ph_b", "ph_global"])
  }
}
