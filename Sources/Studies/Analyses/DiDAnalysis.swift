import DataTable
import Formula
import Foundation
import Models

/// The `did` kind: difference-in-differences under staggered adoption.
///
/// `method:` picks the estimator; each method is one case of `DiDMethod` and one branch of `run(_:)`.
///
/// ```yaml
/// - {name: impact, kind: did, method: callaway-santanna, estimator: dr, outcome: stem_score,
///    first_treated: adoption_year, control: not-yet-treated, cluster: school_id}
/// ```
public struct DiDAnalysis: AnalysisKind {
  /// The `kind:` names this analysis answers to.
  public static let kindNames = ["did"]
  /// The spec keys this kind accepts besides `name` and `kind`.
  public static let keys = [
    "method", "estimator", "outcome", "first_treated", "control", "covariates", "cluster",
    "anticipation", "base_period", "unit", "time", "sample", "level", "window", "balance_e",
    "bootstrap", "title",
  ]

  /// The DiD methods of DESIGN.md section 5.
  enum Method: String, CaseIterable {
    case callawaySantAnna = "callaway-santanna"
    case sunAbraham = "sun-abraham"
    case twfe
    case bacon

    /// Whether the method is a regression on a unit x period panel (not repeated cross-sections).
    var needsPanel: Bool { self != .callawaySantAnna }
  }

  let name: String
  let method: Method
  let options: CallawaySantAnnaOptions
  let window: ClosedRange<Double>?
  let balanceEvents: Double?
  let title: String?

