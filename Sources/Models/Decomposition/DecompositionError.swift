/// Errors of a two-group decomposition that are the user's to fix.
public enum DecompositionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The group column does not have exactly two values on the rows used.
  case groupLevels(column: String, count: Int)
  /// A design column does not vary within one group, so its coefficient there is not identified.
  case constantInGroup(term: String, group: String)
  /// A design column is collinear with the others on the pooled rows.
  case collinear(term: String)
  /// The group column also appears in the formula.
  case groupInFormula(column: String)
  /// A group has too few rows for its regression.
  case tooFewRows(group: String, rows: Int, needed: Int)
  /// An option the decomposition cannot honour with this formula or outcome.
  case unsupported(String)

  /// A one-line message naming the column or option concerned.
  public var description: String {
    switch self {
    case .groupLevels(let column, let count):
      return "group column '\(column)' has \(count) distinct value(s) on the rows used; "
        + "a two-group decomposition needs exactly 2"
    case .constantInGroup(let term, let group):
      return "'\(term)' does not vary within group \(group) (or is collinear with other terms "
        + "there): its coefficient in that group is not identified; drop or recode it"
    case .collinear(let term):
      return "'\(term)' is collinear with the other terms on the pooled rows"
    case .groupInFormula(let column):
      return "the group column '\(column)' must not appear in the formula: the decomposition "
        + "adds the group indicator itself where the reference needs it"
    case .tooFewRows(let group, let rows, let needed):
      return "group \(group) has \(rows) row(s); its regression needs more than \(needed)"
    case .unsupported(let message): return message
    }
  }
}
