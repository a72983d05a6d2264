import Foundation
import Studies
@_exported import TestSupport

/// Temporary study folders for tests: a data folder with CSV files and a spec beside it.
enum StudyFixtures {
  static let root = Repository.root

  /// A fresh folder with `data/` holding the given files and `spec.yaml`.
  static func make(spec: String, files: [String: String]) throws -> (folder: URL, spec: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-study-\(UUID().uuidString)")
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: data.appendingPathComponent(name)) }
    let specURL = folder.appendingPathComponent("spec.yaml")
    try Data(spec.utf8).write(to: specURL)
    return (folder, specURL.path)
  }

  /// What `validate` reports for one analysis over the demo panel (nothing when it passes).
  /// - Parameters:
  ///   - analysis: the analysis as a YAML flow mapping.
  ///   - panel: whether the data block declares the learner panel.
  static func validationIssues(of analysis: String, panel: Bool = false) throws -> [SpecIssue] {
    let demo = root.appendingPathComponent("datasets/demo/stem_scores_demo.csv")
    let spec = """
      study: Spec errors
      data: {path: \(demo.path)\(panel ? ", panel: {unit: learner_id, time: year}" : "")}
      analyses:
        - \(analysis)
      """
    let (_, path) = try make(spec: spec, files: [:])
    do {
      _ = try Study.validate(spec: path)
      return []
    } catch let error as SpecError {
      return error.issues
    }
  }

  /// Every text file under a folder.
  static func texts(under folder: URL) throws -> [(String, String)] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var out: [(String, String)] = []
    for case let path as String in enumerator {
      let url = folder.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        out.append((path, try String(contentsOf: url, encoding: .utf8)))
      }
    }
    return out.sorted { $0.0 < $1.0 }
  }

  /// A learner panel with groups of known sizes: school s has `sizes[s]` learners, 2 years each.
  static func smallCellPanel(sizes: [Int]) -> String {
    var lines = ["learner_id,school_id,year,female,track,score"]
    var learner = 500_001
    for (school, size) in sizes.enumerated() {
      for i in 0..<size {
        for year in [2022, 2023] {
          let score = 40 + Double((learner * 7 + year) % 23) + (i % 2 == 0 ? 1.5 : 0)
          lines.append("\(learner),\(900 + school),\(year),\(i % 2),track\(school),\(score)")
        }
        learner += 1
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
