import LinearAlgebra

/// The sparsity of the tail's random-effect rows: which rows of the tail factor `U` are computed
/// one at a time on their few non-zero columns before the rest is factored dense.
///
/// After the leading levels are eliminated, the tail's random-effect block is the identity plus
/// the scaled cross products plus one small clique per leading level (for a learner who changed
/// school, the pair of schools). Its rows are eliminated in order (a fill-reducing order is
/// chosen by ``MixedModelOrdering``); the symbolic factorisation (elimination tree, George & Liu)
/// gives each row's non-zero columns. Rows stay sparse while they have at most a quarter of the
/// remaining columns (and at least 16); from the first denser row on, the trailing block is
/// factored by LAPACK.
struct MixedModelTailPattern: Sendable {
  /// Rows of `U` eliminated one at a time (the first `sparseCount` random-effect coordinates).
  let sparseCount: Int
  /// For sparse row j, `start[j]..<start[j+1]` indexes `columns`.
  let start: [Int]
  /// The random-effect columns `> j` where row j of `U` may be non-zero, ascending (the fixed
  /// effects and the response, always dense, are not listed).
  let columns: [Int32]

  /// The symbolic factorisation of the tail's random-effect block.
  /// - Parameters:
  ///   - levelStart: for each leading level, the range of its touched tail coordinates.
  ///   - restRows: the touched coordinates, ascending per level.
  ///   - qRest: random effects of the tail.
  init(levelStart: [Int], restRows: [Int32], qRest: Int) {
    // Upper adjacency: for each coordinate, the larger coordinates it shares a level with.
    var adjacency = [[Int32]](repeating: [], count: qRest)
    for level in 0..<max(levelStart.count - 1, 0) {
      let first = levelStart[level]
      let last = levelStart[level + 1]
      for a in first..<last {
        for b in (a + 1)..<last { adjacency[Int(restRows[a])].append(restRows[b]) }
      }
    }
    var children = [[Int]](repeating: [], count: qRest)
    var mark = [Int](repeating: -1, count: qRest)
    var start = [0]
    var columns: [Int32] = []
    var list: [Int32] = []
    var count = 0
    for j in 0..<qRest {
      list.removeAll(keepingCapacity: true)
      mark[j] = j
      for i in adjacency[j] where mark[Int(i)] != j {
        mark[Int(i)] = j
        list.append(i)
      }
      for child in children[j] {
        for i in columns[start[child]..<start[child + 1]] where mark[Int(i)] != j {
          mark[Int(i)] = j
          list.append(i)
        }
      }
      guard list.count <= max(16, (qRest - j) / 4) else { break }
      list.sort()
      columns += list
      start.append(columns.count)
      if let parent = list.first { children[Int(parent)].append(j) }
      adjacency[j] = []
      count = j + 1
    }
    sparseCount = count
    self.start = start
    self.columns = columns
  }
}

extension MixedModelFactor {
  /// The upper Cholesky factor of the tail in place: the sparse rows one at a time on their
  /// patterns (each subtracting its outer product from the rows below), then the trailing block
  /// by LAPACK, in place.
  ///
  /// The strict lower triangle, zero on entry, stays zero.
  /// - Parameters:
  ///   - s: the system (its `tailPattern`).
  ///   - t: the tail, `m x m` column-major, its strict lower triangle zero.
  /// - Throws: `LinearAlgebraError.notPositiveDefinite` as `Cholesky`.
  static func factorTail(_ s: MixedModelSystem, tail t: inout [Double]) throws {
    let pattern = s.tailPattern
    let k = pattern.sparseCount
    let m = s.m
    var columns: [Int] = []
    var row: [Double] = []
    try t.withUnsafeMutableBufferPointer { t in
      for j in 0..<k {
        let d = t[j + j * m]
        guard d > 0, d.isFinite else {
          throw LinearAlgebraError.notPositiveDefinite(leadingMinor: j + 1)
        }
        let root = d.squareRoot()
        t[j + j * m] = root
        columns.removeAll(keepingCapacity: true)
        for c in pattern.columns[pattern.start[j]..<pattern.start[j + 1]] { columns.append(Int(c)) }
        for c in s.qRest..<m { columns.append(c) }
        row.removeAll(keepingCapacity: true)
        for c in columns {
          let value = t[j + c * m] / root
          t[j + c * m] = value
          row.append(value)
        }
        for (bi, b) in columns.enumerated() {
          let vb = row[bi]
          let base = b * m
          for ai in 0...bi { t[columns[ai] + base] -= row[ai] * vb }
        }
      }
    }
    // The trailing block in place (no copy of the tail's largest part).
    do {
      try t.withUnsafeMutableBufferPointer { t in
        guard let base = t.baseAddress else { return }
        try Cholesky.factorInPlace(base + k + k * m, order: m - k, leadingDimension: m)
      }
    } catch LinearAlgebraError.notPositiveDefinite(let minor) {
      throw LinearAlgebraError.notPositiveDefinite(leadingMinor: k + minor)
    }
  }
}
