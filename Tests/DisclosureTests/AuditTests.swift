import Testing

@testable import Disclosure

/// A cell of a two-variable table; `nil` is a margin.
private func cell(_ a: String?, _ b: String?, _ n: Int, hidden: Bool = false) -> PublishedCell {
  PublishedCell(levels: [a, b], count: hidden ? nil : n, suppressed: hidden)
}

/// The 2 x 2 table [[3, 20], [15, 30]] with row, column and grand totals; `hide` lists the
/// interior cells withheld.
private func twoByTwo(hide: Set<String>, margins: Bool = true) throws -> PublishedTables {
  let counts = ["a1": 3, "a2": 20, "b1": 15, "b2": 30]
  var cells: [PublishedCell] = []
  for r in ["a", "b"] {
    for c in ["1", "2"] {
      cells.append(cell(r, c, counts[r + c] ?? 0, hidden: hide.contains(r + c)))
    }
  }
  if margins {
    cells += [
      cell("a", nil, 23), cell("b", nil, 45), cell(nil, "1", 18), cell(nil, "2", 50),
      cell(nil, nil, 68),
    ]
  }
  return try PublishedTables(tables: [
    PublishedTable(name: "t", variables: ["r", "c"], cells: cells)
  ])
}

private func interval(_ report: AuditReport, _ label: String) -> (Double, Double)? {
  report.cells.first { $0.label == label }.map { ($0.lower, $0.upper) }
}

@Suite("Suppression audit")
struct AuditTests {
  @Test("2 x 2 with margins: one withheld cell is recovered exactly")
  func oneCellRecovered() throws {
    let report = try SuppressionAudit.audit(twoByTwo(hide: ["a1"]), protectionLevel: 10)
    let (lo, hi) = try #require(interval(report, "r=a, c=1"))
    #expect(abs(lo - 3) <= 1e-9 && abs(hi - 3) <= 1e-9)
    #expect(!report.passed && report.exactlyRecoverable.count == 1)
  }

  @Test("2 x 2 with margins: two cells in one row are recovered from the column totals")
  func twoCellsRecovered() throws {
    let report = try SuppressionAudit.audit(twoByTwo(hide: ["a1", "a2"]), protectionLevel: 10)
    #expect(report.exactlyRecoverable.count == 2)
    #expect(interval(report, "r=a, c=2").map { $0.0 == 20 && $0.1 == 20 } == true)
  }

  @Test("2 x 2 with margins: all four withheld, intervals by hand")
  func rectangle() throws {
    // x11 = a in [max(0, C1 - R2), min(R1, C1)] = [0, 18]; x12 = 23 - a; x21 = 18 - a;
    // x22 = 27 + a.
    let report = try SuppressionAudit.audit(
      twoByTwo(hide: ["a1", "a2", "b1", "b2"]), protectionLevel: 10)
    let expected: [String: (Double, Double)] = [
      "r=a, c=1": (0, 18), "r=a, c=2": (5, 23), "r=b, c=1": (0, 18), "r=b, c=2": (27, 45),
    ]
    for (label, (lo, hi)) in expected {
      let got = try #require(interval(report, label))
      #expect(abs(got.0 - lo) <= 1e-9 && abs(got.1 - hi) <= 1e-9, "\(label): \(got)")
    }
    #expect(report.passed)
    // With protection level 19 the 18-wide intervals fail.
    let strict = try SuppressionAudit.audit(
      twoByTwo(hide: ["a1", "a2", "b1", "b2"]), protectionLevel: 19)
    #expect(strict.failures.count == 4)
  }

  @Test("2 x 2 diagonal withheld: each recovered from its row total")
  func diagonal() throws {
    let report = try SuppressionAudit.audit(twoByTwo(hide: ["a1", "b2"]), protectionLevel: 10)
    #expect(interval(report, "r=a, c=1").map { $0.0 == 3 && $0.1 == 3 } == true)
    #expect(interval(report, "r=b, c=2").map { $0.0 == 30 && $0.1 == 30 } == true)
  }

  @Test("Without margins nothing links the cells: [0, infinity)")
  func noMargins() throws {
    let report = try SuppressionAudit.audit(
      twoByTwo(hide: ["a1"], margins: false), protectionLevel: 10)
    let (lo, hi) = try #require(interval(report, "r=a, c=1"))
    #expect(lo == 0 && hi == .infinity && report.passed)
  }

  @Test("A margin published by another table of the same population links the tables")
  func linkedTables() throws {
    // Table 1: year x gender interior, 2017/female withheld. Table 2: totals by year.
    let t1 = PublishedTable(
      name: "by_year_gender", variables: ["year", "gender"],
      cells: [
        cell("2017", "female", 9, hidden: true), cell("2017", "male", 40),
        cell("2018", "female", 30), cell("2018", "male", 35),
      ])
    let t2 = PublishedTable(
      name: "by_year", variables: ["year"],
      cells: [
        PublishedCell(levels: ["2017"], count: 49), PublishedCell(levels: ["2018"], count: 65),
      ])
    let alone = try SuppressionAudit.audit(PublishedTables(tables: [t1]), protectionLevel: 10)
    #expect(alone.passed)
    let both = try SuppressionAudit.audit(PublishedTables(tables: [t1, t2]), protectionLevel: 10)
    let (lo, hi) = try #require(interval(both, "year=2017, gender=female"))
    #expect(lo == 9 && hi == 9)
    #expect(!both.passed)
  }

  @Test("An omitted combination is read as a published zero")
  func omittedIsZero() throws {
    // Table 1 lists 2017/female withheld but omits 2018/female (empty); table 2 gives gender
    // totals: female = 2017/female + 0.
    let t1 = PublishedTable(
      name: "t1", variables: ["year", "gender"],
      cells: [
        cell("2017", "female", 4, hidden: true), cell("2017", "male", 40), cell("2018", "male", 35),
      ])
    let t2 = PublishedTable(
      name: "t2", variables: ["gender"],
      cells: [
        PublishedCell(levels: ["female"], count: 4), PublishedCell(levels: ["male"], count: 75),
      ]
    )
    let read = try SuppressionAudit.audit(PublishedTables(tables: [t1, t2]), protectionLevel: 10)
    #expect(read.exactlyRecoverable.count == 1)
    var lenient = t1
    lenient.omittedCellsAreEmpty = false
    let open = try SuppressionAudit.audit(
      PublishedTables(tables: [lenient, t2]), protectionLevel: 10)
    #expect(open.exactlyRecoverable.isEmpty)
  }

  @Test("Contradicting counts and malformed cells are typed errors")
  func errors() throws {
    let bad = PublishedTable(
      name: "t", variables: ["r", "c"],
      cells: [cell("a", "1", 3, hidden: true), cell("a", "2", 5), cell("a", nil, 4)])
    #expect(throws: DisclosureError.self) {
      try SuppressionAudit.audit(PublishedTables(tables: [bad]), protectionLevel: 10)
    }
    let twice = PublishedTable(
      name: "t", variables: ["r"],
      cells: [PublishedCell(levels: ["a"], count: 3), PublishedCell(levels: ["a"], count: 4)])
    #expect(throws: DisclosureError.inconsistentCounts(cell: "r=a", 3, 4)) {
      try PublishedTables(tables: [twice])
    }
    let short = PublishedTable(
      name: "t", variables: ["r", "c"], cells: [PublishedCell(levels: ["a"], count: 3)])
    #expect(throws: DisclosureError.levelCountMismatch(table: "t", cell: 0)) {
      try PublishedTables(tables: [short])
    }
  }
}
