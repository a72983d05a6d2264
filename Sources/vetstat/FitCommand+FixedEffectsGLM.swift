import Foundation
import VETStat

extension FitCommand {
  /// Fits a GLM with fixed effects (`--model logit|probit|poisson` with `| fe1 + fe2` in the
  /// formula) by `FixedEffectsGLM.fit` and prints its table or result document; false when the
  /// formula has no fixed effects. The covariance defaults to clustering by the first fixed
  /// effect with fixest's small-sample rule.
  /// - Throws: `UsageError` for GLM options the fixed-effects fit does not take (exit 2);
  ///   `ModelError` for an unsupported link (exit 2); `FixedEffectsError` when IRLS or the
  ///   demeaning does not converge (exit 1).
  func runFixedEffectsGLM(family: GLMFamily, options: FitOptions) throws -> Bool {
    guard try !Formula(formula).fixedEffects.isEmpty else { return false }
    var unsupported: [String] = []
    if offset != nil { unsupported.append("--offset") }
    if margins { unsupported.append("--margins") }
    if exponentiate { unsupported.append("--exponentiate") }
    if options.weights != nil { unsupported.append("--weights") }
    if !unsupported.isEmpty {
      throw UsageError(
        "\(unsupported.joined(separator: ", ")) cannot be combined with fixed effects after '|' "
          + "in a \(family) model")
    }
    let table = try CSVReader.read(path: data)
    let result = try FixedEffectsGLM.fit(
      formula, data: table, family: family,
      vcov: options.usesDefaultCovariance ? nil : options.covariance,
      maxIterations: maxIterations ?? 100)
    print(
      json
        ? ResultDocument.make(result, level: level).serialized()
        : ModelSummaryText.render(result, source: data, level: level), terminator: "")
    return true
  }
}
