import DataTable

/// Derived columns and row subsets of a table, in the expression language of study specs
/// (`derive:` and `filter:`), for callers outside a spec such as `vetstat fit --derive --subset`.
public enum TableExpressions {
  /// A derive or subset that cannot be done: a bad expression, a name already taken, a subset
  /// that is not a condition or keeps no row.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// The message.
    public var description: String { message }
  }

  /// The table with a column `name` computed from `expression`.
  /// - Parameters:
  ///   - table: the data.
  ///   - name: the new column's name (not a column of `table`).
  ///   - expression: the expression text, e.g. `year - 2021`.
  /// - Returns: the table with the column added.
  /// - Throws: `Problem` naming the expression.
  public static func derive(_ table: DataTable, name: String, expression: String) throws(Problem)
    -> DataTable
  {
    if table[name] != nil {
      throw Problem(message: "'\(name)' is already a column of the data; choose a new name")
    }
    let (parsed, type) = try checked(expression, table: table)
    let values = ExpressionEvaluator(table: table, panel: nil).evaluate(parsed)
    do {
      return try table.replacingOrAdding(ExpressionEvaluator.column(name, values, type: type))
    } catch {
      throw Problem(message: "\(error)")
    }
  }

  /// The rows of `table` where `condition` is true (missing counts as false).
  /// - Parameters:
  ///   - table: the data.
  ///   - condition: a condition, e.g. `age >= 15 and age <= 29`.
  /// - Returns: the kept rows.
  /// - Throws: `Problem` for a bad expression, one that is not a condition, or no row kept.
  public static func subset(_ table: DataTable, where condition: String) throws(Problem)
    -> DataTable
  {
    let (parsed, type) = try checked(condition, table: table)
    guard type != .text,
      case .numbers(let keep) = ExpressionEvaluator(table: table, panel: nil).evaluate(parsed)
    else { throw Problem(message: "the subset must be a condition (true/false), not text") }
    let subset = table.gathering(rows: keep.indices.filter { !keep[$0].isNaN && keep[$0] != 0 })
    if subset.rowCount == 0 { throw Problem(message: "the subset \"\(condition)\" keeps no row") }
    return subset
  }

  private static func checked(_ text: String, table: DataTable) throws(Problem)
    -> (Expression, ExpressionType)
  {
    do {
      let expression = try Expression(parsing: text)
      var types: [String: ExpressionType] = [:]
      for column in table.columns { types[column.name] = ExpressionType(column: column) }
      return (expression, try expression.check(columns: types, hasPanel: false))
    } catch {
      throw Problem(message: "bad expression \(error): \(text)")
    }
  }
}
