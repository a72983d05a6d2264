import Foundation
import VETStat

extension FitCommand {
  /// The options only `--model did` takes (the kind's design options), by flag, when given.
  var didOptionsGiven: [String] {
    let given: [String: Bool] = [
      "first-treated": firstTreated != nil, "control": control != nil,
      "estimator": estimator != nil, "base-period": basePeriod != nil, "sample": sample != nil,
      "anticipation": anticipation != nil,
    ]
    return DiDAnalysis.designOptions.filter { given[$0] == true }.map { "--" + $0 }
  }

  /// `vetstat fit --model did`: Callaway and Sant'Anna (2021) through the model registry, as the
  /// spec's `kind: did` fits it, the formula giving the outcome and the covariates (as csdid's
  /// `xformla`); prints its two tables, or with `--json` the analysis's result document.
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
    var request = FitRequest(model: "did", formula: formula)
    request.callawaySantAnna = try didOptions()
    request.level = level
    let table = try prepared(
      noted(DataReader.load(path: data, options: reading.readerOptions())))
    let fit = try ModelRegistry.fit(request, data: table)
    print(
      json ? fit.document(level: level).serialized() : fit.summary(source: data, level: level),
      terminator: "")
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
}
