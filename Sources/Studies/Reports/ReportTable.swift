/// A published table: a header and rows of cells, some suppressed for disclosure control.
///
/// Rendered to Markdown, CSV, LaTeX and HTML by `TableRenderer`; suppressed cells are written as
/// `ReportTable.suppressedMarker`, never as a number.
public struct ReportTable: Sendable, Equatable {
  /// One cell.
  public enum Cell: Sendable, Equatable {
    /// Text (labels, formatted numbers).
    case text(String)
    /// A count.
    case count(Int)
    /// A number printed with `digits` decimals.
    case number(Double, digits: Int)
    /// A coefficient with `digits` decimals and its significance stars (`***`), which LaTeX and
    /// HTML set as a superscript.
    case estimate(Double, digits: Int, stars: String)
    /// Withheld by disclosure control.
    case suppressed
    /// Nothing.
    case empty
  }

  /// The marker printed for a suppressed cell (the ONS convention, "confidential").
  public static let suppressedMarker = "[c]"

  /// File stem (tables/<id>.csv).
  public let id: String
  /// Caption.
  public let title: String
  /// Column headers.
  public let header: [String]
  /// Rows of cells.
  public let rows: [[Cell]]
  /// Notes printed under the table.
  public let notes: [String]
  /// Row indices after which a rule is drawn (regression tables: before fit statistics).
  public let rulesAfter: [Int]

  /// Creates a table.
  public init(
    id: String, title: String, header: [String], rows: [[Cell]], notes: [String] = [],
    rulesAfter: [Int] = []
  ) {
    self.id = id
    self.title = title
    self.header = header
    self.rows = rows
    self.notes = notes
    self.rulesAfter = rulesAfter
  }

  /// True when any cell is suppressed.
  public var hasSuppression: Bool { rows.contains { $0.contains(.suppressed) } }
}

extension ReportTable.Cell {
  /// The cell as text.
  public var text: String {
    switch self {
    case .text(let s): return s
    case .count(let n): return String(n)
    case .number(let x, let digits): return NumberText.fixed(x, digits: digits)
    case .estimate(let x, let digits, let stars): return NumberText.fixed(x, digits: digits) + stars
    case .suppressed: return ReportTable.suppressedMarker
    case .empty: return ""
    }
  }
}

/// Fixed-decimal formatting for tables, with a true minus sign option off (plain ASCII).
public enum NumberText {
  /// `x` with `digits` decimals; `NA` for non-finite values.
  public static func fixed(_ x: Double, digits: Int) -> String {
    guard x.isFinite else { return "NA" }
    var scale = 1.0
    for _ in 0..<max(0, digits) { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    var text = String(format: "%.\(max(0, digits))f", rounded == 0 ? 0 : rounded)
    if text.hasPrefix("-0"), Double(text) == 0 { text.removeFirst() }
    return text
  }

  /// A p-value for prose: `p < 0.001` or `p = 0.034`.
  public static func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "p undefined" }
    return p < 0.001 ? "p < 0.001" : "p = \(fixed(p, digits: 3))"
  }
}
