import Formula
import Inference
import Models

/// The spec keys every regression kind reads alike.
///
/// The analysis name, `formula`, `level`, `focus` (the term the summary leads with) and `vcov`,
/// each checked and reported with its key path and line. A kind reads these once and adds only
/// its own keys.
struct RegressionKeys {
  /// The analysis name.
  let name: String
  /// The formula as written.
  let formula: String
  /// The parsed formula, `nil` when it was reported as invalid.
  let parsed: Formula?
  /// The confidence level (0.95 by default).
  let level: Double
  /// The term the plain-language summary leads with, if given.
  let focus: String?
  /// The requested covariance, `nil` when the spec gives no `vcov` (or an invalid one, which is
  /// reported): each model then applies its own default.
  let vcov: CovarianceType?
  /// The wild cluster bootstrap requested under `vcov` (`bootstrap: wild`), for kinds that take
  /// it; `nil` otherwise.
  let bootstrap: WildBootstrapRequest?
  /// The reader of the analysis entry, for the kind's own keys.
  let reader: SpecReader
  /// How many problems were reported before this entry was read.
  private let issuesBefore: Int

  /// True while no problem has been reported for this entry (the kind's own keys included).
  var entryIsValid: Bool { reader.diagnostics.issues.count == issuesBefore }

  /// Reads the shared keys of a model analysis.
  /// - Parameters:
  ///   - spec: the analysis entry.
  ///   - schema: the study data's columns.
  ///   - diagnostics: where problems are reported.
  ///   - example: a formula for this kind, shown when the formula is empty.
  ///   - allowFixedEffects: whether fixed effects after `|` are accepted.
  ///   - allowsBootstrap: whether `vcov` may request a wild cluster bootstrap (elsewhere the key
  ///     is reported as not available for the kind).
  init(
    _ spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics, example: String,
    allowFixedEffects: Bool, allowsBootstrap: Bool = false
  ) {
    let r = spec.reader(diagnostics)
    reader = r
    issuesBefore = diagnostics.issues.count
    name = spec.name
    level = r.confidenceLevel()
    focus = r.string("focus")
    if r.entry("vcov") == nil {
      (vcov, bootstrap) = (nil, nil)
    } else if allowsBootstrap {
      (vcov, bootstrap) = VcovSpec.readWithBootstrap(
        r, schema: schema, diagnostics: diagnostics, level: level)
    } else {
      (vcov, bootstrap) = (VcovSpec.read(r, schema: schema, diagnostics: diagnostics), nil)
    }
    (formula, parsed) = r.modelFormula(
      example: example, schema: schema, allowFixedEffects: allowFixedEffects)
  }

  /// A fit request for `model` with the formula and the requested covariance.
  func request(model: String) -> FitRequest {
    var request = FitRequest(model: model, formula: formula)
    request.covariance = vcov
    request.level = level
    return request
  }

  /// The result document of `result`, with the wild cluster bootstrap's section when one was
  /// requested.
  /// - Throws: what the bootstrap throws (e.g. too few clusters).
  func document(_ result: any CoreRegressionFit) throws -> JSONValue {
    guard let bootstrap else { return ResultDocument.make(result, level: level) }
    let bootstrapped = try WildBootstrappedFit(
      result, cluster: bootstrap.cluster, options: bootstrap.options)
    return ResultDocument.make(bootstrapped, level: level)
  }
}
