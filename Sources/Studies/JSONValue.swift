import Foundation

/// A JSON document with ordered object keys, so result files are deterministic and read in the
/// order of DESIGN.md section 4.
public indirect enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// A number; NaN and infinities are written as `null`.
  case number(Double)
  /// An integer.
  case integer(Int)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object with keys in insertion order.
  case object([(String, JSONValue)])

  /// A number, or `null` when `nil` or not finite.
  public static func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(value)
  }

  /// Equality (objects compare keys in order).
  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The document as text, indented by two spaces, with a final newline.
  ///
  /// Doubles are written in the shortest form that reads back to the identical double (Swift's
  /// round-trip printing), which carries full double precision without trailing noise digits.
  public func serialized() -> String {
    var out = ""
    write(to: &out, indent: 0)
    out.append("\n")
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out.append("null")
    case .bool(let b): out.append(b ? "true" : "false")
    case .integer(let i): out.append(String(i))
    case .number(let x):
      if !x.isFinite {
        out.append("null")
      } else if x == x.rounded(), abs(x) < 1e15 {
        out.append(String(Int64(x)))
      } else {
        out.append("\(x)")
      }
    case .string(let s): Self.writeString(s, to: &out)
    case .array(let items):
      if items.isEmpty {
        out.append("[]")
        return
      }
      if items.allSatisfy(\.isScalar) {
        out.append("[")
        for (i, item) in items.enumerated() {
          if i > 0 { out.append(", ") }
          item.write(to: &out, indent: indent)
        }
        out.append("]")
        return
      }
      out.append("[\n")
      for (i, item) in items.enumerated() {
        out.append(String(repeating: " ", count: indent + 2))
        item.write(to: &out, indent: indent + 2)
        out.append(i + 1 < items.count ? ",\n" : "\n")
      }
      out.append(String(repeating: " ", count: indent) + "]")
    case .object(let pairs):
      if pairs.isEmpty {
        out.append("{}")
        return
      }
      out.append("{\n")
      for (i, (key, value)) in pairs.enumerated() {
        out.append(String(repeating: " ", count: indent + 2))
        Self.writeString(key, to: &out)
        out.append(": ")
        value.write(to: &out, indent: indent + 2)
        out.append(i + 1 < pairs.count ? ",\n" : "\n")
      }
      out.append(String(repeating: " ", count: indent) + "}")
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  private static func writeString(_ s: String, to out: inout String) {
    out.append("\"")
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out.append("\\\"")
      case "\\": out.append("\\\\")
      case "\n": out.append("\\n")
      case "\r": out.append("\\r")
      case "\t": out.append("\\t")
      default:
        if scalar.value < 0x20 {
          out.append(String(format: "\\u%04x", scalar.value))
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.append("\"")
  }
}
