import Testing

@testable import Disclosure

/// Random tables of one population: a finest cross-classification of 1 to 4 variables with
/// counts, and 1 to 3 tables over subsets of the variables, with or without margins, listing or
/// omitting empty groups.
struct RandomPopulation {
  var tables: [PublishedTable]
  var omitsEmpty: Bool

  init(using rng: inout SeededGenerator, maxVariables: Int = 4, maxTables: Int = 3) {
    let nv = Int.random(in: 1...maxVariables, using: &rng)
    let names = (0..<nv).map { "v\($0)" }
    let sizes = (0..<nv).map { _ in Int.random(in: 2...(nv >= 3 ? 2 : 3), using: &rng) }
    let total = sizes.reduce(1, *)
    var counts: [Int] = []
    for _ in 0..<total {
      let u = Double.random(in: 0..<1, using: &rng)
      counts.append(
        u < 0.1
          ? 0
          : u < 0.35
            ? Int.random(in: 1...9, using: &rng)
            : Int.random(in: 10...80, using: &rng))
    }
    omitsEmpty = Bool.random(using: &rng)
    let margins = Bool.random(using: &rng)
    var tables: [PublishedTable] = []
    for t in 0..<Int.random(in: 1...maxTables, using: &rng) {
      var vars = names.indices.filter { _ in Bool.random(using: &rng) }
      if vars.isEmpty { vars = [Int.random(in: 0..<nv, using: &rng)] }
      // Cells over every pattern of totals (margins) or the interior only.
      var cells: [PublishedCell] = []
      let patterns = margins ? (0..<(1 << vars.count)).map { $0 } : [0]
      for pattern in patterns {
        var sums: [[String?]: Int] = [:]
        var order: [[String?]] = []
        var digits = [Int](repeating: 0, count: nv)
        for f in 0..<total {
          var rest = f
          for v in stride(from: nv - 1, through: 0, by: -1) {
            digits[v] = rest % sizes[v]
            rest /= sizes[v]
          }
          let key: [String?] = vars.enumerated().map { k, v in
            (pattern >> k) & 1 == 1 ? nil : "l\(digits[v])"
          }
          if sums[key] == nil { order.append(key) }
          sums[key, default: 0] += counts[f]
        }
        for key in order {
          let n = sums[key] ?? 0
          if omitsEmpty && n == 0 && key.allSatisfy({ $0 != nil }) { continue }
          cells.append(PublishedCell(levels: key, count: n))
        }
      }
      tables.append(
        PublishedTable(name: "t\(t)", variables: vars.map { names[$0] }, cells: cells))
    }
    self.tables = tables
  }
}

/// Distinct cells of tables (a margin listed by two tables is one cell), found independently of
/// the library: by the set of (variable, level) pairs that defines them.
func distinctCells(_ tables: [PublishedTable]) -> [[CellReference]] {
  var index: [[String]: Int] = [:]
  var groups: [[CellReference]] = []
  for (t, table) in tables.enumerated() {
    for (c, cell) in table.cells.enumerated() {
      let key = zip(table.variables, cell.levels).compactMap { v, l in l.map { "\(v)=\($0)" } }
        .sorted()
      if let i = index[key] {
        groups[i].append(CellReference(table: t, cell: c))
      } else {
        index[key] = groups.count
        groups.append([CellReference(table: t, cell: c)])
      }
    }
  }
  return groups
}

/// The tables as published: withheld cells flagged and without their counts.
func published(_ tables: [PublishedTable], withheld: Set<CellReference>) -> [PublishedTable] {
  tables.enumerated().map { t, table in
    var table = table
    for c in table.cells.indices where withheld.contains(CellReference(table: t, cell: c)) {
      table.cells[c].suppressed = true
      table.cells[c].count = nil
    }
    return table
  }
}

