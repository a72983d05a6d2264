/// The type of a whole column, decided from the kinds its chunks settled on.
enum ResolvedType: Equatable {
  case bool, int, double
  /// Text with the given logical type (`.string` or `.category`).
  case text(ColumnType)
}

/// The outcome of type inference for one column.
enum Resolution {
  case type(ResolvedType)
  /// Most values are numbers but this one is not.
  case badValue(RawField, expected: ColumnType)
}

/// Column-level type inference and assembly of chunk columns into one `Column`.
enum TypeInference {
  /// Decides a column's type: all booleans -> bool; all integers -> int; numbers -> double; all
  /// missing -> double; otherwise text, unless most values are numbers, which is a bad value
  /// (the first non-number) rather than a silent switch to text.
  static func resolve(_ chunks: [ColumnChunk], override: ColumnType?) -> Resolution {
    switch override {
    case .bool: return .type(.bool)
    case .int: return .type(.int)
    case .double: return .type(.double)
    case .string: return .type(.text(.string))
    case .category: return .type(.text(.category))
    case nil: break
    }
    let kinds = Set(chunks.map(\.kind)).subtracting([.empty])
    if kinds.isEmpty { return .type(.double) }
    if kinds == [.bool] { return .type(.bool) }
    if kinds.isSubset(of: [.int, .double]) {
      return .type(kinds.contains(.double) ? .double : .int)
    }
    var numeric = 0
    var other = 0
    for chunk in chunks {
      let counts = chunk.valueCounts
      numeric += counts.numeric
      other += counts.other
    }
    if numeric > other, let first = chunks.lazy.compactMap(\.firstNonNumeric).first {
      return .badValue(first, expected: chunks.contains(where: \.sawDouble) ? .double : .int)
    }
    return .type(.text(.string))
  }

  /// Concatenates chunk columns of a resolved type (text chunks already re-read as text).
  static func assemble(_ name: String, _ chunks: [ColumnChunk], as type: ResolvedType) -> Column {
    let rows = chunks.reduce(0) { $0 + $1.rowCount }
    let missing = missingMask(chunks, rows: rows)
    switch type {
    case .bool:
      var values: [Bool] = []
      values.reserveCapacity(rows)
      for chunk in chunks {
        if chunk.kind == .bool {
          chunk.bools.copy(into: &values)
        } else {
          values.append(contentsOf: repeatElement(false, count: chunk.rowCount))
        }
      }
      return Column(name: name, values: .bool(values), missing: missing)
    case .int:
      var values: [Int] = []
      values.reserveCapacity(rows)
      for chunk in chunks {
        if chunk.kind == .int {
          chunk.ints.copy(into: &values)
        } else {
          values.append(contentsOf: repeatElement(0, count: chunk.rowCount))
        }
      }
      return Column(name: name, values: .int(values), missing: missing)
    case .double:
      var values: [Double] = []
      values.reserveCapacity(rows)
      for chunk in chunks {
        switch chunk.kind {
        case .double: chunk.doubles.copy(into: &values)
        case .int: chunk.ints.copy(into: &values, Double.init)
        default: values.append(contentsOf: repeatElement(.nan, count: chunk.rowCount))
        }
      }
      if !missing.isEmpty {
        for i in values.indices where missing[i] { values[i] = .nan }
      }
      return Column(name: name, values: .double(values), missing: missing)
    case .text(let logical):
      return Column(
        name: name, values: mergeText(chunks, rows: rows), type: logical, missing: missing)
    }
  }

  /// The per-row missing mask, or `[]` when no row is missing.
  private static func missingMask(_ chunks: [ColumnChunk], rows: Int) -> [Bool] {
    guard chunks.contains(where: { !$0.missingRows.isEmpty }) else { return [] }
    var mask = [Bool](repeating: false, count: rows)
    var offset = 0
    for chunk in chunks {
      for row in chunk.missingRows { mask[offset + row] = true }
      offset += chunk.rowCount
    }
    return mask
  }

  /// Merges per-chunk dictionaries into one, keeping the order of first appearance.
  private static func mergeText(_ chunks: [ColumnChunk], rows: Int) -> ColumnValues {
    var lookup: [String: Int32] = [:]
    var levels: [String] = []
    var codes: [Int32] = []
    codes.reserveCapacity(rows)
    for chunk in chunks {
      guard chunk.kind == .text else {
        codes.append(contentsOf: repeatElement(-1, count: chunk.rowCount))
        continue
      }
      let local = chunk.dictionary.levels.map { level -> Int32 in
        if let code = lookup[level] { return code }
        let code = Int32(levels.count)
        lookup[level] = code
        levels.append(level)
        return code
      }
      chunk.codes.copy(into: &codes) { $0 < 0 ? -1 : local[Int($0)] }
    }
    return .text(codes: codes, levels: levels)
  }
}
