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
  /// Identifier columns (never published).
  public let identifiers: Set<String>
  /// The identifying columns with what they identify and why (the report names them).
  public let identifierPolicy: IdentifierPolicy
  /// Where the report goes.
  public let outputDirectory: URL
}

/// Reads, validates and prepares a study: spec shape, data, derived variables, filter, every
/// analysis's keys and formulas, the output folder. Every problem is reported at once.
public enum StudyPlanner {
  /// Prepares a study.
  /// - Parameters:
  ///   - path: spec file (YAML or Markdown notebook).
  ///   - outputOverride: `--out DIR` (relative to the working directory), if given.
  ///   - defaultOutput: folder used when neither the spec nor `--out` names one.
  /// - Returns: the prepared study.
  /// - Throws: `SpecError` listing every problem with key path and line.
  public static func prepare(
    path: String, outputOverride: String? = nil, defaultOutput: URL? = nil
  ) throws -> PreparedStudy {
    let source = try SpecSource.load(path)
    let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
    let diagnostics = SpecDiagnostics()
    let spec = try SpecParser.parse(
      source.yaml, file: path, baseDirectory: base, lineOffset: source.lineOffset,
      diagnostics: diagnostics)
    let prepared = StudyData.prepare(spec, diagnostics: diagnostics)
    var analyses: [(spec: AnalysisSpec, kind: any AnalysisKind)] = []
    var policy = IdentifierPolicy.none
    if let prepared {
      policy = IdentifierPolicy.make(spec, table: prepared.unfiltered, diagnostics: diagnostics)
      let schema = StudySchema(
        table: prepared.table, identifiers: policy.names, identifierPolicy: policy,
        panel: spec.data?.panel)
      for analysis in spec.analyses {
        if let kind = AnalysisRegistry.validate(analysis, schema: schema, diagnostics: diagnostics)
        {
          analyses.append((analysis, kind))
        }
      }
    }
    let output = outputFolder(
      spec, override: outputOverride, defaultOutput: defaultOutput, diagnostics: diagnostics)
    guard diagnostics.isEmpty, let prepared else {
      throw SpecError(file: path, issues: diagnostics.issues)
    }
    return PreparedStudy(
      spec: spec, data: prepared.table, rowsRead: prepared.rowsRead, dataHashes: prepared.hashes,
      analyses: analyses, identifiers: policy.names, identifierPolicy: policy,
      outputDirectory: output)
  }

  /// The output folder; it may not be a data folder, lie inside one, or contain a data file.
  static func outputFolder(
    _ spec: StudySpec, override: String?, defaultOutput: URL?, diagnostics: SpecDiagnostics
  ) -> URL {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let folder: URL
    let keyPath: String
    if let override {
      folder = SpecParser.resolve(override, base: cwd)
      keyPath = "--out"
    } else if let given = spec.outputs.folder {
      folder = given
      keyPath = "outputs.folder"
    } else {
      folder = defaultOutput ?? cwd.appendingPathComponent("out").appendingPathComponent(spec.slug)
      keyPath = "outputs.folder"
    }
    let out = folder.standardizedFileURL.resolvingSymlinksInPath().path
    var inputs: [(String, URL)] = []
    if let data = spec.data {
      inputs.append((data.pathText, data.path))
      inputs += data.joins.map { ($0.pathText, $0.path) }
    }
    for (text, file) in inputs {
      let dataDir = file.deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath()
        .path
      let filePath = file.standardizedFileURL.resolvingSymlinksInPath().path
      if out == dataDir || out.hasPrefix(dataDir + "/") {
        diagnostics.report(
          keyPath, line: spec.outputs.folderLine,
          "the output folder \(out) is the data folder of \(text) or inside it; reports are never written beside the input data"
        )
        break
      }
      if filePath.hasPrefix(out + "/") {
        diagnostics.report(
          keyPath, line: spec.outputs.folderLine,
          "the output folder \(out) contains the data file \(text); replacing it would remove the data"
        )
        break
      }
    }
    return folder.standardizedFileURL
  }
}
