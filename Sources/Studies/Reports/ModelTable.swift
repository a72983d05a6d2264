import Foundation

/// Several models fitted on one data file, side by side (`vetstat table`): each model becomes an
/// analysis of an in-memory study, so the fits get the study's checks (identifier columns,
/// formula terms) and disclosure control (`CoefficientDisclosure`) before a cell is published.
public enum ModelTable {
  /// What to fit: the shared data and options and one formula per model.
  public struct Request: Sendable {
    /// The data file.
    public var data: String
    /// One formula per model.
    public var formulas: [String]
    /// The model kind of every formula (`ols`, `logit`, `fe`, ...).
    public var model: String = "ols"
    /// Covariance type (`iid`, `hc1`, ...), `nil` for the model's default.
    public var vcov: String?
    /// Cluster columns (clustered covariance).
    public var cluster: [String] = []
    /// Panel unit and time columns (for `re`, `fd`, `between` and `hac`).
    public var panelUnit: String?, panelTime: String?
    /// Confidence level.
    public var level: Double = 0.95
    /// Column headings; the default is `(1)`, `(2)`, ...
    public var labels: [String] = []

    /// Creates a request.
    public init(data: String, formulas: [String]) {
      self.data = data
      self.formulas = formulas
    }
  }

  /// A fitting problem, named by option (`--formula 2: ...`).
  public struct Problem: Error, Equatable, LocalizedError {
    /// The message.
    public let message: String
    /// The message shown to the user.
    public var errorDescription: String? { message }
  }

  /// The models' columns, in formula order, after disclosure control.
  /// - Parameter request: what to fit.
  /// - Returns: one column per formula.
  /// - Throws: `ModelTable.Problem` naming the option for an invalid model, formula or column;
  ///   `StudyRunError` when a fit fails.
  public static func columns(_ request: Request) throws -> [RegressionColumn] {
    guard !request.formulas.isEmpty else { throw Problem(message: "give at least one --formula") }
    if !request.labels.isEmpty, request.labels.count != request.formulas.count {
      throw Problem(
        message: "--labels names \(request.labels.count) columns for "
          + "\(request.formulas.count) formulas")
    }
    guard FileManager.default.fileExists(atPath: request.data) else {
      throw Problem(message: "\(request.data): no such data file")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-table-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("table.yaml")
    try Data(specText(request).utf8).write(to: spec)
    let prepared: PreparedStudy
    do {
      prepared = try StudyPlanner.prepare(
        path: spec.path, outputOverride: folder.appendingPathComponent("out").path)
    } catch let error as SpecError {
      throw Problem(message: error.issues.map { describe($0, request) }.joined(separator: "\n"))
    }
    let result = try StudyRunner.run(prepared)
    let columns = prepared.withReferences(result.outcomes.compactMap { $0.outcome.regression })
    return columns.enumerated().map { i, c in
      c.relabelled(i < request.labels.count ? request.labels[i] : "(\(i + 1))")
    }
  }

  /// The in-memory study: the data (with the panel when given) and one analysis per formula.
  static func specText(_ request: Request) -> String {
    let data = URL(fileURLWithPath: request.data).standardizedFileURL.path
    var text = "study: table\ndata:\n  path: \(quoted(data))\n"
    if request.panelUnit != nil || request.panelTime != nil {
      let keys = [("unit", request.panelUnit), ("time", request.panelTime)]
      let fields = keys.compactMap { key, value in value.map { "\(key): \(quoted($0))" } }
      text += "  panel: {" + fields.joined(separator: ", ") + "}\n"
    }
    text += "analyses:\n"
    for (i, formula) in request.formulas.enumerated() {
      text += "  - name: model\(i + 1)\n    kind: \(quoted(request.model.lowercased()))\n"
      text += "    formula: \(quoted(formula))\n    level: \(request.level)\n"
      if !request.cluster.isEmpty {
        text += "    vcov: {cluster: [\(request.cluster.map(quoted).joined(separator: ", "))]"
        if let vcov = request.vcov, vcov.lowercased() != "cluster" {
          text += ", type: \(quoted(vcov))"
        }
        text += "}\n"
      } else if let vcov = request.vcov {
        text += "    vcov: \(quoted(vcov))\n"
      }
    }
    return text + "outputs: [json]\n"
  }

  /// A YAML double-quoted scalar (JSON string syntax).
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\x%02X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A spec issue in the options' words: `analyses[1].formula` becomes `--formula 2`.
  static func describe(_ issue: SpecIssue, _ request: Request) -> String {
    let path = issue.keyPath
    if path.hasPrefix("analyses["), let close = path.firstIndex(of: "]"),
      let i = Int(path[path.index(path.startIndex, offsetBy: 9)..<close]),
      i < request.formulas.count
    {
      let key = path[path.index(after: close)...].drop { $0 == "." }
      let option =
        key == "kind" ? "--model" : key.hasPrefix("vcov") ? "--vcov/--cluster" : "--formula"
      let hint =
        issue.message.contains("panel") ? " (give --panel-unit and --panel-time)" : ""
      return "\(option) (model \(i + 1), \"\(request.formulas[i])\"): \(issue.message)\(hint)"
    }
    if path.hasPrefix("data.panel") { return "--panel-unit/--panel-time: \(issue.message)" }
    if path.hasPrefix("data") { return "\(request.data): \(issue.message)" }
    return issue.message
  }
}
