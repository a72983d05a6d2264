import DataTable

/// One kind of analysis a study spec can name (`kind: ols`, `kind: indicator`, ...).
///
/// Adding a kind is one file with a type conforming to this protocol, plus its line in
/// `AnalysisRegistry.kinds` (see the "Adding an analysis kind" article).
///
/// A kind reads and checks its own keys when the spec is validated (`init?(spec:schema:
/// diagnostics:)` reports problems with key path and line and returns `nil`), and later runs on
/// the prepared data (`run(_:)`). Validation never fits; running never reads files.
public protocol AnalysisKind: Sendable {
  /// The `kind:` names this type handles (e.g. `["ols", "wls"]`).
  static var kindNames: [String] { get }
  /// Keys the kind accepts besides `name` and `kind`.
  static var keys: [String] { get }
  /// Reads and checks the analysis's keys against the data's columns.
  ///
  /// The initializer fails (gives `nil`) when a problem was reported.
  /// - Parameters:
  ///   - spec: the analysis entry.
  ///   - schema: the prepared data's columns and identifier columns.
  ///   - diagnostics: where to report problems (key path + line).
  init?(spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics)
  /// Runs the analysis.
  /// - Parameter context: the prepared data, disclosure settings and seed.
  /// - Returns: the result document, tables, figures and findings.
  /// - Throws: model errors (the `vetstat` command exits 1 or 2 by their type).
  func run(_ context: AnalysisContext) throws -> AnalysisOutcome
}

/// The columns of the prepared data (after join, derive and filter), for validation.
public struct StudySchema: Sendable {
  /// The prepared table (validation may read column types and levels; it never fits).
  public let table: DataTable
  /// Columns that identify people or institutions (see `IdentifierPolicy`): never published.
  public let identifiers: Set<String>
  /// The identifying columns with what they identify and why (for messages).
  public let identifierPolicy: IdentifierPolicy
  /// The panel declaration, if any.
  public let panel: PanelDeclaration?

  /// Column names in order.
  public var columnNames: [String] { table.columnNames }

  /// Reports `name` when it is an identifying column, naming why and the use refused.
  /// - Parameters:
  ///   - name: the column the spec uses.
  ///   - use: what the spec asked, e.g. "a by variable", "a model term".
  ///   - keyPath: the spec key path that uses the column.
  ///   - line: the spec line of that key.
  ///   - diagnostics: where the refusal is reported.
  /// - Returns: `true` when the column may be published.
  public func checkPublishable(
    _ name: String, as use: String, keyPath: String, line: Int, diagnostics: SpecDiagnostics
  ) -> Bool {
    guard identifiers.contains(name) else { return true }
    diagnostics.report(keyPath, line: line, identifierPolicy.refusal(name, use: use))
    return false
  }

  /// Reports an unknown column with the nearest name.
  public func checkColumn(
    _ name: String, keyPath: String, line: Int, diagnostics: SpecDiagnostics
  ) -> Bool {
    if table[name] != nil { return true }
    diagnostics.unknown("column", name: name, among: columnNames, keyPath: keyPath, line: line)
    return false
  }
}

/// What an analysis gets when it runs.
public struct AnalysisContext: Sendable {
  /// The prepared data.
  public let data: DataTable
  /// The analysis entry.
  public let spec: AnalysisSpec
  /// Disclosure control for published cells.
  public let disclosure: DisclosureSettings
  /// Identifier columns (never published).
  public let identifiers: Set<String>
  /// The panel declaration, if any.
  public let panel: PanelDeclaration?
  /// Seed for this analysis: derived from the study seed and the analysis's position, so results
  /// do not depend on the order analyses happen to run in.
  public let seed: UInt64
}

/// A figure produced by an analysis.
public struct Figure: Sendable, Equatable {
  /// File stem (figures/<id>.svg).
  public let id: String
  /// Title (also the alt text in the report).
  public let title: String
  /// The SVG text.
  public let svg: String
}

/// What an analysis produced.
public struct AnalysisOutcome: Sendable {
  /// The result document (DESIGN.md section 4), stored in results.json.
  public let document: JSONValue
  /// Descriptive tables for the report (disclosure-controlled).
  public let tables: [ReportTable]
  /// A column of the side-by-side regression table, for model kinds.
  public let regression: RegressionColumn?
  /// Figures.
  public let figures: [Figure]
  /// Plain-language sentences for the report's summary.
  public let findings: [String]
  /// Count tables still to be protected study-wide; the runner replaces the outcome by their
  /// rendering (`nil` once rendered, and for analyses without count tables).
  public let pending: PendingTables?
  /// The data rows behind each coefficient, for models whose design the runner cannot rebuild
  /// from a spec formula (``CoefficientDisclosure`` counts learners in them).
  public let coefficientSupport: CoefficientSupport?

  /// Creates an outcome.
  public init(
    document: JSONValue, tables: [ReportTable] = [], regression: RegressionColumn? = nil,
    figures: [Figure] = [], findings: [String] = [], coefficientSupport: CoefficientSupport? = nil
  ) {
    self.document = document
    self.tables = tables
    self.regression = regression
    self.figures = figures
    self.findings = findings
    self.coefficientSupport = coefficientSupport
    pending = nil
  }

