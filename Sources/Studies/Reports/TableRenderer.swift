/// Renders `ReportTable`s as Markdown (pipe tables), CSV (RFC 4180), LaTeX (booktabs and
/// threeparttable; `TableRenderer+LaTeX.swift`) and HTML (`TableRenderer+HTML.swift`); every format
/// shows the same cells.
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
}
