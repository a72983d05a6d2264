import Inference

/// Reads the `vcov:` key shared by model kinds: `iid`, `hc0`..`hc3`, or a mapping
/// `{cluster: school_id}` / `{cluster: [firm, year], small_sample: fixest}` / `{type: hc1}`.
public enum VcovSpec {
  /// Keys of the mapping form.
  public static let keys = ["type", "cluster", "small_sample"]

  /// The covariance type written under `vcov`, checked against the columns.
  /// - Returns: `.iid` when absent; `nil` after reporting a problem.
  public static func read(
    _ reader: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics
  ) -> CovarianceType? {
    let path = reader.child("vcov")
    guard let node = reader.node("vcov") else { return .iid }
    if case .scalar(let text, _) = node.content {
      return simple(text.lowercased(), path: path, line: node.line, diagnostics: diagnostics)
    }
    guard let map = reader.mapping("vcov", allowed: keys) else { return nil }
    var correction = SmallSampleCorrection.default
    if let name = map.string("small_sample") {
      guard let preset = SmallSampleCorrection.presets[name.lowercased()] else {
        diagnostics.unknown(
          "small-sample correction", name: name,
          among: SmallSampleCorrection.presets.keys.sorted(), keyPath: map.child("small_sample"),
          line: map.line(of: "small_sample"))
        return nil
      }
      correction = preset
    }
    if let clusters = map.names("cluster") {
      guard (1...2).contains(clusters.count) else {
        diagnostics.report(
          map.child("cluster"), line: map.line(of: "cluster"),
          "clustering takes one or two columns, not \(clusters.count)")
        return nil
      }
      var ok = true
      for c in clusters {
        ok =
          schema.checkColumn(
            c.name, keyPath: map.child("cluster"), line: c.line, diagnostics: diagnostics) && ok
      }
      return ok ? .cluster(clusters.map(\.name), correction) : nil
    }
    guard let type = map.string("type", required: true) else { return nil }
    return simple(
      type.lowercased(), path: map.child("type"), line: map.line(of: "type"),
      diagnostics: diagnostics)
  }

  static func simple(
    _ text: String, path: String, line: Int, diagnostics: SpecDiagnostics
  ) -> CovarianceType? {
    switch text {
    case "iid": return .iid
    case "hc0", "hc1", "hc2", "hc3": return .heteroskedastic(HCType(rawValue: text) ?? .hc1)
    case "cluster":
      diagnostics.report(path, line: line, "name the cluster column: vcov: {cluster: school_id}")
      return nil
    default:
      diagnostics.unknown(
        "covariance type", name: text, among: ["iid", "hc0", "hc1", "hc2", "hc3", "cluster"],
        keyPath: path, line: line)
      return nil
    }
  }
}
