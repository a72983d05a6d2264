import ArgumentParser
import Foundation
import VETStat

/// `vetstat table DATA --formula F1 --formula F2 ...`, `vetstat table --spec SPEC` or `vetstat
/// table RESULTS.json`: several models side by side in one publication table (Markdown, CSV,
/// LaTeX, HTML, Word, Excel).
struct TableCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "table",
    abstract: "Fit several models and write one side-by-side regression table.",
    discussion: """
      Each --formula is one column, fitted with the shared --model, --vcov and
      --cluster; or --spec runs a study and tabulates its models (--models
      picks some). The fits pass the study checks and disclosure control
      (coefficients of fewer than 10 learners are withheld). Given a study's
      results.json (from vetstat run) instead of a data file, the published
      models are tabulated as they are, withheld cells included, without
      refitting.

      Standard errors are in parentheses (--ci for intervals, --brackets for
      [ ]), stars * p < 0.05, ** p < 0.01, *** p < 0.001; --reference-levels
      adds a row naming each factor's omitted level. Patterns of --omit,
      --keep and --order are globs matched against the whole term (year[*])
      or re:REGEX. The format follows --format, else the --out extension,
      else Markdown; docx and xlsx need --out; --latex-columns siunitx aligns
      LaTeX numbers on the decimal point (needs siunitx). Files are written
      atomically.

      Examples (the demo file is datasets/demo/stem_scores_demo.csv):
        vetstat table datasets/demo/stem_scores_demo.csv \\
          --formula "score ~ female" --formula "score ~ female + ses + C(year)" \\
          --cluster school_id --omit "year[*]" --rename female=Female
        vetstat table datasets/demo/stem_scores_demo.csv --format tex \\
          --formula "score ~ female + ses" --formula "score ~ female * ses" \\
          --labels Base,Interaction --latex-columns siunitx --out table.tex
        vetstat table --spec notebooks-md/stem_gender_gap.yaml \\
          --models score_gap,action_effect --reference-levels --out gap.docx
        vetstat table notebooks-md/stem_gender_gap_files/results.json \\
          --models enrolment_gap,score_gap --format tex
      """)

  @Argument(
    help: "Data file of the --formula models (as vetstat fit reads it), or a study's results.json.")
  var data: String?

  /// True when the argument is a study's results.json (tabulated, not refitted).
  var tabulatesResults: Bool { data?.lowercased().hasSuffix(".json") == true && formulas.isEmpty }

  @Option(name: .customLong("formula"), help: "A model formula, one column per --formula.")
  var formulas: [String] = []

  @Option(help: "Model of every formula: ols (default), logit, probit, poisson, fe, re, fd, ...")
  var model: String = "ols"

  @Option(help: "Covariance: iid, hc0, hc1, hc2, hc3, hac (default: the model's).")
  var vcov: String?

  @Option(help: "Cluster column(s), comma-separated.")
  var cluster: String?

  @Option(help: "Panel unit column (re, fd, between, hac).")
  var panelUnit: String?

  @Option(help: "Panel time column (re, fd, between, hac, driscoll-kraay).")
  var panelTime: String?

  @Option(help: "Confidence level of the intervals.")
  var level: Double = 0.95

  @Option(help: "Tabulate the models of this study spec instead of --formula.")
  var spec: String?

  @Option(help: "With --spec: the analyses to show, comma-separated (default all models).")
  var models: String?

  @Option(help: "Output format: md, csv, tex, html, docx, xlsx.")
  var format: String?

  @Option(help: "Output file (default: standard output; required for docx and xlsx).")
  var out: String?

  @OptionGroup(title: "Table layout")
  var layout: TableLayoutOptions

  func validate() throws {
    guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1") }
    if spec == nil, data == nil {
      throw ValidationError("give a data file with --formula, or --spec")
    }
    if spec != nil, data != nil || !formulas.isEmpty {
      throw ValidationError("--spec tabulates the spec's models; drop DATA and --formula")
    }
    if spec == nil, formulas.isEmpty, !tabulatesResults {
      throw ValidationError("give at least one --formula (or a study's results.json)")
    }
    if models != nil, spec == nil, !tabulatesResults {
      throw ValidationError("--models is for --spec or a results.json")
    }
  }

  func run() throws {
    let format = try outputFormat()
    if !format.isText, out == nil {
      throw UsageError("--format \(format.rawValue) writes a binary file; give --out FILE")
    }
    let options = try layout.tableOptions()
    if layout.latexColumns != nil, format != .tex {
      throw UsageError("--latex-columns is for LaTeX tables (--format tex or --out FILE.tex)")
    }
    if options.referenceLevels, tabulatesResults {
      throw UsageError(
        "--reference-levels needs the fits (--formula or --spec): a results.json does not "
          + "record the factors' levels")
    }
    let table = RegressionTableBuilder.table(try columns(), options: options)
    let latexColumns = options.latexColumns
    guard let out else {
      let bytes = try format.render(table, latexColumns: latexColumns)
      print(String(decoding: bytes, as: UTF8.self), terminator: "")
      return
    }
    try checkDestination(out)
    try format.write(table, to: out, latexColumns: latexColumns)
  }

  /// `--format`, else the `--out` extension, else Markdown.
  func outputFormat() throws -> TableFormat {
    if let format {
      guard let chosen = TableFormat(rawValue: format.lowercased()) else {
        throw UsageError(
          "unknown --format '\(format)' (choose "
            + TableFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")")
      }
      return chosen
    }
    if let out, let byName = TableFormat(fileExtension: URL(fileURLWithPath: out).pathExtension) {
      return byName
    }
    return .md
  }

  /// The models' columns, from the formulas or from the spec.
  func columns() throws -> [RegressionColumn] {
    if let spec { return try specColumns(spec) }
    if tabulatesResults, let data { return try resultColumns(data) }
    var request = ModelTable.Request(data: data ?? "", formulas: formulas)
    request.model = model
    request.vcov = vcov
    request.cluster = cluster.map { $0.split(separator: ",").map(String.init) } ?? []
    request.panelUnit = panelUnit
    request.panelTime = panelTime
    request.level = level
    request.labels = layout.headings
    do {
      return try ModelTable.columns(request)
    } catch let problem as ModelTable.Problem {
      throw UsageError(problem.message)
    } catch let failure as StudyRunError {
      // The in-memory study names its analyses model1, model2, ...: say which formula failed,
      // then let the cause set the exit status.
      if let i = Int(failure.analysis.dropFirst(5)), i >= 1, i <= formulas.count {
        FileHandle.standardError.write(
          Data("vetstat: model \(i) (\"\(formulas[i - 1])\") could not be fitted\n".utf8))
      }
      throw failure.underlying
    }
  }

  /// The models a study published in its results.json, as they were published.
  func resultColumns(_ path: String) throws -> [RegressionColumn] {
    let record: StudyResultsRecord
    do {
      record = try StudyResultsRecord.read(path: path)
    } catch let error as DecodingError {
      throw UsageError("\(path): not a study's results.json (vetstat.study/1): \(error)")
    } catch {
      throw UsageError("\(path): \(error.localizedDescription)")
    }
    let columns = record.analyses.compactMap { analysis in
      analysis.result.flatMap { RegressionColumn(record: $0, label: analysis.name) }
    }
    return try chosen(columns, from: "\(path)")
  }

  /// The `--models` among `columns` in their order (all without `--models`), headed by
  /// `--labels` when given.
  func chosen(_ all: [RegressionColumn], from source: String) throws -> [RegressionColumn] {
    var columns = all
    if let models {
      let names = models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      for name in names where !columns.contains(where: { $0.label == name }) {
        throw UsageError(
          "--models: '\(name)' is not a model of \(source) (models: "
            + columns.map(\.label).joined(separator: ", ") + ")")
      }
      columns = names.compactMap { name in columns.first { $0.label == name } }
    }
    guard !columns.isEmpty else { throw UsageError("\(source) holds no model to tabulate") }
    let headings = layout.headings
    guard !headings.isEmpty else { return columns }
    guard headings.count == columns.count else {
      throw UsageError("--labels names \(headings.count) columns for \(columns.count) models")
    }
    return zip(columns, headings).map { c, heading in c.relabelled(heading) }
  }

  /// Runs the study (its report is not written) and keeps its models, or the `--models` ones.
  func specColumns(_ spec: String) throws -> [RegressionColumn] {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-table-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let prepared = try Study.validate(spec: spec, out: scratch.path)
    let result = try StudyRunner.run(prepared)
    let columns = result.outcomes.compactMap { $0.outcome.regression }
    return try chosen(prepared.withReferences(columns), from: "the spec \(spec)")
  }

  /// The table may not replace the data file or the spec.
  func checkDestination(_ out: String) throws {
    let target = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
    for input in [data, spec].compactMap({ $0 }) {
      let path = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
      if path == target { throw UsageError("--out \(out) would overwrite the input \(input)") }
    }
  }
}
