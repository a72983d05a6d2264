import Foundation

/// A minimal SVG writer: elements appended in drawing order, text escaped, numbers rounded to
/// 0.01 px so output is stable across platforms.
public struct SVGDocument: Sendable {
  /// Width in px.
  public let width: Double
  /// Height in px.
  public let height: Double
  private var body: [String] = []

  /// The elements drawn so far, in order (to place this drawing inside another).
  var elements: [String] { body }

  /// Creates an empty drawing.
  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A coordinate as text.
  static func n(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    // A non-finite coordinate (degenerate data) is drawn at 0 rather than trapping in Int().
    guard r.isFinite else { return "0" }
    if r == r.rounded() { return abs(r) < 1e15 ? String(Int(r)) : String(format: "%.0f", r) }
    return String(format: "%.2f", r)
  }

  /// Escapes `&`, `<`, `>` and quotes for text and attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    for ch in text {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// Appends a raw element (already escaped).
  public mutating func raw(_ element: String) { body.append(element) }

  /// A straight line.
  public mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) {
    body.append(
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" "
        + "stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
  }

  /// A polyline through points.
  public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
    guard points.count > 1 else { return }
    let text = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
    body.append(
      "<polyline points=\"\(text)\" fill=\"none\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"/>")
  }

  /// A filled polygon (bands).
  public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
    guard points.count > 2 else { return }
    let text = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
    body.append(
      "<polygon points=\"\(text)\" fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\" "
        + "stroke=\"none\"/>")
  }

  /// A circle.
  public mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String) {
    body.append(
      "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(radius))\" fill=\"\(fill)\"/>")
  }

  /// A rectangle.
  public mutating func rect(
    _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil
  ) {
    body.append(
      "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\" "
        + "fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
  }

  /// Text; `anchor` is start, middle or end; `rotate` turns it about its anchor point.
  public mutating func text(
    _ string: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    weight: String? = nil, rotate: Double? = nil, role: String? = nil
  ) {
    var attributes =
      "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" "
      + "text-anchor=\"\(anchor)\""
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if let rotate {
      attributes += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\""
    }
    if let role { attributes += " class=\"\(role)\"" }
    body.append("<text \(attributes)>\(Self.escape(string))</text>")
  }

  /// The complete SVG file text.
  /// - Parameter title: accessible title (`<title>` element).
  /// - Returns: the XML declaration and the `<svg>` element with every mark added so far.
  public func rendered(title: String) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" "
      + "height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" "
      + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
    out += "<title>\(Self.escape(title))</title>\n"
    out +=
      "<rect x=\"0\" y=\"0\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"#FFFFFF\"/>\n"
    for element in body { out += element + "\n" }
    out += "</svg>\n"
    return out
  }
}
