import LinearAlgebra

/// Turns formula terms into model-matrix columns with R's coding rules.
///
/// A factor inside a term is coded by treatment contrasts (reference level omitted) when the term
/// with that factor removed is also in the model (the empty term counting as the intercept);
/// otherwise by one indicator per level, so that `y ~ 0 + C(f)` has every level and the design
/// stays full rank as in R's `model.matrix`. Columns of an interaction vary the first factor
/// fastest, as R does.
enum TermCoding {
  /// One model-matrix column: the product of numeric values and factor-level indicators.
  struct ColumnSpec {
    let name: String
    let termIndex: Int
    /// Numeric components multiplied in.
    var numeric: [[Double]]
    /// Factor components: (codes, level) pairs; the column is 0 unless every code equals its level.
    var indicators: [(codes: [Int32], level: Int32)]
  }

  private enum Component {
    case numeric(label: String, values: [Double])
    case factor(FactorValues, full: Bool)
    /// An `i()` atom: indicators of the kept levels, times an optional numeric column.
    case indicators(IndicatorTerm)

    /// Columns this component multiplies a term's column count by.
    var columnCount: Int {
      switch self {
      case .numeric: return 1
      case .factor(let factor, let full):
        return full ? factor.labels.count : max(factor.labels.count - 1, 0)
      case .indicators(let term): return term.kept.count
      }
    }
  }

  /// The design's columns and their names, written straight into a column-major matrix.
  static func build(formula: Formula, evaluator: TermEvaluator) throws
    -> (x: Matrix, names: [String], termIndex: [Int])
  {
    let specs = try columns(formula: formula, evaluator: evaluator)
    let n = evaluator.rows.count
    // Jobs: one plain factor's run of indicator columns (filled in one pass), or one column.
    var jobs: [Range<Int>] = []
    var j = 0
    while j < specs.count {
      var end = j + 1
      if specs[j].numeric.isEmpty, specs[j].indicators.count == 1 {
        let codes = specs[j].indicators[0].codes
        while end < specs.count, specs[end].numeric.isEmpty, specs[end].indicators.count == 1,
          specs[end].indicators[0].codes == codes
        {
          end += 1
        }
      }
      jobs.append(j..<end)
      j = end
    }
    // Every entry is written by exactly one job, so the storage starts uninitialised: no
    // zeroing pass, and the first touch of each page (the page fault) happens in parallel.
    let storage = [Double](unsafeUninitializedCapacity: n * specs.count) { pointer, count in
      let out = UncheckedSendableBox(pointer)
      // Jobs write disjoint columns, so they run in parallel.
      ParallelLoop.forEach(jobs.count) { k in
        fill(jobs[k], specs: specs, rows: n, into: out.value)
      }
      count = n * specs.count
    }
    let x = Matrix(rows: n, columns: specs.count, storage: storage)
    return (x, specs.map(\.name), specs.map(\.termIndex))
  }

  /// Writes every entry of the columns `range` of the design: a run of one factor's indicators
  /// (zeroed, then one pass over its codes), otherwise the product of the column's numeric and
  /// indicator parts.
  private static func fill(
    _ range: Range<Int>, specs: [ColumnSpec], rows n: Int,
    into out: UnsafeMutableBufferPointer<Double>
  ) {
    let first = specs[range.lowerBound]
    if range.count > 1 || (first.numeric.isEmpty && first.indicators.count == 1) {
      let codes = first.indicators[0].codes
      var columnOfLevel: [Int32: Int] = [:]
      for column in range { columnOfLevel[specs[column].indicators[0].level] = column }
      let maxLevel = Int(columnOfLevel.keys.max() ?? 0)
      var lookup = [Int](repeating: -1, count: maxLevel + 1)
      for (level, column) in columnOfLevel { lookup[Int(level)] = column }
      UnsafeMutableBufferPointer(rebasing: out[(range.lowerBound * n)..<(range.upperBound * n)])
        .update(repeating: 0)
      codes.withUnsafeBufferPointer { pc in
        for i in 0..<n {
          let code = Int(pc[i])
          if code >= 0, code <= maxLevel, lookup[code] >= 0 { out[lookup[code] * n + i] = 1 }
        }
      }
      return
    }
    let base = range.lowerBound * n
    for i in 0..<n { out[base + i] = 1 }
    for values in first.numeric {
      values.withUnsafeBufferPointer { pv in for i in 0..<n { out[base + i] *= pv[i] } }
    }
    for (codes, level) in first.indicators {
      codes.withUnsafeBufferPointer { pc in
        for i in 0..<n where pc[i] != level { out[base + i] = 0 }
      }
    }
  }

  /// Column specifications in model order (intercept first).
  /// - Throws: `FormulaError.unsupported` when the design would be too large (see `DesignSize`)
  ///   before any column is built.
  static func columns(formula: Formula, evaluator: TermEvaluator) throws -> [ColumnSpec] {
    let termKeys = Set(formula.terms.map(\.key))
    var termComponents: [[Component]] = []
    for term in formula.terms {
      var components: [Component] = []
      for atom in term.atoms {
        if case .call(IndicatorTerm.functionName, _, _, _) = atom.node {
          components.append(.indicators(try evaluator.indicatorTerm(atom.node)))
        } else if evaluator.isFactor(atom.node) {
          let margin = term.atoms.filter { $0 != atom }
          let marginPresent =
            margin.isEmpty
            ? formula.hasIntercept
            : termKeys.contains(Term(atoms: margin).key)
          components.append(.factor(try evaluator.factor(atom.node), full: !marginPresent))
        } else {
          components.append(.numeric(label: atom.text, values: []))
        }
      }
      termComponents.append(components)
    }
    try DesignSize.check(
      formula: formula, rows: evaluator.rows.count,
      columnsPerTerm: termComponents.map { $0.map(\.columnCount) })

    var out: [ColumnSpec] = []
    if formula.hasIntercept {
      out.append(ColumnSpec(name: "(Intercept)", termIndex: -1, numeric: [], indicators: []))
    }
    for (termIndex, term) in formula.terms.enumerated() {
      // Start from one empty product; multiply in each component (first varies fastest).
      var partial = [ColumnSpec(name: "", termIndex: termIndex, numeric: [], indicators: [])]
      for (atom, component) in zip(term.atoms, termComponents[termIndex]) {
        var next: [ColumnSpec] = []
        switch component {
        case .numeric(let label, _):
          let values = try evaluator.numeric(atom.node, label: atom.text)
          for var p in partial {
            p.numeric.append(values)
            next.append(p.renamed(join(p.name, label)))
          }
        case .factor(let factor, let full):
          for level in factor.labels.indices where full || level != factor.reference {
            let label = "\(factor.name)[\(factor.labels[level])]"
            for var p in partial {
              p.indicators.append((factor.codes, Int32(level)))
              next.append(p.renamed(join(p.name, label)))
            }
          }
        case .indicators(let term):
          for level in term.kept {
            var label = "\(term.factor.name)[\(term.factor.labels[level])]"
            if let other = term.other { label += ":" + other.label }
            for var p in partial {
              p.indicators.append((term.factor.codes, Int32(level)))
              if let other = term.other { p.numeric.append(other.values) }
              next.append(p.renamed(join(p.name, label)))
            }
          }
        }
        partial = next
      }
      out.append(contentsOf: partial)
    }
    return out
  }

  private static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + ":" + b }
}

extension TermCoding.ColumnSpec {
  fileprivate func renamed(_ name: String) -> TermCoding.ColumnSpec {
    TermCoding.ColumnSpec(
      name: name, termIndex: termIndex, numeric: numeric, indicators: indicators)
  }
}
