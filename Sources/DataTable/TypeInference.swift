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
    // Dates are read as text, then as dates (CSVReader.dateColumn).
    case .string, .date, .datetime: return .type(.text(.string))
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
      let values = concatenate(chunks, rows: rows, filler: false) { chunk, values in
        guard chunk.kind == .bool else { return false }
        chunk.bools.copy(into: &values)
        return true
      }
      return Column(name: name, values: .bool(values), missing: missing)
    case .int:
      let values = concatenate(chunks, rows: rows, filler: 0) { chunk, values in
        guard chunk.kind == .int else { return false }
        chunk.ints.copy(into: &values)
        return true
      }
      return Column(name: name, values: .int(values), missing: missing)
    case .double:
      var values = concatenate(chunks, rows: rows, filler: Double.nan) { chunk, values in
        switch chunk.kind {
        case .double: chunk.doubles.copy(into: &values)
        case .int: chunk.ints.copy(into: &values, Double.init)
        default: return false
        }
        return true
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
    var levels = FirstAppearanceCodes<String>()
    let codes = concatenate(chunks, rows: rows, filler: Int32(-1)) { chunk, codes in
      guard chunk.kind == .text else { return false }
      let local = chunk.dictionary.levels.map { Int32(levels.code(for: $0)) }
      chunk.codes.copy(into: &codes) { $0 < 0 ? -1 : local[Int($0)] }
      return true
    }
    return .text(codes: codes, levels: levels.keys)
  }

  /// The values of one column type laid end to end over the chunks.
  ///
  /// `copy` appends the values of a chunk that holds this type and returns true; it returns false
  /// for a chunk of another kind, whose rows are then filled with `filler`.
  /// - Parameters:
  ///   - chunks: the column's chunks in row order.
  ///   - rows: the total number of rows.
  ///   - filler: the value of rows of a chunk of another kind.
  ///   - copy: appends one chunk's values, or returns false.
  /// - Returns: one value per row.
  private static func concatenate<T>(
    _ chunks: [ColumnChunk], rows: Int, filler: T, copy: (ColumnChunk, inout [T]) -> Bool
  ) -> [T] {
    var values: [T] = []
    values.reserveCapacity(rows)
    for chunk in chunks {
      if !copy(chunk, &values) {
        values.append(contentsOf: repeatElement(filler, count: chunk.rowCount))
      }
    }
    return values
  }
}
