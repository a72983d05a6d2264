import Foundation

/// A pattern naming coefficient terms in a table's `omit`, `keep` and `order` lists: a glob
/// matched against the whole term (`year[*]`, `C(track)*`, `female`), or a regular expression
/// searched in the term when written `re:EXPRESSION` (`re:^year\[`).
public struct TermPattern: Sendable, Equatable {
  /// The pattern as written.
  public let text: String
  private let expression: String

  /// A pattern could not be read (an invalid regular expression).
  public struct Invalid: Error, Equatable, LocalizedError {
    /// The pattern as written.
    public let text: String
    /// The message shown to the user.
    public var errorDescription: String? {
      "'\(text)' is not a valid pattern (a glob such as year[*], or re:REGEX)"
    }
  }

  /// Reads a pattern.
  /// - Parameter text: a glob, or `re:` followed by a regular expression.
  /// - Throws: `TermPattern.Invalid` when the regular expression does not compile.
  public init(_ text: String) throws {
    self.text = text
    if text.hasPrefix("re:") {
      expression = String(text.dropFirst(3))
    } else {
      expression = "^" + Self.globToRegex(text) + "$"
    }
    guard (try? NSRegularExpression(pattern: expression)) != nil else {
      throw Invalid(text: text)
    }
  }

  /// Whether the term matches.
  /// - Parameter term: a coefficient term name.
  /// - Returns: true when the glob matches the whole term or the expression is found in it.
  public func matches(_ term: String) -> Bool {
    guard let regex = try? NSRegularExpression(pattern: expression) else { return false }
    let range = NSRange(term.startIndex..., in: term)
    return regex.firstMatch(in: term, range: range) != nil
  }

  /// `*` any text, `?` one character; every other character literal.
  static func globToRegex(_ glob: String) -> String {
    var out = ""
    for ch in glob {
      switch ch {
      case "*": out += ".*"
      case "?": out += "."
      default: out += NSRegularExpression.escapedPattern(for: String(ch))
      }
    }
    return out
  }
}
