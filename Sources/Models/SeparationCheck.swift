import Formula
import LinearAlgebra

/// Separation found in a binomial or Poisson fit: the MLE of some coefficients is infinite, so
/// their estimates and standard errors are artefacts of where the iterations stopped.
public struct SeparationReport: Sendable, Equatable {
  /// A term that separates the outcome on its own.
  public struct Term: Sendable, Equatable {
    /// Term (column) name.
    public let term: String
    /// Complete (the term alone predicts every outcome) or quasi-complete (part of the data).
    public let complete: Bool
    /// Observations the term predicts perfectly.
    public let observations: Int
  }

  /// Terms that separate the outcome on their own.
  public let terms: [Term]
  /// Terms whose estimates diverged without a single-term explanation (a combination separates).
  public let divergingTerms: [String]
  /// Fitted means numerically at 0 or 1 (R's "fitted probabilities numerically 0 or 1").
  public let fittedAtBoundary: Int
  /// Readable warnings naming the terms.
  public let messages: [String]
}

/// Detection of separation (Albert & Anderson 1984): per-term checks for a column that separates
/// the outcome alone (a dummy whose 1-rows all share one outcome, or a numeric term whose ranges
/// by outcome do not overlap), and after the fit a count of fitted values at the boundary with
/// the terms whose estimates diverged (standard error above 20 on the linear-predictor scale).
enum SeparationCheck {
  /// Fitted means within this distance of 0 or 1 count as at the boundary.
  static let boundary = 1e-8

  /// Runs the checks; `nil` when nothing was found or the family cannot separate.
  static func run(
    design: DesignMatrix, kept: [Int], y: [Double], weights: [Double]?, mu: [Double],
    coefficients: [Double], bread: Matrix, family: GLMFamily
  ) -> SeparationReport? {
    let binomial: Bool
    switch family {
    case .binomial: binomial = true
    case .poisson: binomial = false
    case .gaussian: return nil
    }
    let n = y.count
    let x = design.x
    let binary = y.allSatisfy { $0 == 0 || $0 == 1 }
    let checked = kept.filter { design.columnNames[$0] != "(Intercept)" }
    var terms = [SeparationReport.Term?](repeating: nil, count: checked.count)
    x.storage.withUnsafeBufferPointer { px in
      y.withUnsafeBufferPointer { py in
        terms.withUnsafeMutableBufferPointer { out in
          // One pass per column, columns in parallel (each writes its own slot).
          let threads = n * checked.count >= 1 << 18 ? nil : 1
          ParallelLoop.forEach(checked.count, threads: threads) { k in
            let j = checked[k]
            let column = UnsafeBufferPointer(rebasing: px[(j * n)..<((j + 1) * n)])
            out[k] = singleTerm(
              column, y: py, binomial: binomial, binary: binary, name: design.columnNames[j])
          }
        }
      }
    }
    let found = terms.compactMap { $0 }
    var atBoundary = 0
    for i in 0..<n {
      if mu[i] < boundary || (binomial && mu[i] > 1 - boundary) { atBoundary += 1 }
    }
    var diverging: [String] = []
    if atBoundary > 0 {
      for (position, j) in kept.enumerated() {
        let column = x.storage[(j * n)..<((j + 1) * n)]
        let scale = spread(column)
        let se = bread[position, position].squareRoot()
        if se * max(scale, 1e-300) > 20 || abs(coefficients[position]) * scale > 20,
          !found.contains(where: { $0.term == design.columnNames[j] })
        {
          diverging.append(design.columnNames[j])
        }
      }
    }
    if found.isEmpty && atBoundary == 0 { return nil }
    var messages: [String] = found.map { term in
      let what = binomial ? "the outcome" : "zero counts"
      return (term.complete ? "complete" : "quasi-complete") + " separation: '\(term.term)' "
        + "predicts \(what) perfectly for \(term.observations) observations; its estimate and "
        + "standard error are not finite in truth (drop or merge the term, or use penalised "
        + "(Firth) estimation)"
    }
    if atBoundary > 0 {
      var message =
        "\(atBoundary) fitted " + (binomial ? "probabilities are" : "means are")
        + " numerically " + (binomial ? "0 or 1" : "0")
      if !diverging.isEmpty {
        message +=
          "; estimates diverging (separation by a combination of terms): "
          + diverging.joined(separator: ", ")
      }
      messages.append(message)
    }
    return SeparationReport(
      terms: found, divergingTerms: diverging, fittedAtBoundary: atBoundary, messages: messages)
  }

  /// Whether one column separates the outcome on its own.
  static func singleTerm(
    _ column: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, binomial: Bool,
    binary: Bool, name: String
  ) -> SeparationReport.Term? {
    let scan = ColumnScan(column, y: y)
    if scan.isDummy {
      // Among the rows where the dummy is 1 the outcome never varies (binomial: all 0 or all 1;
      // Poisson: all zero counts).
      let others = column.count - scan.ones
      guard scan.ones > 0, others > 0 else { return nil }
      if scan.positive == 0 {
        return .init(
          term: name, complete: binomial && scan.fullElsewhere == others, observations: scan.ones)
      }
      if binomial && scan.full == scan.ones && binary {
        return .init(term: name, complete: scan.positiveElsewhere == 0, observations: scan.ones)
      }
      return nil
    }
    guard binomial, binary else { return nil }
    if scan.high0 < scan.low1 || scan.high1 < scan.low0 {
      return .init(term: name, complete: true, observations: column.count)
    }
    if scan.high0 == scan.low1 || scan.high1 == scan.low0 {
      let tie = scan.high0 == scan.low1 ? scan.high0 : scan.high1
      let clear = column.filter { $0 != tie }.count
      return .init(term: name, complete: false, observations: clear)
    }
    return nil
  }

  /// What `singleTerm` needs from a column, in one pass: whether it is a 0/1 dummy, outcome
  /// counts among its ones and elsewhere, and its range among outcomes 1 and the rest.
  struct ColumnScan {
    var isDummy = true
    var ones = 0
    var positive = 0
    var full = 0
    var positiveElsewhere = 0
    var fullElsewhere = 0
    var low0 = Double.infinity
    var high0 = -Double.infinity
    var low1 = Double.infinity
    var high1 = -Double.infinity

    init(_ column: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>) {
      for i in 0..<column.count {
        let value = column[i]
        let outcome = y[i]
        let isPositive = outcome > 0 ? 1 : 0
        let isFull = outcome >= 1 ? 1 : 0
        if value == 1 {
          ones += 1
          positive += isPositive
          full += isFull
        } else {
          if value != 0 { isDummy = false }
          positiveElsewhere += isPositive
          fullElsewhere += isFull
        }
        if outcome == 1 {
          low1 = Swift.min(low1, value)
          high1 = Swift.max(high1, value)
        } else {
          low0 = Swift.min(low0, value)
          high0 = Swift.max(high0, value)
        }
      }
    }
  }

  /// Standard deviation of a column (1 for a constant column).
  static func spread(_ column: ArraySlice<Double>) -> Double {
    let n = Double(column.count)
    let mean = column.reduce(0, +) / n
    let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    return variance > 0 ? variance.squareRoot() : 1
  }
}
