import Foundation
import Testing

/// `vetstat validate` and `run` on the identifier leaks of issue 13: each leak spec exits 2 naming
/// file, line, key path and reason, without a crash and without writing; the allowed uses of
/// identifiers run and no output file holds a learner id.
@Suite struct IdentifierCommandTests {
  static let leaks = StudyCommandTests.root.appendingPathComponent("Tests/Fixtures/specs/leaks")

  static var refusedSpecs: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: leaks.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") && $0 != "allowed.yaml" }.sorted()
  }

  @Test(arguments: refusedSpecs) func leakSpecExitsTwoWithKeyPathLineAndReason(_ name: String)
    throws
  {
    let text = try String(contentsOf: Self.leaks.appendingPathComponent(name), encoding: .utf8)
    let header = text.split(separator: "\n").prefix(2).map(String.init)
    let expect = header[0].replacingOccurrences(of: "# expect: ", with: "").components(
      separatedBy: " line ")
    let reason = header[1].replacingOccurrences(of: "# reason: ", with: "")
    let spec = Self.leaks.appendingPathComponent(name).path
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("report")
    for arguments in [["validate", spec], ["run", spec, "--out", out.path]] {
      let result = try CLIRunner.run(arguments)
      #expect(!result.crashed)
      #expect(result.status == 2, "\(arguments[0]) \(name): \(result.stderr)")
      #expect(result.stderr.contains("\(name):\(expect[1]): \(expect[0]):"), "\(result.stderr)")
      #expect(result.stderr.contains(reason), "\(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func allowedUsesRunAndNoOutputFileHoldsALearnerID() throws {
    let out = try CLIRunner.temporaryDirectory().appendingPathComponent("report")
    let result = try CLIRunner.run([
      "run", Self.leaks.appendingPathComponent("allowed.yaml").path, "--out", out.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try String(
      contentsOf: Self.leaks.appendingPathComponent("learners.csv"), encoding: .utf8)
    var ids = Set<String>()
    for line in data.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",").map(String.init)
      ids.formUnion([fields[0], fields[8], fields[9]])
    }
    #expect(ids.count == 120)
    var checked = 0
    let enumerator = FileManager.default.enumerator(atPath: out.path)
    while let path = enumerator?.nextObject() as? String {
      let url = out.appendingPathComponent(path)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      checked += 1
      let tokens = Set(text.components(separatedBy: CharacterSet.alphanumerics.inverted))
      #expect(tokens.isDisjoint(with: ids), "\(path) holds \(tokens.intersection(ids).sorted())")
    }
    #expect(checked >= 8, "report, results and the tables and figures")
  }
}
