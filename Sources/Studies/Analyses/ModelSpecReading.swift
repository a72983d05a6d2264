import Formula
import Foundation

/// Spec keys that several analysis kinds share (`level`, option names, numeric columns, the
/// model formula), read and checked in one place so every kind reports them alike.
extension SpecReader {
  /// The confidence level (`level:`), 0.95 when absent; reported unless strictly between 0 and 1.
  func confidenceLevel() -> Double {
    let level = double("level") ?? 0.95
    if !(level > 0 && level < 1) {
      diagnostics.report(child("level"), line: line(of: "level"), "level must be between 0 and 1")
    }
    return level
  }

  /// An option from a fixed set (`solver: qr`), `nil` when absent or unknown; an unknown name is
  /// reported with the nearest valid one.
  /// - Parameters:
  ///   - key: the spec key.
  ///   - label: how the option is named in the message (defaults to the key).
  /// - Returns: the option named at `key`, or `nil` when the key is absent or names no option.
  func choice<Option: RawRepresentable & CaseIterable>(_ key: String, label: String? = nil)
    -> Option? where Option.RawValue == String
  {
    guard let text = string(key) else { return nil }
    if let value = Option(rawValue: text) { return value }
    diagnostics.unknown(
      label ?? key, name: text, among: Option.allCases.map(\.rawValue), keyPath: child(key),
      line: line(of: key))
    return nil
  }

  /// The column named by `key` (weights, offset), reported when it is unknown or not numeric.
  /// - Parameters:
  ///   - key: the spec key.
  ///   - schema: the study data's columns.
  ///   - label: how the column is named in the message ("weight column", "column").
  /// - Returns: the name as written, or `nil` when the key is absent.
  func numericColumn(_ key: String, schema: StudySchema, label: String = "column") -> String? {
    guard let name = string(key) else { return nil }
    if schema.checkColumn(name, keyPath: child(key), line: line(of: key), diagnostics: diagnostics),
      schema.table[name]?.isNumeric == false
    {
      diagnostics.report(child(key), line: line(of: key), "\(label) '\(name)' is not numeric")
    }
    return name
  }

  /// The model formula (`formula:`, required), reported when empty (with an example) and
  /// checked against the data's columns.
  /// - Returns: the text as written and the parsed formula when it is valid.
  func modelFormula(
    example: String, schema: StudySchema, allowFixedEffects: Bool,
    allowRandomEffects: Bool = false
  ) -> (text: String, parsed: Formula?) {
    let text = string("formula", required: true) ?? ""
    if entry("formula") != nil, text.trimmingCharacters(in: .whitespaces).isEmpty {
      diagnostics.report(
        child("formula"), line: line(of: "formula"),
        "the formula is empty; write e.g. \"\(example)\"")
      return (text, nil)
    }
    guard !text.isEmpty else { return (text, nil) }
    let parsed = FormulaCheck.check(
      text, keyPath: child("formula"), line: line(of: "formula"), schema: schema,
      allowFixedEffects: allowFixedEffects, allowRandomEffects: allowRandomEffects,
      diagnostics: diagnostics)
    return (text, parsed)
  }
}
