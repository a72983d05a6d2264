/// Estimated coefficients with their names: `fit.coefficients["female"]`.
public struct CoefficientVector: Sendable, Equatable, RandomAccessCollection {
  /// Term names, in model-matrix order.
  public let names: [String]
  /// Estimates, aligned with `names`.
  public let values: [Double]
  private let positions: [String: Int]

  /// Creates a named vector; names must be unique.
  public init(names: [String], values: [Double]) {
    precondition(names.count == values.count, "names and values differ in length")
    self.names = names
    self.values = values
    var positions: [String: Int] = [:]
    for (i, name) in names.enumerated() { positions[name] = i }
    self.positions = positions
  }

  /// The estimate of the named term, or `nil` when there is no such (kept) term.
  public subscript(name: String) -> Double? { positions[name].map { values[$0] } }

  /// The position of the named term.
  public func index(of name: String) -> Int? { positions[name] }

  /// First position.
  public var startIndex: Int { 0 }
  /// One past the last position.
  public var endIndex: Int { values.count }
  /// The estimate at a position.
  public subscript(position: Int) -> Double { values[position] }
}
