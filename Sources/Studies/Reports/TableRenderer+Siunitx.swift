extension TableRenderer {
  /// A cell of an siunitx `S` column: a number with text before and after it (brackets, stars),
  /// text that siunitx must not parse (braced), or nothing.
  enum SiunitxCell: Equatable {
    /// A number as siunitx parses it (`-1.897`), with LaTeX text set before and after it.
    case number(pre: String, digits: String, post: String)
    /// Non-numeric LaTeX text, set in braces.
    case text(String)
    /// An empty cell.
    case empty

    /// The cell's source in an `S` column.
    var source: String {
      switch self {
      case .number(let pre, let digits, let post):
        return (pre.isEmpty ? "" : "{\(pre)}") + digits + (post.isEmpty ? "" : "{\(post)}")
      case .text(let text): return text.isEmpty ? "" : "{\(text)}"
      case .empty: return ""
      }
    }
  }

  /// The column specification of an siunitx table: `l` for the row labels, then per column an
  /// `S` column with the `table-format` of its numbers (sign, integer and decimal digits) and the
  /// space of its widest text before and after a number (a bracket set against its number), or
  /// `c` for a column without numbers.
  static func siunitxColumnSpec(_ cells: [[SiunitxCell]], columns: Int) -> String {
    var spec = "l"
    for j in 1..<max(1, columns) {
      var sign = false
      var integers = 1
      var decimals = 0
      var pre = ""
      var post = ""
      var numbers = false
      for row in cells where j < row.count {
        guard case .number(let before, let digits, let after) = row[j] else { continue }
        numbers = true
        sign = sign || digits.hasPrefix("-")
        let unsigned = digits.drop { $0 == "-" }
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        integers = max(integers, parts[0].count)
        decimals = max(decimals, parts.count > 1 ? parts[1].count : 0)
        if before.count > pre.count { pre = before }
        if after.count > post.count { post = after }
      }
      guard numbers else {
        spec += "c"
        continue
      }
      var options = ["table-format=\(sign ? "-" : "")\(integers)"]
      if decimals > 0 { options[0] += ".\(decimals)" }
      if !pre.isEmpty {
        // The bracket sits against its number, not at the left of the reserved digits.
        options.append("table-space-text-pre={\(pre)}, table-align-text-before=false")
      }
      if !post.isEmpty { options.append("table-space-text-post={\(post)}") }
      spec += "\n  S[\(options.joined(separator: ", "))]"
    }
    return spec
  }

  /// The cells of a table in `S` columns.
  ///
  /// The rows after the last rule (a regression table's fit
  /// statistics, whose log-likelihoods and AICs have more integer digits than any coefficient)
  /// are braced text, centred, so that they do not widen the columns' `table-format`.
  static func siunitxCells(_ table: ReportTable) -> [[SiunitxCell]] {
    let last = table.rulesAfter.filter { $0 < table.rows.count - 1 }.max()
    return table.rows.enumerated().map { i, row in
      guard let last, i > last else { return row.map(siunitxCell) }
      return row.map { cell in
        let text = cell.text
        return text.isEmpty ? .empty : .text(escapeLatex(text))
      }
    }
  }

  /// A table cell for an `S` column: estimates, numbers and counts are numbers (stars after them
  /// as superscripts); a text cell that is a plain number (`0.291`, `-13647.0`) or one in
  /// brackets (`(0.046)`) is a number with the brackets as text; everything else (`21,590`,
  /// intervals, labels, the withheld marker) is braced text.
  static func siunitxCell(_ cell: ReportTable.Cell) -> SiunitxCell {
    switch cell {
    case .estimate(let x, let digits, let stars):
      let text = NumberText.fixed(x, digits: digits)
      guard isPlainNumber(text) else { return .text(escapeLatex(text)) }
      let post = stars.isEmpty ? "" : "\\textsuperscript{\(escapeLatex(stars))}"
      return .number(pre: "", digits: text, post: post)
    case .number, .count, .text:
      let text = cell.text
      if isPlainNumber(text) { return .number(pre: "", digits: text, post: "") }
      if let open = text.first, let close = text.last, text.count > 2,
        (open == "(" && close == ")") || (open == "[" && close == "]")
      {
        let inner = String(text.dropFirst().dropLast())
        if isPlainNumber(inner) {
          return .number(pre: String(open), digits: inner, post: String(close))
        }
      }
      return text.isEmpty ? .empty : .text(escapeLatex(text))
    case .suppressed: return .text(escapeLatex(ReportTable.suppressedMarker))
    case .empty: return .empty
    }
  }

  /// `-12.345`, `7`: an optional minus, digits, optionally a point and digits.
  static func isPlainNumber(_ text: String) -> Bool {
    text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil
  }
}
