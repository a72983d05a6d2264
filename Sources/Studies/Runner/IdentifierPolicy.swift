import DataTable

/// Whom an identifying column points at.
///
/// The rules differ: a filter may select institutions (its text is then withheld from the report)
/// but never learners.
public enum IdentifierKind: String, Sendable, Equatable {
  /// A learner (the panel unit and everything tracked from it, declared or detected columns).
  case learner
  /// An institution (a school: `school_id`, the panel group, a join key to a school table).
  case institution
}

/// One identifying column, what it identifies and why it counts as identifying.
public struct IdentifyingColumn: Sendable, Equatable {
  /// The column name.
  public let name: String
  /// Learner or institution.
  public let kind: IdentifierKind
  /// Why, worded to follow "'name' is", such as "derived from the learner identifier
  /// 'learner_id' (derive.lid)".
  public let reason: String
}

/// Which columns of a study's data identify people or institutions, found by what they are
/// rather than what they are called. A column is identifying when it is
/// - the panel unit (`data.panel.unit`, a learner identifier) or the panel group (an institution);
/// - declared in `data.identifiers` (a learner identifier);
/// - named `id` or `*_id` (an institution identifier unless another rule makes it a learner's);
/// - a join key, or a column brought over from a joined file's key (learner when the key is a
///   learner identifier, else institution);
/// - derived (`derive:`) from an identifying column, transitively (learner when any source is);
/// - detected: a text or integer column whose distinct non-missing values number at least half
///   the distinct learners (panel units; rows when no panel is declared) and at least `min_cell`
///   (a learner identifier). Doubles and the panel time column are never detected, so
///   continuous covariates (`ses`) are not flagged; a whole-number covariate that is wrongly
///   flagged can be declared `double` in `data.types`.
///
/// Identifying columns may link, group internally, cluster and absorb, but never appear in an
/// output: analyses refuse them as published cells or terms, and a filter may not read a learner
/// identifier (it would select individual learners).
public struct IdentifierPolicy: Sendable {
  /// The identifying columns in the table's column order.
  public let columns: [IdentifyingColumn]

  /// No identifying column.
  public static let none = IdentifierPolicy(columns: [])

  /// Names of every identifying column.
  public var names: Set<String> { Set(columns.map(\.name)) }

  /// Names of the learner identifiers.
  public var learnerNames: Set<String> { Set(columns.filter { $0.kind == .learner }.map(\.name)) }

  /// The entry for `name`, if it identifies.
  public func column(_ name: String) -> IdentifyingColumn? { columns.first { $0.name == name } }

  /// The refusal message for publishing `name` as `use` ("a by variable", "a model term"):
  /// `'lid' is derived from the learner identifier 'learner_id' (derive.lid); it cannot be a by
  /// variable`.
  public func refusal(_ name: String, use: String) -> String {
    let why = column(name)?.reason ?? "an identifier"
    return "'\(name)' is \(why); it cannot be \(use) (its values would be published)"
  }

  /// The fewest distinct values that make a text or integer column a detected learner
  /// identifier: half the distinct learners (rounded up), and at least `minCell`.
  public static func detectionThreshold(learners: Int, minCell: Int) -> Int {
    max(minCell, (learners + 1) / 2)
  }

  /// Finds the identifying columns of a prepared study and checks the filter.
  /// - Parameters:
  ///   - spec: the study spec (panel, declared identifiers, joins, derive, filter).
  ///   - table: the table after join and derive, before the filter (a filter keeping few rows
  ///     must not hide an identifier from detection).
  ///   - diagnostics: unknown declared columns and a filter on a learner identifier are reported.
  /// - Returns: the policy.
  static func make(_ spec: StudySpec, table: DataTable, diagnostics: SpecDiagnostics)
    -> IdentifierPolicy
  {
    var found: [String: IdentifyingColumn] = [:]
    func mark(_ name: String, _ kind: IdentifierKind, _ reason: String) {
      guard table[name] != nil else { return }
      if let old = found[name], old.kind == .learner || kind == .institution { return }
      found[name] = IdentifyingColumn(name: name, kind: kind, reason: reason)
    }
    let source = spec.data
    let panel = source?.panel
    if let unit = panel?.unit {
      mark(unit, .learner, "the panel unit (data.panel.unit), a learner identifier")
    }
    for declared in source?.identifiers ?? [] {
      if table[declared.name] == nil {
        diagnostics.unknown(
          "column", name: declared.name, among: table.columnNames, keyPath: "data.identifiers",
          line: declared.line)
      }
      mark(declared.name, .learner, "declared a learner identifier (data.identifiers)")
    }
    let units = learnerCount(table, unit: panel?.unit)
    let threshold = detectionThreshold(learners: units, minCell: spec.disclosure.minCell)
    // The panel time column counts periods, not people; it is never detected.
    for column in table.columns where found[column.name] == nil && column.name != panel?.time {
      let distinct = detectableDistinctCount(column)
      guard distinct >= threshold else { continue }
      let of = panel?.unit == nil ? "rows" : "learners"
      mark(
        column.name, .learner,
        "a learner identifier by its values (\(distinct) distinct values for \(units) \(of), "
          + "at least half as many as \(of))")
    }
    if let group = panel?.group {
      mark(group, .institution, "the panel group (data.panel.group), an institution identifier")
    }
    for join in source?.joins ?? [] {
      for key in join.by {
        let kind = found[key]?.kind ?? .institution
        mark(key, kind, "the join key of \(join.keyPath)")
        for brought in join.columns ?? [] where brought == key {
          mark(
            join.prefix + key, kind, "a copy of the join key '\(key)' of \(join.keyPath).columns")
        }
      }
    }
    for name in table.columnNames
    where name.lowercased() == "id" || name.lowercased().hasSuffix("_id") {
      mark(name, .institution, "named as an identifier ('id' or '*_id')")
    }
    for derived in spec.derive {
      let sources = derived.expression.columnNames.compactMap { found[$0] }
      guard let first = sources.first(where: { $0.kind == .learner }) ?? sources.first else {
        continue
      }
      mark(
        derived.name, first.kind,
        "derived from the \(first.kind.rawValue) identifier '\(first.name)' (derive.\(derived.name))"
      )
    }
    let policy = IdentifierPolicy(
      columns: table.columnNames.compactMap { found[$0] })
    if let filter = source?.filter {
      for name in filter.expression.columnNames {
        guard let column = policy.column(name), column.kind == .learner else { continue }
        diagnostics.report(
          "data.filter", line: filter.line,
          "'\(name)' is \(column.reason); a filter on it selects individual learners and is "
            + "refused (filter on characteristics such as age or year instead)")
      }
    }
    return policy
  }

  /// Distinct learners in a table: distinct values of the panel unit, or rows without one.
  static func learnerCount(_ table: DataTable, unit: String?) -> Int {
    LearnerIndex(table: table, unit: unit).learnerCount
  }

  /// Distinct non-missing values of a text or integer column; 0 for other columns.
  static func detectableDistinctCount(_ column: Column) -> Int {
    switch column.values {
    case .int(let values):
      var seen = Set<Int>()
      for (row, v) in values.enumerated() where !column.isMissing(row) { seen.insert(v) }
      return seen.count
    case .text(let codes, _):
      return Set(codes.filter { $0 >= 0 }).count
    case .double, .bool:
      return 0
    }
  }
}
