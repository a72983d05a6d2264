/// Atoms of a population whose tables form a decomposable (acyclic) hypergraph: one set of atoms
/// per maximal variable set (clique) instead of the whole cross-classification, tied together by
/// equal margins on the variables that neighbouring cliques share.
///
/// For decomposable variable sets, nonnegative tables that agree on their shared margins always
/// have a nonnegative joint table (Lauritzen 1996, *Graphical Models*, section 3.2; for
/// contingency tables Dobra and Fienberg 2000), so the feasible values of every published cell,
/// and every interval, are the same as over the full cross-classification, while the linear
/// programs grow with the tables rather than with the product of all their levels.
struct CliqueAtoms {
  /// For each distinct cell, the atoms it covers (in the clique it is assigned to).
  let cellAtoms: [[Int]]
  /// Number of atoms over all cliques.
  let atomCount: Int
  /// Equalities `sum(plus) - sum(minus) = 0`: a separator margin computed in two cliques.
  let links: [(plus: [Int], minus: [Int])]

  /// The clique atoms, or `nil` when the variable sets are not decomposable (the caller then
  /// uses the whole cross-classification) or the cliques hold more than `limit` cells.
  /// - Parameters:
  ///   - keys: each distinct cell's key (level index per variable, -1 for a total).
  ///   - sizes: the number of levels of each variable (at least 1).
  ///   - limit: the most cells the cliques may hold together.
  /// - Returns: the atoms and links, or `nil`.
  static func make(keys: [[Int]], sizes: [Int], limit: Int) -> CliqueAtoms? {
    var patterns: [Set<Int>] = []
    for key in keys {
      let fixed = Set(key.indices.filter { key[$0] >= 0 })
      if !patterns.contains(fixed) { patterns.append(fixed) }
    }
    // Maximal patterns, largest first (ties by their smallest variable, for a stable order).
    var cliques = patterns.filter { p in !patterns.contains { $0 != p && p.isSubset(of: $0) } }
    cliques.sort { ($0.count, -($0.min() ?? 0)) > ($1.count, -($1.min() ?? 0)) }
    guard cliques.count > 1 else { return nil }
    // Running intersection: each clique meets the ones before it inside one of them (its
    // parent); at each step the clique sharing the most variables with those placed goes next.
    var order: [Int] = [0]
    var parent: [Int: Int] = [:]
    var remaining = Array(cliques.indices.dropFirst())
    var seen = cliques[0]
    while !remaining.isEmpty {
      let ranked = remaining.sorted {
        (cliques[$0].intersection(seen).count, -$0) > (cliques[$1].intersection(seen).count, -$1)
      }
      var placed: (clique: Int, parent: Int)?
      for k in ranked {
        let meet = cliques[k].intersection(seen)
        if let p = order.first(where: { meet.isSubset(of: cliques[$0]) }) {
          placed = (k, p)
          break
        }
      }
      guard let (k, p) = placed else { return nil }
      parent[k] = p
      order.append(k)
      seen.formUnion(cliques[k])
      remaining.removeAll { $0 == k }
    }
    var total = 0
    for clique in cliques {
      var size = 1
      for v in clique { size = size.multipliedReportingOverflow(by: sizes[v]).partialValue }
      total += size
      if size > limit || total > limit { return nil }
    }
    // Each cell goes to the first clique (in order) holding its variables.
    let home: [Int] = keys.map { key in
      let fixed = Set(key.indices.filter { key[$0] >= 0 })
      return order.first { fixed.isSubset(of: cliques[$0]) } ?? order[0]
    }
    var cellAtoms = [[Int]](repeating: [], count: keys.count)
    var links: [(plus: [Int], minus: [Int])] = []
    var offset = 0
    var atomsOf: [Int: (variables: [Int], atoms: [[Int]: [Int]])] = [:]
    for k in order {
      let variables = cliques[k].sorted()
      let members = keys.indices.filter { home[$0] == k }
      // Patterns that must stay whole in this clique: its cells' and its separators'.
      var within: [[Int]] = members.map { c in variables.filter { keys[c][$0] >= 0 } }
      if let p = parent[k] { within.append(cliques[k].intersection(cliques[p]).sorted()) }
      for (child, p) in parent where p == k {
        within.append(cliques[child].intersection(cliques[k]).sorted())
      }
      let local = variables.map { sizes[$0] }
      let count = local.reduce(1, *)
      var signatureAtom: [[Int]: Int] = [:]
      var atomOfCell = [Int](repeating: 0, count: count)
      var digits = [Int](repeating: 0, count: variables.count)
      var next = 0
      for f in 0..<count {
        var signature: [Int] = []
        for pattern in within {
          for v in pattern {
            if let i = variables.firstIndex(of: v) { signature.append(digits[i]) }
          }
          signature.append(-1)
        }
        if let a = signatureAtom[signature] {
          atomOfCell[f] = a
        } else {
          signatureAtom[signature] = next
          atomOfCell[f] = next
          next += 1
        }
        nextCombination(&digits, sizes: local)
      }
      // The atoms matching a partial key (over this clique's variables).
      var cache: [[Int]: [Int]] = [:]
      func matching(_ key: [Int]) -> [Int] {
        let partial = variables.map { key[$0] }
        if let hit = cache[partial] { return hit }
        var set = Set<Int>()
        var digits = [Int](repeating: 0, count: variables.count)
        for f in 0..<count {
          var ok = true
          for (i, level) in partial.enumerated() where level >= 0 && digits[i] != level {
            ok = false
            break
          }
          if ok { set.insert(atomOfCell[f] + offset) }
          nextCombination(&digits, sizes: local)
        }
        let list = set.sorted()
        cache[partial] = list
        return list
      }
      for c in members { cellAtoms[c] = matching(keys[c]) }
      if let p = parent[k], let parentAtoms = atomsOf[p] {
        // Equal margins on the separator: every combination of its levels.
        let separator = cliques[k].intersection(cliques[p]).sorted()
        var combination = [Int](repeating: 0, count: separator.count)
        let separatorSizes = separator.map { sizes[$0] }
        repeat {
          var key = [Int](repeating: -1, count: sizes.count)
          for (s, v) in separator.enumerated() { key[v] = combination[s] }
          let mine = matching(key)
          let theirs = parentAtoms.atoms[key] ?? []
          links.append((plus: mine, minus: theirs))
        } while nextCombination(&combination, sizes: separatorSizes)
      }
      // The margins this clique's children will tie to.
      var forChildren: [[Int]: [Int]] = [:]
      for (child, p) in parent where p == k {
        let separator = cliques[child].intersection(cliques[k]).sorted()
        var combination = [Int](repeating: 0, count: separator.count)
        let separatorSizes = separator.map { sizes[$0] }
        repeat {
          var key = [Int](repeating: -1, count: sizes.count)
          for (s, v) in separator.enumerated() { key[v] = combination[s] }
          forChildren[key] = matching(key)
        } while nextCombination(&combination, sizes: separatorSizes)
      }
      atomsOf[k] = (variables, forChildren)
      offset += next
    }
    return CliqueAtoms(cellAtoms: cellAtoms, atomCount: offset, links: links)
  }
}
