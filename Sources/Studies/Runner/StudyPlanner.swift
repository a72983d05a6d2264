import DataTable
import Foundation

/// A study checked against its data and ready to run: validation without fitting.
public struct PreparedStudy: Sendable {
  /// The spec.
  public let spec: StudySpec
  /// The prepared data (joined, derived, filtered).
  public let data: DataTable
  /// Rows read from the main file before the filter.
  public let rowsRead: Int
  /// SHA-256 of every data file, by path as written.
  public let dataHashes: [(String, String)]
  /// Validated analyses, in spec order.
  public let analyses: [(spec: AnalysisSpec, kind: any AnalysisKind)]
  /// The rows of the analyses that have their own `filter:`, by analysis name (the others use
  /// `data`).
  public let analysisData: [String: DataTable]
  /// Identifier columns (never published).
  public let identifiers: Set<String>
  /// The identifying columns with what they identify and why (the report names them).
  public let identifierPolicy: IdentifierPolicy
  /// Where the report goes.
  public let outputDirectory: URL
  /// Variable labels of the main data file (SPSS, Stata, SAS), by column: the report's tables
  /// and figures name a term by its column's label unless the spec's `table.labels` says
  /// otherwise.
  public var variableLabels: [String: String] = [:]
}

/// Reads, validates and prepares a study: spec shape, data, derived variables, filter, every
/// analysis's keys and formulas, the output folder.
///
/// Every problem is reported at once.
public enum StudyPlanner {
  /// Prepares a study.
  /// - Parameters:
  ///   - path: spec file (YAML or Markdown notebook).
  ///   - outputOverride: `--out DIR` (relative to the working directory), if given.
  ///   - defaultOutput: folder used when neither the spec nor `--out` names one.
  ///   - force: `--force`: the output folder may be another study's report (see
  ///     `OutputFolderPolicy`).
  /// - Returns: the prepared study.
  /// - Throws: `SpecError` listing every problem with key path and line.
  public static func prepare(
    path: String, outputOverride: String? = nil, defaultOutput: URL? = nil, force: Bool = false
  ) throws -> PreparedStudy {
    do {
      return try prepare(
        path: path, outputOverride: outputOverride, defaultOutput: defaultOutput, force: force,
        everyColumn: false)
    } catch let error as SpecError {
      // Problems found on the columns the study names are reported as a read of every column
      // reports them (a misspelt name's suggestion may be a column the selection skipped).
      guard let spec = try? parse(path: path, diagnostics: SpecDiagnostics()),
        StudyDataColumns.selects(spec)
      else { throw error }
      return try prepare(
        path: path, outputOverride: outputOverride, defaultOutput: defaultOutput, force: force,
        everyColumn: true)
    }
  }

  /// The spec at `path`, parsed (problems go to `diagnostics`).
  private static func parse(path: String, diagnostics: SpecDiagnostics) throws -> StudySpec {
    let source = try SpecSource.load(path)
    let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
    return try SpecParser.parse(
      source.yaml, file: path, baseDirectory: base, lineOffset: source.lineOffset,
      diagnostics: diagnostics)
  }

  /// Prepares a study, reading the columns the spec selects or every column.
  private static func prepare(
    path: String, outputOverride: String?, defaultOutput: URL?, force: Bool, everyColumn: Bool
  ) throws -> PreparedStudy {
    let diagnostics = SpecDiagnostics()
    let spec = try parse(path: path, diagnostics: diagnostics)
    let prepared = StudyData.prepare(spec, diagnostics: diagnostics, everyColumn: everyColumn)
    var analyses: [(spec: AnalysisSpec, kind: any AnalysisKind)] = []
    var analysisData: [String: DataTable] = [:]
    var policy = IdentifierPolicy.none
    if let prepared {
      policy = IdentifierPolicy.make(spec, table: prepared.unfiltered, diagnostics: diagnostics)
      let schema = StudySchema(
        table: prepared.table, identifiers: policy.names, identifierPolicy: policy,
        panel: spec.data?.panel)
      for analysis in spec.analyses {
        var analysisSchema = schema
        if let filtered = StudyData.analysisFilter(
          analysis, table: prepared.table, diagnostics: diagnostics)
        {
          analysisData[analysis.name] = filtered
          analysisSchema = StudySchema(
            table: filtered, identifiers: policy.names, identifierPolicy: policy,
            panel: spec.data?.panel)
        }
        if let kind = AnalysisRegistry.validate(
          analysis, schema: analysisSchema, diagnostics: diagnostics)
        {
          analyses.append((analysis, kind))
        }
      }
    }
    let output = OutputFolderPolicy.outputFolder(
      spec, specPath: path, override: outputOverride, defaultOutput: defaultOutput, force: force,
      diagnostics: diagnostics)
    guard diagnostics.isEmpty, let prepared else {
      throw SpecError(file: path, issues: diagnostics.issues)
    }
    var study = PreparedStudy(
      spec: spec, data: prepared.table, rowsRead: prepared.rowsRead, dataHashes: prepared.hashes,
      analyses: analyses, analysisData: analysisData, identifiers: policy.names,
      identifierPolicy: policy,
      outputDirectory: output)
    study.variableLabels = prepared.variableLabels.filter { !policy.names.contains($0.key) }
    return study
  }
}
