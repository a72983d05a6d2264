/// "Did you mean ...?" suggestions for misspelt names (columns, spec keys, options).
public enum NameSuggestion {
  /// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough
  /// to be a plausible typo: at most a third of the name's length in edits, and at least 1.
  /// - Parameters:
  ///   - name: what the user wrote.
  ///   - candidates: valid names.
  /// - Returns: the nearest candidate, or `nil` when none is plausible.
  public static func nearest(to name: String, among candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if let current = best, current.1 <= distance { continue }
      best = (candidate, distance)
    }
    guard let (candidate, distance) = best else { return nil }
    let limit = max(1, max(target.count, candidate.count) / 3)
    return distance <= limit ? candidate : nil
  }

  /// Levenshtein distance with adjacent transpositions counted as one edit.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          value = min(value, previous2[j - 2] + 1)
        }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
