import DataTable
import Foundation
import Models

/// `kind: survival`: Kaplan-Meier curves by group with the log-rank test (stratified with
/// `strata`), plus a Cox proportional-hazards model (`method: cox`), a discrete-time hazard
/// model on person-period data (`method: discrete-hazard`) or Aalen-Johansen cumulative
/// incidence of competing outcomes (`method: cumulative-incidence`, `event` holding the outcome
/// code, 0 for censored), on spell data: one row per spell with its exit `time`, `event` and
/// optional `entry` time.
///
/// ```yaml
/// - {name: leaving, kind: survival, time: months, event: left_early, by: female}
/// - {name: leaving_cox, kind: survival, method: cox, time: months, event: left_early,
///    formula: "female + migrant", strata: track, cluster: learner_id}
/// ```
///
/// Published counts (learners per group, with events, and at risk at the risk-table times) go
/// through the study-wide suppression; curve points resting on fewer than `min_cell` learners at
/// risk are not published.
public struct SurvivalAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["survival"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "method", "time", "event", "entry", "by", "strata", "formula", "ties", "cluster", "level",
    "conf_type", "risk_times", "title", "link",
  ]

  /// What the analysis fits.
  enum Method: String, CaseIterable {
    case kaplanMeier = "kaplan-meier"
    case cox
    case discreteHazard = "discrete-hazard"
    case cumulativeIncidence = "cumulative-incidence"
  }

  /// Links of a discrete-time hazard model.
  enum HazardLink: String, CaseIterable {
    case logit
    case cloglog
  }

  let name: String
  let method: Method
  let time: String
  let event: String
  let entry: String?
  let by: String?
  let strata: String?
  let formula: String?
  let ties: CoxTies
  let link: HazardLink
  let cluster: String?
  let level: Double
  let confidenceType: SurvivalConfidenceType
  let riskTimes: [Double]?
  let title: String?
  /// Whether the result document is the Cox model's, with the curves under `survival`
  /// (`kind: cox`).
  var documentsCox = false

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    self.init(spec: spec, schema: schema, diagnostics: diagnostics, method: nil)
  }

  /// Validates the analysis entry with `method` fixed (`kind: cox`), or read from the spec.
  init?(
    spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics, method fixed: Method?
  ) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    func choice<T: RawRepresentable>(_ key: String, _ all: [T], _ fallback: T) -> T
    where T.RawValue == String {
      guard let text = r.string(key) else { return fallback }
      if let value = all.first(where: { $0.rawValue == text }) { return value }
      let names = all.map(\.rawValue)
      diagnostics.report(
        r.child(key), line: r.line(of: key),
        "unknown \(key) '\(text)'"
          + (nearestName(to: text, among: names).map { "; did you mean '\($0)'?" } ?? "")
          + " (\(names.joined(separator: ", ")))")
      return fallback
    }
    method = fixed ?? choice("method", Method.allCases, .kaplanMeier)
    ties = choice("ties", CoxTies.allCases, .efron)
    link = choice("link", HazardLink.allCases, .logit)
    confidenceType = choice("conf_type", SurvivalConfidenceType.allCases, .log)
    level = r.confidenceLevel()
    title = r.string("title")
    time = r.string("time", required: true) ?? ""
    event = r.string("event", required: true) ?? ""
    entry = r.string("entry")
    by = r.string("by")
    strata = r.string("strata")
    cluster = r.string("cluster")
    formula = r.string("formula").map(Self.rightHandSide)
    // Spell columns are read, never published as labels: a time column with many distinct
    // values may look like a learner identifier by its values and is accepted; a declared or
    // named identifier is not a time.
    for (key, column) in [("time", time), ("event", event), ("entry", entry ?? "")]
    where !column.isEmpty {
      guard
        schema.checkColumn(
          column, keyPath: r.child(key), line: r.line(of: key), diagnostics: diagnostics)
      else { continue }
      if Self.isNamedIdentifier(column, schema: schema) {
        diagnostics.report(
          r.child(key), line: r.line(of: key),
          schema.identifierPolicy.refusal(column, use: "a spell time or event"))
      }
    }
    for (key, column) in [("by", by), ("strata", strata)] {
      guard let column,
        schema.checkColumn(
          column, keyPath: r.child(key), line: r.line(of: key), diagnostics: diagnostics)
      else { continue }
      _ = schema.checkPublishable(
        column, as: key == "by" ? "a by variable" : "a stratum", keyPath: r.child(key),
        line: r.line(of: key), diagnostics: diagnostics)
    }
    if let cluster {
      _ = schema.checkColumn(
        cluster, keyPath: r.child("cluster"), line: r.line(of: "cluster"), diagnostics: diagnostics)
    }
    if let values = Self.numbers(r.node("risk_times")) {
      riskTimes = values
    } else {
      riskTimes = nil
      if r.entry("risk_times") != nil {
        diagnostics.report(
          r.child("risk_times"), line: r.line(of: "risk_times"),
          "risk_times must be a list of numbers, e.g. [0, 12, 24, 36]")
      }
    }
    let modelled = method == .cox || method == .discreteHazard
    if let formula, modelled {
      _ = FormulaCheck.check(
        "\(time) ~ \(formula)", keyPath: r.child("formula"), line: r.line(of: "formula"),
        schema: schema, allowFixedEffects: false, diagnostics: diagnostics)
    } else if method == .cox {
      diagnostics.report(
        r.child("formula"), line: r.line,
        "method: cox needs a formula (the covariates, e.g. \"female + age\")")
    } else if formula != nil || cluster != nil {
      diagnostics.report(
        r.child(formula != nil ? "formula" : "cluster"),
        line: r.line(of: formula != nil ? "formula" : "cluster"),
        "formula and cluster belong to method: cox or discrete-hazard")
    }
    if r.entry("ties") != nil && method != .cox {
      diagnostics.report(r.child("ties"), line: r.line(of: "ties"), "ties belongs to method: cox")
    }
    if r.entry("link") != nil && method != .discreteHazard {
      diagnostics.report(
        r.child("link"), line: r.line(of: "link"), "link belongs to method: discrete-hazard")
    }
    if diagnostics.issues.count > before { return nil }
  }

  /// The numbers of a list node, or `nil` when the node is absent or not a list of numbers.
  static func numbers(_ node: SpecNode?) -> [Double]? {
    guard let node, case .sequence(let items) = node.content else { return nil }
    var values: [Double] = []
    for item in items {
      guard case .scalar(let text, false) = item.content, let value = Double(text), value.isFinite
      else { return nil }
      values.append(value)
    }
    return values.isEmpty ? nil : values.sorted()
  }

  /// `~ a + b` or `a + b` as `a + b`.
  static func rightHandSide(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let tilde = trimmed.firstIndex(of: "~") else { return trimmed }
    return String(trimmed[trimmed.index(after: tilde)...]).trimmingCharacters(in: .whitespaces)
  }

  /// True for a column that is an identifier by declaration, name or role (not merely by the
  /// number of its distinct values, which a duration column may share with an identifier).
  static func isNamedIdentifier(_ column: String, schema: StudySchema) -> Bool {
    guard schema.identifiers.contains(column) else { return false }
    let reason = schema.identifierPolicy.column(column)?.reason ?? ""
    return !reason.contains("by its values")
  }
}
