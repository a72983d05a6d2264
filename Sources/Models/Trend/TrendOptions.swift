/// What a trend fit estimates and how its standard errors are formed.
public struct TrendOptions: Sendable, Equatable {
  /// The trend shape.
  public var shape: TrendShape
  /// Newey-West HAC standard errors (`nil`: classical least-squares ones).
  public var neweyWest: NeweyWestOptions?
  /// Prais-Winsten estimation with AR(1) errors instead of least squares.
  public var ar1: Bool
  /// The time `time` counts from (`nil`: the first time of the series).
  public var origin: Double?
  /// Confidence and prediction level.
  public var level: Double
  /// Projection to a target year (and the probability of reaching a target value).
  public var target: TrendTarget?
  /// Convergence tolerance on rho (Prais-Winsten).
  public var tolerance: Double
  /// Iteration limit (Prais-Winsten).
  public var maxIterations: Int

  /// Creates options.
  /// - Parameters:
  ///   - shape: the trend shape (default linear).
  ///   - neweyWest: HAC standard errors, or `nil`.
  ///   - ar1: Prais-Winsten AR(1) estimation.
  ///   - origin: the time origin, or `nil` for the first time.
  ///   - level: confidence and prediction level.
  ///   - target: a projection target, or `nil`.
  ///   - tolerance: convergence tolerance on rho.
  ///   - maxIterations: iteration limit.
  public init(
    shape: TrendShape = .linear, neweyWest: NeweyWestOptions? = nil, ar1: Bool = false,
    origin: Double? = nil, level: Double = 0.95, target: TrendTarget? = nil,
    tolerance: Double = 1e-10, maxIterations: Int = 200
  ) {
    self.shape = shape
    self.neweyWest = neweyWest
    self.ar1 = ar1
    self.origin = origin
    self.level = level
    self.target = target
    self.tolerance = tolerance
    self.maxIterations = maxIterations
  }
}

/// A target: the year projected to and, optionally, the value to reach by then.
public struct TrendTarget: Sendable, Equatable {
  /// Whether reaching the target means getting to or above it, or to or below it.
  public enum Direction: String, Sendable, Equatable {
    /// The value must reach or exceed the target (a share to raise).
    case atLeast = "at_least"
    /// The value must fall to or below the target (early leavers to cut).
    case atMost = "at_most"
  }

  /// The target year.
  public let year: Double
  /// The target value, if any.
  public let value: Double?
  /// Which side of `value` counts as reached.
  public let direction: Direction

  /// Creates a target.
  /// - Parameters:
  ///   - year: the target year.
  ///   - value: the value to reach, or `nil` for a projection only.
  ///   - direction: which side counts as reached (default at least).
  public init(year: Double, value: Double? = nil, direction: Direction = .atLeast) {
    self.year = year
    self.value = value
    self.direction = direction
  }
}