/// The fewest distinct cells to withhold besides the primary ones so that the audit passes, by
/// trying every subset of the candidates in order of size; nil when the search would exceed
/// `limit` audits.
func exhaustiveOptimum(
  _ tables: [PublishedTable], primary: Set<Int>, protection: Double, limit: Int
) throws -> Int? {
  let groups = distinctCells(tables)
  let candidates = groups.indices.filter { !primary.contains($0) }
  var audits = 0
  func protects(_ chosen: [Int]) throws -> Bool {
    audits += 1
    var refs = Set<CellReference>()
    for g in Array(primary) + chosen { refs.formUnion(groups[g]) }
    // Over the whole cross-classification: independent of the clique decomposition.
    let report = try SuppressionAudit.audit(
      PublishedTables(tables: published(tables, withheld: refs), levels: [:], decompose: false),
      protectionLevel: protection)
    return report.passed
  }
  for k in 0...candidates.count {
    var found = false
    var overLimit = false
    func choose(_ start: Int, _ chosen: [Int]) throws {
      if found || overLimit { return }
      if chosen.count == k {
        if audits >= limit {
          overLimit = true
          return
        }
        if try protects(chosen) { found = true }
        return
      }
      guard start < candidates.count else { return }
      for i in start..<candidates.count { try choose(i + 1, chosen + [candidates[i]]) }
    }
    try choose(0, [])
    if found { return k }
    if overLimit { return nil }
  }
  return nil
}

/// The fewest secondary cells for one table with margins, by depth-first search over every
/// withheld/published assignment of the distinct cells with at most `maxSecondary` secondary
/// cells, pruned by the rule that a published total with exactly one withheld cell among its
/// children (the cells that split it by one variable) gives that cell away; every surviving
/// pattern is audited. Independent of the library's search; nil when none up to the limit.
func linePrunedOptimum(
  _ table: PublishedTable, minCell: Int, maxSecondary: Int
) throws -> Int? {
  let keys = table.cells.map(\.levels)
  var index: [[String?]: Int] = [:]
  for (i, k) in keys.enumerated() { index[k] = i }
  var levels: [[String]] = table.variables.map { _ in [] }
  for k in keys {
    for (v, l) in k.enumerated() where l != nil && !levels[v].contains(l ?? "") {
      levels[v].append(l ?? "")
    }
  }
  var lines: [(total: Int, children: [Int])] = []
  for (i, k) in keys.enumerated() {
    for v in k.indices where k[v] == nil {
      let children = levels[v].compactMap { l -> Int? in
        var c = k
        c[v] = l
        return index[c]
      }
      if children.count == levels[v].count { lines.append((i, children)) }
    }
  }
  var linesOf = [[Int]](repeating: [], count: keys.count)
  for (li, line) in lines.enumerated() {
    linesOf[line.total].append(li)
    for c in line.children { linesOf[c].append(li) }
  }
  var state = table.cells.map { ($0.count ?? 0) < minCell ? 1 : -1 }
  let order = keys.indices.filter { state[$0] == -1 }
  func consistent(_ li: Int) -> Bool {
    let line = lines[li]
    guard state[line.total] == 0, !line.children.contains(where: { state[$0] == -1 }) else {
      return true
    }
    return line.children.filter { state[$0] == 1 }.count != 1
  }
  var best: Int?
  func search(_ position: Int, _ used: Int) throws {
    if let best, used >= best { return }
    if position == order.count {
      let withheld = Set(
        keys.indices.filter { state[$0] == 1 }.map { CellReference(table: 0, cell: $0) })
      let report = try SuppressionAudit.audit(
        PublishedTables(tables: published([table], withheld: withheld)),
        protectionLevel: Double(minCell))
      if report.passed { best = used }
      return
    }
    let c = order[position]
    for value in [0, 1] where value == 0 || used < maxSecondary {
      state[c] = value
      if linesOf[c].allSatisfy(consistent) { try search(position + 1, used + value) }
      state[c] = -1
    }
  }
  try search(0, 0)
  return best
}
