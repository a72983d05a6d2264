import Foundation
@_exported import TestSupport
import Testing

/// Golden-file comparison for output that a refactor must not change. Expected files live under
/// `Tests/Fixtures/snapshots/`; `VETSTAT_RECORD_SNAPSHOTS=1` (re)writes them instead of comparing.
///
/// Text is compared line by line. Everything except numbers must match byte for byte; numbers
/// (decimal or exponent notation) match when their relative difference is at most 1e-9, so that
/// a BLAS kernel that rounds the 17th significant digit differently (OPENBLAS_CORETYPE) does not
/// make the snapshot machine-dependent. On lines that report a convergence criterion (which are
/// rounding noise once below the tolerance, e.g. 2.3e-13) only the text must match. A failure
/// names the first differing line.
enum Snapshot {
  /// The snapshot folder, found from this file's path.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/snapshots")

  /// The repository root (commands run there so that relative data paths appear in the output).
  static let repositoryRoot = Repository.root

  /// True when snapshots are being recorded.
  static var recording: Bool {
    ProcessInfo.processInfo.environment["VETSTAT_RECORD_SNAPSHOTS"] == "1"
  }

  /// Compares `actual` with the snapshot `name` (or records it).
  /// - Parameters:
  ///   - actual: the produced text.
  ///   - name: the file name under `Tests/Fixtures/snapshots/`.
  ///   - tolerance: the relative tolerance of numbers (1e-9). A fit found by an optimiser
  ///     (mixed models) passes a larger one: where the optimiser stops within its own tolerance
  ///     depends on the CPU's rounding, so its numbers then also agree within one unit of their
  ///     last printed digit and its iteration counts are not compared.
  static func check(
    _ actual: String, named name: String, tolerance: Double = 1e-9,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let file = folder.appendingPathComponent(name)
    if recording {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: file, options: .atomic)
      return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
      Issue.record(
        "no snapshot \(name); record it with VETSTAT_RECORD_SNAPSHOTS=1",
        sourceLocation: sourceLocation)
      return
    }
    if let difference = firstDifference(expected: expected, actual: actual, tolerance: tolerance) {
      Issue.record("snapshot \(name): \(difference)", sourceLocation: sourceLocation)
    }
  }

  /// The first line where the texts differ (numbers within a relative 1e-9 count as equal), or
  /// `nil` when they agree.
  static func firstDifference(expected: String, actual: String, tolerance: Double = 1e-9)
    -> String?
  {
    if expected == actual { return nil }
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    for i in 0..<max(old.count, new.count) {
      let a = i < old.count ? old[i] : "<end of text>"
      let b = i < new.count ? new[i] : "<end of text>"
      if !linesAgree(a, b, tolerance: tolerance) {
        return "line \(i + 1) differs\n  expected: \(a)\n  actual:   \(b)"
      }
    }
    return nil
  }

  /// True when two lines have the same text between their numbers and numbers within 1e-9
  /// (any numbers on a convergence-criterion line).
  static func linesAgree(_ a: String, _ b: String, tolerance: Double = 1e-9) -> Bool {
    if a == b { return true }
    let left = tokens(a)
    let right = tokens(b)
    guard left.count == right.count else { return false }
    let optimised = tolerance > 1e-9
    let free =
      (a.contains("criterion") && b.contains("criterion"))
      || (optimised && ["iteration", "evaluation"].contains { a.contains($0) && b.contains($0) })
    for (x, y) in zip(left, right) {
      switch (x, y) {
      case (.text(let s), .text(let t)): if s != t { return false }
      case (.number(let u, let p), .number(let v, let q)):
        let scale = max(abs(u), abs(v))
        let printed = optimised ? 1.01 * max(lastDigitUnit(p), lastDigitUnit(q)) : 0
        if !free, abs(u - v) > max(tolerance * scale, printed) { return false }
      default: return false
      }
    }
    return true
  }

  /// One unit in the last digit of a number as spelt (`0.391324` → 1e-6, `1.2e-5` → 1e-6).
  static func lastDigitUnit(_ spelling: String) -> Double {
    let parts = spelling.lowercased().split(separator: "e", maxSplits: 1)
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    let decimals = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
    return pow(10, Double(exponent - decimals))
  }

  /// A piece of a line: a run of non-number text, or a number with its spelling.
  enum Token: Equatable {
    case text(String)
    case number(Double, String)
  }

  /// Splits a line into numbers (optional sign, digits, fraction, exponent) and the text between.
  static func tokens(_ line: String) -> [Token] {
    let pattern = /-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/
    var out: [Token] = []
    var rest = Substring(line)
    while let match = rest.firstMatch(of: pattern) {
      if match.range.lowerBound > rest.startIndex {
        out.append(.text(String(rest[rest.startIndex..<match.range.lowerBound])))
      }
      let spelling = String(match.output.0)
      out.append(.number(Double(spelling) ?? .nan, spelling))
      rest = rest[match.range.upperBound...]
    }
    if !rest.isEmpty { out.append(.text(String(rest))) }
    return out
  }
}
