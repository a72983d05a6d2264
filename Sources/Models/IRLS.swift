import Foundation
import LinearAlgebra

/// The outcome of iteratively reweighted least squares: estimates on the kept columns and the
/// quantities that covariance estimators need, all evaluated at the final estimates.
struct IRLSOutcome {
  let coefficients: [Double]
  let kept: [Int]
  let aliased: [Int]
  let eta: [Double]
  let mu: [Double]
  let deviance: Double
  let iterations: Int
  let converged: Bool
  let criterion: Double
  let stepHalvings: Int
  /// Working weights w_i = prior_i (dmu/deta)^2 / V(mu_i) at the estimates.
  let workingWeights: [Double]
  /// Working residuals (y - mu) / (dmu/deta).
  let workingResiduals: [Double]
  /// sqrt(W) times the working residuals.
  let whitenedResiduals: [Double]
  /// (X_k' W X_k)^-1.
  let bread: Matrix
  /// The design on the kept columns (shares storage with the input when nothing was aliased);
  /// sqrt(W) X is never kept: the sandwich needs only the scores x_i w_i r_i (or, for HC2/HC3,
  /// forms it).
  let keptDesign: Matrix
}

/// Fisher scoring by IRLS as R's `glm.fit`: starting means from the family, weighted least squares
/// on the working response z = eta - offset + (y - mu) / mu'(eta) with weights prior * mu'(eta)^2 /
/// V(mu), convergence when |dev - dev_old| / (|dev| + 0.1) < tolerance.
///
/// Unlike R (which halves only on a non-finite deviance), the step is also halved while the
/// deviance rises (as GLM.jl), so a poor first step cannot end in divergence. Aliased columns are
/// decided once, on the first weighted design, by the solver's rank rule, and then left out.
///
/// Each iteration reads the design once (`IRLS.pass`): the linear predictor, means, working
/// weights, the deviance and X'WX, X'Wr are computed block by block in parallel; sqrt(W) X is
/// formed only by the QR solver (first step and final bread).
enum IRLS {
  /// Runs IRLS.
  /// - Parameters:
  ///   - x: the n x p design.
  ///   - y: responses (validated for the family).
  ///   - weights: prior weights (all > 0), or `nil`.
  ///   - offset: offset added to the linear predictor, or `nil`.
  ///   - family: family and link.
  ///   - control: tolerance, iteration limit, solver and rank tolerance.
  /// - Throws: `ConvergenceError` when the deviance is not finite at the start or after every
  ///   halving; `LinearAlgebraError` if a factorisation fails.
  /// - Returns: the coefficients, working weights and fitted values at the last iteration, with
  ///   the deviance and how the iteration ended.
  static func run(
    x: Matrix, y: [Double], weights: [Double]?, offset: [Double]?, family: GLMFamily,
    control: GLMControl
  ) throws -> IRLSOutcome {
    let n = x.rows
    let link = family.link
    var work = Working(count: n)
    for i in 0..<n {
      let start = family.startingMean(y: y[i], weight: weights?[i] ?? 1)
      work.eta[i] = link.link(start)
      work.mu[i] = link.inverse(work.eta[i])
    }
    let data = PassData(y: y, weights: weights ?? [], offset: offset ?? [], family: family)
    // Factor dummies are found once and coded per row: their cross products cost one indexed
    // addition per row instead of a multiply-add per row and column.
    var layout = IndicatorLayout(x)
    var stats = pass(x, layout: layout, coefficients: nil, data: data, work: &work)
    var devOld = stats.total
    guard devOld.isFinite else {
      throw ConvergenceError(
        reason: "the deviance at the starting values is not finite", iterations: 0)
    }
    var design = x
    var kept = Array(0..<x.columns)
    var aliased: [Int] = []
    var coefficientsOld: [Double]? = nil
    var coefficients: [Double] = []
    var converged = false
    var iterations = 0
    var criterion = Double.infinity
    var halvings = 0
    var polish = 0
    while iterations < control.maxIterations {
      iterations += 1
      if coefficientsOld == nil {
        // First pass: solve for the coefficients from the working response z (as R), deciding
        // the aliased columns. Later passes solve for the step from the working residuals,
        // X'WX delta = X'W r, so the fixed point is exact even when the solve is not (Cholesky).
        let solution = try firstSolution(x, stats: stats, data: data, work: work, control: control)
        if !solution.aliased.isEmpty {
          aliased = solution.aliased.map { kept[$0] }
          kept = solution.kept.map { kept[$0] }
          design = x.selectingColumns(kept)
          layout = layout.selecting(kept)
        }
        coefficients = solution.coefficients
      } else {
        let step = try Self.step(stats, design: design, work: work)
        coefficients = zip(coefficients, step).map { $0 + $1 }
      }
      stats = pass(
        design, layout: layout, coefficients: coefficients, data: data, work: &work)
      var dev = stats.total
      if let old = coefficientsOld {
        // Step-halving while the deviance is not finite or rises.
        var tries = 0
        while !dev.isFinite || (dev - devOld) / (abs(dev) + 0.1) > control.tolerance {
          tries += 1
          if tries > control.maxHalvings {
            if dev.isFinite { break }
            throw ConvergenceError(
              reason: "the deviance is not finite after \(control.maxHalvings) step halvings",
              iterations: iterations)
          }
          halvings += 1
          coefficients = zip(coefficients, old).map { ($0 + $1) / 2 }
          stats = pass(
            design, layout: layout, coefficients: coefficients, data: data, work: &work)
          dev = stats.total
        }
      } else if !dev.isFinite {
        throw ConvergenceError(
          reason: "the deviance after the first step is not finite", iterations: 1)
      }
      criterion = abs(dev - devOld) / (abs(dev) + 0.1)
      let step =
        coefficientsOld.map { old in
          zip(coefficients, old).map { abs($0 - $1) / (abs($0) + 1e-3) }.max() ?? 0
        } ?? .infinity
      devOld = dev
      coefficientsOld = coefficients
      if criterion < control.tolerance {
        // Polish: Fisher scoring converges only linearly for non-canonical links (probit,
        // cloglog), so a settled deviance can leave estimates 1e-6 from the MLE. Keep going
        // while the estimates still move, for a few iterations (under separation they move
        // forever while the deviance stays flat; the separation check reports that).
        converged = true
        polish += 1
        if step < control.coefficientTolerance || polish > control.maxPolishIterations { break }
      }
    }
    // The last pass was at the final estimates: its X'WX gives the bread.
    var workingWeights = [Double](repeating: 0, count: n)
    var whitenedResiduals = [Double](repeating: 0, count: n)
    for i in 0..<n {
      workingWeights[i] = work.root[i] * work.root[i]
      whitenedResiduals[i] = work.root[i] * work.residual[i]
    }
    let bread: Matrix
    switch control.solver {
    case .qr:
      bread = try Self.bread(design.scalingRows(by: work.root), solver: .qr)
    case .cholesky:
      bread = try Cholesky(stats.gram).inverse()
    }
    return IRLSOutcome(
      coefficients: coefficients, kept: kept, aliased: aliased, eta: work.eta, mu: work.mu,
      deviance: devOld, iterations: iterations, converged: converged, criterion: criterion,
      stepHalvings: halvings, workingWeights: workingWeights, workingResiduals: work.residual,
      whitenedResiduals: whitenedResiduals, bread: bread, keptDesign: design)
  }

