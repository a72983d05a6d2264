/// How a side-by-side regression table is laid out (as modelsummary's and etable's arguments):
/// what is shown under each estimate, the brackets, the stars, the coefficient labels and which
/// terms appear in which order.
public struct TableOptions: Sendable, Equatable {
  /// What is printed under each estimate.
  public enum Uncertainty: String, Sendable, CaseIterable {
    /// The standard error.
    case standardError = "se"
    /// The confidence interval at the model's level.
    case confidenceInterval = "ci"
  }

  /// The brackets around the uncertainty.
  public enum Brackets: String, Sendable, CaseIterable {
    /// `(0.046)`: the convention of most journals.
    case parentheses
    /// `[0.046]`.
    case brackets
  }

  /// One significance level and its symbol, such as `("**", 0.01)`.
  public struct Star: Sendable, Equatable {
    /// The symbol, such as `**`.
    public let symbol: String
    /// The p-value below which the symbol is printed.
    public let threshold: Double

    /// Creates a level.
    public init(_ symbol: String, _ threshold: Double) {
      self.symbol = symbol
      self.threshold = threshold
    }
  }

  /// What is printed under each estimate (default: the standard error).
  public var uncertainty: Uncertainty
  /// The brackets around it (default: parentheses).
  public var brackets: Brackets
  /// Significance levels, any order (default `*` 0.05, `**` 0.01, `***` 0.001); empty: no stars.
  public var stars: [Star]
  /// Decimals of estimates and uncertainties (default 3).
  public var digits: Int
  /// Coefficient labels by term, such as `female` to `Female`; unlisted terms keep their name.
  public var labels: [String: String]
  /// Terms left out (a term matching any pattern).
  public var omit: [TermPattern]
  /// When not empty, only the terms matching one of these patterns.
  public var keep: [TermPattern]
  /// Terms matching the first pattern come first, then the second's, and so on; then the rest in
  /// model order (the intercept last).
  public var order: [TermPattern]
  /// Extra notes printed under the significance note.
  public var notes: [String]
  /// The table's caption.
  public var title: String
  /// How the LaTeX file sets its number columns (default: plain centred columns).
  public var latexColumns: LatexColumns = .plain
  /// Whether a row per factor names its omitted reference level (off by default).
  ///
  /// The row reads `region: Antwerpen (ref.)` with an em dash in the estimate cells, as
  /// modelsummary's and esttab's `refcat`; it needs the columns' `references`.
  public var referenceLevels = false

  /// The conventional significance levels: * p < 0.05, ** p < 0.01, *** p < 0.001.
  public static let defaultStars = [Star("*", 0.05), Star("**", 0.01), Star("***", 0.001)]

  /// Creates options; every argument has the journal default.
  public init(
    uncertainty: Uncertainty = .standardError, brackets: Brackets = .parentheses,
    stars: [Star] = TableOptions.defaultStars, digits: Int = 3, labels: [String: String] = [:],
    omit: [TermPattern] = [], keep: [TermPattern] = [], order: [TermPattern] = [],
    notes: [String] = [], title: String = "Regression results"
  ) {
    self.uncertainty = uncertainty
    self.brackets = brackets
    self.stars = stars
    self.digits = digits
    self.labels = labels
    self.omit = omit
    self.keep = keep
    self.order = order
    self.notes = notes
    self.title = title
  }

  /// The row label of a factor's reference level: `region: Antwerpen (ref.)`, the factor by its
  /// label when `labels` names it.
  func referenceLabel(factor: String, level: String) -> String {
    "\(labels[factor] ?? factor): \(level) (ref.)"
  }

  /// The symbol for a p-value: the one of the smallest threshold above it, or "".
  /// - Parameter p: the two-sided p-value (`nil` or not finite: no stars).
  /// - Returns: the stars.
  public func stars(for p: Double?) -> String {
    guard let p, p.isFinite else { return "" }
    return stars.sorted { $0.threshold < $1.threshold }.first { p < $0.threshold }?.symbol ?? ""
  }

  /// `(text)` or `[text]`.
  func bracket(_ text: String) -> String {
    brackets == .parentheses ? "(\(text))" : "[\(text)]"
  }

  /// The note on what is in brackets and what the stars mean.
  func significanceNote(level: Double) -> String {
    let what: String
    switch uncertainty {
    case .standardError: what = "Standard errors"
    case .confidenceInterval:
      let percent = level * 100
      let digits = percent == percent.rounded() ? 0 : 1
      what = "\(NumberText.fixed(percent, digits: digits))% confidence intervals"
    }
    var note = "\(what) in \(brackets.rawValue)."
    let levels = stars.sorted { $0.threshold > $1.threshold }
    if !levels.isEmpty {
      note +=
        " "
        + levels.map { "\($0.symbol) p < \(Self.threshold($0.threshold))" }
        .joined(separator: ", ") + "."
    }
    return note
  }

  private static func threshold(_ x: Double) -> String {
    var text = String(x)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }

  /// Whether `keep` and `omit` leave `term` in (the table and the coefficient figure alike).
  func shows(_ term: String) -> Bool {
    (keep.isEmpty || keep.contains { $0.matches(term) }) && !omit.contains { $0.matches(term) }
  }

  /// The terms to show, in order: `keep` and `omit` applied, then `order`, the intercept last
  /// among the unordered terms.
  func arrange(_ terms: [String]) -> [String] {
    var shown = terms.filter(shows)
    if let i = shown.firstIndex(of: "(Intercept)") { shown.append(shown.remove(at: i)) }
    var ordered: [String] = []
    for pattern in order {
      for term in shown where !ordered.contains(term) && pattern.matches(term) {
        ordered.append(term)
      }
    }
    return ordered + shown.filter { !ordered.contains($0) }
  }
}
