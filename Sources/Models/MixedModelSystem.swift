import LinearAlgebra

/// The cross products `[Z X y]'[Z X y]` of a linear mixed model, stored by blocks.
///
/// As MixedModels.jl (Bates et al. 2015, section 3): the leading term's block is block-diagonal
/// (one `p1 x p1` block per level), its cross products with everything else are kept per level
/// as a short dense panel over the rows that level touches, and the remaining terms together
/// with `X` and `y` form a small dense "tail". Memory is linear in the leading term's levels.
struct MixedModelSystem: Sendable {
  /// Observations.
  let n: Int
  /// Fixed-effect columns.
  let p: Int
  /// Random-effect terms, the leading (block-diagonal) one first.
  let terms: [MixedModelTerm]
  /// Offset of each non-leading term's random effects in tail coordinates (0 for the leading).
  let restOffsets: [Int]
  /// Random effects of the non-leading terms (the first tail coordinates).
  let qRest: Int
  /// Order of the tail: `qRest + p + 1` (random effects, fixed effects, response).
  let m: Int
  /// The term of every random-effect coordinate of the tail.
  let coordinateTerm: [Int32]
  /// Leading blocks `Z1_l'Z1_l`, `p1 x p1` column-major per level.
  let a11: [Double]
  /// For level l, `levelStart[l]..<levelStart[l+1]` indexes its tail random-effect rows.
  let levelStart: [Int]
  /// Tail random-effect coordinates touched by each level, ascending.
  let restRows: [Int32]
  /// For level l, `panelStart[l]` is the offset of its panel in `a21`.
  let panelStart: [Int]
  /// Per level, the panel `[Z_rest X y]_l' Z1_l`: (touched rows + p + 1) x p1, column-major.
  let a21: [Double]
  /// The tail's columns of the fixed effects and the response: `[Z_rest X y]'[X y]`,
  /// `m x (p + 1)`, column-major (column `c` is tail column `qRest + c`).
  let a22: [Double]
  /// The tail's random-effect block `Z_rest' Z_rest`, sparse.
  let restCross: MixedModelRestCross
  /// Which rows of the tail factor are computed sparse.
  let tailPattern: MixedModelTailPattern

  /// Rows of level l's panel.
  func panelRows(_ level: Int) -> Int { levelStart[level + 1] - levelStart[level] + p + 1 }

  /// Builds the cross products.
  /// - Parameters:
  ///   - x: fixed-effect design, `n x p`.
  ///   - y: response.
  ///   - terms: random-effect terms, leading first.
  init(x: Matrix, y: [Double], terms: [MixedModelTerm]) {
    n = y.count
    p = x.columns
    self.terms = terms
    var offsets = [0]
    var q = 0
    var coordinateTerm: [Int32] = []
    for k in terms.indices.dropFirst() {
      offsets.append(q)
      q += terms[k].q
      coordinateTerm += [Int32](repeating: Int32(k), count: terms[k].q)
    }
    restOffsets = offsets
    qRest = q
    m = q + x.columns + 1
    self.coordinateTerm = coordinateTerm
    let lead = terms[0]
    let order = Self.observationsByLevel(lead.codes, levels: lead.levels)
    (levelStart, restRows) = Self.touchedRows(
      order: order, terms: terms, offsets: offsets, levels: lead.levels)
    var starts = [0]
    for level in 0..<lead.levels {
      starts.append(starts[level] + (levelStart[level + 1] - levelStart[level] + p + 1) * lead.p)
    }
    panelStart = starts
    (a11, a21) = Self.leadingProducts(
      order: order, x: x, y: y, terms: terms, offsets: offsets, levelStart: levelStart,
      restRows: restRows, panelStart: starts)
    a22 = Self.tailProducts(x: x, y: y, terms: terms, offsets: offsets, m: m, qRest: q)
    restCross = MixedModelRestCross(terms: terms, offsets: offsets, qRest: q)
    tailPattern = MixedModelTailPattern(levelStart: levelStart, restRows: restRows, qRest: q)
  }

