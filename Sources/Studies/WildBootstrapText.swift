import Inference

/// The text summary's lines for a `wild_bootstrap` section: one header with the settings, then
/// each coefficient's bootstrap p-value and interval.
enum WildBootstrapText {
  /// `Wild cluster bootstrap (WCR): 9999 rademacher replications over 20 clusters of school_id`,
  /// then `  treated  p = 0.0312  95% CI [0.012, 0.204]`.
  static func lines(_ section: ResultSection) -> [String] {
    let terms = section.column("term")
    guard !terms.isEmpty else { return [] }
    func first(_ key: String) -> String { cellText(section.column(key).first) }
    var lines = [
      "Wild cluster bootstrap (WCR): \(first("reps")) \(first("weights")) replications over "
        + "\(first("clusters")) clusters of \(first("cluster")), seed \(first("seed"))"
    ]
    let width = terms.map { cellText($0).count }.max() ?? 0
    let p = section.column("p_value")
    let low = section.column("conf_low")
    let high = section.column("conf_high")
    let level = section.column("level").first.flatMap { cell -> Double? in
      if case .number(let value) = cell { return value }
      return nil
    }
    let percent = level.map { NumberFormat.significant($0 * 100) } ?? "95"
    for k in terms.indices {
      let name = cellText(terms[k])
      lines.append(
        "  " + name + String(repeating: " ", count: width - name.count) + "  p = "
          + cellText(p[k]) + "  \(percent)% CI [" + cellText(low[k]) + ", " + cellText(high[k])
          + "]")
    }
    return lines
  }

  private static func cellText(_ cell: ResultSection.Cell?) -> String {
    switch cell {
    case .text(let text): return text
    case .integer(let value): return String(value)
    case .number(let value): return value.map { NumberFormat.significant($0, digits: 4) } ?? "NA"
    case .bool(let value): return value ? "yes" : "no"
    case nil: return "NA"
    }
  }
}