  /// An outcome that waits for the study-wide suppression of its count tables.
  /// - Parameter pending: the tables and their renderer.
  public init(pending: PendingTables) {
    document = .null
    tables = []
    regression = nil
    figures = []
    findings = []
    coefficientSupport = nil
    self.pending = pending
  }
}

/// The analysis kinds a spec can name.
///
/// A new kind adds its type here.
public enum AnalysisRegistry {
  /// Every kind, in the order listed in messages.
  public static let kinds: [any AnalysisKind.Type] =
    ModelRegistry.kinds.map { $0 as any AnalysisKind.Type } + [
      DescribeAnalysis.self,
      IndicatorAnalysis.self,
      TrendAnalysis.self,
      DecompositionAnalysis.self,
      SurvivalAnalysis.self,
    ]

  /// Kinds of DESIGN.md that later versions add; named in a clearer message than a typo.
  static let plannedKinds: [String] = []

  /// Every `kind:` name.
  public static var kindNames: [String] { kinds.flatMap { $0.kindNames } }

  /// The type handling `name`.
  public static func kind(named name: String) -> (any AnalysisKind.Type)? {
    kinds.first { $0.kindNames.contains(name) }
  }

  /// The type handling an analysis entry: its `kind:`, resolved by the model registry when the
  /// formula has fixed effects after `|` (`kind: ols` then fits `fe`, as `vetstat fit`).
  static func kind(of spec: AnalysisSpec) -> (any AnalysisKind.Type)? {
    var formula = ""
    if case .mapping(let entries) = spec.node.content,
      let entry = entries.first(where: { $0.key == "formula" }),
      case .scalar(let text, _) = entry.value.content
    {
      formula = text
    }
    return kind(named: ModelRegistry.resolve(model: spec.kind, formula: formula))
  }

  /// Checks an analysis entry: its kind exists and its keys are valid for that kind.
  /// - Returns: the validated analysis, or `nil` after reporting.
  public static func validate(
    _ spec: AnalysisSpec, schema: StudySchema, diagnostics: SpecDiagnostics
  ) -> (any AnalysisKind)? {
    guard let type = kind(of: spec) else {
      let line = entryLine(spec, "kind")
      if plannedKinds.contains(spec.kind) {
        diagnostics.report(
          "\(spec.keyPath).kind", line: line,
          "kind '\(spec.kind)' is not available in this version of VETStat (available: "
            + kindNames.joined(separator: ", ") + ")")
        return nil
      }
      diagnostics.unknown(
        "analysis kind", name: spec.kind, among: kindNames, keyPath: "\(spec.keyPath).kind",
        line: line)
      return nil
    }
    guard case .mapping(let entries) = spec.node.content else { return nil }
    // `filter` (the analysis's own rows) is read by `StudyData.analysisFilter`.
    let allowed = ["name", "kind", "filter"] + type.keys
    for entry in entries where !allowed.contains(entry.key) {
      let near = nearestName(to: entry.key, among: allowed)
      diagnostics.report(
        "\(spec.keyPath).\(entry.key)", line: entry.line,
        "unknown key '\(entry.key)' for kind '\(spec.kind)'"
          + (near.map { "; did you mean '\($0)'?" } ?? " (keys: \(allowed.joined(separator: ", ")))")
      )
    }
    return type.init(spec: spec, schema: schema, diagnostics: diagnostics)
  }

  static func entryLine(_ spec: AnalysisSpec, _ key: String) -> Int {
    if case .mapping(let entries) = spec.node.content,
      let e = entries.first(where: { $0.key == key })
    {
      return e.line
    }
    return spec.node.line
  }
}

extension AnalysisSpec {
  /// A reader over the analysis's keys (already checked by the registry).
  public func reader(_ diagnostics: SpecDiagnostics) -> SpecReader {
    guard case .mapping(let entries) = node.content else {
      return SpecReader(node: node, path: keyPath, entries: [], diagnostics: diagnostics)
    }
    return SpecReader(node: node, path: keyPath, entries: entries, diagnostics: diagnostics)
  }
}

/// The data rows behind each coefficient of a model whose design the runner cannot rebuild from
/// a spec formula (the DiD regression methods build their event-time design themselves).
public struct CoefficientSupport: Sendable {
  /// Every row of the estimation sample.
  public let sampleRows: [Int]
  /// Per term, the rows where its column is non-zero; a published term not listed is withheld.
  public let rowsOfTerm: [String: [Int]]
  /// The rows every term is compared with (the reference category); when they hold fewer than
  /// `min_cell` learners, every term is withheld.
  public let referenceRows: [Int]
  /// Per term, the rows its own coefficient is compared with.
  ///
  /// For a 0/1 factor these are the rows of its reference level (every column of the factor
  /// 0); when they hold some but fewer than `min_cell` learners, the term is withheld. A term
  /// not listed has no reference of its own.
  public let referenceRowsOfTerm: [String: [Int]]

  /// Creates the support of a model's coefficients.
  /// - Parameters: as the properties (`referenceRowsOfTerm` empty by default).
  public init(
    sampleRows: [Int], rowsOfTerm: [String: [Int]], referenceRows: [Int],
    referenceRowsOfTerm: [String: [Int]] = [:]
  ) {
    self.sampleRows = sampleRows
    self.rowsOfTerm = rowsOfTerm
    self.referenceRows = referenceRows
    self.referenceRowsOfTerm = referenceRowsOfTerm
  }
}
