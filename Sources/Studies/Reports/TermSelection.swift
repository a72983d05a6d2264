/// Which terms a table or figure shows.
///
/// `keep` patterns (when given, only matching terms) and `omit` patterns (matching terms are left out), as fixest's `etable(keep =, drop =)` and
/// modelsummary's `coef_omit`. Patterns are globs on the term name: `*` any run of characters,
/// `?` one character, anything else literal (so `C(year)[*` or `year[*]` name every year dummy).
public struct TermSelection: Sendable, Equatable {
  /// Terms kept (every term when empty).
  public var keep: [String]
  /// Terms left out (after `keep`).
  public var omit: [String]

  /// Creates a selection.
  public init(keep: [String] = [], omit: [String] = []) {
    self.keep = keep
    self.omit = omit
  }

  /// Whether `term` is shown.
  public func includes(_ term: String) -> Bool {
    if !keep.isEmpty, !keep.contains(where: { Self.matches(term, pattern: $0) }) { return false }
    return !omit.contains { Self.matches(term, pattern: $0) }
  }

  /// True when `text` matches the glob `pattern` as a whole.
  public static func matches(_ text: String, pattern: String) -> Bool {
    let t = Array(text)
    let p = Array(pattern)
    var ti = 0
    var pi = 0
    var star: Int?
    var resume = 0
    while ti < t.count {
      if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
        ti += 1
        pi += 1
      } else if pi < p.count, p[pi] == "*" {
        star = pi
        resume = ti
        pi += 1
      } else if let s = star {
        pi = s + 1
        resume += 1
        ti = resume
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
