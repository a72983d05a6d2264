import Foundation
import Testing

@testable import Disclosure

/// The presolve of the interval programs (`AtomPresolve`: published cells of one free atom fix
/// it) against the programs over every atom: the same intervals, and on large tables with every
/// margin the same protected result in a fraction of the time.
@Suite struct IntervalPresolveTests {
  /// A table over `sizes.count` variables with every margin, counts drawn so that about one
  /// interior cell in ten is below 10.
  static func cube(_ sizes: [Int], seed: UInt64) -> PublishedTable {
    var rng = SeededGenerator(seed: seed)
    let total = sizes.reduce(1, *)
    let counts = (0..<total).map { _ in
      Double.random(in: 0..<1, using: &rng) < 0.1
        ? Int.random(in: 0...9, using: &rng) : Int.random(in: 10...120, using: &rng)
    }
    var cells: [PublishedCell] = []
    for pattern in 0..<(1 << sizes.count) {
      var sums: [[String?]: Int] = [:]
      var order: [[String?]] = []
      for f in 0..<total {
        var rest = f
        var key = [String?](repeating: nil, count: sizes.count)
        for v in stride(from: sizes.count - 1, through: 0, by: -1) {
          if (pattern >> v) & 1 == 0 { key[v] = "l\(rest % sizes[v])" }
          rest /= sizes[v]
        }
        if sums[key] == nil { order.append(key) }
        sums[key, default: 0] += counts[f]
      }
      for key in order { cells.append(PublishedCell(levels: key, count: sums[key] ?? 0)) }
    }
    return PublishedTable(
      name: "cube", variables: sizes.indices.map { "v\($0)" }, cells: cells)
  }

  @Test("Random populations and random withheld cells: presolved intervals equal the full ones")
  func presolvedIntervalsEqualFullOnes() throws {
    var rng = SeededGenerator(seed: 77)
    var compared = 0
    for trial in 0..<600 {
      let population = RandomPopulation(using: &rng)
      let tables = try PublishedTables(tables: population.tables)
      let withheld = tables.cells.map { cell in
        (cell.count ?? 0) < 10 || Double.random(in: 0..<1, using: &rng) < 0.3
      }
      let targets = withheld.indices.filter { withheld[$0] }
      let fast = try IntervalSolver(tables: tables).intervals(withheld: withheld, targets: targets)
      let full = try IntervalSolver(tables: tables, presolve: false).intervals(
        withheld: withheld, targets: targets)
      #expect(fast.map(\.cell) == full.map(\.cell), "trial \(trial)")
      for (a, b) in zip(fast, full) {
        #expect(abs(a.lower - b.lower) <= 1e-6, "trial \(trial): \(a.lower) vs \(b.lower)")
        #expect(
          a.upper == b.upper || abs(a.upper - b.upper) <= 1e-6,
          "trial \(trial): \(a.upper) vs \(b.upper)")
        // The support comes from an optimal dual of the whole program: a published cell.
        #expect(a.support.allSatisfy { !withheld[$0] }, "trial \(trial)")
        compared += 1
      }
    }
    #expect(compared > 2_000)
  }

  @Test("An audit for its verdict gives the exact audit's verdicts, with inner intervals")
  func verdictAuditMatchesTheExactOne() throws {
    var rng = SeededGenerator(seed: 91)
    var inner = 0
    for trial in 0..<600 {
      let population = RandomPopulation(using: &rng)
      let tables = try PublishedTables(
        tables: population.tables.map { table in
          var table = table
          for c in table.cells.indices
          where (table.cells[c].count ?? 0) < 10 || Double.random(in: 0..<1, using: &rng) < 0.3 {
            table.cells[c].suppressed = true
          }
          return table
        })
      let exact = try SuppressionAudit.audit(tables, protectionLevel: 10)
      let verdict = try SuppressionAudit.audit(tables, protectionLevel: 10, exactIntervals: false)
      #expect(exact.cells.map(\.label) == verdict.cells.map(\.label), "trial \(trial)")
      for (a, b) in zip(exact.cells, verdict.cells) {
        #expect(a.isProtected == b.isProtected, "trial \(trial): \(a.label)")
        #expect(a.isExactlyRecoverable == b.isExactlyRecoverable, "trial \(trial)")
        #expect(b.lower >= a.lower - 1e-6 && b.upper <= a.upper + 1e-6, "trial \(trial)")
        if b.isExact {
          #expect(abs(a.lower - b.lower) <= 1e-6, "trial \(trial): \(a.label)")
        } else {
          #expect(b.isProtected, "trial \(trial): \(a.label)")
          inner += 1
        }
      }
    }
    #expect(inner > 100, "the shortcut is taken")
  }

  /// Tables with every margin whose interval programs took minutes unpresolved: protected, and
  /// the pattern passes an audit over the whole cross-classification without presolve.
  @Test(arguments: [[8, 6, 5], [10, 8, 6]])
  func largeTablesWithMargins(sizes: [Int]) throws {
    let table = Self.cube(sizes, seed: UInt64(sizes.reduce(0, +)))
    let clock = ContinuousClock()
    var plan: SuppressionPlan?
    let fast = try clock.measure {
      plan = try SecondarySuppression.protect(tables: [table], minCell: 10)
    }
    let result = try #require(plan)
    #expect(result.method == .hypercube)
    var flagged = table
    for c in flagged.cells.indices where result.suppressed[0][c] {
      flagged.cells[c].suppressed = true
      flagged.cells[c].count = nil
    }
    let audit = try SuppressionAudit.audit(
      PublishedTables(tables: [flagged], levels: [:], decompose: false), protectionLevel: 10,
      presolve: false)
    #expect(audit.passed)
    var line =
      "\(sizes.map(String.init).joined(separator: " x ")) with margins: "
      + "\(table.cells.count) cells, \(result.primaryCount) primary, "
      + "\(result.secondaryCount) secondary, \(fast) presolved"
    // The same protection without presolve, for the timing (minutes in a debug build).
    if ProcessInfo.processInfo.environment["VETSTAT_TIMING"] == "1" {
      var options = SuppressionOptions(protectionLevel: 10)
      options.presolve = false
      var slow: SuppressionPlan?
      let elapsed = try clock.measure {
        slow = try SecondarySuppression.protect(
          tables: [table], minCell: 10, options: options)
      }
      line += "; unpresolved \(elapsed), \(slow?.secondaryCount ?? -1) secondary"
    }
    print(line)
  }
}
