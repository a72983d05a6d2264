import Foundation
import VETStat

#if canImport(Glibc)
  import Glibc
#endif

/// Puts OpenBLAS on the kernels this CPU supports when it fell back to its generic ones.
///
/// OpenBLAS picks its kernels when it loads, before `main`, and only from `OPENBLAS_CORETYPE`
/// can that choice be changed; so, when `BLASKernelCheck` finds the generic "Prescott" kernels on
/// an AVX2 or AVX-512 CPU (an OpenBLAS release older than the CPU), the process sets the variable
/// and executes itself again with the same arguments (about 10 ms). Results are the same to
/// rounding; speed of the level-3 BLAS steps (QR, cross products) is 2-3x higher.
///
/// No re-execution when `OPENBLAS_CORETYPE` is already set (which also rules out a loop) or
/// `VETSTAT_KEEP_BLAS_CORE` is set; if `execv` fails, the run continues on the generic kernels.
enum BLASKernelSelection {
  static func reexecuteIfMisdetected() {
    guard ProcessInfo.processInfo.environment["VETSTAT_KEEP_BLAS_CORE"] == nil,
      let core = BLASKernelCheck.recommendedCoreType()
    else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    unsetenv("OPENBLAS_CORETYPE")
  }
}
