import DataTable
import Distributions
import Foundation

extension IndicatorAnalysis {
  /// The gap (difference) and parity ratio between the two levels of `compare` within one
  /// combination of the other groupings (or overall, from the margins of `compare`).
  struct Gap: Sendable {
    /// The levels of the other groupings (`nil`: a total over that grouping).
    let others: [String?]
    /// The compared level and the reference level of `compare`.
    let level: String
    let reference: String
    /// Cell indices of the compared level and of the reference level.
    let focal: Int
    let base: Int
    let gap: Double
    let gapSE: Double
    let gapLow: Double
    let gapHigh: Double
    /// `focal / reference`, `nil` when the reference estimate is 0.
    let ratio: Double?
    /// The delta-method standard error of `log(ratio)` (both estimates positive).
    let logRatioSE: Double?
    let ratioLow: Double?
    let ratioHigh: Double?
  }

  /// The groupings other than `compare`.
  var gapColumns: [String] { by.filter { $0 != compare } }

  /// Pairs the cells that differ only in the level of `compare` and computes their gap and
  /// parity ratio with delta-method standard errors.
  ///
  /// `Var(a - b) = Va + Vb - 2 Cab` and
  /// `Var(log a/b) = Va/a² + Vb/b² - 2 Cab/(ab)`, the covariance from the design when
  /// `cluster:` or `weights:` is given and 0 otherwise (the two levels are disjoint groups of
  /// independent rows). Normal intervals; the ratio's is `exp` of the log-scale interval.
  func gaps(cells: [Cell], reference: String, design: IndicatorDesign?) -> [Gap] {
    guard let compare, let c = by.firstIndex(of: compare) else { return [] }
    var order: [[String?]] = []
    var pairs: [[String?]: (focal: Int?, base: Int?, level: String?)] = [:]
    for (i, cell) in cells.enumerated() {
      guard let level = cell.levels[c] else { continue }
      var others = cell.levels
      others.remove(at: c)
      if pairs[others] == nil {
        order.append(others)
        pairs[others] = (nil, nil, nil)
      }
      if level == reference {
        pairs[others]?.base = i
      } else {
        pairs[others]?.focal = i
        pairs[others]?.level = level
      }
    }
    let z = Normal.standard.upperQuantile((1 - level) / 2)
    return order.compactMap { others in
      guard let pair = pairs[others], let f = pair.focal, let b = pair.base,
        let level = pair.level
      else { return nil }
      let a = cells[f].estimate
      let r = cells[b].estimate
      let va = (cells[f].standardError ?? .nan) * (cells[f].standardError ?? .nan)
      let vb = (cells[b].standardError ?? .nan) * (cells[b].standardError ?? .nan)
      var cab = 0.0
      if let design, let ia = cells[f].influence, let ib = cells[b].influence {
        cab = design.covariance(ia, ib)
      }
      let gap = a - r
      let se = max(0, va + vb - 2 * cab).squareRoot()
      var ratio: Double?
      var logSE: Double?
      if r != 0, a.isFinite, r.isFinite { ratio = a / r }
      if a > 0, r > 0 {
        logSE = max(0, va / (a * a) + vb / (r * r) - 2 * cab / (a * r)).squareRoot()
      }
      return Gap(
        others: others, level: level, reference: reference, focal: f, base: b, gap: gap,
        gapSE: se, gapLow: gap - z * se, gapHigh: gap + z * se, ratio: ratio,
        logRatioSE: logSE, ratioLow: logSE.flatMap { s in ratio.map { $0 * exp(-z * s) } },
        ratioHigh: logSE.flatMap { s in ratio.map { $0 * exp(z * s) } })
    }
  }

