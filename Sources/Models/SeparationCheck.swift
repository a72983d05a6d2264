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
    var found: [SeparationReport.Term] = []
    let binary = y.allSatisfy { $0 == 0 || $0 == 1 }
    for j in kept where design.columnNames[j] != "(Intercept)" {
      let column = x.storage[(j * n)..<((j + 1) * n)]
      if let term = singleTerm(
        column, y: y, binomial: binomial, binary: binary, name: design.columnNames[j])
      {
        found.append(term)
      }
    }
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
    _ column: ArraySlice<Double>, y: [Double], binomial: Bool, binary: Bool, name: String
  ) -> SeparationReport.Term? {
    let base = column.startIndex
    let isDummy = column.allSatisfy { $0 == 0 || $0 == 1 }
    if isDummy {
      // Among the rows where the dummy is 1 the outcome never varies (binomial: all 0 or all 1;
      // Poisson: all zero counts).
      var ones = 0
      var positive = 0
      var full = 0
      var positiveElsewhere = 0
      var fullElsewhere = 0
      for i in 0..<column.count {
        if column[base + i] == 1 {
          ones += 1
          if y[i] > 0 { positive += 1 }
          if y[i] >= 1 { full += 1 }
        } else {
          if y[i] > 0 { positiveElsewhere += 1 }
          if y[i] >= 1 { fullElsewhere += 1 }
        }
      }
      let others = column.count - ones
      guard ones > 0, others > 0 else { return nil }
      if positive == 0 {
        return .init(term: name, complete: binomial && fullElsewhere == others, observations: ones)
      }
      if binomial && full == ones && binary {
        return .init(term: name, complete: positiveElsewhere == 0, observations: ones)
      }
      return nil
    }
    guard binomial, binary else { return nil }
    var low0 = Double.infinity
    var high0 = -Double.infinity
    var low1 = Double.infinity
    var high1 = -Double.infinity
    for i in 0..<column.count {
      let value = column[base + i]
      if y[i] == 1 {
        low1 = min(low1, value)
        high1 = max(high1, value)
      } else {
        low0 = min(low0, value)
        high0 = max(high0, value)
      }
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

  /// Standard deviation of a column (1 for a constant column).
  static func spread(_ column: ArraySlice<Double>) -> Double {
    let n = Double(column.count)
    let mean = column.reduce(0, +) / n
    let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    return variance > 0 ? variance.squareRoot() : 1
  }
}
