import DataTable
import Formula
import Inference

/// The checks every estimator makes of its formula before it builds a design.
///
/// Whether it needs or refuses fixed effects after `|`, that it refuses random-effect terms
/// `( | )`, and which columns beyond the formula's must exist. Each model words its own messages,
/// so that they name the model a user should ask for instead.
enum ModelFormula {
  /// What a model does with fixed effects after `|`.
  enum FixedEffects {
    /// The model has none; the message says which model to use instead.
    case refused(String)
    /// The model needs them; the message shows how to write them.
    case required(String)
  }

  /// Parses `text` and applies the model's rules.
  /// - Parameters:
  ///   - text: the formula.
  ///   - fixedEffects: whether fixed effects after `|` are required or refused, with the message.
  ///   - randomEffects: the message when the formula has random-effect terms.
  /// - Returns: the parsed formula.
  /// - Throws: `FormulaError` for a bad formula or one the model does not take.
  static func parse(_ text: String, fixedEffects: FixedEffects, randomEffects: String) throws
    -> Formula
  {
    let parsed = try Formula(text)
    switch fixedEffects {
    case .refused(let message) where !parsed.fixedEffects.isEmpty,
      .required(let message) where parsed.fixedEffects.isEmpty:
      throw FormulaError.unsupported(formula: text, message: message)
    default: break
    }
    if !parsed.randomEffects.isEmpty {
      throw FormulaError.unsupported(formula: text, message: randomEffects)
    }
    return parsed
  }

  /// The covariance of a fixed-effects fit and the columns it needs beyond the formula.
  ///
  /// Without a request the covariance clusters by the first fixed effect, as fixest. A cluster
  /// column that is also a fixed effect is not listed again; one the data lacks is listed, so
  /// that the column check names it.
  /// - Parameters:
  ///   - parsed: a formula with fixed effects.
  ///   - vcov: the requested covariance, if any.
  ///   - data: the data.
  /// - Returns: the covariance in force and the extra columns it reads.
  static func fixedEffectsCovariance(
    _ parsed: Formula, vcov: CovarianceType?, data: DataTable
  ) -> (covariance: CovarianceType, extra: [String]) {
    let labels = parsed.fixedEffects.map(\.label)
    let covariance = vcov ?? .cluster([labels[0]], .fixest)
    let extra = covariance.requiredColumns.filter { data[$0] != nil || !labels.contains($0) }
    return (covariance, extra)
  }

  /// Checks that every column exists, throwing the data's error for the first that does not.
  static func requireColumns(_ names: [String], in data: DataTable) throws {
    for name in names { _ = try data.column(named: name) }
  }
}