  /// Validates the analysis entry, reporting every problem with its key path and line.
  public init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics) {
    let r = spec.reader(diagnostics)
    let before = diagnostics.issues.count
    name = spec.name
    title = r.string("title")
    method = r.choice("method") ?? .callawaySantAnna
    func column(_ key: String, required: Bool, numeric: Bool, fallback: String? = nil) -> String {
      guard let value = r.string(key, required: required && fallback == nil) ?? fallback else {
        return ""
      }
      let keyPath = r.entry(key) == nil ? "data.panel" : r.child(key)
      let line = r.entry(key) == nil ? (schema.panel?.line ?? r.line) : r.line(of: key)
      if schema.checkColumn(value, keyPath: keyPath, line: line, diagnostics: diagnostics),
        numeric, schema.table[value]?.isNumeric == false
      {
        diagnostics.report(keyPath, line: line, "column '\(value)' must be numeric")
      }
      return value
    }
    let outcome = column("outcome", required: true, numeric: true)
    let firstTreated = column("first_treated", required: true, numeric: true)
    let time = column("time", required: true, numeric: true, fallback: schema.panel?.time)
    if time.isEmpty {
      diagnostics.report(
        r.child("time"), line: r.line,
        "kind did needs the period column: time: ... or data: {panel: {time: ...}}")
    }
    let sampling: DiDSampling = r.choice("sample") ?? .balancedPanel
    var unit: String? = nil
    if sampling != .repeatedCrossSections {
      let value = column("unit", required: false, numeric: false, fallback: schema.panel?.unit)
      if value.isEmpty {
        diagnostics.report(
          r.child("unit"), line: r.line,
          "a panel needs the unit column: unit: ... or data: {panel: {unit: ...}} (or sample: "
            + "repeated-cross-sections)")
      }
      unit = value
    }
    var options = CallawaySantAnnaOptions(
      outcome: outcome, time: time, unit: unit, firstTreated: firstTreated)
    options.sampling = sampling
    options.control = r.choice("control") ?? .neverTreated
    options.estimator = r.choice("estimator") ?? .doublyRobust
    options.basePeriod = r.choice("base_period") ?? .varying
    options.level = r.confidenceLevel()
    if let a = r.double("anticipation") {
      if a < 0 || !a.isFinite {
        diagnostics.report(
          r.child("anticipation"), line: r.line(of: "anticipation"), "must be 0 or more periods")
      }
      options.anticipation = a
    }
    if let cluster = r.string("cluster") {
      _ = schema.checkColumn(
        cluster, keyPath: r.child("cluster"), line: r.line(of: "cluster"),
        diagnostics: diagnostics)
      options.cluster = cluster == unit ? nil : cluster
    }
    for covariate in r.names("covariates") ?? [] {
      Self.checkCovariate(
        covariate.name, keyPath: r.child("covariates"), line: covariate.line, schema: schema,
        diagnostics: diagnostics)
      options.covariates.append(covariate.name)
    }
    options.bootstrap = Self.bootstrap(r, diagnostics: diagnostics)
    window = Self.window(r, diagnostics: diagnostics)
    balanceEvents = r.double("balance_e")
    self.options = options
    if method.needsPanel {
      Self.checkRegressionMethod(method, options: options, reader: r, diagnostics: diagnostics)
    }
    if diagnostics.issues.count > before { return nil }
  }

  /// What the regression methods (`twfe`, `sun-abraham`, `bacon`) do not take: repeated
  /// cross-sections, covariates, and (Sun-Abraham) not-yet-treated controls.
  static func checkRegressionMethod(
    _ method: Method, options: CallawaySantAnnaOptions, reader r: SpecReader,
    diagnostics: SpecDiagnostics
  ) {
    let label = "method \(method.rawValue)"
    if options.sampling == .repeatedCrossSections {
      diagnostics.report(
        r.child("sample"), line: r.line(of: "sample"),
        "\(label) needs a unit x period panel; repeated cross-sections take callaway-santanna")
    }
    if !options.covariates.isEmpty {
      diagnostics.report(
        r.child("covariates"), line: r.line(of: "covariates"),
        "\(label) takes no covariates here; use callaway-santanna with estimator: dr")
    }
    if method == .sunAbraham, options.control == .notYetTreated {
      diagnostics.report(
        r.child("control"), line: r.line(of: "control"),
        "sun-abraham compares with never-treated units (or, when there are none, the "
          + "last-treated cohort); write control: never-treated or leave it out")
    }
  }

  /// A covariate term: its columns exist and none identifies people (term names are published).
  static func checkCovariate(
    _ text: String, keyPath: String, line: Int, schema: StudySchema, diagnostics: SpecDiagnostics
  ) {
    do {
      let formula = try Formula("~ " + text)
      for (variable, _) in formula.variables {
        guard
          schema.checkColumn(variable, keyPath: keyPath, line: line, diagnostics: diagnostics)
        else { continue }
        _ = schema.checkPublishable(
          variable, as: "a covariate", keyPath: keyPath, line: line, diagnostics: diagnostics)
      }
    } catch {
      diagnostics.report(keyPath, line: line, "bad covariate '\(text)': \(error)")
    }
  }

  /// `bootstrap: false`, or `{reps: 999, weights: mammen}` (the default, seeded by the study).
  static func bootstrap(_ r: SpecReader, diagnostics: SpecDiagnostics)
    -> MultiplierBootstrapOptions?
  {
    var options = MultiplierBootstrapOptions(seed: 0)
    guard let node = r.node("bootstrap") else { return options }
    if case .scalar(let text, _) = node.content {
      if ["false", "no", "off"].contains(text.lowercased()) { return nil }
      if ["true", "yes", "on"].contains(text.lowercased()) { return options }
    }
    guard let m = r.mapping("bootstrap", allowed: ["reps", "weights"]) else { return options }
    if let reps = m.int("reps") {
      if reps < 99 {
        diagnostics.report(
          m.child("reps"), line: m.line(of: "reps"), "use at least 99 replications")
      }
      options.replications = reps
    }
    options.weights = m.choice("weights") ?? .mammen
    return options
  }

  /// `window: [-4, 4]`: the event times of the dynamic aggregation.
  static func window(_ r: SpecReader, diagnostics: SpecDiagnostics) -> ClosedRange<Double>? {
    guard let values = r.names("window") else { return nil }
    let numbers = values.compactMap { Double($0.name) }
    guard numbers.count == 2, numbers[0] <= numbers[1] else {
      diagnostics.report(
        r.child("window"), line: r.line(of: "window"),
        "window must be two event times, lowest first, e.g. [-4, 4]")
      return nil
    }
    return numbers[0]...numbers[1]
  }

  /// Runs the method on the prepared study data.
  public func run(_ context: AnalysisContext) throws -> AnalysisOutcome {
    switch method {
    case .callawaySantAnna:
      var options = self.options
      options.bootstrap?.seed = context.seed
      let result = try CallawaySantAnna.fit(
        data: context.data, options: options, window: window, balanceEvents: balanceEvents)
      return outcome(result, context: context)
    case .twfe: return try runEventStudy(context)
    case .sunAbraham: return try runSunAbraham(context)
    case .bacon: return try runBacon(context)
    }
  }
}
