import Foundation
import Testing
import VETStat

/// `vetstat table` (issue 16): several formulas side by side, equal to R's `lm` + `vcovCL` to the
/// printed decimals; every format written atomically (LaTeX that compiles, a workbook that reads
/// back); identifier terms refused; `--spec` tabulates a study's models; and `vetstat fit` refuses
/// a single-valued option given twice.
@Suite struct TableCommandTests {
  static let demo = "datasets/demo/stem_scores_demo.csv"
  static let formulas = [
    "--formula", "score ~ female", "--formula", "score ~ female + ses + C(year)",
  ]

  static func run(_ arguments: [String]) throws -> CLIRunner.Output {
    try CLIRunner.run(arguments, in: Snapshot.repositoryRoot)
  }

  /// Rows of a CSV table (fields unquoted; no field holds a quote).
  static func csvRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { line in
      var fields: [String] = []
      var field = ""
      var quoted = false
      for ch in line {
        if ch == "\"" {
          quoted.toggle()
        } else if ch == ",", !quoted {
          fields.append(field)
          field = ""
        } else {
          field.append(ch)
        }
      }
      return fields + [field]
    }
  }

  @Test func formulasSideBySideEqualRsLmWithClusteredErrors() throws {
    let result = try Self.run(
      ["table", Self.demo] + Self.formulas
        + ["--cluster", "school_id", "--format", "csv", "--digits", "6"])
    #expect(result.status == 0, "\(result.stderr)")
    try Self.expectEqualsRsLm(Self.csvRows(result.stdout))
  }

  /// Checks the CSV rows of the two `formulas` with school-clustered errors at 6 decimals against
  /// R's `lm` + `sandwich::vcovCL` (Tests/Fixtures/tables/reference_lm.csv).
  static func expectEqualsRsLm(_ rows: [[String]]) throws {
    #expect(rows.first == ["Term", "(1)", "(2)"])
    let reference = try String(
      contentsOf: Snapshot.repositoryRoot.appendingPathComponent(
        "Tests/Fixtures/tables/reference_lm.csv"), encoding: .utf8)
    var checked = 0
    for line in Self.csvRows(reference).dropFirst() {
      let column = line[0] == "score ~ female" ? 1 : 2
      let term = line[1]
      let estimate = try #require(Double(line[2]))
      let se = try #require(Double(line[3]))
      let i = try #require(rows.firstIndex { $0.first == term }, "\(term)")
      let shown = rows[i][column].trimmingCharacters(in: CharacterSet(charactersIn: "*"))
      #expect(abs((Double(shown) ?? .nan) - estimate) < 6e-7, "\(term) (\(column))")
      let error = rows[i + 1][column].trimmingCharacters(in: CharacterSet(charactersIn: "()"))
      #expect(abs((Double(error) ?? .nan) - se) < 6e-7, "\(term) se (\(column))")
      func statistic(_ name: String) -> Double? {
        rows.first { $0.first == name }.flatMap { Double($0[column]) }
      }
      #expect(abs((statistic("R²") ?? .nan) - Double(line[4])!) < 6e-4)
      #expect(abs((statistic("Adj. R²") ?? .nan) - Double(line[5])!) < 6e-4)
      #expect(abs((statistic("Log-likelihood") ?? .nan) - Double(line[6])!) < 0.06)
      #expect(abs((statistic("AIC") ?? .nan) - Double(line[7])!) < 0.06)
      checked += 1
    }
    #expect(checked == 5)
    #expect(rows.contains(["Clusters (school_id)", "552", "552"]))
  }

  @Test func layoutOptionsRenameOmitAndLabel() throws {
    let result = try Self.run(
      ["table", Self.demo] + Self.formulas
        + [
          "--omit", "year[*]", "--rename", "female=Female", "--order", "ses", "--labels",
          "Base,Controls", "--brackets", "--cluster", "school_id",
        ])
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    #expect(text.contains("| Term | Base | Controls |"))
    #expect(text.contains("| Female | -2.058*** | -1.645** |"))
    #expect(text.contains("|  | [0.582] | [0.546] |"))
    #expect(!text.contains("year["))
    let ses = try #require(text.range(of: "| ses |"))
    let female = try #require(text.range(of: "| Female |"))
    #expect(ses.lowerBound < female.lowerBound, "--order ses puts ses first")
  }

  @Test func everyFormatIsWrittenAndOpens() throws {
    let folder = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    for format in ["md", "csv", "tex", "html", "docx", "xlsx"] {
      let out = folder.appendingPathComponent("table.\(format)").path
      let result = try Self.run(
        ["table", Self.demo] + Self.formulas + ["--cluster", "school_id", "--out", out])
      #expect(result.status == 0 && result.stdout.isEmpty, "\(format): \(result.stderr)")
      #expect(FileManager.default.fileExists(atPath: out), "\(format)")
    }
    let html = try String(
      contentsOfFile: folder.appendingPathComponent("table.html").path, encoding: .utf8)
    #expect(html.contains("\u{2212}2.058<sup>***</sup>"))
    let workbook = try DataReader.read(path: folder.appendingPathComponent("table.xlsx").path)
    #expect(workbook.columnNames == ["Term", "(1)", "(2)"])
    #expect(try workbook.column(named: "(1)").stringValue(1) == "-2.058***")
    let docx = try Data(contentsOf: folder.appendingPathComponent("table.docx"))
    #expect(docx.starts(with: Data("PK".utf8)))
    guard ProcessInfo.processInfo.environment["VETSTAT_SKIP_DOCUMENT_TOOLS"] != "1",
      FileManager.default.isExecutableFile(atPath: "/usr/bin/pdflatex")
    else { return }
    let document =
      "\\documentclass{article}\\usepackage{booktabs}\\usepackage{threeparttable}"
      + "\\begin{document}\\input{table.tex}\\end{document}\n"
    try Data(document.utf8).write(to: folder.appendingPathComponent("doc.tex"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pdflatex")
    process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "pdflatex compiles the table")
  }

  @Test func badRequestsExitTwoNamingTheOption() throws {
    let cases: [([String], String)] = [
      (["--formula", "score ~ female + learner_id"], "--formula (model 1"),
      (["--formula", "score ~ femal"], "did you mean 'female'"),
      (["--formula", "score ~ female", "--format", "pdf"], "unknown --format 'pdf'"),
      (["--formula", "score ~ female", "--format", "docx"], "give --out FILE"),
      (["--formula", "score ~ female", "--omit", "re:year["], "--omit: 're:year['"),
      (["--formula", "score ~ female", "--labels", "a,b"], "--labels names 2 columns"),
      (["--formula", "score ~ female", "--model", "lgt"], "--model (model 1"),
      (["--formula", "score ~ female", "--out", Self.demo], "would overwrite the input"),
      (["--formula", "score ~ female", "--vcov", "hac"], "give --panel-unit and --panel-time"),
    ]
    for (arguments, message) in cases {
      let result = try Self.run(["table", Self.demo] + arguments)
      #expect(
        result.status == 2 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(!result.crashed)
    }
  }

  @Test func aFailedFitNamesItsFormulaAndAMissingFileItsPath() throws {
    let absorbed = try Self.run([
      "table", Self.demo, "--formula", "score ~ female | learner_id + year", "--formula",
      "score ~ stem_enrolled | learner_id + year", "--model", "fe",
    ])
    #expect(absorbed.status != 0 && !absorbed.crashed, "\(absorbed.stderr)")
    #expect(absorbed.stderr.contains("model 1 (\"score ~ female | learner_id + year\")"))
    #expect(absorbed.stderr.contains("absorbed"))
    let missing = try Self.run(["table", "no/such.csv", "--formula", "score ~ female"])
    #expect(missing.status == 2 && missing.stderr.contains("no/such.csv: no such data file"))
  }

  @Test func specModelsAreTabulated() throws {
    let result = try Self.run([
      "table", "--spec", "notebooks-md/stem_gender_gap.yaml", "--models", "score_gap,action_effect",
      "--keep", "female", "--keep", "action", "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = Self.csvRows(result.stdout)
    #expect(rows.first == ["Term", "score_gap", "action_effect"])
    #expect(
      rows.contains(["female", "-1.897***", ""]) && rows.contains(["action", "", "2.198***"]))
    #expect(rows.contains(["Fixed effects: learner_id", "No", "Yes"]))
    #expect(!result.stdout.contains("100001"), "no learner identifier value")
    let unknown = try Self.run([
      "table", "--spec", "notebooks-md/stem_gender_gap.yaml", "--models", "nope",
    ])
    #expect(unknown.status == 2 && unknown.stderr.contains("'nope' is not a model of the spec"))
  }

  /// A study's results.json is tabulated as published, without refitting: the numbers equal
  /// the study's own regression table, and a withheld coefficient stays withheld.
  @Test func publishedResultsAreTabulatedAsTheyStand() throws {
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("study")
    let study = try Self.run(["run", "notebooks-md/stem_gender_gap.yaml", "--out", out.path])
    #expect(study.status == 0, "\(study.stderr)")
    let results = out.appendingPathComponent("results.json").path
    let table = try Self.run([
      "table", results, "--models", "score_gap,enrolment_gap", "--format", "csv",
    ])
    #expect(table.status == 0, "\(table.stderr)")
    let rows = Self.csvRows(table.stdout)
    #expect(rows.first == ["Term", "score_gap", "enrolment_gap"])
    let own = Self.csvRows(
      try String(
        contentsOf: out.appendingPathComponent("tables/regressions.csv"), encoding: .utf8))
    let header = try #require(own.first)
    let scoreColumn = try #require(header.firstIndex(of: "score_gap"))
    let femaleOwn = try #require(own.first { $0.first == "female" })
    let female = try #require(rows.first { $0.first == "female" })
    #expect(female[1] == femaleOwn[scoreColumn])
    #expect(rows.contains { $0.first == "Observations" && $0[1] == "21,590" })
    let unknown = try Self.run(["table", results, "--models", "nope"])
    #expect(unknown.status == 2 && unknown.stderr.contains("'nope' is not a model of"))
    let notResults = try CLIRunner.temporaryDirectory().appendingPathComponent("x.json")
    try Data("{\"a\": 1}".utf8).write(to: notResults)
    let bad = try Self.run(["table", notResults.path])
    #expect(bad.status == 2 && bad.stderr.contains("not a study's results.json"))
  }

  @Test func fitRefusesASingleValuedOptionGivenTwice() throws {
    let cases: [([String], String)] = [
      (
        ["--formula", "score ~ female", "--model", "ols", "--model=logit"],
        "--model is given 2 times"
      ),
      (
        ["--formula", "score ~ female", "--encoding", "utf-8", "--encoding", "latin1"], "--encoding"
      ),
    ]
    for (arguments, message) in cases {
      let result = try Self.run(["fit", Self.demo] + arguments)
      #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }
    let derive = try Self.run(
      ["fit", Self.demo, "--formula", "score ~ female", "--derive", "a = 1", "--derive", "b = 2"])
    #expect(derive.status == 0, "a list option may repeat: \(derive.stderr)")
  }
}
