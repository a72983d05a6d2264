import DataTable
import Dispatch
import Foundation
import LinearAlgebra

/// The finished study: each analysis's outcome, the provenance and the rendered report files.
public struct StudyResult: Sendable {
  /// The prepared study.
  public let study: PreparedStudy
  /// Outcomes in spec order.
  public let outcomes: [(name: String, kind: String, outcome: AnalysisOutcome)]
  /// The timestamp written into provenance.
  public let created: String
  /// The study-wide disclosure control of every count table.
  public let protection: StudyProtection
  /// Whether the number of rows used (a count of the whole data) is published.
  public let publishesRowsUsed: Bool
  /// The population of all rows used.
  let allRows: Population

  /// results.json (`vetstat.study/1`).
  public var resultsDocument: JSONValue {
    let spec = study.spec
    return .object([
      ("schema", .string("vetstat.study/1")),
      ("study", .string(spec.study)),
      (
        "provenance",
        .object([
          ("spec_sha256", .string(spec.sha256)),
          ("data_sha256", .object(study.dataHashes.map { ($0.0, .string($0.1)) })),
          ("vetstat_version", .string(VETStatVersion.current)),
          ("seed", .integer(Int(truncatingIfNeeded: spec.seed))),
          ("created", .string(created)),
          ("rows_read", .integer(study.rowsRead)),
          ("rows_used", publishesRowsUsed ? .integer(study.data.rowCount) : .null),
          ("rows_used_population", .string(allRows.id)),
          (
            "disclosure",
            .object([
              ("min_cell", .integer(spec.disclosure.minCell)),
              ("complementary", .bool(spec.disclosure.complementary)),
              ("populations", .array(protection.populations.map(\.json))),
            ])
          ),
        ])
      ),
      (
        "analyses",
        .array(
          outcomes.map { item in
            .object([
              ("name", .string(item.name)), ("kind", .string(item.kind)),
              ("result", item.outcome.document),
            ])
          })
      ),
    ])
  }
}

/// A failure of one analysis during a run, naming it.
public struct StudyRunError: Error, Sendable, CustomStringConvertible {
  /// The analysis.
  public let analysis: String
  /// What went wrong.
  public let underlying: any Error

  /// The message.
  public var description: String { "analysis '\(analysis)' failed: \(underlying)" }
}

/// Runs a prepared study: independent analyses in parallel (results in spec order, so output does
/// not depend on scheduling), then writes the report into a temporary folder beside the output
/// folder and renames it into place only when everything succeeded.
public enum StudyRunner {
  /// Runs every analysis.
  /// - Parameters:
  ///   - study: the prepared study.
  ///   - created: timestamp for provenance (defaults to now, ISO 8601 UTC).
  ///   - progress: called with (done, total, analysis name) as analyses finish.
  /// - Returns: the outcomes.
  /// - Throws: `StudyRunError` for the first failed analysis in spec order.
  public static func run(
    _ study: PreparedStudy, created: String? = nil,
    progress: (@Sendable (Int, Int, String) -> Void)? = nil
  ) throws -> StudyResult {
    let count = study.analyses.count
    let box = OutcomeBox(count: count)
    let analyses = study.analyses
    // Fits run side by side on the two cores; BLAS stays single-threaded inside them.
    BLAS.setThreads(1)
    let contexts = analyses.enumerated().map { i, analysis in
      AnalysisContext(
        data: study.analysisData[analysis.spec.name] ?? study.data, spec: analysis.spec,
        disclosure: study.spec.disclosure,
        identifiers: study.identifiers, panel: study.spec.data?.panel,
        seed: seed(study.spec.seed, index: i))
    }
    DispatchQueue.concurrentPerform(iterations: count) { i in
      let (spec, kind) = analyses[i]
      let context = contexts[i]
      let result = Result { CoefficientDisclosure.apply(try kind.run(context), context: context) }
      let done = box.set(i, result)
      progress?(done, count, spec.name)
    }
    var outcomes: [(name: String, kind: String, outcome: AnalysisOutcome)] = []
    for (i, result) in box.results.enumerated() {
      let spec = analyses[i].spec
      switch result {
      case .success(let outcome): outcomes.append((spec.name, spec.kind, outcome))
      case .failure(let error): throw StudyRunError(analysis: spec.name, underlying: error)
      case nil:
        throw StudyRunError(
          analysis: spec.name, underlying: AnalysisError.invalid(spec.name, "did not run"))
      }
    }
    let stamp = created ?? ISO8601DateFormatter().string(from: Date())
    // Every count table of the study, and the number of rows used (the total of all rows).
    let allRows = Population(rows: 0..<study.data.rowCount, description: "all rows")
    let learners = LearnerIndex(table: study.data, unit: study.spec.data?.panel?.unit)
    var tables = [
      CountTable(
        id: "provenance/rows_used", population: allRows, variables: [],
        cells: [
          CountCell(levels: [], count: study.data.rowCount, learners: learners.learnerCount)
        ])
    ]
    var owner: [(outcome: Int, first: Int, count: Int)] = []
    for (i, item) in outcomes.enumerated() {
      guard let pending = item.outcome.pending else { continue }
      owner.append((i, tables.count, pending.tables.count))
      tables += pending.tables
    }
    let protection = try StudyProtection(tables: tables, settings: study.spec.disclosure)
    for (i, first, n) in owner {
      guard let pending = outcomes[i].outcome.pending else { continue }
      // A model inside a pending outcome (a Cox model beside its survival curves) gets the
      // same coefficient disclosure control as any other, once its tables are settled.
      outcomes[i].outcome = CoefficientDisclosure.apply(
        pending.render(Array(protection.suppressed[first..<(first + n)])), context: contexts[i])
    }
    return StudyResult(
      study: study, outcomes: outcomes, created: stamp, protection: protection,
      publishesRowsUsed: protection.suppressed.first?.first == false, allRows: allRows)
  }

  /// SplitMix64 of the study seed and the analysis position: independent, reproducible streams.
  static func seed(_ base: UInt64, index: Int) -> UInt64 {
    var z = base &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Results written from parallel workers.
final class OutcomeBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var results: [Result<AnalysisOutcome, any Error>?]
  private var done = 0

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ result: Result<AnalysisOutcome, any Error>) -> Int {
    lock.lock()
    defer { lock.unlock() }
    results[i] = result
    done += 1
    return done
  }
}
