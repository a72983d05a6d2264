extension TableRenderer {
  /// The preamble a LaTeX table needs, as the first line of every `.tex` table says.
  public static let latexPackages = ["booktabs", "threeparttable"]

  /// The packages of a table with `columns`: `latexPackages`, and siunitx for `S` columns.
  /// - Parameter columns: how the number columns are set.
  /// - Returns: the package names, in `\usepackage` order.
  public static func latexPackages(_ columns: LatexColumns) -> [String] {
    columns == .siunitx ? latexPackages + ["siunitx"] : latexPackages
  }

  /// A LaTeX `table` float in a `threeparttable`, with booktabs rules.
  ///
  /// True minus signs (`$-$`), stars as superscripts, `$R^2$` and every special character
  /// escaped; the notes under the table. Its first line is a comment naming the packages it needs
  /// (`latexPackages(_:)`). With `.siunitx` the number columns are `S` columns aligned on the
  /// decimal point (`LatexColumns`).
  /// - Parameters:
  ///   - table: the table.
  ///   - columns: plain centred columns (the default) or siunitx `S` columns.
  /// - Returns: the LaTeX source of the float (`\input` it in a document).
  public static func latex(_ table: ReportTable, columns: LatexColumns = .plain) -> String {
    let width = table.header.count
    let aligned = columns == .siunitx ? siunitxCells(table) : []
    let spec =
      columns == .siunitx
      ? siunitxColumnSpec(aligned, columns: width)
      : "l" + String(repeating: "c", count: max(0, width - 1))
    var out =
      "% Requires in the preamble: "
      + latexPackages(columns).map { "\\usepackage{\($0)}" }.joined(separator: " ") + "\n"
    out += "\\begin{table}[htbp]\n\\centering\n\\begin{threeparttable}\n"
    out += "\\caption{\(escapeLatex(table.title))}\n\\label{tab:\(labelText(table.id))}\n"
    out += "\\begin{tabular}{\(spec)}\n\\toprule\n"
    let header = table.header.enumerated().map { j, name in
      columns == .siunitx && j > 0 ? "{\(escapeLatex(name))}" : escapeLatex(name)
    }
    out += header.joined(separator: " & ") + " \\\\\n\\midrule\n"
    for (i, row) in table.rows.enumerated() {
      let cells =
        columns == .siunitx
        ? aligned[i].enumerated().map { j, cell in j == 0 ? latexCell(row[0]) : cell.source }
        : row.map(latexCell)
      out += cells.joined(separator: " & ") + " \\\\\n"
      if table.rulesAfter.contains(i), i < table.rows.count - 1 { out += "\\midrule\n" }
    }
    out += "\\bottomrule\n\\end{tabular}\n"
    if !table.notes.isEmpty {
      out += "\\begin{tablenotes}[flushleft]\n\\footnotesize\n"
      for note in table.notes { out += "\\item \(escapeLatex(note))\n" }
      out += "\\end{tablenotes}\n"
    }
    out += "\\end{threeparttable}\n\\end{table}\n"
    return out
  }

  /// One cell: an estimate's stars as a superscript, everything else escaped.
  static func latexCell(_ cell: ReportTable.Cell) -> String {
    if case .estimate(let x, let digits, let stars) = cell {
      let number = escapeLatex(NumberText.fixed(x, digits: digits))
      return stars.isEmpty ? number : number + "\\textsuperscript{\(escapeLatex(stars))}"
    }
    return escapeLatex(cell.text)
  }

  /// Letters, digits, `-` and `:` of a table id, for `\label`.
  static func labelText(_ id: String) -> String {
    String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ":") ? $0 : "-" })
  }

  /// Escapes LaTeX's special characters; a minus sign before a number becomes `$-$` (a hyphen
  /// elsewhere, as in Newey-West, stays), `R²` becomes `$R^2$` and `²` `$^2$`.
  /// - Parameter s: plain text.
  /// - Returns: LaTeX text mode source.
  public static func escapeLatex(_ s: String) -> String {
    var out = ""
    let chars = Array(s)
    var i = 0
    while i < chars.count {
      let ch = chars[i]
      let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
      switch ch {
      case "R" where next == "²":
        out += "$R^2$"
        i += 1
      case "²": out += "$^2$"
      case "-" where startsNumber(chars, at: i), "\u{2212}": out += "$-$"
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\\(ch)"
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "<": out += "$<$"
      case ">": out += "$>$"
      case "|": out += "\\textbar{}"
      case "≤": out += "$\\leq$"
      case "≥": out += "$\\geq$"
      case "—": out += "---"
      default: out.append(ch)
      }
      i += 1
    }
    return out
  }

  /// Whether the `-` at `i` is the sign of a number: a digit (or a decimal point and a digit)
  /// follows, and the text starts there or after a space or an opening bracket or comma.
  static func startsNumber(_ chars: [Character], at i: Int) -> Bool {
    guard i + 1 < chars.count else { return false }
    let next = chars[i + 1]
    let digitFollows =
      next.isASCII && next.isNumber
      || (next == "." && i + 2 < chars.count && chars[i + 2].isASCII && chars[i + 2].isNumber)
    guard digitFollows else { return false }
    guard i > 0 else { return true }
    return [" ", "(", "[", ",", "="].contains(chars[i - 1])
  }
}
