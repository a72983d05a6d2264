import DataTable

/// Rows of a table grouped by the values of some columns, groups in sorted order (numbers
/// numerically, text by code point), rows with a missing grouping value left out.
struct Grouping {
  /// Group keys (one text value per grouping column) and the rows of each group.
  let keys: [[String]]
  let rows: [[Int]]

  init(table: DataTable, by columns: [String], rows subset: [Int]? = nil) {
    let cols = columns.compactMap { table[$0] }
    var index: [[String]: Int] = [:]
    var keys: [[String]] = []
    var rows: [[Int]] = []
    for row in subset ?? Array(0..<table.rowCount) {
      var key: [String] = []
      var complete = true
      for c in cols {
        guard let v = c.stringValue(row) else {
          complete = false
          break
        }
        key.append(v)
      }
      guard complete else { continue }
      if let i = index[key] {
        rows[i].append(row)
      } else {
        index[key] = keys.count
        keys.append(key)
        rows.append([row])
      }
    }
    let numeric = cols.map(\.isNumeric)
    let order = keys.indices.sorted { a, b in
      for (j, isNumber) in numeric.enumerated() where keys[a][j] != keys[b][j] {
        if isNumber, let x = Double(keys[a][j]), let y = Double(keys[b][j]) { return x < y }
        return keys[a][j].unicodeScalars.lexicographicallyPrecedes(keys[b][j].unicodeScalars)
      }
      return false
    }
    self.keys = order.map { keys[$0] }
    self.rows = order.map { rows[$0] }
  }

  /// A key as a JSON object `{"year": 2024, "female": 1}` (numbers as numbers).
  static func json(_ key: [String], columns: [String]) -> JSONValue {
    json(levels: key.map { Optional($0) }, columns: columns)
  }

  /// Levels as a JSON object, a total (`nil`) as `null`: `{"year": null, "female": 1}`.
  static func json(levels key: [String?], columns: [String]) -> JSONValue {
    .object(
      zip(columns, key).map { name, level in
        guard let value = level else { return (name, .null) }
        if let i = Int(value) { return (name, .integer(i)) }
        if let x = Double(value) { return (name, .number(x)) }
        return (name, .string(value))
      })
  }
}

/// Mean, standard deviation and count of values (NaN skipped).
struct Moments {
  let n: Int
  let mean: Double
  let sd: Double

  init(_ values: [Double]) {
    var n = 0
    var mean = 0.0
    var m2 = 0.0
    for x in values where !x.isNaN {
      // Welford's update: stable for large means.
      n += 1
      let delta = x - mean
      mean += delta / Double(n)
      m2 += delta * (x - mean)
    }
    self.n = n
    self.mean = n > 0 ? mean : .nan
    self.sd = n > 1 ? (m2 / Double(n - 1)).squareRoot() : .nan
  }
}
