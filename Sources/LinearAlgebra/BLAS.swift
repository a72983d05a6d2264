import CLinearAlgebra

/// Thread control and build information of the BLAS library (OpenBLAS) behind this module.
///
/// Set one thread inside parallel Swift regions; OpenBLAS's own threads would oversubscribe cores.
public enum BLAS {
  /// Sets the number of threads OpenBLAS uses for level-3 routines.
  ///
  /// - Parameter n: Thread count; values below 1 are treated as 1.
  public static func setThreads(_ n: Int) {
    openblas_set_num_threads(Int32(clamping: max(1, n)))
  }

  /// The number of threads OpenBLAS currently uses.
  public static var threads: Int {
    Int(openblas_get_num_threads())
  }

  /// A one-line description of the BLAS build (configuration, core, threads) for logs.
  public static var configuration: String {
    let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
    return "OpenBLAS \(config); core \(BLASKernelCheck.coreName); threads \(threads)"
  }
}
