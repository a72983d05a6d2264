import Foundation
import Testing
import VETStat

@testable import vetstat

/// `vetstat fit` and study specs reach every model through one registry: they accept the same
/// model names and the same covariance types, and a formula with `|` selects the fixed-effects
/// variant of the requested family in both.
@Suite struct ModelRegistryTests {
  /// A small panel: 24 units x 6 years with a continuous, a 0/1 and a count outcome, and a
  /// first treated year `g` (0: never; 2003 or 2005) of which `y` holds an effect of 0.8.
  static let panelCSV: String = {
    var lines = ["unit,year,x,z,w,y,b,c,g"]
    for unit in 1...24 {
      for year in 2001...2006 {
        let x = Double((unit * 37 + year * 11) % 17) / 4
        let z = Double((unit * 13 + year * 7) % 11) / 3
        let e = Double((unit * 29 + year * 17) % 13) / 6 - 1
        let g = [0, 2003, 2005][unit % 3]
        let effect = g > 0 && year >= g ? 0.8 : 0
        let y = 1 + 0.5 * x - 0.3 * z + Double(unit % 5) * 0.4 + e + effect
        let b = (x + e + Double(unit % 3)) > 3 ? 1 : 0
        let c = Int((x + z + e + 2).rounded())
        lines.append(
          "\(unit),\(year),\(x),\(z),\(1 + unit % 4),\(y),\(b),\(max(c, 0)),\(g)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }()

  /// The formula and extra CLI options that fit each model on the panel.
  static func usage(_ model: String) -> (formula: String, options: [String]) {
    switch model {
    case "logit", "probit": return ("b ~ x + z", [])
    case "poisson": return ("c ~ x + z", [])
    case "fe": return ("y ~ x + z | unit", [])
    case "wls": return ("y ~ x + z", ["--weights", "w"])
    case "lmm": return ("y ~ x + z + (1 | unit)", [])
    case "glmm": return ("b ~ x + z + (1 | unit)", [])
    case "cox": return ("~ x + z", ["--time", "year", "--event", "b"])
    case "did": return ("y ~ x + z", ["--first-treated", "g"] + panel)
    case "re", "fd", "between": return ("y ~ x + z", panel)
    default: return ("y ~ x + z", [])
    }
  }

  static let panel = ["--panel-unit", "unit", "--panel-time", "year"]

  /// The spec keys that fit each model as `usage` does on the command line.
  static func specEntry(_ model: String, formula: String) -> String {
    switch model {
    case "wls": return "formula: \"\(formula)\", weights: w"
    case "cox": return "formula: \"\(formula)\", time: year, event: b"
    case "did": return "outcome: y, covariates: [x, z], first_treated: g, bootstrap: false"
    default: return "formula: \"\(formula)\""
    }
  }

  static func write() throws -> (folder: URL, data: String) {
    let folder = try CLIRunner.temporaryDirectory()
    let dataFolder = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
    let data = dataFolder.appendingPathComponent("panel.csv")
    try Data(panelCSV.utf8).write(to: data)
    return (folder, data.path)
  }

  /// Runs a one-analysis study on the panel with `vetstat run` and returns its result document.
  ///
  /// Both paths run as the user runs them, in the `vetstat` process: an in-process study would
  /// use the test process's BLAS kernels, which on a CPU that OpenBLAS does not recognise differ
  /// from the ones `vetstat` selects (BLASKernelSelection), and with them the last bits.
  static func study(kind: String, formula: String, extra: String = "") throws -> [String: Any] {
    try study(kind: kind, entry: "formula: \"\(formula)\"\(extra)")
  }

  /// Runs a one-analysis study whose entry has the given keys besides `name` and `kind`.
  static func study(kind: String, entry: String) throws -> [String: Any] {
    let (folder, _) = try write()
    let spec = """
      study: registry
      data: {path: data/panel.csv, panel: {unit: unit, time: year}}
      analyses:
        - {name: m, kind: \(kind), \(entry)}
      outputs: [json]
      """
    let specURL = folder.appendingPathComponent("spec.yaml")
    try Data(spec.utf8).write(to: specURL)
    let out = folder.appendingPathComponent("out")
    let run = try CLIRunner.run(["run", specURL.path, "--out", out.path])
    guard run.status == 0 else {
      throw StudyRunFailure(message: run.stderr)
    }
    let data = try Data(contentsOf: out.appendingPathComponent("results.json"))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    let analyses = root["analyses"] as? [[String: Any]] ?? []
    return analyses.first?["result"] as? [String: Any] ?? [:]
  }

  /// The lists are one: the CLI's models and covariance names are the registry's, and every
  /// registry model is a spec kind.
  @Test func cliAndSpecListsAreTheRegistry() {
    #expect(FitOptions.availableModels == ModelRegistry.modelNames)
    #expect(FitOptions.covarianceNames == ModelRegistry.covarianceNames)
    let specKinds = Set(AnalysisRegistry.kindNames)
    #expect(ModelRegistry.modelNames.allSatisfy { specKinds.contains($0) })
    for model in [
      "ols", "wls", "logit", "probit", "poisson", "fe", "re", "fd", "between", "lmm", "glmm", "did",
      "cox",
    ] {
      #expect(ModelRegistry.modelNames.contains(model), "\(model)")
    }
  }

  /// Every registry model fits from the command line and from a spec, to the same estimates.
  @Test(arguments: ModelRegistry.modelNames)
  func everyModelFitsFromBothPaths(_ model: String) throws {
    let (formula, options) = Self.usage(model)
    let (_, data) = try Self.write()
    let cli = try CLIRunner.run(
      ["fit", data, "--formula", formula, "--model", model, "--json"] + options)
    #expect(cli.status == 0, "\(model): \(cli.stderr)")
    let fromCLI =
      try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any] ?? [:]
    let fromSpec = try Self.study(kind: model, entry: Self.specEntry(model, formula: formula))
    #expect(fromSpec["model"] as? String == fromCLI["model"] as? String, "\(model)")
    // A regression's coefficients; the aggregated effects of a DiD design.
    let estimates = { (document: [String: Any]) in
      (document["coefficients"] as? [[String: Any]] ?? document["aggregates"] as? [[String: Any]]
        ?? []).compactMap { $0["estimate"] as? Double }
    }
    #expect(!estimates(fromCLI).isEmpty)
    #expect(estimates(fromSpec) == estimates(fromCLI), "\(model)")
  }

  /// Every covariance type is accepted by both paths and gives the same standard errors.
  @Test(arguments: ModelRegistry.covarianceNames)
  func everyCovarianceFitsFromBothPaths(_ vcov: String) throws {
    let (_, data) = try Self.write()
    var options = ["--vcov", vcov]
    var specVcov = vcov
    switch vcov {
    case "cluster":
      options = ["--cluster", "unit"]
      specVcov = "{cluster: unit}"
    case "hac": options += ["--panel-unit", "unit", "--panel-time", "year"]
    case "driscoll-kraay": options += ["--panel-time", "year"]
    default: break
    }
    let cli = try CLIRunner.run(["fit", data, "--formula", "y ~ x + z", "--json"] + options)
    #expect(cli.status == 0, "\(vcov): \(cli.stderr)")
    let fromCLI =
      try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any] ?? [:]
    let fromSpec = try Self.study(kind: "ols", formula: "y ~ x + z", extra: ", vcov: \(specVcov)")
    #expect(fromSpec["vcov"] as? String == fromCLI["vcov"] as? String, "\(vcov)")
    let errors = { (document: [String: Any]) in
      (document["coefficients"] as? [[String: Any]] ?? []).compactMap { $0["std_error"] as? Double }
    }
    #expect(errors(fromSpec) == errors(fromCLI), "\(vcov)")
  }

  /// `|` in the formula selects the fixed-effects model without `--model fe`, and in a spec
  /// `kind: ols` with `|` fits it too.
  @Test func barSelectsTheFixedEffectsVariant() throws {
    let (_, data) = try Self.write()
    let plain = try CLIRunner.run(["fit", data, "--formula", "y ~ x + z | unit"])
    let explicit = try CLIRunner.run([
      "fit", data, "--formula", "y ~ x + z | unit", "--model", "fe",
    ])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout == explicit.stdout)
    #expect(plain.stdout.hasPrefix("Fixed-effects OLS"))
    let logit = try CLIRunner.run(
      ["fit", data, "--formula", "b ~ x + z | year", "--model", "logit"])
    #expect(logit.stdout.hasPrefix("Fixed-effects logit"), "\(logit.stderr)")
    let spec = try Self.study(kind: "ols", formula: "y ~ x + z | unit")
    #expect(spec["model"] as? String == "fe")
  }

  /// Spec and CLI report a covariance mistake with the same words.
  @Test func covarianceMistakesReadAlike() throws {
    let (_, data) = try Self.write()
    let cli = try CLIRunner.run(["fit", data, "--formula", "y ~ x", "--vcov", "hc9"])
    #expect(cli.status == 2)
    #expect(cli.stderr.contains("unknown covariance type 'hc9'"))
    #expect(throws: (any Error).self) {
      _ = try Self.study(kind: "ols", formula: "y ~ x", extra: ", vcov: hc9")
    }
    do {
      _ = try Self.study(kind: "ols", formula: "y ~ x", extra: ", vcov: hc9")
    } catch {
      #expect("\(error)".contains("unknown covariance type 'hc9'"), "\(error)")
    }
  }
}

/// `vetstat run` exited with an error; the message is its standard error.
struct StudyRunFailure: Error, CustomStringConvertible {
  let message: String
  var description: String { "vetstat run failed: \(message)" }
}
