/// Detection of the number format of a column that the default reading left as text.
extension NumberConvention {
  /// What the levels of a text column are under the candidate formats.
  enum Detection {
    /// Every level is a number in `format` (and in every other fitting format, the same number).
    case numbers(NumberConvention, values: [NumberValue])
    /// Every level is a number in two formats that give different values to `level`.
    case ambiguous(level: Int, NumberConvention, NumberConvention)
    /// Most values are numbers in `format`, but `level` is not.
    case mostly(NumberConvention, level: Int)
    /// The column is text.
    case text
  }

  /// Tries `formats` (all candidates when `nil`) on the levels of a text column.
  ///
  /// The empty level is taken as missing.
  /// - Parameters:
  ///   - levels: the distinct values.
  ///   - counts: how often each occurs.
  ///   - formats: the formats to try.
  /// - Returns: the detection.
  static func detect(levels: [String], counts: [Int], formats: [NumberConvention]) -> Detection {
    let total = zip(levels, counts).reduce(0) { $0 + ($1.0.isEmpty ? 0 : $1.1) }
    guard total > 0 else { return .text }
    var fitting: [(NumberConvention, [NumberValue])] = []
    var best: (format: NumberConvention, parsed: Int, level: Int)?
    for format in formats {
      var values: [NumberValue] = []
      values.reserveCapacity(levels.count)
      var failed = 0
      var firstFailure = -1
      for (i, level) in levels.enumerated() {
        if level.isEmpty {
          values.append(.none)
          continue
        }
        var text = level
        let value = text.withUTF8 { buffer -> NumberValue in
          guard let p = buffer.baseAddress else { return .none }
          return format.parse(p, buffer.count)
        }
        if value == .none {
          failed += counts[i]
          if firstFailure < 0 { firstFailure = i }
          if failed * 2 >= total { break }
        }
        values.append(value)
      }
      if firstFailure < 0 {
        fitting.append((format, values))
      } else if failed * 2 < total, best.map({ total - failed > $0.parsed }) ?? true {
        best = (format, total - failed, firstFailure)
      }
    }
    if let (format, values) = fitting.first {
      for (other, otherValues) in fitting.dropFirst() {
        if let i = values.indices.first(where: { !same(values[$0], otherValues[$0]) }) {
          return .ambiguous(level: i, format, other)
        }
      }
      return .numbers(format, values: values)
    }
    if let best { return .mostly(best.format, level: best.level) }
    return .text
  }

  /// Equal as numbers (an int and a double of the same value are equal).
  private static func same(_ a: NumberValue, _ b: NumberValue) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
    default: return false
    }
  }
}

extension NumberConvention {
  /// The one convention (decimal mark and thousands separator) in which every text is a
  /// number, when some text is not a plain number (`1234.5`); `nil` when none, or several giving
  /// different numbers, or when every text is a plain number (say postcodes kept as text).
  /// - Parameter texts: the values (empty texts are ignored).
  /// - Returns: the convention, e.g. to tell a user how to read a column that is text.
  public static func reading(_ texts: [String]) -> NumberConvention? {
    let plain = texts.allSatisfy { text in
      var copy = text
      return copy.withUTF8 { buffer in
        guard let p = buffer.baseAddress else { return true }
        return FieldParsing.number(p, buffer.count, decimalComma: false) != .none
      }
    }
    if plain { return nil }
    let counts = [Int](repeating: 1, count: texts.count)
    if case .numbers(let convention, _) = detect(levels: texts, counts: counts, formats: candidates)
    {
      return convention
    }
    return nil
  }
}
