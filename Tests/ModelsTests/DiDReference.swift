import DataTable
import Foundation

/// The mpdta panel and the reference values of Tests/Fixtures/did_twfe (make_reference.py,
/// pyfixest), shared by the event-study, Bacon and Sun-Abraham tests.
enum DiDReference {
  /// mpdta (R `did`): 500 counties x 2003-2007, with `rel` (event time, 0 for never treated),
  /// `treat` (ever treated), `rel_nev` (event time, -1000 for never treated), `D` (treated now).
  static func mpdta() throws -> DataTable {
    var table = try CSVReader.read(path: FixturePaths.fixture("mpdta/mpdta.csv").path)
    let year = try table.column(named: "year").doubles() ?? []
    let first = try table.column(named: "first.treat").doubles() ?? []
    let treated = first.map { $0 > 0 }
    let rel = year.indices.map { treated[$0] ? Int(year[$0] - first[$0]) : 0 }
    table = try table.replacingOrAdding(.int("rel", rel))
    table = try table.replacingOrAdding(.int("treat", treated.map { $0 ? 1 : 0 }))
    table = try table.replacingOrAdding(
      .int("rel_nev", year.indices.map { treated[$0] ? rel[$0] : -1000 }))
    table = try table.replacingOrAdding(
      .int("D", year.indices.map { treated[$0] && year[$0] >= first[$0] ? 1 : 0 }))
    return table
  }

  /// Rows of a reference CSV as dictionaries of text by header.
  static func csv(_ relative: String) throws -> [[String: String]] {
    let text = try String(contentsOf: FixturePaths.fixture(relative), encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    guard !lines.isEmpty else { return [] }
    func cells(_ line: String) -> [String] {
      line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.replacingOccurrences(of: "\"", with: "")
      }
    }
    let header = cells(lines.removeFirst())
    return lines.map { line in
      let cells = cells(line)
      return Dictionary(uniqueKeysWithValues: zip(header, cells).map { ($0, $1) })
    }
  }

  /// The (term, estimate, std_error) rows of one model of twfe_reference.csv, with pyfixest's
  /// `var::level` names rewritten as `var[level]`.
  static func twfe(_ model: String) throws -> [(term: String, estimate: Double, se: Double)] {
    try csv("did_twfe/twfe_reference.csv").filter { $0["model"] == model }.map { row in
      var term = row["term"] ?? ""
      if let range = term.range(of: "::") {
        let name = term[..<range.lowerBound]
        let rest = term[range.upperBound...]
        let parts = rest.split(separator: ":", maxSplits: 1).map(String.init)
        term = "\(name)[\(parts[0])]" + (parts.count > 1 ? ":" + parts[1] : "")
      }
      if term == "Intercept" { term = "(Intercept)" }
      return (term, Double(row["estimate"] ?? "") ?? .nan, Double(row["std_error"] ?? "") ?? .nan)
    }
  }
}
