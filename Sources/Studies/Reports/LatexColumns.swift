/// How a LaTeX table sets its number columns (`latex_columns:` in a spec's `table:` block,
/// `vetstat table --latex-columns`).
public enum LatexColumns: String, Sendable, CaseIterable {
  /// Centred `c` columns, true minus signs and stars as `\textsuperscript` (booktabs and
  /// threeparttable only).
  case plain
  /// siunitx `S` columns aligned on the decimal point: each column's `table-format` is measured
  /// from its numbers, stars and brackets are text before or after the number (space reserved by
  /// `table-space-text-pre`/`-post`), and every non-numeric cell is braced. Needs
  /// `\usepackage{siunitx}` (Debian `texlive-science`) as well.
  case siunitx
}
