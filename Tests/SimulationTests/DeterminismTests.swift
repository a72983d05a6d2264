import DataTable
import Foundation
import Studies
import Testing

@testable import Simulation

@Suite("Simulation determinism")
struct DeterminismTests {
  @Test func xoshiroMatchesTheReferenceStream() {
    // splitmix64(0) seeding; first outputs of xoshiro256** computed by the C reference code.
    var g = Xoshiro256(seed: 0)
    let first = (0..<3).map { _ in g.next() }
    #expect(first == XoshiroReference.seed0)
  }

  @Test func portableMathIsAccurate() {
    for x in stride(from: -700.0, through: 700.0, by: 0.37) {
      let got = PortableMath.exp(x)
      #expect(abs(got - Foundation.exp(x)) <= 1e-15 * Foundation.exp(x), "exp(\(x))")
    }
    for x in [1e-300, 1e-10, 0.1, 0.5, 0.999, 1, 1.5, 2, 10, 12345.678, 1e300] {
      #expect(
        abs(PortableMath.log(x) - Foundation.log(x)) <= 4e-16 * max(1, abs(Foundation.log(x))))
    }
    #expect(PortableMath.log(1) == 0)
  }

  @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
    let a = try LearnerPanelSimulator.simulate(learners: 300, seed: 7)
    let b = try LearnerPanelSimulator.simulate(learners: 300, seed: 7)
    let c = try LearnerPanelSimulator.simulate(learners: 300, seed: 8)
    #expect(a.learnersCSV() == b.learnersCSV())
    #expect(a.schoolsCSV() == b.schoolsCSV())
    #expect(a.learnersCSV() != c.learnersCSV())
  }

  /// The bytes of a small simulation are pinned: a change to the generator, the truth or the
  /// writer shows here (update datasets/ and codebook.md together with this checksum).
  @Test func pinnedChecksum() throws {
    let panel = try LearnerPanelSimulator.simulate(learners: 200, seed: 2030)
    #expect(SHA256.hex(panel.learnersCSV()) == Pinned.learners200)
    #expect(SHA256.hex(panel.schoolsCSV()) == Pinned.schools200)
  }

  /// The committed sample is what the generator writes for its documented command.
  @Test func committedSampleRegenerates() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let learners = try Data(
      contentsOf: root.appendingPathComponent("datasets/vet_learners_sample.csv"))
    let schools = try Data(
      contentsOf: root.appendingPathComponent("datasets/vet_schools_sample.csv"))
    let panel = try LearnerPanelSimulator.simulate(learners: 5000, seed: 2030)
    #expect(Data(panel.learnersCSV()) == learners)
    #expect(Data(panel.schoolsCSV()) == schools)
  }

  @Test func tableEqualsTheCSVReadBack() throws {
    let panel = try LearnerPanelSimulator.simulate(learners: 150, seed: 3)
    let fromCSV = try CSVReader.read(
      bytes: panel.learnersCSV(), name: "sim.csv", options: CSVOptions())
    let table = try panel.learnersTable()
    #expect(fromCSV.columnNames == table.columnNames)
    for name in table.columnNames {
      let a = try fromCSV.column(named: name)
      let b = try table.column(named: name)
      for row in 0..<table.rowCount {
        #expect(a.stringValue(row) == b.stringValue(row), "\(name) row \(row + 1)")
      }
    }
  }

  @Test func badLearnerCount() {
    #expect(throws: SimulationError.learnerCount(0)) {
      try LearnerPanelSimulator.simulate(learners: 0, seed: 1)
    }
  }
}

/// Pinned values (see the tests that use them).
enum Pinned {
  static let learners200 = "bebf895df7e4bed052badfac06b35deb2d95a05a91c224403637afd6bdc73666"
  static let schools200 = "46a82382a8dc6c95ca858851348cf5e390137417a5a4ae2e8b323c65302fe69a"
}

/// First outputs of the C reference xoshiro256** with state from splitmix64(seed = 0).
enum XoshiroReference {
  static let seed0: [UInt64] = [
    11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768,
  ]
}
