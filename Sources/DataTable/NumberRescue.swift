/// Reads a column that the default number reading left as text as numbers, when every value is
/// a number in one format only (decimal comma, thousands separators); refuses it, naming a value
/// and the option that fixes it, when the format is ambiguous or most but not all values are
/// numbers, so that such a column is never silently kept as text.
enum NumberRescue {
  /// The column as numbers, the column unchanged, or the error that explains why neither.
  /// - Parameters:
  ///   - column: the column assembled as text.
  ///   - formats: the formats to try (the declared one, or the candidates).
  ///   - settings: how the default reading reads numbers.
  ///   - badValue: the error of the default reading when most values were numbers, if any.
  ///   - locate: the source location of the column's value in a row (for an error).
  /// - Returns: the column with a note on how it was read, or the error.
  static func numbers(
    in column: Column, formats: [NumberConvention], settings: ParseSettings,
    badValue: DataError?, locate: (Int) -> SourceLocation
  ) -> Result<(Column, String?), DataError> {
    let unchanged: Result<(Column, String?), DataError> =
      badValue.map { .failure($0) } ?? .success((column, nil))
    guard case .text(let codes, let levels) = column.values, !levels.isEmpty else {
      return unchanged
    }
    var counts = [Int](repeating: 0, count: levels.count)
    for code in codes where code >= 0 { counts[Int(code)] += 1 }
    func refusal(_ level: Int, _ reason: String) -> Result<(Column, String?), DataError> {
      .failure(
        .numberFormat(
          at: locate(codes.firstIndex(of: Int32(level)) ?? 0), column: column.name,
          value: levels[level], reason: reason))
    }
    switch NumberConvention.detect(levels: levels, counts: counts, formats: formats) {
    case .numbers(let format, let values):
      let how = formats.count == 1 ? "declared" : "detected"
      return .success(
        (
          numberColumn(column.name, codes: codes, values: values),
          "numbers written with \(format) (\(how))"
        ))
    case .ambiguous(let level, let a, let b):
      let values = [a, b].map { format -> String in
        switch read(levels[level], with: format.parse) {
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .none: return "?"
        }
      }
      return refusal(
        level,
        "the column's numbers can be read in two ways (\(values[0]) with \(a), "
          + "\(values[1]) with \(b)); declare the format with \(a.options) or \(b.options) "
          + "(data.decimal and data.thousands in a study spec)")
    case .mostly(let format, let level):
      // A format that reads nothing the default reading does not read adds nothing: the default
      // reading's own verdict (bad value, or text) stands.
      let addsNothing = levels.allSatisfy { level in
        let value = read(level, with: format.parse)
        return value == .none || read(level, with: settings.number) == value
      }
      if addsNothing { return unchanged }
      return refusal(
        level,
        "is not a number, while most of the column's values are numbers written with "
          + "\(format) (\(format.options)); declare its missing code with --na (data.na), or "
          + "keep the column as text with the type override `string`")
    case .text:
      return unchanged
    }
  }

  /// A level read as a number by `parse` (the empty text is no number).
  private static func read(
    _ level: String, with parse: (UnsafePointer<UInt8>, Int) -> NumberValue
  ) -> NumberValue {
    var text = level
    return text.withUTF8 { buffer in
      guard let p = buffer.baseAddress else { return .none }
      return parse(p, buffer.count)
    }
  }

  /// An int column when every value is an integer, else a double column.
  private static func numberColumn(_ name: String, codes: [Int32], values: [NumberValue])
    -> Column
  {
    let missing = codes.map { $0 < 0 || values[Int($0)] == .none }
    let allInts = values.allSatisfy {
      if case .double = $0 { return false }
      return true
    }
    if allInts {
      let ints = codes.map { code -> Int in
        guard code >= 0, case .int(let v) = values[Int(code)] else { return 0 }
        return v
      }
      return Column(name: name, values: .int(ints), missing: missing)
    }
    let doubles = codes.map { code -> Double in
      guard code >= 0 else { return .nan }
      switch values[Int(code)] {
      case .int(let v): return Double(v)
      case .double(let v): return v
      case .none: return .nan
      }
    }
    return Column(name: name, values: .double(doubles), missing: missing)
  }
}
