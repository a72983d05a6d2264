import DataTable
import Foundation
import Inference
import Models
import Testing

/// NIST StRD linear regression through the user's path: CSV reader, formula with `I(x^k)` powers,
/// OLS with its default solver, standard errors from the result. LRE >= 9 (Filip >= 7).
@Suite struct NISTOLSTests {
  struct Problem: @unchecked Sendable, CustomStringConvertible {
    let fields: [String: Any]
    var description: String { fields["name"] as? String ?? "?" }
  }

  static let problems: [Problem] = {
    guard let document = try? FixturePaths.json("nist/certified.json") as? [String: Any],
      let list = document["problems"] as? [[String: Any]]
    else { return [] }
    return list.map(Problem.init)
  }()

  @Test func allProblemsPresent() { #expect(Self.problems.count == 11) }

  @Test(arguments: problems)
  func certifiedValues(_ problem: Problem) throws {
    let p = problem.fields
    let file = p["file"] as? String ?? ""
    let folder = p["folder"] as? String ?? "nist"
    let url = FixturePaths.fixture("\(folder)/\(file)")
    let table = try CSVReader.read(path: url.path)
    let intercept = p["intercept"] as? Bool ?? true
    var terms: [String]
    if let degree = p["degree"] as? Int {
      terms = (1...degree).map { $0 == 1 ? "x" : "I(x^\($0))" }
    } else {
      terms = Array(table.columnNames.dropFirst())
    }
    let formula = "y ~ " + (intercept ? "" : "0 + ") + terms.joined(separator: " + ")
    let fit = try OLS.fit(formula, data: table)
    #expect(fit.aliasedTerms.isEmpty, "\(problem): \(fit.aliasedTerms)")
    let minimum = p["minimum_lre"] as? Double ?? 9
    let coefficients = p["coefficients"] as? [Double] ?? []
    let errors = p["standard_errors"] as? [Double] ?? []
    let se = fit.standardErrors
    for i in coefficients.indices {
      let lreB = logRelativeError(fit.coefficients[i], coefficients[i])
      let lreSE = logRelativeError(se[i], errors[i])
      #expect(lreB >= minimum, "\(problem) coefficient \(i): LRE \(lreB)")
      #expect(lreSE >= minimum, "\(problem) SE \(i): LRE \(lreSE)")
    }
  }
}

/// Digits of agreement with a certified value (absolute when it is zero), capped at 15.
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
  let error = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
  return error == 0 ? 15 : min(15, -log10(error))
}
