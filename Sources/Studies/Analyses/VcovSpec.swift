import Inference

/// Reads the `vcov:` key shared by model kinds through the one `CovarianceReader` that
/// `vetstat fit` uses too: `iid`, `hc0`..`hc3`, `hac`, `driscoll-kraay` (on the panel's unit and
/// time columns), or a mapping `{cluster: school_id}` / `{cluster: [firm, year], small_sample:
/// fixest}` / `{type: hac, lags: 2}`; kinds `ols` and `fe` also take a wild cluster bootstrap,
/// `{cluster: school_id, bootstrap: wild, reps: 9999, seed: 1, bootstrap_weights: webb}`.
public enum VcovSpec {
  /// Keys of the mapping form.
  public static let keys = ["type", "cluster", "small_sample", "lags"] + bootstrapKeys
  /// Keys of the wild cluster bootstrap (kinds `ols` and `fe`).
  public static let bootstrapKeys = ["bootstrap", "reps", "seed", "bootstrap_weights"]

  /// The covariance type written under `vcov`, checked against the columns; a `bootstrap` key is
  /// reported as not available for the kind.
  /// - Returns: `.iid` when absent; `nil` after reporting a problem.
  public static func read(
    _ reader: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics
  ) -> CovarianceType? {
    if let mapping = quietMapping(reader), mapping.entry("bootstrap") != nil {
      diagnostics.report(
        mapping.child("bootstrap"), line: mapping.line(of: "bootstrap"),
        "the wild cluster bootstrap is available for kinds "
          + WildBootstrapRequest.kinds.joined(separator: " and "))
      return nil
    }
    return readCovariance(reader, schema: schema, diagnostics: diagnostics)
  }

  /// The covariance type and, when `bootstrap: wild` is written, the bootstrap request (kinds
  /// `ols` and `fe`).
  /// - Parameters:
  ///   - reader: the analysis entry.
  ///   - schema: the data's columns.
  ///   - diagnostics: where problems are reported.
  ///   - level: the analysis's confidence level (of the bootstrap intervals).
  /// - Returns: the covariance (`nil` after a problem) and the request, if any.
  public static func readWithBootstrap(
    _ reader: SpecReader, schema: StudySchema, diagnostics: SpecDiagnostics, level: Double
  ) -> (covariance: CovarianceType?, bootstrap: WildBootstrapRequest?) {
    let covariance = readCovariance(reader, schema: schema, diagnostics: diagnostics)
    guard let map = quietMapping(reader), let method = map.string("bootstrap") else {
      if let map = quietMapping(reader),
        let stray = bootstrapKeys.dropFirst().first(where: { map.entry($0) != nil })
      {
        diagnostics.report(
          map.child(stray), line: map.line(of: stray),
          "\(stray) is a wild bootstrap option; add bootstrap: wild")
      }
      return (covariance, nil)
    }
    guard covariance != nil else { return (nil, nil) }
    do {
      let request = try WildBootstrapRequest.read(
        method: method, clusters: map.names("cluster")?.map(\.name), reps: map.int("reps"),
        seed: map.int("seed"), weights: map.string("bootstrap_weights"), level: level)
      return (covariance, request)
    } catch let problem as CovarianceReader.Problem {
      let key = problem.option
      diagnostics.report(
        map.child(key), line: map.line(of: key), problem.message)
      return (nil, nil)
    } catch {
      diagnostics.report(reader.child("vcov"), line: map.line, "\(error)")
      return (nil, nil)
    }
  }

  /// The `vcov` mapping opened without checking its keys again (`readCovariance` reports
  /// unknown keys once).
  private static func quietMapping(_ reader: SpecReader) -> SpecReader? {
    guard let node = reader.node("vcov"), case .mapping(let entries) = node.content else {
      return nil
    }
    return SpecReader(
      node, path: reader.child("vcov"), allowed: entries.map(\.key),
      diagnostics: reader.diagnostics)
  }

  private static func readCovariance(
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
