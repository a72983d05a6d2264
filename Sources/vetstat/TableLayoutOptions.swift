import ArgumentParser
import VETStat

/// How `vetstat table` lays out its table: headings, coefficient labels, which terms, brackets and
/// stars (`TableOptions`).
struct TableLayoutOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A coefficient label, \"term=Label\"; repeat for more.", valueName: "term=Label"))
  var rename: [String] = []

  @Option(help: "Column headings, comma-separated, one per model (default (1), (2), ...).")
  var labels: String?

  @Option(
    help: ArgumentHelp(
      "Leave out matching terms: a glob (\"year[*]\") or re:REGEX; repeat for more.",
      valueName: "pattern"))
  var omit: [String] = []

  @Option(
    help: ArgumentHelp("Show only matching terms (glob or re:REGEX); repeat.", valueName: "pattern")
  )
  var keep: [String] = []

  @Option(
    help: ArgumentHelp(
      "Put matching terms first, in the order given (glob or re:REGEX); repeat.",
      valueName: "pattern"))
  var order: [String] = []

  @Flag(help: "Confidence intervals under the estimates instead of standard errors.")
  var ci = false

  @Flag(help: "Square brackets instead of parentheses.")
  var brackets = false

  @Flag(help: "No significance stars.")
  var noStars = false

  @Option(help: "Decimals of estimates and uncertainties.")
  var digits: Int = defaultDigits

  /// The decimals when `--digits` is not given.
  static let defaultDigits = 3

  /// The caption when `--title` is not given.
  static let defaultTitle = "Regression results"

  @Option(help: "Table caption.")
  var title: String = defaultTitle

  @Option(
    help: ArgumentHelp(
      "LaTeX number columns: plain (centred) or siunitx (S columns aligned on the decimal point).",
      valueName: "plain|siunitx"))
  var latexColumns: String?

  @Flag(help: "A row per factor naming its omitted reference level, \"(ref.)\".")
  var referenceLevels = false

  /// The column headings given by `--labels`.
  var headings: [String] {
    labels.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
  }

  /// The layout.
  /// - Throws: `UsageError` naming the option for a malformed rename or pattern.
  func tableOptions() throws -> TableOptions {
    guard (0...12).contains(digits) else { throw UsageError("--digits must be 0 to 12") }
    var names: [String: String] = [:]
    for pair in rename {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw UsageError("--rename takes \"term=Label\", got \"\(pair)\"")
      }
      names[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
    }
    func patterns(_ texts: [String], _ option: String) throws -> [TermPattern] {
      do {
        return try texts.map(TermPattern.init)
      } catch let error as TermPattern.Invalid {
        throw UsageError("--\(option): \(error.errorDescription ?? error.text)")
      }
    }
    var options = TableOptions(
      uncertainty: ci ? .confidenceInterval : .standardError,
      brackets: brackets ? .brackets : .parentheses,
      stars: noStars ? [] : TableOptions.defaultStars, digits: digits, labels: names,
      omit: try patterns(omit, "omit"), keep: try patterns(keep, "keep"),
      order: try patterns(order, "order"), title: title)
    if let latexColumns {
      guard let value = LatexColumns(rawValue: latexColumns.lowercased()) else {
        throw UsageError(
          "unknown --latex-columns '\(latexColumns)' (choose "
            + LatexColumns.allCases.map(\.rawValue).joined(separator: ", ") + ")")
      }
      options.latexColumns = value
    }
    options.referenceLevels = referenceLevels
    return options
  }
}
