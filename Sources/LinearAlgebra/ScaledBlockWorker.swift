import CLinearAlgebra

/// One worker of `Matrix.scaledCrossProducts`: its scratch buffers and the work on one row
/// block, writing the block's upper-triangular partial Gram matrix and partial vector.
struct ScaledBlockWorker {
  let x: UnsafeBufferPointer<Double>
  let n: Int
  let p: Int
  let b: UnsafeBufferPointer<Double>
  let layout: IndicatorLayout
  let size: Int
  /// Number of dense columns.
  let d: Int
  /// Whether the dense columns are all columns (in order): plain BLAS on X.
  let allDense: Bool
  /// Levels + 1 per group.
  let levels: [Int]
  /// Per group: 0 then the coefficients of its columns (codes index it).
  let coefficientTables: [[Double]]
  let scratch: UnsafeMutablePointer<Double>

  init(
    x: UnsafeBufferPointer<Double>, rows: Int, columns: Int,
    coefficients: UnsafeBufferPointer<Double>,
    layout: IndicatorLayout, size: Int
  ) {
    self.x = x
    n = rows
    p = columns
    b = coefficients
    self.layout = layout
    self.size = size
    d = layout.dense.count
    allDense = layout.isDense
    let levels = layout.groups.map { $0.count + 1 }
    self.levels = levels
    coefficientTables =
      coefficients.isEmpty ? [] : layout.groups.map { [0] + $0.map { coefficients[$0] } }
    let dense = layout.dense.count
    let largest = levels.max() ?? 0
    // Two copies of every table: even and odd rows add to different copies, so that two rows
    // of the same level in a row do not wait on each other's store.
    let tables = 2 * (levels.reduce(0) { $0 + $1 * (dense + 2) } + largest * largest)
    scratch = .allocate(capacity: max(1, size * (dense + 3) + dense * dense + dense + tables))
  }

  func deallocate() { scratch.deallocate() }

  /// Processes rows `rows`: the linear predictor, `fill`, then the partial products into
  /// `gram` (p x p, upper triangle) and `vector` (p), both zero on entry.
  /// - Returns: what `fill` returned.
  func run(
    rows: Range<Int>, gram: UnsafeMutablePointer<Double>, vector: UnsafeMutablePointer<Double>,
    _ fill: (ScaledRowBlock) -> Double
  ) -> Double {
    let first = rows.lowerBound
    let count = rows.count
    let scaled = scratch
    let linear = scaled + size * d
    let scale = linear + size
    let target = scale + size
    let denseGram = target + size
    let denseVector = denseGram + d * d
    let tables = denseVector + d
    // The caller never runs a worker over an empty design (a programmer error if it did).
    guard let base = x.baseAddress else { preconditionFailure("scaled block over an empty design") }
    if !b.isEmpty {
      if allDense {
        cblas_dgemv(
          CblasColMajor, CblasNoTrans, Int32(count), Int32(p), 1.0, base + first, Int32(n),
          b.baseAddress, 1, 0.0, linear, 1)
      } else {
        for i in 0..<count { linear[i] = 0 }
        for j in layout.dense {
          let bj = b[j]
          let column = base + j * n + first
          for i in 0..<count { linear[i] += bj * column[i] }
        }
        for g in layout.groups.indices {
          coefficientTables[g].withUnsafeBufferPointer { table in
            layout.codes[g].withUnsafeBufferPointer { codes in
              for i in 0..<count { linear[i] += table[Int(codes[first + i])] }
            }
          }
        }
      }
    }
    let total = fill(
      ScaledRowBlock(
        rows: rows, linear: UnsafeBufferPointer(start: linear, count: b.isEmpty ? 0 : count),
        scale: UnsafeMutableBufferPointer(start: scale, count: count),
        target: UnsafeMutableBufferPointer(start: target, count: count)))
    for (k, j) in layout.dense.enumerated() {
      let column = base + j * n + first
      let destination = scaled + k * count
      for i in 0..<count { destination[i] = column[i] * scale[i] }
    }
    for i in 0..<count { target[i] *= scale[i] }
    if d > 0 {
      let (g, ldg, v) = allDense ? (gram, p, vector) : (denseGram, d, denseVector)
      cblas_dsyrk(
        CblasColMajor, CblasUpper, CblasTrans, Int32(d), Int32(count), 1.0, scaled, Int32(count),
        0.0, g, Int32(ldg))
      cblas_dgemv(
        CblasColMajor, CblasTrans, Int32(count), Int32(d), 1.0, scaled, Int32(count), target, 1,
        0.0, v, 1)
      if !allDense {
        for (a, ja) in layout.dense.enumerated() {
          vector[ja] = denseVector[a]
          for c in a..<d { gram[ja + layout.dense[c] * p] = denseGram[a + c * d] }
        }
      }
    }
    if !allDense {
      addGroups(first: first, count: count, tables: tables, gram: gram, vector: vector)
    }
    return total
  }

