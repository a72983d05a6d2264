import LinearAlgebra

/// A mistake in a hypothesis for a Wald or likelihood-ratio test.
public enum HypothesisError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text could not be read (`position` is 1-based within the hypotheses text).
  case syntax(text: String, position: Int, message: String)
  /// A name that is not a (kept) coefficient.
  case unknownTerm(name: String, suggestion: String?)
  /// The restrictions are linearly dependent (R V R' is singular).
  case dependent
  /// The models are not nested in the way the test needs.
  case notNested(String)

  /// A one-line message.
  public var description: String {
    switch self {
    case .syntax(let text, let position, let message):
      return "hypothesis '\(text)', column \(position): \(message)"
    case .unknownTerm(let name, let suggestion):
      return "'\(name)' is not a coefficient of the model"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .dependent: return "the restrictions are linearly dependent; drop the redundant ones"
    case .notNested(let message): return "the models are not nested: \(message)"
    }
  }
}

/// Reads linear hypotheses: equations separated by commas, each side a sum of terms
/// `[number *] name` or numbers.
///
/// Names may contain brackets and parentheses (`track[care]`, `log(x)`); `+`, `-`, `*` and `,`
/// split only outside them.
enum HypothesisParser {
  struct Parsed {
    let matrix: Matrix
    let values: [Double]
    let labels: [String]
  }

  static func parse(_ text: String, names: [String]) throws -> Parsed {
    let equations = split(text, on: [","]).map { (String($0.part), $0.offset) }
    var rows: [[Double]] = []
    var values: [Double] = []
    var labels: [String] = []
    for (equation, offset) in equations {
      let sides = split(equation, on: ["="])
      guard sides.count <= 2 else {
        throw HypothesisError.syntax(text: text, position: offset + 1, message: "more than one '='")
      }
      var row = [Double](repeating: 0, count: names.count)
      var constant = 0.0
      for (index, side) in sides.enumerated() {
        let sign = index == 0 ? 1.0 : -1.0
        try accumulate(
          String(side.part), sign: sign, names: names, row: &row, constant: &constant, text: text,
          offset: offset + side.offset)
      }
      guard row.contains(where: { $0 != 0 }) else {
        throw HypothesisError.syntax(
          text: text, position: offset + 1, message: "no coefficient in this restriction")
      }
      rows.append(row)
      values.append(-constant)
      labels.append(equation.trimmingCharacters(in: " ") + (sides.count == 1 ? " = 0" : ""))
    }
    var matrix = Matrix(rows: rows.count, columns: names.count)
    for (i, row) in rows.enumerated() { for j in row.indices { matrix[i, j] = row[j] } }
    return Parsed(matrix: matrix, values: values, labels: labels)
  }

  /// Adds sign * (side) to row / constant.
  static func accumulate(
    _ side: String, sign: Double, names: [String], row: inout [Double], constant: inout Double,
    text: String, offset: Int
  ) throws {
    var depth = 0
    var current = ""
    var currentSign = 1.0
    var start = 0
    func flush(_ at: Int) throws {
      let token = current.trimmingCharacters(in: " ")
      defer { current = "" }
      if token.isEmpty {
        throw HypothesisError.syntax(text: text, position: offset + at + 1, message: "missing term")
      }
      var coefficient = 1.0
      var name = token
      if let star = topLevelStar(token) {
        let number = token[..<star].trimmingCharacters(in: " ")
        guard let value = Double(number) else {
          throw HypothesisError.syntax(
            text: text, position: offset + start + 1, message: "'\(number)' is not a number")
        }
        coefficient = value
        name = token[token.index(after: star)...].trimmingCharacters(in: " ")
      } else if let value = Double(token) {
        constant += sign * currentSign * value
        return
      }
      guard let j = names.firstIndex(of: name) else {
        throw HypothesisError.unknownTerm(
          name: name, suggestion: nearestName(to: name, among: names))
      }
      row[j] += sign * currentSign * coefficient
    }
    var position = 0
    for character in side {
      if character == "(" || character == "[" { depth += 1 }
      if character == ")" || character == "]" { depth -= 1 }
      if depth == 0, character == "+" || character == "-",
        !current.trimmingCharacters(in: " ").isEmpty, !endsWithExponent(current)
      {
        try flush(position)
        currentSign = character == "-" ? -1 : 1
        start = position + 1
      } else if depth == 0, character == "-" || character == "+",
        current.trimmingCharacters(in: " ").isEmpty
      {
        currentSign *= character == "-" ? -1 : 1
      } else {
        current.append(character)
      }
      position += 1
    }
    try flush(position)
  }

  static func endsWithExponent(_ s: String) -> Bool {
    let trimmed = s.trimmingCharacters(in: " ")
    guard trimmed.last == "e" || trimmed.last == "E" else { return false }
    return Double(trimmed.dropLast()) != nil
  }

  static func topLevelStar(_ token: String) -> String.Index? {
    var depth = 0
    for index in token.indices {
      let c = token[index]
      if c == "(" || c == "[" { depth += 1 }
      if c == ")" || c == "]" { depth -= 1 }
      if c == "*" && depth == 0 { return index }
    }
    return nil
  }

  /// Splits at top-level separators, keeping each part's character offset.
  static func split(_ text: String, on separators: Set<Character>) -> [(
    part: Substring, offset: Int
  )] {
    var parts: [(Substring, Int)] = []
    var depth = 0
    var start = text.startIndex
    var startOffset = 0
    var offset = 0
    for index in text.indices {
      let c = text[index]
      if c == "(" || c == "[" { depth += 1 }
      if c == ")" || c == "]" { depth -= 1 }
      if depth == 0 && separators.contains(c) {
        parts.append((text[start..<index], startOffset))
        start = text.index(after: index)
        startOffset = offset + 1
      }
      offset += 1
    }
    parts.append((text[start...], startOffset))
    return parts
  }

  /// The closest name by edit distance (at most a third of the length away).
  static func nearestName(to name: String, among names: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
      var previous = Array(0...b.count)
      for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
          current[j] = min(
            previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
      }
      return previous[b.count]
    }
    let target = Array(name)
    let best = names.map { ($0, distance(target, Array($0))) }.min { $0.1 < $1.1 }
    guard let best, best.1 <= max(2, name.count / 3) else { return nil }
    return best.0
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s = s.dropFirst() }
    while s.last == set { s = s.dropLast() }
    return String(s)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(self).trimmingCharacters(in: set)
  }
}
