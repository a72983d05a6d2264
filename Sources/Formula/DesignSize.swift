import Foundation

/// The size check a design passes before any column is allocated: the number of columns (levels
/// times interactions, counted without overflow) must not exceed the rows used once it passes
/// `smallDesign` (smaller designs with more columns than rows are still built: the fit reports the
/// aliased columns, as R does), must not exceed `maximumColumns`, and the design plus one p x p
/// cross-product must fit in `memoryFraction` of physical memory.
///
/// A refusal names the column count and the largest term.
enum DesignSize {
  /// Designs up to this many columns are built even with fewer rows than columns.
  static let smallDesign = 1_000
  /// Most columns a design may have, whatever the rows: the dense solvers keep p x p matrices.
  static let maximumColumns = 100_000
  /// Share of physical memory the design and its cross-product may take.
  static let memoryFraction = 0.5

  /// Checks the design of `formula` on `rows` rows.
  /// - Parameters:
  ///   - formula: the formula (its intercept counts as one column).
  ///   - rows: the rows the model uses.
  ///   - columnsPerTerm: for each term, the column count of each of its atoms (1 for a number,
  ///     the coded levels for a factor).
  ///   - physicalMemory: bytes of memory (the machine's by default).
  /// - Throws: `FormulaError.unsupported` naming the column count when the design is too large.
  static func check(
    formula: Formula, rows: Int, columnsPerTerm: [[Int]],
    physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory
  ) throws {
    var total = formula.hasIntercept ? 1 : 0
    var largest: (index: Int, columns: Int)?
    for (index, counts) in columnsPerTerm.enumerated() {
      let columns = product(counts)
      if largest.map({ columns > $0.columns }) ?? true { largest = (index, columns) }
      total = saturatingSum(total, columns)
    }
    let bytes = 8 * (Double(rows) * Double(total) + Double(total) * Double(total))
    let budget = memoryFraction * Double(physicalMemory)
    let tooWide = total > rows && total > smallDesign
    guard tooWide || total > maximumColumns || bytes > budget else { return }
    let count = total == Int.max ? "more than \(Int.max)" : "\(total)"
    var message = "the design would have \(count) columns"
    if let largest, largest.index < formula.terms.count {
      message +=
        " (term '\(formula.terms[largest.index].label)' alone has "
        + (largest.columns == Int.max ? "too many" : "\(largest.columns)") + ")"
    }
    if tooWide {
      message += " but only \(rows) rows are used; drop interactions or factor levels"
    } else if total > maximumColumns {
      message += "; at most \(maximumColumns) are supported"
    } else {
      message +=
        " and need about " + String(format: "%.0f", bytes / 1e9)
        + " GB, more than half of this machine's memory"
    }
    throw FormulaError.unsupported(formula: formula.text, message: message)
  }

  /// The product of `counts`, `Int.max` on overflow.
  private static func product(_ counts: [Int]) -> Int {
    var out = 1
    for count in counts {
      let (value, overflow) = out.multipliedReportingOverflow(by: count)
      if overflow { return Int.max }
      out = value
    }
    return out
  }

  private static func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (value, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : value
  }
}