  /// For level l, `order.start[l]..<order.start[l+1]` indexes `order.rows`, its observations.
  static func observationsByLevel(_ codes: [Int32], levels: Int) -> (start: [Int], rows: [Int]) {
    var start = [Int](repeating: 0, count: levels + 1)
    for code in codes { start[Int(code) + 1] += 1 }
    for level in 0..<levels { start[level + 1] += start[level] }
    var next = start
    var rows = [Int](repeating: 0, count: codes.count)
    for (i, code) in codes.enumerated() {
      rows[next[Int(code)]] = i
      next[Int(code)] += 1
    }
    return (start, rows)
  }

  /// The tail random-effect coordinates each leading level touches (sorted, distinct).
  private static func touchedRows(
    order: (start: [Int], rows: [Int]), terms: [MixedModelTerm], offsets: [Int], levels: Int
  ) -> ([Int], [Int32]) {
    var levelStart = [0]
    var rows: [Int32] = []
    var scratch: [Int32] = []
    for level in 0..<levels {
      scratch.removeAll(keepingCapacity: true)
      for index in order.start[level]..<order.start[level + 1] {
        let i = order.rows[index]
        for k in terms.indices.dropFirst() {
          let base = offsets[k] + Int(terms[k].codes[i]) * terms[k].p
          for j in 0..<terms[k].p { scratch.append(Int32(base + j)) }
        }
      }
      scratch.sort()
      var last: Int32 = -1
      for coordinate in scratch where coordinate != last {
        rows.append(coordinate)
        last = coordinate
      }
      levelStart.append(rows.count)
    }
    return (levelStart, rows)
  }

  /// The leading blocks and the per-level panels.
  private static func leadingProducts(
    order: (start: [Int], rows: [Int]), x: Matrix, y: [Double], terms: [MixedModelTerm],
    offsets: [Int], levelStart: [Int], restRows: [Int32], panelStart: [Int]
  ) -> ([Double], [Double]) {
    let lead = terms[0]
    let p1 = lead.p
    let n = y.count
    let p = x.columns
    var a11 = [Double](repeating: 0, count: lead.levels * p1 * p1)
    var a21 = [Double](repeating: 0, count: panelStart[lead.levels])
    var z1 = [Double](repeating: 0, count: p1)
    for level in 0..<lead.levels {
      let touched = restRows[levelStart[level]..<levelStart[level + 1]]
      let nr = touched.count
      let r = nr + p + 1
      let panel = panelStart[level]
      for index in order.start[level]..<order.start[level + 1] {
        let i = order.rows[index]
        for c in 0..<p1 { z1[c] = lead.values[i + c * n] }
        for b in 0..<p1 {
          for a in 0..<p1 { a11[level * p1 * p1 + a + b * p1] += z1[a] * z1[b] }
        }
        for k in terms.indices.dropFirst() {
          let term = terms[k]
          let base = Int32(offsets[k] + Int(term.codes[i]) * term.p)
          // The term's coordinates are contiguous in the sorted list.
          let position = (touched.firstIndex(of: base) ?? touched.startIndex) - touched.startIndex
          for j in 0..<term.p {
            let value = term.values[i + j * n]
            for c in 0..<p1 { a21[panel + position + j + c * r] += value * z1[c] }
          }
        }
        for column in 0..<p {
          let value = x.storage[i + column * n]
          for c in 0..<p1 { a21[panel + nr + column + c * r] += value * z1[c] }
        }
        for c in 0..<p1 { a21[panel + nr + p + c * r] += y[i] * z1[c] }
      }
    }
    return (a11, a21)
  }

  /// The tail's dense columns `[Z_rest X y]'[X y]`, `m x (p + 1)`.
  private static func tailProducts(
    x: Matrix, y: [Double], terms: [MixedModelTerm], offsets: [Int], m: Int, qRest: Int
  ) -> [Double] {
    let n = y.count
    let p = x.columns
    var xy = x.storage
    xy += y
    let fixedCross = Matrix(rows: n, columns: p + 1, storage: xy).crossProduct()
    var out = [Double](repeating: 0, count: m * (p + 1))
    for b in 0...p {
      for a in 0...p { out[qRest + a + b * m] = fixedCross[a, b] }
    }
    for k in terms.indices.dropFirst() {
      let term = terms[k]
      for i in 0..<n {
        let base = offsets[k] + Int(term.codes[i]) * term.p
        for j in 0..<term.p {
          let value = term.values[i + j * n]
          for column in 0..<p { out[base + j + column * m] += value * x.storage[i + column * n] }
          out[base + j + p * m] += value * y[i]
        }
      }
    }
    return out
  }
}