  /// The gaps in the result document; a gap with a suppressed cell is published as `null`.
  func gapsJSON(_ gaps: [Gap], suppressed: [Bool]) -> JSONValue {
    .array(
      gaps.map { gap in
        let hidden = suppressed[gap.focal] || suppressed[gap.base]
        func value(_ x: Double?) -> JSONValue { hidden ? .null : .number(x) }
        return .object([
          ("by", Grouping.json(levels: gap.others, columns: gapColumns)),
          ("level", Self.levelJSON(gap.level)), ("reference", Self.levelJSON(gap.reference)),
          ("gap", value(gap.gap)), ("gap_se", value(gap.gapSE)),
          ("gap_low", value(gap.gapLow)), ("gap_high", value(gap.gapHigh)),
          ("ratio", value(gap.ratio)), ("log_ratio_se", value(gap.logRatioSE)),
          ("ratio_low", value(gap.ratioLow)), ("ratio_high", value(gap.ratioHigh)),
          ("suppressed", .bool(hidden)),
        ])
      })
  }

  /// One sentence on the published gaps: the overall gap when published, else their range.
  func gapFindings(_ gaps: [Gap], suppressed: [Bool]) -> [String] {
    let shown = gaps.filter { !suppressed[$0.focal] && !suppressed[$0.base] && $0.gap.isFinite }
    guard let compare, let first = gaps.first else { return [] }
    let pair = "\(compare) \(first.level) minus \(first.reference)"
    guard !shown.isEmpty else {
      return ["\(name): every gap (\(pair)) has a suppressed cell and is not published."]
    }
    func text(_ x: Double) -> String { NumberText.fixed(x, digits: 3) }
    func describe(_ g: Gap) -> String {
      let parts = zip(gapColumns, g.others).compactMap { c, v in v.map { "\(c) \($0)" } }
      return parts.isEmpty ? "overall" : parts.joined(separator: ", ")
    }
    if let overall = shown.first(where: { $0.others.allSatisfy { $0 == nil } }) {
      let ratio = overall.ratio.map { ", parity ratio \(text($0))" } ?? ""
      return [
        "\(name): the gap (\(pair)) is \(text(overall.gap)) overall "
          + "(\(Int((level * 100).rounded()))% CI \(text(overall.gapLow)) to "
          + "\(text(overall.gapHigh)))\(ratio)."
      ]
    }
    guard let low = shown.min(by: { $0.gap < $1.gap }),
      let high = shown.max(by: { $0.gap < $1.gap })
    else { return [] }
    return [
      "\(name): the gap (\(pair)) ranges from \(text(low.gap)) (\(describe(low))) to "
        + "\(text(high.gap)) (\(describe(high)))."
    ]
  }

  /// A level as JSON: a number when it reads as one (`0`), else text.
  static func levelJSON(_ level: String) -> JSONValue {
    if let i = Int(level) { return .integer(i) }
    if let x = Double(level) { return .number(x) }
    return .string(level)
  }

  /// The table `<name>_gaps`: one row per gap, suppressed ones marked.
  func gapsTable(_ gaps: [Gap], suppressed: [Bool], design: IndicatorDesign?) -> ReportTable {
    let header =
      gapColumns + [
        "Gap", "SE", "CI low", "CI high", "Ratio", "Ratio low", "Ratio high",
      ]
    let rows: [[ReportTable.Cell]] = gaps.map { gap in
      var row: [ReportTable.Cell] = gap.others.map { .text($0 ?? "All") }
      if suppressed[gap.focal] || suppressed[gap.base] {
        return row + Array(repeating: .suppressed, count: 7)
      }
      for x in [
        gap.gap, gap.gapSE, gap.gapLow, gap.gapHigh, gap.ratio, gap.ratioLow, gap.ratioHigh,
      ] {
        row.append(x.map { $0.isFinite ? .number($0, digits: 3) : .empty } ?? .empty)
      }
      return row
    }
    let percent = Int((level * 100).rounded())
    var notes = [
      "Gap: \(compare ?? "") = \(gaps.first?.level ?? "") minus \(compare ?? "") = "
        + "\(gaps.first?.reference ?? ""); ratio: the first over the second. "
        + "\(percent)% delta-method intervals (the ratio's on the log scale)"
        + (design.map { ", \(designNote($0))." } ?? ".")
    ]
    if suppressed.contains(true) {
      notes.append(
        "\(ReportTable.suppressedMarker) not published: a compared cell is suppressed.")
    }
    return ReportTable(
      id: "\(name)_gaps", title: "Gaps and parity ratios by \(compare ?? "")", header: header,
      rows: rows, notes: notes)
  }
}
