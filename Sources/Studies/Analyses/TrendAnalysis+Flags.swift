import DataTable
import Models

extension TrendAnalysis {
  /// The options with the years flagged `b` (break in series) added as segment breaks, and notes
  /// on every flag.
  ///
  /// A flagged break becomes a level and slope change when the model is linear or segmented and
  /// it leaves at least two points on each side; otherwise it is only noted. A break on the
  /// first year changes nothing and is ignored.
  func flaggedOptions(_ points: [Point]) -> (TrendOptions, [String]) {
    var options = self.options
    var notes: [String] = []
    let times = Array(Set(points.map(\.time))).sorted()
    guard let first = times.first else { return (options, notes) }
    let flagged = Array(Set(points.filter { $0.flags.contains("b") }.map(\.time))).sorted()
      .filter { $0 > first }
    if !flagged.isEmpty {
      let years = flagged.map { NumberText.fixed($0, digits: 0) }.joined(separator: ", ")
      if options.shape == .quadratic {
        notes.append("Break in series (flag b) in \(years): not modelled by a quadratic trend.")
      } else {
        var kept: [Double] = []
        var previous = -Double.infinity
        for b in Array(Set(options.shape.breaks + flagged)).sorted() {
          let before = times.filter { $0 >= previous && $0 < b }.count
          let after = times.filter { $0 >= b }.count
          if before >= 2 && after >= 2 || options.shape.breaks.contains(b) {
            kept.append(b)
            previous = b
          }
        }
        let used = flagged.filter { kept.contains($0) }
        let dropped = flagged.filter { !kept.contains($0) }
        if !used.isEmpty {
          notes.append(
            "Break in series (flag b) in "
              + used.map { NumberText.fixed($0, digits: 0) }.joined(separator: ", ")
              + ": modelled as segment breaks (a level and a slope change).")
        }
        if !dropped.isEmpty {
          notes.append(
            "Break in series (flag b) in "
              + dropped.map { NumberText.fixed($0, digits: 0) }.joined(separator: ", ")
              + ": not modelled (fewer than two points in a segment).")
        }
        if !kept.isEmpty { options.shape = .segmented(breaks: kept) }
      }
    }
    for (flag, meaning) in EurostatTable.flagMeanings where flag != "b" {
      let years = Array(Set(points.filter { $0.flags.contains(flag) }.map(\.time))).sorted()
      if !years.isEmpty {
        notes.append(
          "Flag \(flag) (\(meaning)) in "
            + years.map { NumberText.fixed($0, digits: 0) }.joined(separator: ", ") + ".")
      }
    }
    return (options, notes)
  }
}