  /// The first weighted least-squares solution, on the working response z at the starting
  /// values: QR on sqrt(W) X and sqrt(W) z, or rank-revealing Cholesky of the cross products.
  static func firstSolution(
    _ x: Matrix, stats: ScaledCrossProducts, data: PassData, work: Working, control: GLMControl
  ) throws -> LinearSolution {
    switch control.solver {
    case .qr:
      let n = x.rows
      var z = [Double](repeating: 0, count: n)
      for i in 0..<n {
        let offset = data.offset.isEmpty ? 0 : data.offset[i]
        z[i] = (work.eta[i] - offset + work.residual[i]) * work.root[i]
      }
      return try LinearSolution(
        x: x.scalingRows(by: work.root), y: z, solver: .qr, tolerance: control.rankTolerance)
    case .cholesky:
      return try LinearSolution(
        gram: stats.gram, vector: stats.vector, tolerance: control.rankTolerance)
    }
  }

  /// The Gauss-Newton step (X'WX)^-1 X'W r: Cholesky of the cross products (kept columns are of
  /// full rank), QR on sqrt(W) X if that is not positive definite.
  static func step(_ stats: ScaledCrossProducts, design: Matrix, work: Working) throws -> [Double] {
    if let cholesky = try? Cholesky(stats.gram) { return cholesky.solve(stats.vector) }
    let whitened = design.scalingRows(by: work.root)
    let qr = try LeastSquaresQR.solve(
      whitened, response: zip(work.root, work.residual).map { $0 * $1 }, tolerance: 0)
    guard qr.kept.count == whitened.columns else {
      throw ConvergenceError(
        reason: "the weighted design became rank deficient during the iterations", iterations: 0)
    }
    return qr.coefficients
  }

