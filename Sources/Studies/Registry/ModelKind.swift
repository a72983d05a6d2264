import DataTable
import Inference

/// One kind of model that both `vetstat fit` and study specs reach through `ModelRegistry`: its
/// names and spec keys (as an `AnalysisKind`: `kindNames`, `keys`, validation and the report's
/// part), the `vetstat fit` options it uses, and one `fit` that both paths call.
///
/// Adding a model is one estimator file in Models, one file with a type conforming to this
/// protocol, and its line in `ModelRegistry.kinds` (see the "Adding a model" article).
public protocol ModelKind: AnalysisKind {
  /// The `vetstat fit` options this kind uses besides `--formula`, `--model`, `--vcov`,
  /// `--cluster`, `--small-sample`, `--level` and `--json`.
  static var cliOptions: [String] { get }
  /// Fits a request on a table.
  /// - Parameters:
  ///   - request: the model, formula and options.
  ///   - data: the table.
  /// - Returns: the fit.
  /// - Throws: model, data and formula errors (exit 2), convergence errors (exit 1).
  static func fit(_ request: FitRequest, data: DataTable) throws -> ModelFit
  /// How the text summary words a result of this kind, or `nil` when the result is not one.
  /// - Parameter result: any fitted result.
  /// - Returns: the style.
  static func summaryStyle(of result: any RegressionFit) -> SummaryStyle?
}
