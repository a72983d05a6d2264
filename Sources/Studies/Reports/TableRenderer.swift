/// Renders `ReportTable`s as Markdown (pipe tables), CSV (RFC 4180) and LaTeX (booktabs).
public enum TableRenderer {
  /// A Markdown pipe table with its caption and notes.
  public static func markdown(_ table: ReportTable) -> String {
    var out = "**\(table.title)**\n\n"
    out += "| " + table.header.map(escapeMarkdown).joined(separator: " | ") + " |\n"
    out +=
      "|" + table.header.indices.map { $0 == 0 ? ":---" : "---:" }.map { $0 + "|" }.joined() + "\n"
    for row in table.rows {
      out += "| " + row.map { escapeMarkdown($0.text) }.joined(separator: " | ") + " |\n"
    }
    for note in table.notes { out += "\n_\(escapeMarkdown(note))_\n" }
    return out
  }

  private static func escapeMarkdown(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|")
  }

  /// CSV with a header line; suppressed cells hold the marker.
  public static func csv(_ table: ReportTable) -> String {
    var out = table.header.map(quoteCSV).joined(separator: ",") + "\n"
    for row in table.rows { out += row.map { quoteCSV($0.text) }.joined(separator: ",") + "\n" }
    return out
  }

  private static func quoteCSV(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// A LaTeX `table` with `booktabs` rules (needs `\usepackage{booktabs}`).
  public static func latex(_ table: ReportTable) -> String {
    let spec = "l" + String(repeating: "r", count: max(0, table.header.count - 1))
    var out = "\\begin{table}[ht]\n\\centering\n\\caption{\(escapeLatex(table.title))}\n"
    out += "\\begin{tabular}{\(spec)}\n\\toprule\n"
    out += table.header.map(escapeLatex).joined(separator: " & ") + " \\\\\n\\midrule\n"
    for (i, row) in table.rows.enumerated() {
      out += row.map { escapeLatex($0.text) }.joined(separator: " & ") + " \\\\\n"
      if table.rulesAfter.contains(i) { out += "\\midrule\n" }
    }
    out += "\\bottomrule\n\\end{tabular}\n"
    if !table.notes.isEmpty {
      out +=
        "\\par\\smallskip\\footnotesize " + table.notes.map(escapeLatex).joined(separator: " ")
        + "\n"
    }
    out += "\\end{table}\n"
    return out
  }

  /// Escapes LaTeX's special characters.
  public static func escapeLatex(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "<": out += "$<$"
      case ">": out += "$>$"
      default: out.append(ch)
      }
    }
    return out
  }
}
