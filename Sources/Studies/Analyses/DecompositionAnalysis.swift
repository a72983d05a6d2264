import DataTable
import Foundation
import Inference
import Models

/// The `decomposition` kind: how much of a gap between two groups observed characteristics
/// explain (Oaxaca-Blinder for a continuous outcome, Fairlie for a binary one).
///
/// ```yaml
/// - {name: gap, kind: decomposition, formula: "stem_score ~ prior + C(track)", group: female,
///    reference: pooled, threefold: true, categorical: true, cluster: school_id}
/// - {name: fixed, kind: decomposition, formula: "stem_score ~ prior", group: female,
///    fixed_regressors: true}
/// - {name: enrol, kind: decomposition, method: fairlie, formula: "stem ~ prior + C(track)",
///    group: female, link: logit, replications: 200}
/// ```
public struct DecompositionAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["decomposition"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "method", "formula", "group", "reference", "threefold", "categorical", "vcov", "cluster",
    "fixed_regressors", "link", "replications", "seed", "random_order", "title",
  ]

  /// The decomposition methods.
  enum Method: String, CaseIterable {
    case oaxaca
    case fairlie
  }

  /// The covariances `vcov:` names for Oaxaca-Blinder.
  enum Covariance: String, CaseIterable {
    case classic
    case robust
  }

  /// The links `link:` names for Fairlie.
  enum Link: String, CaseIterable {
    case logit
    case probit
  }

  let name: String
  let title: String?
  let method: Method
  let formula: String
  let group: String
  let oaxaca: OaxacaBlinderOptions
  let fairlie: FairlieOptions
  let seedGiven: Bool

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    title = r.string("title")
    method = r.choice("method") ?? .oaxaca
    formula = r.string("formula", required: true) ?? ""
    if !formula.isEmpty,
      let parsed = FormulaCheck.check(
        formula, keyPath: r.child("formula"), line: r.line(of: "formula"), schema: schema,
        allowFixedEffects: false, diagnostics: diagnostics)
    {
      for (variable, _) in parsed.variables where schema.table[variable] != nil {
        _ = schema.checkPublishable(
          variable, as: "a term", keyPath: r.child("formula"), line: r.line(of: "formula"),
          diagnostics: diagnostics)
      }
    }
    group = r.string("group", required: true) ?? ""
    if !group.isEmpty,
      schema.checkColumn(
        group, keyPath: r.child("group"), line: r.line(of: "group"), diagnostics: diagnostics)
    {
      _ = schema.checkPublishable(
        group, as: "a group", keyPath: r.child("group"), line: r.line(of: "group"),
        diagnostics: diagnostics)
    }
    var oaxaca = OaxacaBlinderOptions()
    oaxaca.reference = r.choice("reference") ?? .pooled
    oaxaca.threefold = r.bool("threefold") ?? false
    oaxaca.normaliseCategorical = r.bool("categorical") ?? false
    let covariance: Covariance = r.choice("vcov") ?? .classic
    oaxaca.covariance = covariance == .robust ? .robust : .classic
    if let cluster = r.string("cluster") {
      _ = schema.checkColumn(
        cluster, keyPath: r.child("cluster"), line: r.line(of: "cluster"),
        diagnostics: diagnostics)
      oaxaca.covariance = .cluster(cluster)
    }
    // Stata `oaxaca, fixed`: the covariate means carry no sampling variance.
    oaxaca.fixedRegressors = r.bool("fixed_regressors") ?? false
    var fairlie = FairlieOptions()
    let link: Link = r.choice("link") ?? .logit
    fairlie.link = link == .probit ? .probit : .logit
    if let replications = r.int("replications") {
      if replications < 1 {
        diagnostics.report(
          r.child("replications"), line: r.line(of: "replications"), "must be 1 or more")
      }
      fairlie.replications = replications
    }
    let seed = r.int("seed")
    if let seed { fairlie.seed = UInt64(max(0, seed)) }
    seedGiven = seed != nil
    fairlie.randomOrder = r.bool("random_order") ?? false
    Self.checkMethodKeys(method, reader: r, diagnostics: diagnostics)
    if method == .fairlie, let reference = r.string("reference") {
      if let choice = FairlieOptions.Reference(rawValue: reference) {
        fairlie.reference = choice
      } else if oaxaca.reference.rawValue == reference {
        diagnostics.report(
          r.child("reference"), line: r.line(of: "reference"),
          "method fairlie takes reference a, b or pooled")
      }
    }
    self.oaxaca = oaxaca
    self.fairlie = fairlie
    if diagnostics.issues.count > before { return nil }
  }

  /// Keys that belong to the other method.
  static func checkMethodKeys(_ method: Method, reader r: SpecReader, diagnostics: SpecDiagnostics)
  {
    let foreign =
      method == .oaxaca
      ? ["link", "replications", "seed", "random_order"]
      : ["threefold", "categorical", "vcov", "cluster", "fixed_regressors"]
    for key in foreign where r.entry(key) != nil {
      diagnostics.report(
        r.child(key), line: r.line(of: key),
        "'\(key)' is not an option of method \(method.rawValue)")
    }
  }

  /// Decomposes on the study data; refuses when a group holds fewer than `min_cell` learners.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    let result: any EstimationResult
    let labels: (a: String, b: String)
    let counts: (a: Int, b: Int)
    switch method {
    case .oaxaca:
      let fit = try OaxacaBlinder.decompose(
        formula, data: context.data, group: group, options: oaxaca)
      (result, labels, counts) = (fit, fit.groupLabels, fit.groupCounts)
    case .fairlie:
      var options = fairlie
      if !seedGiven { options.seed = context.seed }
      let fit = try Fairlie.decompose(formula, data: context.data, group: group, options: options)
      (result, labels, counts) = (fit, fit.groupLabels, fit.groupCounts)
    }
    try checkGroupSizes(context, labels: labels)
    return outcome(result, labels: labels, counts: counts)
  }

  /// Throws when either group has fewer than `min_cell` distinct learners among the used rows.
  func checkGroupSizes(_ context: AnalysisContext, labels: (a: String, b: String)) throws {
    let column = try context.data.column(named: group)
    var learners = LearnerIndex(context)
    for label in [labels.a, labels.b] {
      let rows = (0..<context.data.rowCount).filter { row in
        guard !column.isMissing(row) else { return false }
        if column.isNumeric, let value = column.doubleValue(row) {
          return (value == value.rounded() ? String(Int(value)) : String(value)) == label
        }
        return column.stringValue(row) == label
      }
      let count = learners.count(rows: rows)
      if count < context.disclosure.minCell {
        throw AnalysisError.invalid(
          name,
          "group \(group) = \(label) holds fewer than min_cell (\(context.disclosure.minCell)) "
            + "learners; the decomposition is not published")
      }
    }
  }
}
