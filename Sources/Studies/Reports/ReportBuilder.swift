import Foundation
import Plotting

/// Turns a finished study into its files: report.md (plain-language summary first, then the
/// side-by-side regression table, descriptive tables and figures, then provenance),
/// results.json, tables/*.csv, tables/*.tex, figures/*.svg (and *.png), as the spec's `outputs`
/// ask.
public enum ReportBuilder {
  /// One output file: path relative to the output folder, and its text.
  public struct File: Sendable, Equatable {
    /// Relative path, such as `tables/gap.csv`.
    public let path: String
    /// Contents.
    public let contents: String
    /// The bytes of a binary file (a Word or Excel table); `contents` is then empty.
    public var binary: [UInt8]? = nil
  }

  /// Every file of the report.
  /// - Parameters:
  ///   - result: the finished study.
  ///   - linkPrefix: prefix for figure links in the Markdown (a notebook's `<name>_files/`).
  /// - Returns: the files, in a stable order.
  /// - Throws: `PNGRenderer.Failure` when PNG figures are asked for and cannot be rendered.
  public static func files(_ result: StudyResult, linkPrefix: String = "") throws -> [File] {
    let formats = result.study.spec.outputs.formats
    var files: [File] = [File(path: "results.json", contents: result.resultsDocument.serialized())]
    let tables = allTables(result)
    let figures = allFigures(result)
    if formats.contains(.csv) {
      files += tables.map { File(path: "tables/\($0.id).csv", contents: TableRenderer.csv($0)) }
    }
    let latexColumns = result.study.spec.table?.options.latexColumns ?? .plain
    if formats.contains(.latex) {
      files += tables.map { table in
        let columns: LatexColumns = table.id == "regressions" ? latexColumns : .plain
        return File(
          path: "tables/\(table.id).tex", contents: TableRenderer.latex(table, columns: columns))
      }
    }
    if let regressions = tables.first(where: { $0.id == "regressions" }) {
      let written: Set<TableFormat> = [
        formats.contains(.csv) ? .csv : nil, formats.contains(.latex) ? .tex : nil,
      ].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
      for format in result.study.spec.table?.formats ?? [] where !written.contains(format) {
        let path = "tables/regressions.\(format.rawValue)"
        if format.isText {
          let text = String(
            decoding: (try? format.render(regressions, latexColumns: latexColumns)) ?? [],
            as: UTF8.self)
          files.append(File(path: path, contents: text))
        } else if let bytes = try? format.render(regressions) {
          files.append(File(path: path, contents: "", binary: bytes))
        }
      }
    }
    if formats.contains(.svg) {
      files += figures.map { File(path: "figures/\($0.id).svg", contents: $0.svg) }
    }
    if formats.contains(.png) {
      files += try figures.map {
        File(path: "figures/\($0.id).png", contents: "", binary: try PNGRenderer.png(svg: $0.svg))
      }
    }
    if formats.contains(.markdown) {
      let figureLinks = formats.contains(.svg) ? figures : []
      files.append(
        File(
          path: "report.md",
          contents: markdown(result, tables: tables, figures: figureLinks, linkPrefix: linkPrefix)))
    }
    return files
  }

  /// The layout of the regression table and the coefficient figure: the spec's `table:` options,
  /// with every term the spec does not label named by its data column's variable label (SPSS,
  /// Stata, SAS): `x` by the label of `x`, a factor level `x[level]` as `label: level` (and the
  /// factor `x` of its reference row by the label).
  static func tableLayout(_ result: StudyResult) -> TableOptions {
    var options = result.study.spec.table?.options ?? TableOptions()
    let labels = result.study.variableLabels
    guard !labels.isEmpty else { return options }
    for column in result.outcomes.compactMap({ $0.outcome.regression }) {
      for (factor, _) in column.rows.compactMap({ RegressionColumn.factorLevel($0.term) })
      where options.labels[factor] == nil {
        options.labels[factor] = labels[factor]
      }
      for term in column.rows.map(\.term) where options.labels[term] == nil {
        if let label = labels[term] {
          options.labels[term] = label
        } else if let open = term.firstIndex(of: "["), term.hasSuffix("]"), !term.contains(":"),
          let label = labels[String(term[..<open])]
        {
          options.labels[term] =
            "\(label): \(term[term.index(after: open)..<term.index(before: term.endIndex)])"
        }
      }
    }
    return options
  }

