extension Expression {
  /// Names of the columns the expression reads, each once, in order of first appearance (the
  /// walk over the syntax tree is `columns`); used to track identifier provenance through
  /// `derive:` and to check filters.
  public var columnNames: [String] { columns.map(\.name) }
}
