import CNLopt

/// Derivative-free minimisation with bound constraints by Powell's BOBYQA (NLopt's
/// `NLOPT_LN_BOBYQA`), the optimiser lme4 uses by default for `lmer` (`nloptwrap`).
///
/// ```swift
/// let result = try Bobyqa.minimize(start: [1, 0, 1], lower: [0, -.infinity, 0]) { x in
///   deviance(theta: x)
/// }
/// ```
public enum Bobyqa {
  /// Stopping rules; the defaults are tighter than lme4's (`ftol_abs` 1e-8, `xtol_abs` 1e-8)
  /// so that the optimum is reproduced to more digits than lme4 reports.
  public struct Options: Sendable, Equatable {
    /// Absolute change of the objective below which the search stops.
    public var absoluteFunctionTolerance: Double
    /// Relative change of the objective below which the search stops.
    public var relativeFunctionTolerance: Double
    /// Absolute change of every parameter below which the search stops.
    public var absoluteParameterTolerance: Double
    /// Most objective evaluations before giving up (reported as not converged).
    public var maximumEvaluations: Int
    /// First step per parameter, or `nil` for NLopt's choice.
    public var initialStep: Double?
    /// Read before every objective evaluation: once raised, the search stops and throws
    /// `CancellationError` (`nil`: never).
    public var cancellation: CancellationFlag? = nil

    /// Creates stopping rules.
    /// - Parameters:
    ///   - absoluteFunctionTolerance: absolute objective tolerance.
    ///   - relativeFunctionTolerance: relative objective tolerance.
    ///   - absoluteParameterTolerance: absolute parameter tolerance.
    ///   - maximumEvaluations: evaluation budget.
    ///   - initialStep: first step per parameter.
    public init(
      absoluteFunctionTolerance: Double = 1e-14, relativeFunctionTolerance: Double = 1e-15,
      absoluteParameterTolerance: Double = 1e-12, maximumEvaluations: Int = 100_000,
      initialStep: Double? = nil
    ) {
      self.absoluteFunctionTolerance = absoluteFunctionTolerance
      self.relativeFunctionTolerance = relativeFunctionTolerance
      self.absoluteParameterTolerance = absoluteParameterTolerance
      self.maximumEvaluations = maximumEvaluations
      self.initialStep = initialStep
    }

    /// The defaults.
    public static let `default` = Options()
  }

  /// Where the search ended.
  public struct Result: Sendable, Equatable {
    /// The best point found.
    public let x: [Double]
    /// The objective there.
    public let value: Double
    /// Objective evaluations made.
    public let evaluations: Int
    /// True when a tolerance was met or roundoff limited progress (not the evaluation budget,
    /// not a failure).
    public let converged: Bool
    /// NLopt's return code in words (`ftol reached`, `maxeval reached`...).
    public let status: String

    /// Creates a result (used to combine a search and its restart).
    /// - Parameters:
    ///   - x: the best point.
    ///   - value: the objective there.
    ///   - evaluations: evaluations made.
    ///   - converged: whether a tolerance was met.
    ///   - status: how the search ended.
    public init(x: [Double], value: Double, evaluations: Int, converged: Bool, status: String) {
      self.x = x
      self.value = value
      self.evaluations = evaluations
      self.converged = converged
      self.status = status
    }
  }