  /// (X'WX)^-1 from the whitened design by the solver's factorisation (no column is dropped
  /// here: a column that became negligible under the final weights keeps an inflated variance).
  static func bread(_ whitened: Matrix, solver: LeastSquaresSolver) throws -> Matrix {
    switch solver {
    case .qr:
      let qr = try LeastSquaresQR(whitened, tolerance: 1e-14)
      if qr.rank < whitened.columns {
        return try Cholesky(whitened.crossProduct()).inverse()
      }
      return qr.unscaledCovariance()
    case .cholesky:
      return try Cholesky(whitened.crossProduct()).inverse()
    }
  }

  /// Sum of the unit deviances.
  static func deviance(y: [Double], mu: [Double], weights: [Double]?, family: GLMFamily) -> Double {
    ChunkedSum.sum(y.count) { range in
      var total = 0.0
      for i in range { total += family.deviance(y: y[i], mu: mu[i], weight: weights?[i] ?? 1) }
      return total
    }
  }
}

/// Settings of the IRLS iterations.
public struct GLMControl: Sendable, Equatable {
  /// Convergence tolerance on |dev - dev_old| / (|dev| + 0.1) (R's `epsilon`, 1e-8 there; the
  /// tighter default here costs about one iteration and puts estimates within ~1e-10 of the MLE).
  public var tolerance: Double
  /// Maximum number of IRLS iterations (R's `maxit` is 25).
  public var maxIterations: Int
  /// Maximum step halvings per iteration.
  public var maxHalvings: Int
  /// Solver of the first weighted least-squares step (which decides the aliased columns) and of the
  /// final (X'WX)^-1; the steps in between use Cholesky of X'WX on the kept columns (QR if that
  /// fails), which is exact at the fixed point because they solve for the increment.
  ///
  /// The default is Cholesky (as glum and fixest): on a 900,000 x 23 design one blocked QR costs
  /// about as much as the rest of the fit; use `.qr` for R's rank rule on ill-conditioned designs.
  public var solver: LeastSquaresSolver
  /// Rank tolerance for aliased columns; `nil` uses the solver's default.
  public var rankTolerance: Double?
  /// After the deviance has converged, iterations continue while some estimate still changes by
  /// more than this, relative to |estimate| + 0.001.
  public var coefficientTolerance: Double = 1e-11
  /// Most iterations spent on that polishing.
  public var maxPolishIterations: Int = 15

  /// Creates a control value.
  public init(
    tolerance: Double = 1e-10, maxIterations: Int = 50, maxHalvings: Int = 30,
    solver: LeastSquaresSolver = .cholesky, rankTolerance: Double? = nil
  ) {
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.maxHalvings = maxHalvings
    self.solver = solver
    self.rankTolerance = rankTolerance
  }

  /// The defaults.
  public static let `default` = GLMControl()
}

/// IRLS did not converge: an analysis failure (exit code 1 from the CLI), with the reason.
public struct ConvergenceError: Error, Sendable, CustomStringConvertible {
  /// Why the iterations stopped.
  public let reason: String
  /// Iterations done.
  public let iterations: Int

  /// Creates the error.
  public init(reason: String, iterations: Int) {
    self.reason = reason
    self.iterations = iterations
  }

  /// The message.
  public var description: String { "the model did not converge: \(reason)" }
}
