import Foundation
import VETStat

extension FitCommand {
  /// The options only `--model did` takes, by flag, when given.
  var didOptionsGiven: [String] {
    [
      ("--first-treated", firstTreated), ("--control", control), ("--estimator", estimator),
      ("--base-period", basePeriod), ("--sample", sample),
      ("--anticipation", anticipation.map { String($0) }),
    ].compactMap { $0.1 == nil ? nil : $0.0 }
  }

  /// `vetstat fit --model did`: Callaway and Sant'Anna (2021) as the spec's `kind: did` fits it,
  /// the formula giving the outcome and the covariates (as csdid's `xformla`); prints its two
  /// tables, or with `--json` the analysis's result document.
  /// - Throws: `UsageError` for options `did` does not take or values it does not know;
  ///   `DiDError`, `FormulaError` and `DataError` from the fit and the reader.
  func runDiD() throws {
    var unsupported: [String] = []
    for (flag, given) in [
      ("--vcov", vcov != nil), ("--small-sample", smallSample != nil),
      ("--weights", weights != nil), ("--link", link != nil), ("--offset", offset != nil),
      ("--margins", margins), ("--exponentiate", exponentiate), ("--lags", lags != nil),
      ("--solver", solver != nil), ("--max-iterations", maxIterations != nil), ("--ml", ml),
      ("--nagq", nagq != nil), ("--time", time != nil), ("--event", event != nil),
      ("--entry", entry != nil), ("--strata", strata != nil), ("--ties", ties != nil),
    ] where given {
      unsupported.append(flag)
    }
    if let bootstrap, bootstrap.lowercased() != "multiplier" {
      throw UsageError(
        "--model did takes --bootstrap multiplier (uniform bands), not '\(bootstrap)'")
    }
    guard unsupported.isEmpty else {
      throw UsageError("--model did does not take \(unsupported.joined(separator: ", "))")
    }
    let options = try didOptions()
    let table = try prepared(
      noted(DataReader.load(path: data, options: reading.readerOptions())))
    let output = try DiDAnalysis.fitCallawaySantAnna(data: table, options: options)
    print(json ? output.document.serialized() : didText(output), terminator: "")
  }

  /// The fit's options from the command line.
  func didOptions() throws -> CallawaySantAnnaOptions {
    let parsed = try Formula(formula)
    guard let response = parsed.response?.text, parsed.fixedEffects.isEmpty,
      parsed.randomEffects.isEmpty
    else {
      throw UsageError(
        "--model did takes --formula \"outcome ~ covariates\" (\"outcome ~ 1\" without "
          + "covariates), got \"\(formula)\"")
    }
    guard let time = panelTime else {
      throw UsageError("--model did needs --panel-time (the period column)")
    }
    guard let firstTreated else {
      throw UsageError(
        "--model did needs --first-treated (the column of each unit's first treated period; 0 "
          + "or empty for never treated)")
    }
    let sampling: DiDSampling = try choice("--sample", sample) ?? .balancedPanel
    if sampling != .repeatedCrossSections, panelUnit == nil {
      throw UsageError(
        "--model did needs --panel-unit for a panel (or --sample repeated-cross-sections)")
    }
    var options = CallawaySantAnnaOptions(
      outcome: response, time: time,
      unit: sampling == .repeatedCrossSections ? nil : panelUnit, firstTreated: firstTreated)
    options.sampling = sampling
    options.covariates = parsed.terms.map(\.label)
    options.control = try choice("--control", control) ?? .neverTreated
    options.estimator = try choice("--estimator", estimator) ?? .doublyRobust
    options.basePeriod = try choice("--base-period", basePeriod) ?? .varying
    options.anticipation = anticipation ?? 0
    options.level = level
    if let cluster {
      guard !cluster.contains(",") else {
        throw UsageError("--model did clusters by one column, got --cluster \(cluster)")
      }
      options.cluster = cluster == options.unit ? nil : cluster
    }
    if bootstrap != nil {
      var boot = MultiplierBootstrapOptions(seed: UInt64(max(seed ?? 0, 0)))
      boot.replications = reps ?? 999
      boot.weights = try choice("--bootstrap-weights", bootstrapWeights) ?? .mammen
      options.bootstrap = boot
    }
    return options
  }

  /// The case of `T` that an option's value names (case-insensitive), `nil` when not given.
  /// - Throws: `UsageError` naming the flag and the choices for an unknown value.
  func choice<T: RawRepresentable & CaseIterable>(_ flag: String, _ text: String?) throws -> T?
  where T.RawValue == String {
    guard let text else { return nil }
    guard let value = T(rawValue: text.lowercased()) else {
      throw UsageError(
        "unknown \(flag) '\(text)' (choose "
          + T.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    return value
  }

  /// The text summary: what was fitted, the two tables with their notes, and the warnings.
  func didText(_ output: DiDAnalysis.FitOutput) -> String {
    let result = output.result
    func periods(_ values: [Double]) -> String {
      values.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) }
        .joined(separator: ", ")
    }
    var text = "Outcome: \(result.options.outcome); covariates: "
    text += result.covariateNames.isEmpty ? "none" : result.covariateNames.joined(separator: ", ")
    text += "\nUnits: \(result.units); observations: \(result.observations)"
    if let clusters = result.clusterCount { text += "; clusters: \(clusters)" }
    text += "\nPeriods: \(periods(result.times)); cohorts: \(periods(result.groups))\n"
    for table in output.tables {
      let title = table.title.replacingOccurrences(of: "did: ", with: "")
      text += "\n" + title.prefix(1).uppercased() + title.dropFirst() + "\n\n"
      text +=
        TextTable(header: table.header, rows: table.rows.map { $0.map(\.text) }).rendered() + "\n"
      for note in table.notes { text += "\n" + note + "\n" }
    }
    if !result.warnings.isEmpty {
      text += "\nWarnings:\n" + result.warnings.map { "- \($0)\n" }.joined()
    }
    return "Callaway and Sant'Anna difference-in-differences: \(data)\n" + text
  }
}
