/// The form of a trend in time: a line, a parabola, or a line broken at given times
/// (segmented regression, interrupted time series).
public enum TrendShape: Sendable, Equatable {
  /// `y = a + b t`.
  case linear
  /// `y = a + b t + c t^2`.
  case quadratic
  /// A line with, at each break `B`, a level change `1{t >= B}` and a slope change
  /// `(t - B) 1{t >= B}`.
  case segmented(breaks: [Double])

  /// The short name (`linear`, `quadratic`, `segmented`).
  public var name: String {
    switch self {
    case .linear: return "linear"
    case .quadratic: return "quadratic"
    case .segmented: return "segmented"
    }
  }

  /// The breaks (empty unless segmented).
  public var breaks: [Double] {
    if case .segmented(let breaks) = self { return breaks }
    return []
  }

  /// Term names: `(Intercept)`, `time`, then `time^2` or `level_B`, `slope_B` per break.
  public var terms: [String] {
    var names = ["(Intercept)", "time"]
    switch self {
    case .linear: break
    case .quadratic: names.append("time^2")
    case .segmented(let breaks):
      for b in breaks {
        let label = TrendFormat.time(b)
        names += ["level_\(label)", "slope_\(label)"]
      }
    }
    return names
  }

  /// The design row at time `t`; `origin` is the time the intercept refers to (`time` counts
  /// from it).
  /// - Parameters:
  ///   - t: the time.
  ///   - origin: the time origin.
  /// - Returns: one value per term.
  public func row(at t: Double, origin: Double) -> [Double] {
    let s = t - origin
    var row = [1, s]
    switch self {
    case .linear: break
    case .quadratic: row.append(s * s)
    case .segmented(let breaks):
      for b in breaks {
        let after = t >= b
        row += [after ? 1 : 0, after ? t - b : 0]
      }
    }
    return row
  }
}
