import Inference

/// Reads the `vcov:` key shared by model kinds through the one `CovarianceReader` that
/// `vetstat fit` uses too: `iid`, `hc0`..`hc3`, `hac`, `driscoll-kraay` (on the panel's unit and
/// time columns), or a mapping `{cluster: school_id}` / `{cluster: [firm, year], small_sample:
/// fixest}` / `{type: hac, lags: 2}`.
public enum VcovSpec {
  /// Keys of the mapping form.
  public static let keys = ["type", "cluster", "small_sample", "lags"]

  /// The covariance type written under `vcov`, checked against the columns.
  /// - Returns: `.iid` when absent; `nil` after reporting a problem.
  public static func read(
    _ reader: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics
  ) -> CovarianceType? {
    let path = reader.child("vcov")
    guard let node = reader.node("vcov") else { return .iid }
    var name: String?
    var clusters: [(name: String, line: Int)]?
    var smallSample: String?
    var lags: Int?
    var map: SpecReader?
    if case .scalar(let text, _) = node.content {
      name = text
      if text.lowercased() == "cluster" {
        diagnostics.report(
          path, line: node.line, "name the cluster column: vcov: {cluster: school_id}")
        return nil
      }
    } else {
      guard let mapping = reader.mapping("vcov", allowed: keys) else { return nil }
      map = mapping
      smallSample = mapping.string("small_sample")
      clusters = mapping.names("cluster")
      lags = mapping.int("lags")
      name = mapping.string("type", required: clusters == nil)
      if clusters == nil, name == nil { return nil }
    }
    for c in clusters ?? []
    where !schema.checkColumn(
      c.name, keyPath: map?.child("cluster") ?? path, line: c.line, diagnostics: diagnostics)
    {
      return nil
    }
    do {
      return try CovarianceReader.read(
        name: name, clusters: clusters?.map(\.name), smallSample: smallSample,
        panelUnit: schema.panel?.unit, panelTime: schema.panel?.time, lags: lags)
    } catch let problem as CovarianceReader.Problem {
      let key = [
        "vcov": "type", "cluster": "cluster", "small_sample": "small_sample", "lags": "lags",
      ][
        problem.option]
      let keyPath = map.flatMap { m in key.map { m.child($0) } } ?? path
      let line = map.flatMap { m in key.map { m.line(of: $0) } } ?? node.line
      diagnostics.report(keyPath, line: line, problem.message)
      return nil
    } catch {
      diagnostics.report(path, line: node.line, "\(error)")
      return nil
    }
  }
}
