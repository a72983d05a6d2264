import Foundation
import VETStat

extension FitCommand {
  /// The table-layout options given, by flag: they lay out the side-by-side table of several
  /// `--formula` and mean nothing for one model.
  var layoutOptionsGiven: [String] {
    [
      ("--rename", !layout.rename.isEmpty), ("--labels", layout.labels != nil),
      ("--omit", !layout.omit.isEmpty), ("--keep", !layout.keep.isEmpty),
      ("--order", !layout.order.isEmpty), ("--ci", layout.ci), ("--brackets", layout.brackets),
      ("--no-stars", layout.noStars),
      ("--digits", layout.digits != TableLayoutOptions.defaultDigits),
      ("--title", layout.title != TableLayoutOptions.defaultTitle),
      ("--latex-columns", layout.latexColumns != nil),
      ("--reference-levels", layout.referenceLevels), ("--format", format != nil),
    ].compactMap { $0.1 ? $0.0 : nil }
  }

  /// `vetstat fit DATA --formula F1 --formula F2 ...`: one side-by-side table.
  ///
  /// Every formula is fitted with the same model and options on the same rows of the file (after
  /// `--derive` and `--subset`; each fit drops its own missing values, as fixest's `etable` of
  /// several `feols`), shown as one side-by-side table (Markdown, or `--format csv|tex|html`),
  /// or with `--json` an array of the result documents. A formula with `|` fits the
  /// fixed-effects variant, as for one formula.
  /// - Throws: `UsageError` for options of one model (`--bootstrap`, `--margins`,
  ///   `--exponentiate`), a `--labels` count that does not match, or an unknown format; the
  ///   first fit's error, after naming the formula that failed.
  func runSideBySide() throws {
    let oneModel = [
      ("--bootstrap", bootstrap != nil), ("--margins", margins), ("--exponentiate", exponentiate),
    ].compactMap { $0.1 ? $0.0 : nil }
    guard oneModel.isEmpty else {
      throw UsageError(
        "\(oneModel.joined(separator: ", ")) fit one model; several --formula give a table of "
          + "their coefficients")
    }
    let options = try layout.tableOptions()
    let format = try tableFormat()
    let headings = layout.headings
    if !headings.isEmpty, headings.count != formulas.count {
      throw UsageError("--labels names \(headings.count) columns for \(formulas.count) formulas")
    }
    let requests = try formulas.map { try request(formula: $0).request }
    let table = try prepared(noted(DataReader.load(path: data, options: reading.readerOptions())))
    var fits: [ModelFit] = []
    for (i, request) in requests.enumerated() {
      do {
        fits.append(try ModelRegistry.fit(request, data: table))
      } catch {
        FileHandle.standardError.write(
          Data("vetstat: model \(i + 1) (\"\(request.formula)\") could not be fitted\n".utf8))
        throw error
      }
    }
    if json {
      let documents = fits.map { $0.document(level: level) }
      print(JSONValue.array(documents).serialized(), terminator: "")
      return
    }
    var columns: [RegressionColumn] = []
    for (i, (request, fit)) in zip(requests, fits).enumerated() {
      guard let result = fit.result else {
        throw UsageError("--model \(request.model) has no coefficient table to set side by side")
      }
      let column = RegressionColumn.make(
        result, label: i < headings.count ? headings[i] : "(\(i + 1))",
        model: RegressionColumn.modelLabel(of: request), level: level)
      columns.append(
        options.referenceLevels ? column.withReferences(data: table, identifiers: []) : column)
    }
    let rendered = try format.render(
      RegressionTableBuilder.table(columns, options: options), latexColumns: options.latexColumns)
    print(String(decoding: rendered, as: UTF8.self), terminator: "")
  }

  /// `--format` of the side-by-side table: a text format, Markdown by default.
  func tableFormat() throws -> TableFormat {
    guard let format else { return .md }
    guard let chosen = TableFormat(rawValue: format.lowercased()), chosen.isText else {
      throw UsageError(
        "unknown --format '\(format)' (choose md, csv, tex or html; vetstat table --out FILE "
          + "writes docx and xlsx)")
    }
    return chosen
  }
}
