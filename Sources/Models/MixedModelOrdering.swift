/// A fill-reducing order of the levels of a second grouping factor, so that most rows of the
/// tail factor stay sparse (``MixedModelTailPattern``).
///
/// Two schools are neighbours when a learner (a leading level) attended both; eliminating a
/// school joins its neighbours. Minimum degree (Tinney & Walker; George & Liu 1989) takes the
/// school with fewest neighbours first, while that number is at most 64; the others follow by
/// ascending degree and form the dense trailing block. Only a single scalar second term is
/// reordered (`(1 | school_id)`); the order changes no estimate, and results list the levels in
/// their original order.
enum MixedModelOrdering {
  /// The largest degree eliminated by minimum degree; denser schools form the dense block.
  static let maximumDegree = 64

  /// The terms with the second term's levels in a fill-reducing order when it is the only
  /// other term and scalar; otherwise unchanged.
  static func ordered(_ terms: [MixedModelTerm]) -> [MixedModelTerm] {
    guard terms.count == 2, terms[1].p == 1, terms[1].levels > 2 else { return terms }
    let order = minimumDegree(lead: terms[0], other: terms[1])
    return [terms[0], terms[1].reordered(order)]
  }

  /// The levels of `other` in minimum-degree order (`order[new] = old`).
  static func minimumDegree(lead: MixedModelTerm, other: MixedModelTerm) -> [Int] {
    let n = other.levels
    let byLevel = MixedModelSystem.observationsByLevel(lead.codes, levels: lead.levels)
    var adjacency = [Set<Int32>](repeating: [], count: n)
    var touched: [Int32] = []
    for level in 0..<lead.levels {
      touched.removeAll(keepingCapacity: true)
      for index in byLevel.start[level]..<byLevel.start[level + 1] {
        let code = other.codes[byLevel.rows[index]]
        if !touched.contains(code) { touched.append(code) }
      }
      guard touched.count > 1 else { continue }
      for a in touched {
        for b in touched where b != a { adjacency[Int(a)].insert(b) }
      }
    }
    var eliminated = [Bool](repeating: false, count: n)
    var order: [Int] = []
    order.reserveCapacity(n)
    while order.count < n {
      var best = -1
      var bestDegree = Int.max
      for v in 0..<n where !eliminated[v] && adjacency[v].count < bestDegree {
        best = v
        bestDegree = adjacency[v].count
      }
      guard bestDegree <= maximumDegree else { break }
      eliminated[best] = true
      order.append(best)
      let neighbours = adjacency[best]
      for a in neighbours {
        adjacency[Int(a)].remove(Int32(best))
        for b in neighbours where b != a { adjacency[Int(a)].insert(b) }
      }
      adjacency[best] = []
    }
    let remaining = (0..<n).filter { !eliminated[$0] }
    order += remaining.sorted { (adjacency[$0].count, $0) < (adjacency[$1].count, $1) }
    return order
  }
}
