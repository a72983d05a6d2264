/// `exp` and `log` from IEEE basic operations only (+, -, *, /, exact scaling), so that
/// simulated values are identical on every platform, whatever its libm.
///
/// Accurate to a few units in the last place, which is far below the rounding of written values.
public enum PortableMath {
  private static let ln2Hi = 6.93147180369123816490e-01
  private static let ln2Lo = 1.90821492927058770002e-10
  private static let invLn2 = 1.44269504088896338700e+00

  /// e^x (0 below -745, +infinity above 709.78).
  public static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x > 709.78 { return .infinity }
    if x < -745.1 { return 0 }
    // Cody-Waite reduction x = k ln2 + r, |r| <= ln2 / 2, then Taylor to degree 14.
    let k = (x * invLn2).rounded()
    let r = (x - k * ln2Hi) - k * ln2Lo
    var term = 1.0
    var sum = 1.0
    for n in 1...14 {
      term = term * r / Double(n)
      sum += term
    }
    let e = Int(k)
    if e < -1000 { return Double(sign: .plus, exponent: e + 60, significand: sum) * 0x1.0p-60 }
    return Double(sign: .plus, exponent: e, significand: sum)
  }

  /// The natural logarithm (NaN below 0, -infinity at 0).
  public static func log(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x.isInfinite { return x }
    var e = Int(x.exponent)
    var m = x.significand  // [1, 2), exact
    if m > 1.4142135623730951 {
      m /= 2
      e += 1
    }
    // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172: odd series to s^29.
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var power = s
    var series = 0.0
    var n = 1.0
    while n <= 29 {
      series += power / n
      power *= s2
      n += 2
    }
    let de = Double(e)
    return de * ln2Hi + (de * ln2Lo + 2 * series)
  }

  /// The logistic function 1 / (1 + e^-x).
  public static func logistic(_ x: Double) -> Double {
    1 / (1 + exp(-x))
  }
}
