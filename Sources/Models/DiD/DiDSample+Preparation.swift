import DataTable
import Formula
import Inference

extension DiDSample {
  /// The columns read from the table, on the rows with every used value present.
  struct Columns {
    var rows: [Int]
    var y: [Double]
    var t: [Double]
    var g: [Double]
    var unit: [Int32]
    var cluster: [Int32]?
    var x: [Double]
    var k: Int
    var names: [String]
    var missing: Int
  }

  /// Reads and checks the columns of `options` on `data`.
  static func columns(_ options: CallawaySantAnnaOptions, data: DataTable) throws -> Columns {
    func numeric(_ name: String) throws -> Column {
      guard let column = data[name] else {
        let near = NameSuggestion.nearest(to: name, among: data.columnNames)
        throw DiDError.badColumn(
          column: name, message: "no such column" + (near.map { "; did you mean '\($0)'?" } ?? ""))
      }
      guard column.isNumeric else {
        throw DiDError.badColumn(column: name, message: "must be numeric")
      }
      return column
    }
    func present(_ name: String) throws -> Column {
      guard let column = data[name] else {
        let near = NameSuggestion.nearest(to: name, among: data.columnNames)
        throw DiDError.badColumn(
          column: name, message: "no such column" + (near.map { "; did you mean '\($0)'?" } ?? ""))
      }
      return column
    }
    let y = try numeric(options.outcome)
    let t = try numeric(options.time)
    let g = try numeric(options.firstTreated)
    let panel = options.sampling != .repeatedCrossSections
    guard !panel || options.unit != nil else {
      throw DiDError.badOption(
        option: "unit", message: "a panel needs the unit column (data.panel.unit)")
    }
    let unit = try options.unit.map(present)
    let cluster = try options.cluster.map(present)
    var covariateRows: [Int]? = nil
    var x: [Double] = []
    var k = 1
    var names: [String] = []
    var design: DesignMatrix? = nil
    if !options.covariates.isEmpty {
      let formula = try Formula("~ " + options.covariates.joined(separator: " + "))
      let built = try DesignMatrix.build(formula, data: data)
      design = built
      covariateRows = built.rows
    }
    var keep = [Bool](repeating: false, count: data.rowCount)
    if let covariateRows {
      for r in covariateRows { keep[r] = true }
    } else {
      keep = [Bool](repeating: true, count: data.rowCount)
    }
    var rows: [Int] = []
    rows.reserveCapacity(data.rowCount)
    for r in 0..<data.rowCount where keep[r] {
      if y.isMissing(r) || t.isMissing(r) { continue }
      if let unit, unit.isMissing(r) { continue }
      if let cluster, cluster.isMissing(r) { continue }
      guard let yv = y.doubleValue(r), yv.isFinite, let tv = t.doubleValue(r), tv.isFinite else {
        continue
      }
      rows.append(r)
    }
    guard !rows.isEmpty else {
      throw DiDError.badPanel("no row has the outcome, period, unit and covariates all present")
    }
    if let design {
      var position = [Int](repeating: -1, count: data.rowCount)
      for (p, r) in design.rows.enumerated() { position[r] = p }
      // Intercept first, as DRDID's `int.cov`; a formula without one still gets it.
      let hasIntercept = design.termIndexOfColumn.first == -1
      let columns = design.columnNames.count
      k = columns + (hasIntercept ? 0 : 1)
      names = Array(design.columnNames.dropFirst(hasIntercept ? 1 : 0))
      x = [Double](repeating: 1, count: rows.count * k)
      var target = 1
      for j in 0..<columns where !(hasIntercept && j == 0) {
        for (i, r) in rows.enumerated() {
          x[target * rows.count + i] = design.x.storage[j * design.nobs + position[r]]
        }
        target += 1
      }
    } else {
      x = [Double](repeating: 1, count: rows.count)
    }
    var gValues = [Double](repeating: 0, count: rows.count)
    for (i, r) in rows.enumerated() {
      let value = g.doubleValue(r) ?? 0
      guard value.isFinite || value == .infinity else {
        throw DiDError.badTiming(
          column: options.firstTreated, message: "non-finite value on data row \(r + 1)")
      }
      guard value >= 0 else {
        throw DiDError.badTiming(
          column: options.firstTreated,
          message: "negative value \(value) on data row \(r + 1); use 0 or leave empty for "
            + "never-treated units and the first treated period otherwise")
      }
      gValues[i] = value == .infinity ? 0 : value
    }
    return Columns(
      rows: rows, y: rows.map { y.doubleValue($0) ?? .nan },
      t: rows.map { t.doubleValue($0) ?? .nan }, g: gValues,
      unit: unit.map { codes($0, rows: rows).codes } ?? rows.indices.map { Int32($0) },
      cluster: cluster.map { codes($0, rows: rows).codes }, x: x, k: k, names: names,
      missing: data.rowCount - rows.count)
  }

  /// Dense codes of a column's values on `rows`.
  static func codes(_ column: Column, rows: [Int]) -> ClusterIndex {
    switch column.values {
    case .int(let v): return DenseCodes.index(v, rows: rows)
    case .text(let codes, _): return DenseCodes.index(codes, rows: rows)
    case .bool(let v): return ClusterIndex(keys: rows.map { v[$0] })
    case .double(let v): return ClusterIndex(keys: rows.map { v[$0].bitPattern })
    }
  }
}
