import DataTable
import Foundation

/// Reads a study spec from YAML text into a `StudySpec`, reporting every shape problem (unknown
/// keys, wrong types, bad expressions, duplicate analysis names, empty analyses) with key path and
/// line into `diagnostics`.
public enum SpecParser {
  /// Keys allowed at the top level.
  public static let topKeys = [
    "version", "study", "description", "seed", "data", "derive", "disclosure", "analyses",
    "outputs", "table",
  ]
  static let dataKeys =
    ["path", "types", "panel", "filter", "join", "identifiers", "columns"] + readingKeys
  static let joinKeys = ["path", "by", "columns", "types", "prefix"] + readingKeys
  static let typeNames: [String: ColumnType] = [
    "double": .double, "number": .double, "numeric": .double, "int": .int, "integer": .int,
    "bool": .bool, "logical": .bool, "string": .string, "text": .string, "category": .category,
    "factor": .category, "date": .date, "datetime": .datetime,
  ]

  /// Parses spec text.
  /// - Parameters:
  ///   - text: YAML.
  ///   - file: the spec's path as given (messages).
  ///   - baseDirectory: folder for relative paths.
  ///   - lineOffset: lines before the YAML (a notebook block).
  ///   - diagnostics: collects problems.
  /// - Returns: the spec as far as it could be read.
  /// - Throws: `SpecError` for YAML syntax errors or a document that is not a mapping.
  public static func parse(
    _ text: String, file: String, baseDirectory: URL, lineOffset: Int = 0,
    diagnostics: SpecDiagnostics
  ) throws -> StudySpec {
    guard let root = try SpecNode.parse(text, file: file, lineOffset: lineOffset) else {
      throw SpecError(
        file: file,
        issues: [SpecIssue(keyPath: "(root)", line: 1 + lineOffset, message: "the spec is empty")])
    }
    guard let top = SpecReader(root, path: "", allowed: topKeys, diagnostics: diagnostics) else {
      throw SpecError(file: file, issues: diagnostics.issues)
    }
    let version = top.int("version") ?? 1
    if version != 1 {
      diagnostics.report(
        "version", line: top.line(of: "version"),
        "unsupported spec version \(version); this VETStat reads version 1")
    }
    let study = top.string("study", required: true) ?? "study"
    var seed: UInt64 = 0
    if let value = top.int("seed") {
      if value < 0 {
        diagnostics.report("seed", line: top.line(of: "seed"), "the seed must be >= 0")
      } else {
        seed = UInt64(value)
      }
    }
    let analyses = analyses(top, diagnostics: diagnostics)
    return StudySpec(
      version: version, study: study, description: top.string("description"), seed: seed,
      data: dataSource(top, base: baseDirectory, diagnostics: diagnostics),
      derive: derive(top, diagnostics: diagnostics),
      disclosure: disclosure(top),
      analyses: analyses,
      outputs: outputs(top, base: baseDirectory, diagnostics: diagnostics),
      file: file, baseDirectory: baseDirectory, sha256: SHA256.hex(Array(text.utf8)),
      table: TableSpec.read(top, analyses: analyses.map(\.name), diagnostics: diagnostics))
  }

  static func resolve(_ path: String, base: URL) -> URL {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
    return base.appendingPathComponent(expanded).standardizedFileURL
  }

  static func readTypes(_ reader: SpecReader, diagnostics: SpecDiagnostics)
    -> ([String: ColumnType], [String: Int])
  {
    guard let node = reader.node("types") else { return ([:], [:]) }
    guard case .mapping(let entries) = node.content else {
      diagnostics.report(
        reader.child("types"), line: node.line,
        "expected a mapping column: type, found \(node.kindDescription)")
      return ([:], [:])
    }
    var types: [String: ColumnType] = [:]
    var lines: [String: Int] = [:]
    for entry in entries {
      let path = "\(reader.child("types")).\(entry.key)"
      guard case .scalar(let name, _) = entry.value.content, let type = typeNames[name.lowercased()]
      else {
        let written: String
        if case .scalar(let text, _) = entry.value.content { written = text } else { written = "?" }
        diagnostics.unknown(
          "type", name: written, among: ["double", "int", "bool", "string", "category"],
          keyPath: path, line: entry.line)
        continue
      }
      types[entry.key] = type
      lines[entry.key] = entry.line
    }
    return (types, lines)
  }

