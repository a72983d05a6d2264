/// Disclosure control for published tables: primary suppression of every cell with fewer than
/// `min_cell` observations, then complementary (secondary) suppression so that no suppressed cell
/// can be recovered by subtracting the published cells of its group from a published total.
public enum Disclosure {
  /// Which cells to suppress.
  /// - Parameters:
  ///   - counts: observations per cell.
  ///   - groups: sets of cell indices whose total is published or derivable (e.g. the cells of one
  ///     year across genders). Where a group has exactly one suppressed cell, the smallest other
  ///     cell of the group is suppressed too; repeated until no group has a lone suppressed cell.
  ///   - settings: `min_cell` and whether complementary suppression is on.
  /// - Returns: `true` for each suppressed cell.
  public static func suppress(counts: [Int], groups: [[Int]], settings: DisclosureSettings)
    -> [Bool]
  {
    var suppressed = counts.map { $0 < settings.minCell }
    guard settings.complementary else { return suppressed }
    var changed = true
    while changed {
      changed = false
      for group in groups where group.count > 1 {
        let hidden = group.filter { suppressed[$0] }
        guard hidden.count == 1 else { continue }
        let candidates = group.filter { !suppressed[$0] }
        guard let smallest = candidates.min(by: { (counts[$0], $0) < (counts[$1], $1) }) else {
          continue
        }
        suppressed[smallest] = true
        changed = true
      }
    }
    return suppressed
  }

  /// Groups of cells that share all key parts but one: for each position, cells equal elsewhere.
  /// - Parameter keys: one key (a list of parts, e.g. [year, gender]) per cell.
  /// - Returns: the groups (cells varying in one part, the others fixed).
  public static func siblingGroups(_ keys: [[String]]) -> [[Int]] {
    guard let width = keys.first?.count, width > 0 else { return [] }
    var groups: [[Int]] = []
    for position in 0..<width {
      var byRest: [[String]: [Int]] = [:]
      var order: [[String]] = []
      for (i, key) in keys.enumerated() {
        var rest = key
        rest.remove(at: position)
        if byRest[rest] == nil { order.append(rest) }
        byRest[rest, default: []].append(i)
      }
      groups += order.compactMap { byRest[$0] }
    }
    return groups
  }
}
