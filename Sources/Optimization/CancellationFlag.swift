import Foundation

/// A flag that long computations read at their iteration boundaries (an optimiser's objective
/// evaluation, a Newton step, a bootstrap term) to stop early.
///
/// The synchronous fits take it in their options without depending on Swift concurrency; their
/// `async` entry points (`BackgroundWork.run(_:)`) raise it when the calling task is cancelled.
/// A raised flag makes the fit throw `CancellationError`; reading it costs a lock.
public final class CancellationFlag: @unchecked Sendable, Equatable {
  // `raised` is only read and written under `lock`.
  private let lock = NSLock()
  private var raised = false

  /// A flag not raised.
  public init() {}

  /// Raises the flag (from any thread); it stays raised.
  public func cancel() {
    lock.lock()
    raised = true
    lock.unlock()
  }

  /// True once `cancel()` was called.
  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return raised
  }

  /// Throws `CancellationError` when the flag is raised.
  /// - Throws: `CancellationError`.
  public func check() throws {
    if isCancelled { throw CancellationError() }
  }

  /// Two flags are equal when they are the same flag (options holding them stay `Equatable`).
  public static func == (a: CancellationFlag, b: CancellationFlag) -> Bool { a === b }
}

/// Runs a long synchronous computation off the caller's executor, for the `async` entry points
/// of the fits.
public enum BackgroundWork {
  /// Runs `work` on a global dispatch queue (not the cooperative pool, which it would block) and
  /// raises the flag it is given when the calling task is cancelled.
  /// - Parameter work: the computation; it should pass the flag to the options it uses.
  /// - Returns: its result.
  /// - Throws: what `work` throws; `CancellationError` when the task was cancelled and `work`
  ///   stopped at a checked boundary.
  public static func run<T: Sendable>(
    _ work: @escaping @Sendable (CancellationFlag) throws -> T
  ) async throws -> T {
    let flag = CancellationFlag()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
          continuation.resume(with: Result { try work(flag) })
        }
      }
    } onCancel: {
      flag.cancel()
    }
  }

  /// Runs `work` as `run(_:)` does, on a copy of `options` that carries the cancellation flag,
  /// so that a fit's options stop it at its next checked boundary.
  /// - Parameters:
  ///   - options: the fit's options.
  ///   - work: the computation, given the options with the flag set.
  /// - Returns: its result.
  /// - Throws: what `work` throws; `CancellationError` when the task was cancelled.
  public static func run<T: Sendable, Options: CancellableOptions>(
    with options: Options, _ work: @escaping @Sendable (Options) throws -> T
  ) async throws -> T {
    try await run { flag in
      var flagged = options
      flagged.cancellation = flag
      return try work(flagged)
    }
  }
}

/// Options of a computation that stops at its next checked boundary once their flag is raised.
public protocol CancellableOptions: Sendable {
  /// The flag the computation checks, `nil` when it cannot be cancelled.
  var cancellation: CancellationFlag? { get set }
}

extension Bobyqa.Options: CancellableOptions {}