  static func dataSource(_ top: SpecReader, base: URL, diagnostics: SpecDiagnostics)
    -> DataSourceSpec?
  {
    guard let data = top.mapping("data", allowed: dataKeys, required: true) else { return nil }
    guard let pathText = data.string("path", required: true) else { return nil }
    let (types, typeLines) = readTypes(data, diagnostics: diagnostics)
    var panel: PanelDeclaration?
    if let p = data.mapping("panel", allowed: ["unit", "time", "group"]) {
      panel = PanelDeclaration(
        unit: p.string("unit"), time: p.string("time"), group: p.string("group"), line: p.line)
    }
    var filter: (String, Expression, Int)?
    if let text = data.string("filter") {
      let line = data.line(of: "filter")
      do {
        filter = (text, try Expression(parsing: text), line)
      } catch let error as ExpressionError {
        diagnostics.report("data.filter", line: line, "bad expression \(error): \(text)")
      } catch {}
    }
    var joins: [JoinSpec] = []
    if let node = data.node("join") {
      let items: [SpecNode]
      if case .sequence(let list) = node.content { items = list } else { items = [node] }
      for (i, item) in items.enumerated() {
        let path = items.count == 1 && !isSequence(node) ? "data.join" : "data.join[\(i)]"
        guard let j = SpecReader(item, path: path, allowed: joinKeys, diagnostics: diagnostics),
          let file = j.string("path", required: true),
          let by = j.names("by", required: true)
        else { continue }
        let (joinTypes, _) = readTypes(j, diagnostics: diagnostics)
        joins.append(
          JoinSpec(
            path: resolve(file, base: base), pathText: file, by: by.map(\.name),
            columns: j.names("columns")?.map(\.name), prefix: j.string("prefix") ?? "",
            types: joinTypes, reading: readingOptions(j, diagnostics: diagnostics), keyPath: path,
            line: j.line, pathLine: j.line(of: "path"), byLine: j.line(of: "by")))
      }
    }
    var source = DataSourceSpec(
      path: resolve(pathText, base: base), pathText: pathText, pathLine: data.line(of: "path"),
      types: types, typeLines: typeLines, reading: readingOptions(data, diagnostics: diagnostics),
      panel: panel, filter: filter, joins: joins,
      identifiers: data.names("identifiers") ?? [])
    source.columns = columnChoice(data)
    return source
  }

  /// `data.columns`: `all`, or a list of column names; `.used` when absent or wrong (reported).
  static func columnChoice(_ data: SpecReader) -> DataColumnChoice {
    guard let node = data.node("columns") else { return .used }
    if case .scalar(let text, _) = node.content, text == "all" { return .all }
    guard case .sequence(let items) = node.content, !items.isEmpty else {
      data.diagnostics.report(
        data.child("columns"), line: node.line,
        "expected all or a list of column names, found \(node.kindDescription)")
      return .used
    }
    guard let names = data.names("columns") else { return .used }
    return .listed(names.map(\.name), line: node.line)
  }

  static func isSequence(_ node: SpecNode) -> Bool {
    if case .sequence = node.content { return true }
    return false
  }

  static func derive(_ top: SpecReader, diagnostics: SpecDiagnostics) -> [DerivedVariableSpec] {
    guard let node = top.node("derive") else { return [] }
    guard case .mapping(let entries) = node.content else {
      diagnostics.report(
        "derive", line: node.line,
        "expected a mapping name: \"expression\", found \(node.kindDescription)")
      return []
    }
    var out: [DerivedVariableSpec] = []
    for entry in entries {
      let path = "derive.\(entry.key)"
      guard case .scalar(let text, _) = entry.value.content, !entry.value.isNull else {
        diagnostics.report(path, line: entry.line, "expected an expression in quotes")
        continue
      }
      do {
        out.append(
          DerivedVariableSpec(
            name: entry.key, text: text, expression: try Expression(parsing: text), line: entry.line
          ))
      } catch let error as ExpressionError {
        diagnostics.report(path, line: entry.line, "bad expression \(error): \(text)")
      } catch {}
    }
    return out
  }

  /// Whether `data.panel.group` is given (read without reporting: `data` is checked elsewhere).
  static func declaresPanelGroup(_ top: SpecReader) -> Bool {
    guard case .mapping(let data)? = top.entry("data")?.value.content,
      case .mapping(let panel)? = data.first(where: { $0.key == "panel" })?.value.content
    else { return false }
    return panel.contains { $0.key == "group" }
  }