  /// Minimises `objective` from `start` within the bounds.
  /// - Parameters:
  ///   - start: the starting point (inside the bounds).
  ///   - lower: lower bounds (`-infinity` for none), one per parameter, or `nil`.
  ///   - upper: upper bounds (`infinity` for none), one per parameter, or `nil`.
  ///   - options: the stopping rules.
  ///   - objective: the function to minimise; a non-finite value makes the search fail.
  /// - Returns: the best point, its value and how the search ended.
  /// - Throws: `OptimizationError` when NLopt refuses the problem or the objective is not finite
  ///   at the start.
  public static func minimize(
    start: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
    options: Options = .default, objective: @escaping ([Double]) -> Double
  ) throws -> Result {
    let n = start.count
    guard n > 0 else { throw OptimizationError.invalidProblem("no parameters to optimise") }
    guard lower.map({ $0.count == n }) ?? true, upper.map({ $0.count == n }) ?? true else {
      throw OptimizationError.invalidProblem("bounds and start differ in length")
    }
    try options.cancellation?.check()
    guard objective(start).isFinite else {
      throw OptimizationError.nonFiniteObjective(at: start)
    }
    guard let handle = nlopt_create(NLOPT_LN_BOBYQA, UInt32(n)) else {
      throw OptimizationError.invalidProblem("NLopt could not create a BOBYQA problem")
    }
    defer { nlopt_destroy(handle) }
    let box = ObjectiveBox(objective, dimension: n)
    box.handle = handle
    box.cancellation = options.cancellation
    let context = Unmanaged.passRetained(box)
    defer { context.release() }
    var status = nlopt_set_min_objective(handle, bobyqaObjective, context.toOpaque())
    if var lower { status = worst(status, nlopt_set_lower_bounds(handle, &lower)) }
    if var upper { status = worst(status, nlopt_set_upper_bounds(handle, &upper)) }
    status = worst(status, nlopt_set_ftol_abs(handle, options.absoluteFunctionTolerance))
    status = worst(status, nlopt_set_ftol_rel(handle, options.relativeFunctionTolerance))
    status = worst(status, nlopt_set_xtol_abs1(handle, options.absoluteParameterTolerance))
    status = worst(status, nlopt_set_maxeval(handle, Int32(options.maximumEvaluations)))
    if let step = options.initialStep {
      status = worst(status, nlopt_set_initial_step1(handle, step))
    }
    guard status.rawValue > 0 else {
      throw OptimizationError.invalidProblem("NLopt refused the settings (code \(status.rawValue))")
    }
    var x = start
    var value = 0.0
    let result = nlopt_optimize(handle, &x, &value)
    try options.cancellation?.check()
    // On failure NLopt may leave x unchanged; the box holds the best point evaluated.
    if result.rawValue < 0, let best = box.best {
      x = best.x
      value = best.value
    }
    // Roundoff-limited means the tolerances are below what double precision resolves: the point
    // is as good as the arithmetic allows (NLopt's documentation), so it counts as converged.
    let converged = [
      NLOPT_SUCCESS, NLOPT_FTOL_REACHED, NLOPT_XTOL_REACHED, NLOPT_STOPVAL_REACHED,
      NLOPT_ROUNDOFF_LIMITED,
    ].contains(result)
    return Result(
      x: x, value: value, evaluations: box.evaluations, converged: converged,
      status: describe(result))
  }

  private static func worst(_ a: nlopt_result, _ b: nlopt_result) -> nlopt_result {
    a.rawValue < b.rawValue ? a : b
  }

  private static func describe(_ code: nlopt_result) -> String {
    switch code {
    case NLOPT_SUCCESS: return "success"
    case NLOPT_STOPVAL_REACHED: return "stopval reached"
    case NLOPT_FTOL_REACHED: return "ftol reached"
    case NLOPT_XTOL_REACHED: return "xtol reached"
    case NLOPT_MAXEVAL_REACHED: return "maxeval reached"
    case NLOPT_MAXTIME_REACHED: return "maxtime reached"
    case NLOPT_ROUNDOFF_LIMITED: return "roundoff limited"
    case NLOPT_FORCED_STOP: return "forced stop"
    case NLOPT_INVALID_ARGS: return "invalid arguments"
    case NLOPT_OUT_OF_MEMORY: return "out of memory"
    default: return "failure (code \(code.rawValue))"
    }
  }
}

/// Errors of the optimisers.
public enum OptimizationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The problem cannot be set up (no parameters, mismatched bounds, refused settings).
  case invalidProblem(String)
  /// The objective is NaN or infinite at the starting point.
  case nonFiniteObjective(at: [Double])

  /// The error in words.
  public var description: String {
    switch self {
    case .invalidProblem(let message): return "optimiser: \(message)"
    case .nonFiniteObjective(let x): return "optimiser: the objective is not finite at \(x)"
    }
  }
}

/// The Swift objective behind NLopt's C callback, with the best point seen.
private final class ObjectiveBox {
  let objective: ([Double]) -> Double
  let dimension: Int
  var evaluations = 0
  var best: (x: [Double], value: Double)?
  /// The problem, stopped by `nlopt_force_stop` once `cancellation` is raised.
  var handle: nlopt_opt?
  var cancellation: CancellationFlag?

  init(_ objective: @escaping ([Double]) -> Double, dimension: Int) {
    self.objective = objective
    self.dimension = dimension
  }
}

/// NLopt's objective callback: reads the point, calls the Swift objective, keeps the best value.
///
/// A non-finite value is returned as infinity so that BOBYQA backs away from it.
private func bobyqaObjective(
  _ n: UInt32, _ x: UnsafePointer<Double>?, _ gradient: UnsafeMutablePointer<Double>?,
  _ data: UnsafeMutableRawPointer?
) -> Double {
  guard let data, let x else { return .infinity }
  let box = Unmanaged<ObjectiveBox>.fromOpaque(data).takeUnretainedValue()
  if box.cancellation?.isCancelled == true, let handle = box.handle {
    nlopt_force_stop(handle)
    return .infinity
  }
  let point = Array(UnsafeBufferPointer(start: x, count: Int(n)))
  box.evaluations += 1
  let value = box.objective(point)
  guard value.isFinite else { return .infinity }
  if value < (box.best?.value ?? .infinity) { box.best = (point, value) }
  return value
}
