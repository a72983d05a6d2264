import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Runs independent iterations on several threads (Dispatch's `concurrentPerform`).
///
/// For loops whose iterations touch disjoint memory: column blocks of a matrix, row chunks of a
/// factorisation. OpenBLAS is set to one thread while the loop runs (its own threads would
/// oversubscribe the cores and contend for its lock) and restored afterwards.
public enum ParallelLoop {
  /// Calls `body(i)` for every i in `0..<count`, on up to `threads` threads (all cores when nil);
  /// returns when all calls have finished.
  /// - Parameters:
  ///   - count: number of iterations.
  ///   - threads: upper bound on threads; 1 runs serially on the caller's thread.
  ///   - body: the iteration; must be safe to run concurrently with itself.
  public static func forEach(_ count: Int, threads: Int? = nil, _ body: (Int) -> Void) {
    let workers = min(count, threads ?? ProcessInfoCores.count)
    if workers <= 1 {
      for i in 0..<count { body(i) }
      return
    }
    let blasThreads = BLAS.threads
    if blasThreads > 1 { BLAS.setThreads(1) }
    defer { if blasThreads > 1 { BLAS.setThreads(blasThreads) } }
    withoutActuallyEscaping(body) { body in
      let job = UncheckedSendableBox(body)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var i = worker
        while i < count {
          job.value(i)
          i += workers
        }
      }
    }
  }
}

/// Number of cores available to the process.
enum ProcessInfoCores {
  static let count: Int = {
    #if canImport(Glibc)
      return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return 1
    #endif
  }()
}

/// Hands a value (typically a buffer pointer) to the iterations of a `ParallelLoop` when the
/// code guarantees they touch disjoint parts of it.
public struct UncheckedSendableBox<Value>: @unchecked Sendable {
  /// The wrapped value.
  public let value: Value
  /// Wraps `value`.
  public init(_ value: Value) { self.value = value }
}