  static func disclosure(_ top: SpecReader) -> DisclosureSettings {
    guard
      let d = top.mapping("disclosure", allowed: ["min_cell", "complementary", "dominance"])
    else {
      return .default
    }
    var minCell = d.int("min_cell") ?? DisclosureSettings.default.minCell
    if minCell < 1 {
      d.diagnostics.report(
        "disclosure.min_cell", line: d.line(of: "min_cell"), "min_cell must be >= 1")
      minCell = 1
    }
    var dominance = d.double("dominance")
    if let share = dominance, !(share > 0 && share < 1) {
      d.diagnostics.report(
        "disclosure.dominance", line: d.line(of: "dominance"),
        "dominance is the largest share of a cell one institution may hold, between 0 and 1 "
          + "(e.g. 0.8)")
      dominance = nil
    }
    if dominance != nil, !declaresPanelGroup(top) {
      d.diagnostics.report(
        "disclosure.dominance", line: d.line(of: "dominance"),
        "the dominance rule needs the institution column as data.panel.group")
    }
    return DisclosureSettings(
      minCell: minCell, complementary: d.bool("complementary") ?? true, dominance: dominance)
  }

  static func analyses(_ top: SpecReader, diagnostics: SpecDiagnostics) -> [AnalysisSpec] {
    guard let node = top.node("analyses", required: true) else { return [] }
    guard case .sequence(let items) = node.content else {
      diagnostics.report(
        "analyses", line: node.line, "expected a list of analyses, found \(node.kindDescription)")
      return []
    }
    if items.isEmpty {
      diagnostics.report(
        "analyses", line: node.line, "the list of analyses is empty; add at least one")
    }
    var out: [AnalysisSpec] = []
    var seen: [String: Int] = [:]
    for (i, item) in items.enumerated() {
      let path = "analyses[\(i)]"
      guard case .mapping(let entries) = item.content else {
        diagnostics.report(
          path, line: item.line,
          "expected a mapping with name and kind, found \(item.kindDescription)")
        continue
      }
      let reader = SpecReader(
        node: item, path: path, entries: entries, diagnostics: diagnostics)
      guard let name = reader.string("name", required: true),
        let kind = reader.string("kind", required: true)
      else { continue }
      if let first = seen[name] {
        diagnostics.report(
          "\(path).name", line: reader.line(of: "name"),
          "duplicate analysis name '\(name)' (first used on line \(first)); names must be unique")
        continue
      }
      if let problem = AnalysisNames.problem(name) {
        diagnostics.report("\(path).name", line: reader.line(of: "name"), problem)
        continue
      }
      seen[name] = reader.line(of: "name")
      out.append(AnalysisSpec(name: name, kind: kind, index: i, node: item))
    }
    AnalysisNames.checkCollisions(out, diagnostics: diagnostics)
    return out
  }

  static func outputs(_ top: SpecReader, base: URL, diagnostics: SpecDiagnostics) -> OutputSettings
  {
    let all = OutputFormat.defaults
    guard let node = top.node("outputs") else {
      return OutputSettings(formats: all, folder: nil, folderLine: top.line)
    }
    var formatNames: [(name: String, line: Int)] = []
    var folder: URL?
    var folderLine = node.line
    var formatsPath = "outputs"
    if case .mapping = node.content {
      guard
        let o = SpecReader(
          node, path: "outputs", allowed: ["folder", "formats"], diagnostics: diagnostics)
      else { return OutputSettings(formats: all, folder: nil, folderLine: node.line) }
      if let text = o.string("folder") { folder = resolve(text, base: base) }
      folderLine = o.line(of: "folder")
      formatNames =
        o.names("formats") ?? OutputFormat.defaults.map { ($0.rawValue, node.line) }
      formatsPath = "outputs.formats"
    } else {
      formatNames = top.names("outputs") ?? []
    }
    var formats: Set<OutputFormat> = [.json]
    for (i, entry) in formatNames.enumerated() {
      if let format = OutputFormat(rawValue: entry.name) {
        formats.insert(format)
        if format == .png, PNGRenderer.converter == nil {
          diagnostics.report(
            "\(formatsPath)[\(i)]", line: entry.line,
            "png figures need rsvg-convert (Debian package librsvg2-bin), which is not installed; "
              + "leave png out (the SVG figures are always written)")
        }
      } else {
        diagnostics.unknown(
          "output format", name: entry.name, among: OutputFormat.allCases.map(\.rawValue),
          keyPath: "\(formatsPath)[\(i)]", line: entry.line)
      }
    }
    return OutputSettings(formats: formats, folder: folder, folderLine: folderLine)
  }
}

extension SpecReader {
  /// A reader over an analysis mapping whose keys the analysis kind checks later.
  init(node: SpecNode, path: String, entries: [SpecNode.Entry], diagnostics: SpecDiagnostics) {
    self.path = path
    self.line = node.line
    self.entries = entries
    self.diagnostics = diagnostics
  }
}