  /// The indicator groups' parts: per level the sum of weights (diagonal), of weighted targets
  /// (vector) and of weighted dense columns; per pair of groups the weight table.
  private func addGroups(
    first: Int, count: Int, tables: UnsafeMutablePointer<Double>,
    gram: UnsafeMutablePointer<Double>, vector: UnsafeMutablePointer<Double>
  ) {
    let scaled = scratch
    let scale = scaled + size * d + size
    let target = scale + size
    let stride = d + 2
    func put(_ r: Int, _ c: Int, _ value: Double) { gram[min(r, c) + max(r, c) * p] = value }
    var table = tables
    for g in layout.groups.indices {
      let group = layout.groups[g]
      let levels = self.levels[g]
      let span = levels * stride
      let odd = table + span
      for k in 0..<(2 * span) { table[k] = 0 }
      layout.codes[g].withUnsafeBufferPointer { all in
        guard let allBase = all.baseAddress else { return }
        let codes = allBase + first
        // One code load per row; the row's weight, weighted target and weighted dense values
        // go to the table row of its level (level 0, the reference, is never read).
        @inline(__always) func add(_ i: Int, _ copy: UnsafeMutablePointer<Double>) {
          let row = copy + Int(codes[i]) * stride
          let s = scale[i]
          row[0] += s * s
          row[1] += s * target[i]
          var column = scaled + i
          for k in 0..<d {
            row[2 + k] += s * column.pointee
            column += count
          }
        }
        var i = 0
        while i + 1 < count {
          add(i, table)
          add(i + 1, odd)
          i += 2
        }
        if i < count { add(i, table) }
      }
      for k in 0..<span { table[k] += odd[k] }
      for l in 1..<levels {
        let column = group[l - 1]
        gram[column + column * p] = table[l * stride]
        vector[column] = table[l * stride + 1]
        for k in 0..<d { put(layout.dense[k], column, table[l * stride + 2 + k]) }
      }
      table += 2 * span
    }
    for g in layout.groups.indices {
      for h in layout.groups.indices where h > g {
        let (lg, lh) = (levels[g], levels[h])
        let odd = table + lg * lh
        for k in 0..<(2 * lg * lh) { table[k] = 0 }
        layout.codes[g].withUnsafeBufferPointer { cg in
          layout.codes[h].withUnsafeBufferPointer { ch in
            var i = 0
            while i + 1 < count {
              let (s, t) = (scale[i], scale[i + 1])
              table[Int(cg[first + i]) * lh + Int(ch[first + i])] += s * s
              odd[Int(cg[first + i + 1]) * lh + Int(ch[first + i + 1])] += t * t
              i += 2
            }
            if i < count {
              let s = scale[i]
              table[Int(cg[first + i]) * lh + Int(ch[first + i])] += s * s
            }
          }
        }
        for k in 0..<(lg * lh) { table[k] += odd[k] }
        for l in 1..<lg {
          for m in 1..<lh {
            put(layout.groups[g][l - 1], layout.groups[h][m - 1], table[l * lh + m])
          }
        }
      }
    }
  }
}
