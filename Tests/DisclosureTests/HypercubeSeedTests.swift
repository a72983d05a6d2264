import Testing

@testable import Disclosure

/// The hypercube method's pattern for large problems (`SuppressionOptions.hypercubeCellLimit`),
/// forced onto small random problems so that an independent audit can check every result.
@Suite struct HypercubeSeedTests {
  @Test("On 1,000 random populations the hypercube pattern, repaired, passes the audit")
  func randomPopulationsAreProtected() throws {
    var rng = SeededGenerator(seed: 4_242)
    var seeded = 0
    var hypercubeCells = 0
    var greedyCells = 0
    for trial in 0..<1_000 {
      let population = RandomPopulation(using: &rng)
      let zeros = !population.omitsEmpty
      let forced = try SecondarySuppression.protect(
        tables: population.tables, minCell: 10, zerosAreSensitive: zeros,
        options: SuppressionOptions(
          protectionLevel: 10, exactCandidateLimit: 0, hypercubeCellLimit: 0))
      // An audit over the whole cross-classification, independent of the clique atoms.
      let flagged = zip(population.tables, forced.suppressed).map { table, flags in
        var table = table
        for c in table.cells.indices where flags[c] {
          table.cells[c].suppressed = true
          table.cells[c].count = nil
        }
        return table
      }
      let audit = try SuppressionAudit.audit(
        PublishedTables(tables: flagged, levels: [:], decompose: false), protectionLevel: 10)
      #expect(audit.passed, "trial \(trial)")
      guard forced.method != .none else { continue }
      #expect(forced.method == .hypercube)
      let greedy = try SecondarySuppression.protect(
        tables: population.tables, minCell: 10, zerosAreSensitive: zeros,
        options: SuppressionOptions(protectionLevel: 10, exactCandidateLimit: 0))
      seeded += 1
      hypercubeCells += forced.secondaryCount
      greedyCells += greedy.secondaryCount
    }
    #expect(seeded > 250, "the random populations need secondary cells")
    // The hypercube withholds more than the LP-guided greedy, but not wildly more.
    #expect(hypercubeCells >= greedyCells / 2 && hypercubeCells <= 3 * greedyCells)
    print("hypercube: \(seeded) populations, \(hypercubeCells) vs \(greedyCells) secondary cells")
  }

  @Test("A 2 x 2 table with margins: the four interior cells form the hypercube")
  func twoByTwoWithMargins() throws {
    // a/x = 3 is sensitive; its only hypercube with protecting corners is the whole interior.
    var cells: [PublishedCell] = []
    let counts: [[Any]] = [["a", "x", 3], ["a", "y", 20], ["b", "x", 30], ["b", "y", 40]]
    for row in counts {
      cells.append(
        PublishedCell(levels: [row[0] as? String, row[1] as? String], count: row[2] as? Int))
    }
    cells += [
      PublishedCell(levels: ["a", nil], count: 23), PublishedCell(levels: ["b", nil], count: 70),
      PublishedCell(levels: [nil, "x"], count: 33), PublishedCell(levels: [nil, "y"], count: 60),
      PublishedCell(levels: [nil, nil], count: 93),
    ]
    cells[0].suppressed = true
    let tables = try PublishedTables(
      tables: [PublishedTable(name: "t", variables: ["g", "h"], cells: cells)])
    let seed = HypercubeSeed(tables: tables).pattern(
      primary: tables.cells.map(\.flagged), protectionLevel: 10)
    let withheld = Set(tables.cells.indices.filter { seed[$0] }.map { tables.cells[$0].key })
    // Keys: level indices in order of appearance (a = 0, b = 1; x = 0, y = 1).
    #expect(withheld == [[0, 0], [0, 1], [1, 0], [1, 1]])
  }
}
