/// Steps `digits` to the next combination of levels, the last digit fastest (an odometer over
/// `sizes`): how the finest cells, a table's level combinations and the hypercubes are
/// enumerated.
/// - Parameters:
///   - digits: one level index per variable, each below its size.
///   - sizes: the number of levels of each variable.
/// - Returns: `false` after the last combination (the digits are back at zero).
@discardableResult
func nextCombination(_ digits: inout [Int], sizes: [Int]) -> Bool {
  var d = digits.count - 1
  while d >= 0 {
    digits[d] += 1
    if digits[d] < sizes[d] { return true }
    digits[d] = 0
    d -= 1
  }
  return false
}