  /// The regression table (when there are models) followed by every analysis's own tables.
  static func allTables(_ result: StudyResult) -> [ReportTable] {
    var columns = result.outcomes.compactMap { $0.outcome.regression }
    let layout = result.study.spec.table
    if layout?.options.referenceLevels == true { columns = result.study.withReferences(columns) }
    if let models = layout?.models {
      columns = models.compactMap { name in columns.first { $0.label == name } }
    }
    var tables: [ReportTable] =
      columns.isEmpty ? [] : [RegressionTableBuilder.table(columns, options: tableLayout(result))]
    tables += result.outcomes.flatMap { $0.outcome.tables }
    return tables
  }

  /// The coefficient plot (when there are models) followed by every analysis's figures.
  static func allFigures(_ result: StudyResult) -> [Figure] {
    let columns = result.outcomes.compactMap { $0.outcome.regression }
    var figures: [Figure] = []
    let options = tableLayout(result)
    if let figure = CoefficientFigure.make(columns, options: options) { figures.append(figure) }
    return figures + result.outcomes.flatMap { $0.outcome.figures }
  }

  static func markdown(
    _ result: StudyResult, tables: [ReportTable], figures: [Figure], linkPrefix: String
  ) -> String {
    let study = result.study
    let spec = study.spec
    var out = "# \(spec.study)\n\n"
    if let description = spec.description {
      out += description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n"
    }
    out += "## Summary\n\n"
    let data = spec.data?.pathText ?? "the data"
    let kept =
      result.publishesRowsUsed
      ? RegressionTableBuilder.thousands(study.data.rowCount)
      : "a number of rows withheld by disclosure control"
    let filtered =
      study.rowsRead == study.data.rowCount ? "" : " (\(kept) after \(filterEcho(study)))"
    out +=
      "- Data: \(RegressionTableBuilder.thousands(study.rowsRead)) rows of `\(data)`\(filtered); "
      + "\(result.outcomes.count) analyses.\n"
    for finding in result.outcomes.flatMap({ $0.outcome.findings }) { out += "- \(finding)\n" }
    for line in Findings.protection(result) { out += "- \(line)\n" }
    out += "\n"
    let regressionTables = tables.filter { $0.id == "regressions" }
    if !regressionTables.isEmpty {
      out += "## Regression results\n\n"
      for table in regressionTables { out += TableRenderer.markdown(table) + "\n" }
      for figure in figures where figure.id == "coefficients" { out += image(figure, linkPrefix) }
    }
    let others = tables.filter { $0.id != "regressions" }
    if !others.isEmpty {
      out += "## Descriptive tables\n\n"
      for table in others { out += TableRenderer.markdown(table) + "\n" }
    }
    let otherFigures = figures.filter { $0.id != "coefficients" }
    if !otherFigures.isEmpty {
      out += "## Figures\n\n"
      for figure in otherFigures { out += image(figure, linkPrefix) }
    }
    out += "## Provenance\n\n"
    out += "- Spec SHA-256: `\(spec.sha256)`\n"
    for (path, hash) in study.dataHashes { out += "- Data `\(path)` SHA-256: `\(hash)`\n" }
    out += "- VETStat \(VETStatVersion.current), seed \(spec.seed), run \(result.created)\n"
    return out
  }

  /// The filter as written, unless it reads an identifying column: then only the columns are
  /// named (the text would publish identifier values such as a school's number).
  static func filterEcho(_ study: PreparedStudy) -> String {
    guard let filter = study.spec.data?.filter else { return "the filter" }
    let read = filter.expression.columnNames.filter { study.identifiers.contains($0) }
    guard read.isEmpty else {
      return "a filter on \(read.joined(separator: ", ")) (its text is withheld: it names "
        + "identifier values)"
    }
    return "the filter `\(filter.text)`"
  }

  static func image(_ figure: Figure, _ prefix: String) -> String {
    "![\(figure.title)](\(prefix)figures/\(figure.id).svg)\n\n"
  }
}
