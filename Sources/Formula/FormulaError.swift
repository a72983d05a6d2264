/// Errors in a model formula: syntax, unknown names, unusable columns.
///
/// Each names the formula position (1-based character column) where it can.
public enum FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The formula text does not parse.
  case syntax(formula: String, column: Int, message: String)
  /// A variable that is not a column of the data.
  case unknownColumn(
    formula: String, column: Int, name: String, suggestion: String?, source: String?)
  /// A function that formulas do not know.
  case unknownFunction(formula: String, column: Int, name: String, suggestion: String?)
  /// A function called with the wrong arguments.
  case badArguments(formula: String, column: Int, function: String, message: String)
  /// A text column used where a number is needed (response, arithmetic).
  case notNumeric(formula: String, name: String)
  /// A column used by the formula has no non-missing value.
  case allMissing(name: String, source: String?)
  /// No row is left once rows with a missing value are dropped.
  case noCompleteRows(variables: [String], source: String?)
  /// A computed term is NaN or infinite on a row where its inputs are present (e.g. log(0)).
  case nonFinite(term: String, row: Int, source: String?)
  /// A panel function (`l`, `f`, `d`) used without a panel declaration (unit and time).
  case panelRequired(formula: String, column: Int, function: String)
  /// A model that cannot use part of the formula (e.g. fixed effects in plain OLS).
  case unsupported(formula: String, message: String)
  /// A text column that would become a factor with nearly one dummy per row, or whose values
  /// are numbers written in another format: refused unless marked a factor (`C(x)`, type
  /// `category`).
  case textAsFactor(name: String, levels: Int, rows: Int, sample: String, numbersAs: String?)

  /// A one-line message naming where the problem is.
  public var description: String {
    switch self {
    case .syntax(let formula, let column, let message):
      return "formula error at column \(column): \(message)\n  \(formula)\n  "
        + String(repeating: " ", count: max(0, column - 1)) + "^"
    case .unknownColumn(let formula, let column, let name, let suggestion, let source):
      return "formula error at column \(column): unknown column '\(name)'"
        + (source.map { " in \($0)" } ?? "")
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + "\n  \(formula)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
    case .unknownFunction(let formula, let column, let name, let suggestion):
      return "formula error at column \(column): unknown function '\(name)'"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        + "\n  \(formula)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
    case .badArguments(let formula, let column, let function, let message):
      return "formula error at column \(column): \(function)(): \(message)\n  \(formula)"
    case .notNumeric(let formula, let name):
      return "formula '\(formula)': '\(name)' is text and cannot be used as a number"
        + " (use C(\(name)) for a factor)"
    case .allMissing(let name, let source):
      return (source.map { "\($0): " } ?? "")
        + "column '\(name)' used in the formula has no non-missing value"
    case .noCompleteRows(let variables, let source):
      return (source.map { "\($0): " } ?? "")
        + "no row has all of \(variables.joined(separator: ", ")) present"
    case .nonFinite(let term, let row, let source):
      return (source.map { "\($0): " } ?? "")
        + "term '\(term)' is not finite on data row \(row) (e.g. log of a value <= 0)"
    case .panelRequired(let formula, let column, let function):
      return "formula error at column \(column): \(function)() works by unit and period and needs a"
        + " panel; declare one (unit and time columns, e.g. --unit learner_id --time year, or"
        + " DesignMatrix.build(_:data:panel:))\n  \(formula)\n  "
        + String(repeating: " ", count: max(0, column - 1)) + "^"
    case .unsupported(let formula, let message):
      return "formula '\(formula)': \(message)"
    case .textAsFactor(let name, let levels, let rows, let sample, let numbersAs):
      let why =
        numbersAs.map { "its values are numbers written with \($0) (e.g. \"\(sample)\")" }
        ?? "it has \(levels) distinct values in \(rows) rows (e.g. \"\(sample)\")"
      let fix =
        numbersAs.map { "read it as numbers with \($0) (data.decimal / data.thousands)" }
        ?? "give it the type double (types: {\(name): double}) if it holds numbers"
      return "column '\(name)' is text and would become a factor with \(levels - 1) dummy "
        + "columns, but \(why); \(fix), or mark it a factor with C(\(name)) or "
        + "types: {\(name): category}"
    }
  }
}
