import Foundation
import Testing

/// `vetstat fit` end to end: output, JSON document, and every malformed input of the foundation
/// issue giving exit code 2 with a located message, never a crash.
@Suite struct FitCommandTests {
  static let goodCSV = """
    y,x,z,group,const,track
    1.5,1,0.3,a,1,care
    2.1,2,0.1,a,1,tech
    2.9,3,0.4,b,1,care
    4.2,4,0.1,b,1,tech
    4.8,5,0.5,c,1,arts
    6.1,6,0.9,c,1,tech
    7.2,7,0.2,d,1,care
    7.9,8,0.6,d,1,arts

    """

  func write(_ text: String, name: String = "data.csv") throws -> (URL, String) {
    let directory = try CLIRunner.temporaryDirectory()
    let file = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return (directory, file.path)
  }

  @Test func printsATableAndExitsZero() throws {
    let (_, path) = try write(Self.goodCSV)
    let result = try CLIRunner.run(["fit", path, "--formula", "y ~ x + z", "--vcov", "hc1"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("OLS: y ~ x + z"))
    #expect(result.stdout.contains("(Intercept)"))
    #expect(result.stdout.contains("Covariance: hc1"))
  }

  @Test func jsonIsTheResultDocument() throws {
    let (_, path) = try write(Self.goodCSV)
    let result = try CLIRunner.run([
      "fit", path, "--formula", "y ~ x + const + C(track)", "--cluster", "group", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(document?["schema"] as? String == "vetstat.result/1")
    #expect(document?["vcov"] as? String == "cluster(group)")
    #expect(document?["nobs"] as? Int == 8)
    let dropped = document?["dropped"] as? [String: Any]
    // A constant next to the intercept is aliased and reported, as R does; not an error.
    #expect(dropped?["collinear_terms"] as? [String] == ["const"])
    let terms = (document?["coefficients"] as? [[String: Any]])?.compactMap {
      $0["term"] as? String
    }
    #expect(terms == ["(Intercept)", "x", "const", "track[care]", "track[tech]"])
  }

  struct BadInput: Sendable, CustomStringConvertible {
    let name: String
    let csv: String?
    let formula: String
    let mustMention: [String]
    var description: String { name }
  }

  static let badInputs: [BadInput] = [
    BadInput(name: "empty file", csv: "", formula: "y ~ x", mustMention: ["data.csv", "empty"]),
    BadInput(
      name: "ragged row", csv: "y,x\n1,2\n3,4,5\n", formula: "y ~ x", mustMention: ["data.csv:3"]),
    BadInput(
      name: "unclosed quote", csv: "y,x\n1,\"2\n3,4\n", formula: "y ~ x",
      mustMention: ["data.csv:2"]),
    BadInput(
      name: "header only", csv: "y,x\n", formula: "y ~ x",
      mustMention: ["data.csv", "no data rows"]),
    BadInput(
      name: "non-numeric value", csv: "y,x\n1,2\n2,3\n3,4\n4,abc\n5,6\n", formula: "y ~ x",
      mustMention: ["data.csv:5", "abc"]),
    BadInput(
      name: "unknown column", csv: goodCSV, formula: "y ~ x + trak",
      mustMention: ["trak", "did you mean 'track'", "column 9"]),
    BadInput(
      name: "formula syntax", csv: goodCSV, formula: "y ~ x + (z", mustMention: ["column 9"]),
    BadInput(
      name: "duplicate columns", csv: "y,x,x\n1,2,3\n2,3,4\n", formula: "y ~ x",
      mustMention: ["data.csv", "duplicate", "'x'"]),
    BadInput(
      name: "all missing column", csv: "y,x,w\n1,2,NA\n2,3,NA\n3,5,NA\n", formula: "y ~ x + w",
      mustMention: ["'w'", "no non-missing"]),
    BadInput(name: "missing file", csv: nil, formula: "y ~ x", mustMention: ["nonexistent.csv"]),
  ]

  @Test(arguments: badInputs)
  func badInputExitsTwoWithALocation(_ input: BadInput) throws {
    let path: String
    if let csv = input.csv {
      path = try write(csv).1
    } else {
      path = try CLIRunner.temporaryDirectory().appendingPathComponent("nonexistent.csv").path
    }
    let result = try CLIRunner.run(["fit", path, "--formula", input.formula])
    #expect(!result.crashed, "\(input)")
    #expect(result.status == 2, "\(input): status \(result.status), stderr: \(result.stderr)")
    for fragment in input.mustMention {
      #expect(result.stderr.contains(fragment), "\(input): '\(fragment)' not in: \(result.stderr)")
    }
    #expect(result.stdout.isEmpty)
  }

  @Test(arguments: [
    ["--vcov", "hc9"], ["--vcov", "cluster"], ["--model", "lgoit"], ["--cluster", "a,b,c"],
    ["--weights", "nope"], ["--small-sample", "spss"], ["--level", "1.5"], ["--bogus"],
  ])
  func badOptionsExitTwo(_ extra: [String]) throws {
    let (_, path) = try write(Self.goodCSV)
    let result = try CLIRunner.run(["fit", path, "--formula", "y ~ x"] + extra)
    #expect(!result.crashed)
    #expect(result.status == 2, "\(extra): \(result.stderr)")
    #expect(!result.stderr.isEmpty)
  }

  @Test func helpShowsExamples() throws {
    let result = try CLIRunner.run(["fit", "--help"])
    #expect(result.status == 0)
    #expect(
      result.stdout.contains(
        "Examples (run from the repository root; every file named is in datasets/)"))
    #expect(result.stdout.contains("--cluster"))
    // Written to fit 80 columns, so the help is not wrapped a second time.
    let discussion = result.stdout.components(separatedBy: "USAGE:")[0]
    #expect(discussion.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test func quadraturePointsAreForTheLogisticMixedModel() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let cbpp = root.appendingPathComponent("Tests/Fixtures/cbpp/cbpp.csv").path
    let formula = "I(incidence / size) ~ C(period) + (1 | herd)"
    let fit = try CLIRunner.run([
      "fit", cbpp, "--model", "glmm", "--weights", "size", "--nagq", "5", "--formula", formula,
    ])
    #expect(fit.status == 0 && fit.stdout.contains("Adaptive Gauss-Hermite quadrature (5 points)"))
    let wrongModel = try CLIRunner.run(["fit", cbpp, "--nagq", "5", "--formula", "size ~ period"])
    #expect(wrongModel.status == 2 && wrongModel.stderr.contains("--nagq is for --model glmm"))
    let tooMany = try CLIRunner.run([
      "fit", cbpp, "--model", "glmm", "--weights", "size", "--nagq", "40", "--formula", formula,
    ])
    #expect(tooMany.status == 2)
  }
}
