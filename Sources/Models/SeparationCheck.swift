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
    let outcomes = Outcomes(y)
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
              column, y: py, outcomes: outcomes, binomial: binomial, binary: binary,
              name: design.columnNames[j])
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
    _ column: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, outcomes: Outcomes,
    binomial: Bool, binary: Bool, name: String
  ) -> SeparationReport.Term? {
    if let scan = DummyScan(column, outcomes: outcomes) {
      // Among the rows where the dummy is 1 the outcome never varies (binomial: all 0 or all 1;
      // Poisson: all zero counts).
      let others = column.count - scan.ones
      guard scan.ones > 0, others > 0 else { return nil }
      if scan.positive == 0 {
        let fullElsewhere = outcomes.fullCount - scan.full
        return .init(
          term: name, complete: binomial && fullElsewhere == others, observations: scan.ones)
      }
      if binomial && scan.full == scan.ones && binary {
        let positiveElsewhere = outcomes.positiveCount - scan.positive
        return .init(term: name, complete: positiveElsewhere == 0, observations: scan.ones)
      }
      return nil
    }
    guard binomial, binary else { return nil }
    // Ranges of the column among outcomes 1 and 0 (selects rather than branches: the outcome
    // is unpredictable row to row).
    var low0 = Double.infinity
    var high0 = -Double.infinity
    var low1 = Double.infinity
    var high1 = -Double.infinity
    for i in 0..<column.count {
      let value = column[i]
      let isOne = y[i] == 1
      low1 = Swift.min(low1, isOne ? value : .infinity)
      high1 = Swift.max(high1, isOne ? value : -.infinity)
      low0 = Swift.min(low0, isOne ? .infinity : value)
      high0 = Swift.max(high0, isOne ? -.infinity : value)
    }
    if high0 < low1 || high1 < low0 {
      return .init(term: name, complete: true, observations: column.count)
    }
    if high0 == low1 || high1 == low0 {
      let tie = high0 == low1 ? high0 : high1
      let clear = column.filter { $0 != tie }.count
      return .init(term: name, complete: false, observations: clear)
    }
    return nil
  }

  /// Outcome indicators shared by the column checks: y > 0 and y >= 1 as 0/1, with their counts.
  struct Outcomes {
    let positive: [Int]
    let full: [Int]
    let positiveCount: Int
    let fullCount: Int

    init(_ y: [Double]) {
      positive = y.map { $0 > 0 ? 1 : 0 }
      full = y.map { $0 >= 1 ? 1 : 0 }
      positiveCount = positive.reduce(0, &+)
      fullCount = full.reduce(0, &+)
    }
  }

  /// Counts of a 0/1 dummy column in one branch-free pass: its ones, and among them the rows
  /// with a positive outcome and with an outcome of at least 1; `nil` if the column is not 0/1.
  struct DummyScan {
    let ones: Int
    let positive: Int
    let full: Int

    init?(_ column: UnsafeBufferPointer<Double>, outcomes: Outcomes) {
      var other = 0
      var ones = 0
      var positive = 0
      var full = 0
      outcomes.positive.withUnsafeBufferPointer { yPositive in
        outcomes.full.withUnsafeBufferPointer { yFull in
          for i in 0..<column.count {
            let value = column[i]
            let one = Int(unsafeBitCast(value == 1, to: UInt8.self))
            let zero = Int(unsafeBitCast(value == 0, to: UInt8.self))
            other |= 1 &- (one | zero)
            ones &+= one
            positive &+= one & yPositive[i]
            full &+= one & yFull[i]
          }
        }
      }
      if other != 0 { return nil }
      self.ones = ones
      self.positive = positive
      self.full = full
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
