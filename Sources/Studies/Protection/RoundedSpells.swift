import Models

/// Spells rebuilt from counts rounded to multiples of `min_cell`, so that a survival curve
/// estimated from them implies no count below `min_cell`.
///
/// A Kaplan-Meier estimate with its Greenwood standard error at two consecutive event times
/// determines the number at risk and the number of events between them (two equations in two
/// unknowns), and a cumulative incidence step gives each outcome's events from those. Curves of
/// the exact counts therefore publish every small step. As OpenSAFELY's `kaplan-meier-function`
/// does, the published curves are instead the estimators applied to rounded counts: per group,
/// the cumulative numbers of entries (spells with entry before each time), of events of each
/// outcome and of censored exits up to each time are rounded to the nearest multiple of `m`
/// (halves up), and the steps are their differences. Every count a published curve implies (at
/// risk, events of each outcome, censored and entered between two times) is then a multiple of
/// `m`, so 0 or at least `m`, and each true cumulative count lies within `m / 2` of the rounded
/// one. Rounding the cumulative counts rather than each step keeps the error from adding up
/// along the curve. (OpenSAFELY rounds up to the midpoint of each interval of `m`; the nearest
/// multiple keeps every implied count a multiple of `m`, which the audit checks.)
///
/// Where rounded exits would exceed the rounded entries (only in a curve's last few steps),
/// censored exits and then events are cut at that time, again by multiples of `m`. Spells that
/// remain are censored at the group's last time, which moves no published point.
struct RoundedSpells: Sendable {
  /// Exit times of the rebuilt spells.
  let exit: [Double]
  /// Entry times, or `nil` when the data have none.
  let entry: [Double]?
  /// 0 for a censored spell, else its outcome code.
  let outcome: [Int]
  /// The group label of each spell.
  let group: [String]

  /// Rebuilds the spells of each group from its rounded counts.
  /// - Parameters:
  ///   - spells: the spells.
  ///   - outcome: 0 for a censored spell, else the outcome code (1 for the event of a
  ///     Kaplan-Meier curve).
  ///   - groups: the group label of each spell.
  ///   - order: the group labels, in the order the rebuilt spells take them.
  ///   - multiple: the rounding multiple (`min_cell`; 1 rebuilds the counts unchanged).
  init(
    _ spells: SurvivalSpells, outcome: [Int], groups: [String], order: [String], multiple: Int
  ) {
    let m = Swift.max(multiple, 1)
    var rowsOf: [String: [Int]] = [:]
    for (row, label) in groups.enumerated() { rowsOf[label, default: []].append(row) }
    var exit: [Double] = []
    var entry: [Double] = []
    var outcomes: [Int] = []
    var labels: [String] = []
    for label in order {
      let group = Self.group(spells, outcome: outcome, rows: rowsOf[label] ?? [], multiple: m)
      exit += group.exit
      entry += group.entry
      outcomes += group.outcome
      labels += Array(repeating: label, count: group.exit.count)
    }
    self.exit = exit
    self.entry = spells.entry == nil ? nil : entry
    self.outcome = outcomes
    self.group = labels
  }

  /// `n` rounded to the nearest multiple of `m`, halves up.
  static func roundNearest(_ n: Int, _ m: Int) -> Int { (n + m / 2) / m * m }

  /// The rebuilt spells of one group.
  private static func group(
    _ spells: SurvivalSpells, outcome: [Int], rows: [Int], multiple m: Int
  ) -> (exit: [Double], entry: [Double], outcome: [Int]) {
    let times = Array(Set(rows.map { spells.exit[$0] })).sorted()
    guard let last = times.last else { return ([], [], []) }
    let codes = Array(Set(rows.map { outcome[$0] }.filter { $0 > 0 })).sorted()
    let entries = rows.map { spells.entryTime($0) }.sorted()
    // Exits per time: censored (index 0) and each outcome code.
    var exitsAt = [[Int]](
      repeating: [Int](repeating: 0, count: codes.count + 1), count: times.count)
    var timeIndex: [Double: Int] = [:]
    for (index, t) in times.enumerated() { timeIndex[t] = index }
    for row in rows {
      guard let index = timeIndex[spells.exit[row]] else { continue }
      let kind = outcome[row] > 0 ? (codes.firstIndex(of: outcome[row]) ?? 0) + 1 : 0
      exitsAt[index][kind] += 1
    }
    var trueCumulative = [Int](repeating: 0, count: codes.count + 1)
    var published = [Int](repeating: 0, count: codes.count + 1)
    var enteredBefore = 0
    var entered = 0
    var exited = 0
    // Entry times of spells entered and not yet exited, oldest first (a queue by index).
    var waiting: [Double] = []
    var head = 0
    var out: (exit: [Double], entry: [Double], outcome: [Int]) = ([], [], [])
    var entryCursor = 0
    for (index, t) in times.enumerated() {
      while entryCursor < entries.count && entries[entryCursor] < t {
        entryCursor += 1
        enteredBefore += 1
      }
      let roundedEntries = roundNearest(enteredBefore, m)
      // Rebuilt spells entering since the previous time get that time as entry (the first ones
      // the earliest true entry), so they are at risk from this time on.
      let entryTime = index == 0 ? (entries.first ?? t) : times[index - 1]
      for _ in entered..<Swift.max(entered, roundedEntries) { waiting.append(entryTime) }
      entered = Swift.max(entered, roundedEntries)
      var step = [Int](repeating: 0, count: codes.count + 1)
      for kind in step.indices {
        trueCumulative[kind] += exitsAt[index][kind]
        step[kind] = roundNearest(trueCumulative[kind], m) - published[kind]
      }
      // At most the spells at risk may leave: cut censored exits first, then events.
      var excess = exited + step.reduce(0, +) - entered
      for kind in step.indices where excess > 0 {
        let cut = Swift.min(step[kind], excess)
        step[kind] -= cut
        excess -= cut
      }
      for kind in step.indices {
        published[kind] += step[kind]
        for _ in 0..<step[kind] {
          out.exit.append(t)
          out.entry.append(waiting[head])
          out.outcome.append(kind == 0 ? 0 : codes[kind - 1])
          head += 1
        }
      }
      exited += step.reduce(0, +)
    }
    while head < waiting.count {
      out.exit.append(last)
      out.entry.append(waiting[head])
      out.outcome.append(0)
      head += 1
    }
    return out
  }
}
