/// The largest absolute difference of two vectors of the same length (0 when both are empty).
/// - Parameters:
///   - a: one vector.
///   - b: the other.
/// - Returns: max |a_i - b_i|.
public func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "vectors of \(a.count) and \(b.count) values")
  return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// The relative difference |a - b| / max(|b|, tiny) of a value and its reference.
/// - Parameters:
///   - a: the value.
///   - b: the reference.
/// - Returns: the relative difference.
public func relativeError(_ a: Double, _ b: Double) -> Double {
  abs(a - b) / max(abs(b), 1e-300)
}
