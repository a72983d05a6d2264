import Foundation
import TestSupport
import Testing

/// `vetstat validate`, `run` and `render` end to end: the twelve malformed specs of issue 5 give
/// exit code 2 from both commands with the key path and line; the bundled study runs; SVGs of the
/// bundled study convert with rsvg-convert when it is installed.
@Suite struct StudyCommandTests {
  static let root = Repository.root
  static let malformed = root.appendingPathComponent("Tests/Fixtures/specs/malformed")

  static var malformedSpecs: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: malformed.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }

  /// The expected key path and line, from the spec's first line `# expect: KEY line N`.
  static func expectation(_ name: String) throws -> (keyPath: String, line: Int) {
    let text = try String(contentsOf: malformed.appendingPathComponent(name), encoding: .utf8)
    let first = text.split(separator: "\n").first.map(String.init) ?? ""
    let parts = first.replacingOccurrences(of: "# expect: ", with: "").components(
      separatedBy: " line ")
    return (parts[0], Int(parts.count > 1 ? parts[1] : "") ?? -1)
  }

  @Test func twelveMalformedSpecsAreBundled() {
    #expect(Self.malformedSpecs.count == 12)
  }

  @Test(arguments: malformedSpecs) func malformedSpecExitsTwoNamingKeyAndLine(_ name: String) throws
  {
    let (keyPath, line) = try Self.expectation(name)
    let spec = Self.malformed.appendingPathComponent(name).path
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("report")
    for arguments in [["validate", spec], ["run", spec]] {
      let result = try CLIRunner.run(arguments)
      #expect(!result.crashed)
      #expect(result.status == 2, "\(arguments[0]) \(name): \(result.stderr)")
      #expect(
        result.stderr.contains("\(name):\(line): \(keyPath):"),
        "\(arguments[0]) \(name): \(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func runWritesNothingWhenTheSpecIsBad() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let out = directory.appendingPathComponent("report")
    let spec = Self.malformed.appendingPathComponent("misspelt_column.yaml").path
    let result = try CLIRunner.run(["run", spec, "--out", out.path])
    #expect(result.status == 2)
    #expect(!FileManager.default.fileExists(atPath: out.path))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(leftovers.isEmpty)
  }

  @Test func bundledStudyRunsAndItsFiguresConvert() throws {
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("report")
    let spec = Self.root.appendingPathComponent("notebooks-md/stem_gender_gap.yaml").path
    let validate = try CLIRunner.run(["validate", spec])
    #expect(validate.status == 0, "\(validate.stderr)")
    let result = try CLIRunner.run(["run", spec, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "no progress line when stderr is not a terminal")
    for file in [
      "report.md", "results.json", "tables/regressions.csv", "tables/regressions.tex",
      "figures/coefficients.svg", "figures/score_by_gender.svg",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
    }
    let figures = try FileManager.default.contentsOfDirectory(
      atPath: out.appendingPathComponent("figures").path)
    #expect(figures.count >= 2)
    for figure in figures {
      let text = try String(
        contentsOf: out.appendingPathComponent("figures/\(figure)"), encoding: .utf8)
      #expect(text.contains("<title>"), "\(figure) has a title")
      #expect(text.contains("class=\"title\""), "\(figure) shows its title")
      #expect(
        text.contains("class=\"x-label\"") && text.contains("class=\"y-label\""),
        "\(figure) labels its axes")
      if text.components(separatedBy: "<polyline").count > 2 || figure == "coefficients.svg" {
        #expect(text.contains("class=\"legend\""), "\(figure) has several series and a legend")
      }
    }
    guard let converter = Self.rsvgConvert else { return }
    for figure in figures {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: converter)
      let png = out.appendingPathComponent("\(figure).png")
      process.arguments = [out.appendingPathComponent("figures/\(figure)").path, "-o", png.path]
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      let message = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(
        process.terminationStatus == 0 && message.isEmpty, "rsvg-convert \(figure): \(message)")
    }
  }

  @Test func helpListsTheStudyCommandsWithExamples() throws {
    let result = try CLIRunner.run(["--help"])
    #expect(result.status == 0)
    for word in ["run", "validate", "render", "vetstat run notebooks-md/"] {
      #expect(result.stdout.contains(word), "\(word)")
    }
    let run = try CLIRunner.run(["run", "--help"])
    #expect(run.status == 0 && run.stdout.contains("Examples:"))
  }

  @Test func renderRewritesTheNotebookOutputInPlace() throws {
    let directory = try CLIRunner.temporaryDirectory()
    let notebooks = directory.appendingPathComponent("notebooks")
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    let data = Self.root.appendingPathComponent("datasets/demo/stem_scores_demo.csv").path
    let notebook = notebooks.appendingPathComponent("nb.md")
    let text = """
      # My notebook

      Some prose.

      ```yaml study
      study: Notebook test
      data: {path: \(data)}
      analyses:
        - {name: means, kind: indicator, measure: "mean(score)", by: [year]}
      ```

      Closing prose.

      """
    try Data(text.utf8).write(to: notebook)
    let first = try CLIRunner.run(["render", notebook.path])
    #expect(first.status == 0, "\(first.stderr)")
    let once = try String(contentsOf: notebook, encoding: .utf8)
    #expect(once.contains("vetstat:output begin") && once.contains("Closing prose."))
    #expect(once.contains("](nb_files/figures/means.svg)"))
    #expect(
      FileManager.default.fileExists(
        atPath: notebooks.appendingPathComponent("nb_files/figures/means.svg").path))
    let second = try CLIRunner.run(["render", notebook.path])
    #expect(second.status == 0)
    let twice = try String(contentsOf: notebook, encoding: .utf8)
    #expect(twice.components(separatedBy: "vetstat:output begin").count == 2, "one output section")
  }

  static var rsvgConvert: String? {
    ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }
}
