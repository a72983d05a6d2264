import Formula

/// Checks a model formula against the prepared data at validation time: syntax, unknown columns
/// (with suggestions), text responses, identifiers used as terms, and parts the kind cannot fit.
///
/// Shared by every model kind.
public enum FormulaCheck {
  /// Most unknown columns reported for one formula; the rest are counted in one message.
  public static let maximumUnknownReported = 20

  /// Reports problems with the formula at `keyPath`/`line`.
  /// - Parameters:
  ///   - text: the formula as written in the spec.
  ///   - keyPath: the key path of the formula, for messages.
  ///   - line: the spec line of the formula.
  ///   - schema: the prepared data's columns and identifier columns.
  ///   - allowFixedEffects: whether `| fe` is accepted (the fe kind).
  ///   - allowRandomEffects: whether `( | g)` terms are accepted (the lmm kind).
  ///   - diagnostics: where problems are reported.
  /// - Returns: the parsed formula, or `nil` after reporting.
  @discardableResult
  public static func check(
    _ text: String, keyPath: String, line: Int, schema: StudySchema, allowFixedEffects: Bool,
    allowRandomEffects: Bool = false, diagnostics: SpecDiagnostics
  ) -> Formula? {
    let formula: Formula
    do {
      formula = try Formula(text)
    } catch let error as FormulaError {
      diagnostics.report(keyPath, line: line, "\(error)")
      return nil
    } catch {
      diagnostics.report(keyPath, line: line, "\(error)")
      return nil
    }
    var ok = true
    // At most `maximumUnknownReported` messages, each quoting at most 80 characters of the
    // formula: the report stays linear in the formula's length (9,000 unknown names in a 70 KB
    // formula printed 640 MB before).
    let unknown = formula.variables.filter { schema.table[$0.name] == nil }
    let quoted = text.count > 80 ? String(text.prefix(79)) + "\u{2026}" : text
    for variable in unknown.prefix(maximumUnknownReported) {
      let near = nearestName(to: variable.name, among: schema.columnNames)
      diagnostics.report(
        keyPath, line: line,
        "unknown column '\(variable.name)' at column \(variable.position) of \"\(quoted)\""
          + (near.map { "; did you mean '\($0)'?" } ?? ""))
      ok = false
    }
    if unknown.count > maximumUnknownReported {
      diagnostics.report(
        keyPath, line: line,
        "\(unknown.count - maximumUnknownReported) more unknown columns in this formula")
    }
    guard ok else { return nil }
    if formula.response == nil {
      diagnostics.report(keyPath, line: line, "the formula needs a response: y ~ x")
      return nil
    }
    if let response = formula.response, case .variable(let name, _) = response,
      let column = schema.table[name], !column.isNumeric
    {
      diagnostics.report(
        keyPath, line: line, "the response '\(name)' is text; a model needs a numeric response")
      ok = false
    }
    if !allowFixedEffects, !formula.fixedEffects.isEmpty {
      diagnostics.report(keyPath, line: line, "fixed effects after '|' need kind: fe")
      ok = false
    }
    if !allowRandomEffects, !formula.randomEffects.isEmpty {
      diagnostics.report(keyPath, line: line, "random-effect terms ( | ) need kind: lmm")
      ok = false
    }
    for term in formula.terms {
      for atom in term.atoms {
        for variable in atom.node.variableReferences
        where schema.identifiers.contains(variable.name) {
          diagnostics.report(
            keyPath, line: line,
            schema.identifierPolicy.refusal(variable.name, use: "a model term")
              + "; absorb it as a fixed effect or cluster on it")
          ok = false
        }
      }
    }
    return ok ? formula : nil
  }
}
