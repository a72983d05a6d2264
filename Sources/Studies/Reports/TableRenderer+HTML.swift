extension TableRenderer {
  /// An HTML `<table>`: the caption, a header, rules where the table has them (booktabs style,
  /// inline CSS), stars as `<sup>`, true minus signs (U+2212) and the notes in the footer.
  /// - Parameter table: the table.
  /// - Returns: an HTML fragment (no `<html>` around it).
  public static func html(_ table: ReportTable) -> String {
    let rule = "border-top:1px solid #000"
    var out = "<table class=\"vetstat-table\" id=\"\(escapeHTML(table.id))\" "
    out += "style=\"border-collapse:collapse;border-top:2px solid #000;"
    out += "border-bottom:2px solid #000\">\n"
    out += "<caption>\(escapeHTML(table.title))</caption>\n<thead>\n<tr>"
    for (i, name) in table.header.enumerated() {
      out += "<th style=\"\(align(i));padding:2px 8px\">\(escapeHTML(name))</th>"
    }
    out += "</tr>\n</thead>\n<tbody>\n"
    for (r, row) in table.rows.enumerated() {
      let ruled = r == 0 || table.rulesAfter.contains(r - 1)
      out += ruled ? "<tr style=\"\(rule)\">" : "<tr>"
      for (i, cell) in row.enumerated() {
        out += "<td style=\"\(align(i));padding:2px 8px\">\(htmlCell(cell))</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n"
    if !table.notes.isEmpty {
      out += "<tfoot>\n"
      for note in table.notes {
        out += "<tr style=\"\(rule)\"><td colspan=\"\(table.header.count)\" "
        out += "style=\"text-align:left;font-size:smaller\">\(escapeHTML(note))</td></tr>\n"
      }
      out += "</tfoot>\n"
    }
    out += "</table>\n"
    return out
  }

  /// A complete HTML page holding the table (UTF-8, the caption as the page title).
  /// - Parameter table: the table.
  /// - Returns: the page.
  public static func htmlDocument(_ table: ReportTable) -> String {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      + "<title>\(escapeHTML(table.title))</title>\n</head>\n<body>\n" + html(table)
      + "</body>\n</html>\n"
  }

  private static func align(_ column: Int) -> String {
    column == 0 ? "text-align:left" : "text-align:center"
  }

  /// One cell: an estimate's stars in `<sup>`, everything else escaped.
  static func htmlCell(_ cell: ReportTable.Cell) -> String {
    if case .estimate(let x, let digits, let stars) = cell {
      let number = escapeHTML(NumberText.fixed(x, digits: digits))
      return stars.isEmpty ? number : number + "<sup>\(escapeHTML(stars))</sup>"
    }
    return escapeHTML(cell.text)
  }

  /// Escapes `&`, `<`, `>` and `"`; a minus sign before a number becomes U+2212.
  /// - Parameter s: plain text.
  /// - Returns: HTML text.
  public static func escapeHTML(_ s: String) -> String {
    var out = ""
    let chars = Array(s)
    for (i, ch) in chars.enumerated() {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "-" where startsNumber(chars, at: i): out += "\u{2212}"
      default: out.append(ch)
      }
    }
    return out
  }
}
