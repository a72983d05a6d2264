/// A named extra part of a result that the shared fields do not cover (fixed effects and their
/// levels, variance components, marginal effects, separation diagnostics): a titled table whose
/// columns say which ones hold counts of people, so disclosure control can find them without
/// knowing the model.
///
/// Renderers write a section without knowing which estimator made it.
public struct ResultSection: Sendable, Equatable {
  /// One cell value.
  public enum Cell: Sendable, Equatable {
    /// Text (a term, a level, a name).
    case text(String)
    /// A whole number (a count, a size).
    case integer(Int)
    /// A real number; `nil` is undefined.
    case number(Double?)
    /// A yes/no value.
    case bool(Bool)
  }

  /// One column.
  public struct Column: Sendable, Equatable {
    /// The result-document key (`levels`, `estimate`).
    public let key: String
    /// True when the column counts observations or people (subject to small-cell rules).
    public let isCount: Bool

    /// Creates a column.
    /// - Parameters:
    ///   - key: the result-document key.
    ///   - isCount: whether the column counts observations or people.
    public init(_ key: String, isCount: Bool = false) {
      self.key = key
      self.isCount = isCount
    }
  }

  /// How the section is written in a result document.
  public enum Layout: Sendable, Equatable {
    /// An array with one object per row.
    case rows
    /// One object: the first row's cells and each child section under its key.
    case record
    /// An array of the first column's values (a list of names).
    case values
    /// The single cell of the single row (a name, a count, or `null`).
    case scalar
  }

  /// Where a result document writes the section among the shared keys.
  public enum Placement: Sendable, Equatable {
    /// After `model` (what kind of model: family, link).
    case afterModel
    /// After `vcov` (what the fit used: weights, offset).
    case afterCovarianceType
    /// After `nobs` (further counts: units).
    case afterObservations
    /// After `coefficients` (absorbed effects).
    case afterCoefficients
    /// After `fit` (variance components).
    case afterFit
    /// After `converged` and `iterations` (how the iterations ended, diagnostics).
    case afterConvergence
    /// At the end (marginal effects).
    case end
  }

  /// The result-document key (`fixed_effects`, `variance_components`).
  public let key: String
  /// A human title ("Fixed effects").
  public let title: String
  /// The columns.
  public let columns: [Column]
  /// The rows, each aligned with `columns`.
  public let rows: [[Cell]]
  /// How a result document writes the section.
  public let layout: Layout
  /// Nested sections (written inside a `.record` section under their keys).
  public let children: [ResultSection]
  /// True when a record writes its children before its own cells.
  public let childrenFirst: Bool
  /// Where a result document writes the section.
  public let placement: Placement

  /// Creates a section.
  /// - Parameters:
  ///   - key: the result-document key.
  ///   - title: a human title.
  ///   - columns: the columns.
  ///   - rows: rows aligned with `columns`.
  ///   - layout: array of rows (default) or one record.
  ///   - children: nested sections of a record.
  ///   - childrenFirst: whether a record writes its children before its own cells.
  ///   - placement: where a result document writes the section.
  public init(
    key: String, title: String, columns: [Column], rows: [[Cell]], layout: Layout = .rows,
    children: [ResultSection] = [], childrenFirst: Bool = false,
    placement: Placement = .afterCoefficients
  ) {
    precondition(rows.allSatisfy { $0.count == columns.count }, "row width differs from columns")
    self.key = key
    self.title = title
    self.columns = columns
    self.rows = rows
    self.layout = layout
    self.children = children
    self.childrenFirst = childrenFirst
    self.placement = placement
  }

  /// A one-value section (`family: "binomial"`, `units: 10`, `separation: null`).
  /// - Parameters:
  ///   - key: the result-document key.
  ///   - title: a human title.
  ///   - value: the value.
  ///   - isCount: whether the value counts observations or people.
  ///   - placement: where a result document writes it.
  /// - Returns: a section of one column and one row holding `value`.
  public static func scalar(
    _ key: String, title: String, _ value: Cell, isCount: Bool = false, placement: Placement
  ) -> ResultSection {
    ResultSection(
      key: key, title: title, columns: [Column(key, isCount: isCount)], rows: [[value]],
      layout: .scalar, placement: placement)
  }

  /// The value of a one-value section (the first cell), if any.
  public var scalarValue: Cell? { rows.first?.first }

  /// Keys of the columns that count observations or people.
  public var countColumns: [String] { columns.filter(\.isCount).map(\.key) }

  /// The cells of the named column, top to bottom (empty when there is no such column).
  public func column(_ key: String) -> [Cell] {
    guard let index = columns.firstIndex(where: { $0.key == key }) else { return [] }
    return rows.map { $0[index] }
  }
}
