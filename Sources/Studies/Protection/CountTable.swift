import DataTable

/// The rows that a count table counts, named by the set of rows itself: tables that count the
/// same rows are one population and are protected together.
public struct Population: Sendable, Hashable {
  /// A short hash of the row set (the same rows give the same id in every analysis).
  public let id: String
  /// What the rows are, for people (`rows with stem_score present`).
  public let description: String

  /// The population of `rows` of the prepared data.
  /// - Parameters:
  ///   - rows: the counted rows, in increasing order.
  ///   - description: what they are.
  public init(rows: some Sequence<Int>, description: String) {
    var hash = SHA256()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(4096)
    for row in rows {
      var v = UInt64(truncatingIfNeeded: row)
      for _ in 0..<8 {
        bytes.append(UInt8(truncatingIfNeeded: v))
        v >>= 8
      }
      if bytes.count >= 4096 {
        hash.update(bytes)
        bytes.removeAll(keepingCapacity: true)
      }
    }
    hash.update(bytes)
    id = String(SHA256.hex(hash.finalize()).prefix(12))
    self.description = description
  }

  /// The same rows (the description may differ: `all rows`, `rows with score present`).
  public static func == (a: Population, b: Population) -> Bool { a.id == b.id }

  /// Hashes the id.
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// One cell of a count table before suppression.
public struct CountCell: Sendable, Hashable {
  /// One level per variable of the table; `nil` is the total over that variable.
  public let levels: [String?]
  /// The count the table publishes (observations: learner-years in a panel).
  public let count: Int
  /// Distinct learners behind it (rows where no panel unit is declared): what `min_cell` counts.
  public let learners: Int
  /// Whether one institution holds more than the dominance share of its observations.
  public let dominated: Bool
  /// Whether the share published with this count reveals a sensitive count at 0 or 1 that is
  /// not protected as a cell of its own (see `BinarySplit.maximumCountCells`).
  public let revealsSensitiveCount: Bool

  /// A cell.
  public init(
    levels: [String?], count: Int, learners: Int, dominated: Bool = false,
    revealsSensitiveCount: Bool = false
  ) {
    self.levels = levels
    self.count = count
    self.learners = learners
    self.dominated = dominated
    self.revealsSensitiveCount = revealsSensitiveCount
  }
}

/// A table of counts that an analysis will publish, not yet suppressed.
///
/// Every combination of the variables' levels is listed (empty ones with count 0), so that no
/// table reveals a zero by leaving a cell out.
public struct CountTable: Sendable {
  /// `analysis/part` (`profile/levels:track`), for messages and the audit.
  public let id: String
  /// The rows counted.
  public let population: Population
  /// The classification variables, in the cells' level order.
  public let variables: [String]
  /// Interior cells and published margins.
  public let cells: [CountCell]
  /// Variables with counted rows whose value is missing: those rows count in totals over the
  /// variable but in none of its levels.
  public let variablesWithMissing: [String]

  /// A table.
  public init(
    id: String, population: Population, variables: [String], cells: [CountCell],
    variablesWithMissing: [String] = []
  ) {
    self.id = id
    self.population = population
    self.variables = variables
    self.cells = cells
    self.variablesWithMissing = variablesWithMissing
  }
}

/// What an analysis that publishes count tables hands the runner: the tables, and how to render
/// its outcome once the study-wide suppression is known.
public struct PendingTables: Sendable {
  /// The tables, unsuppressed.
  public let tables: [CountTable]
  /// Renders the outcome; `suppressed[t][c]` withholds cell `c` of table `t`.
  public let render: @Sendable (_ suppressed: [[Bool]]) -> AnalysisOutcome

  /// Tables and their renderer.
  public init(
    tables: [CountTable], render: @escaping @Sendable (_ suppressed: [[Bool]]) -> AnalysisOutcome
  ) {
    self.tables = tables
    self.render = render
  }
}

/// The combinations of the levels of some columns within some rows, and which rows fall in each.
struct CrossClassification {
  /// Sorted levels of each column among the rows (missing values left out).
  let levels: [[String]]
  /// For each combination (row-major over `levels`, last column fastest), its rows.
  let rows: [[Int]]
  /// Columns with a missing value in some row.
  let columnsWithMissing: [String]

  /// The most combinations a table may list.
  static let maximumCombinations = 1_000_000

  /// Classifies `rows` of `table` by `columns`.
  /// - Throws: `AnalysisError.invalid` naming `analysis` when the columns have more than
  ///   ``maximumCombinations`` combinations of levels.
  init(table: DataTable, by columns: [String], rows subset: [Int], analysis: String) throws {
    var levels: [[String]] = []
    var missing: [String] = []
    var codes: [[Int]] = []
    for name in columns {
      let grouping = Grouping(table: table, by: [name], rows: subset)
      levels.append(grouping.keys.map { $0[0] })
      var code = [Int](repeating: -1, count: table.rowCount)
      for (g, rows) in grouping.rows.enumerated() {
        for r in rows { code[r] = g }
      }
      if grouping.rows.reduce(0, { $0 + $1.count }) < subset.count { missing.append(name) }
      codes.append(subset.map { code[$0] })
    }
    var total = 1
    for list in levels {
      total = total.multipliedReportingOverflow(by: list.count).partialValue
      if total > Self.maximumCombinations {
        throw AnalysisError.invalid(
          analysis,
          "\(columns.joined(separator: " x ")) have more than \(Self.maximumCombinations) "
            + "combinations of levels; every combination is listed (empty ones too), so group by "
            + "fewer or coarser columns")
      }
    }
    var rows = [[Int]](repeating: [], count: total)
    for (i, row) in subset.enumerated() {
      var index = 0
      var complete = true
      for (c, list) in levels.enumerated() {
        let code = codes[c][i]
        if code < 0 {
          complete = false
          break
        }
        index = index * list.count + code
      }
      if complete { rows[index].append(row) }
    }
    self.levels = levels
    self.rows = rows
    columnsWithMissing = missing
  }

  /// The levels of combination `index`.
  func key(_ index: Int) -> [String] {
    var key = [String](repeating: "", count: levels.count)
    var rest = index
    for c in levels.indices.reversed() {
      key[c] = levels[c][rest % levels[c].count]
      rest /= levels[c].count
    }
    return key
  }
}
