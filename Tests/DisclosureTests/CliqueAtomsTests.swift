import Testing

@testable import Disclosure

/// Linking decomposable tables per clique (with equal margins on shared variables) gives the
/// same interval for every withheld cell as the whole cross-classification.
@Suite("Clique decomposition") struct CliqueAtomsTests {
  @Test("Random populations: clique and full cross-classification intervals agree")
  func intervalsAgree() throws {
    var rng = SeededGenerator(seed: 29)
    var decomposed = 0
    for trial in 0..<1500 {
      let population = RandomPopulation(using: &rng)
      // Withhold a random quarter of the cells.
      let tables = population.tables.map { table in
        var table = table
        for i in table.cells.indices where Int.random(in: 0..<4, using: &rng) == 0 {
          table.cells[i].suppressed = true
          table.cells[i].count = nil
        }
        return table
      }
      let full = try PublishedTables(tables: tables, levels: [:], decompose: false)
      let cliques = try PublishedTables(tables: tables)
      if !cliques.links.isEmpty { decomposed += 1 }
      let a = try SuppressionAudit.audit(full, protectionLevel: 10)
      let b = try SuppressionAudit.audit(cliques, protectionLevel: 10)
      #expect(a.cells.count == b.cells.count, "trial \(trial)")
      for (x, y) in zip(a.cells, b.cells) {
        let scale = max(1, abs(x.upper).isFinite ? abs(x.upper) : 1)
        #expect(x.label == y.label)
        #expect(abs(x.lower - y.lower) <= 1e-6 * scale, "trial \(trial): \(x.label)")
        #expect(
          x.upper == y.upper || abs(x.upper - y.upper) <= 1e-6 * scale,
          "trial \(trial): \(x.label) \(x.upper) vs \(y.upper)")
      }
    }
    #expect(decomposed > 300, "the random populations exercise the decomposition")
  }

  @Test("Three tables over (a,b), (b,c), (a,c) are not decomposable: whole cross-classification")
  func cycleFallsBack() throws {
    func table(_ name: String, _ x: String, _ y: String) -> PublishedTable {
      PublishedTable(
        name: name, variables: [x, y],
        cells: [
          PublishedCell(levels: ["0", "0"], count: 20),
          PublishedCell(levels: ["0", "1"], count: 20),
          PublishedCell(levels: ["1", "0"], count: 20),
          PublishedCell(levels: ["1", "1"], count: 20),
        ])
    }
    let tables = try PublishedTables(
      tables: [table("ab", "a", "b"), table("bc", "b", "c"), table("ac", "a", "c")])
    #expect(tables.links.isEmpty && tables.atomCount == 8)
  }
}
