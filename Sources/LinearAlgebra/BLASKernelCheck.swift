import CLinearAlgebra
import Foundation

/// Detects when OpenBLAS runs its generic kernels on a CPU that it could serve far better.
///
/// OpenBLAS chooses its kernels once, when the library loads, from the CPU model number. A
/// release older than the CPU (Debian 12 ships 0.3.21; Intel Sapphire and Emerald Rapids are
/// newer) does not know the model and falls back to the generic "Prescott" kernels, which are 2-3x
/// slower at dgemm/dsyrk on an AVX-512 machine. The environment variable `OPENBLAS_CORETYPE`,
/// read at load time, overrides the choice; it cannot be changed afterwards, so a program that
/// wants the fix sets it and re-executes itself (the `vetstat` CLI does, see its `main`).
public enum BLASKernelCheck {
  /// The core type OpenBLAS selected when it loaded (such as "SkylakeX", "Haswell", "Prescott").
  public static var coreName: String {
    openblas_get_corename().map { String(cString: $0) } ?? "unknown"
  }

  /// The `OPENBLAS_CORETYPE` to use when OpenBLAS fell back to its generic kernels although the
  /// CPU supports AVX-512 ("SkylakeX") or AVX2 with FMA ("Haswell"); `nil` when the selection
  /// is fine, when `OPENBLAS_CORETYPE` is already set, or when the CPU flags cannot be read.
  /// - Parameters:
  ///   - coreName: the selected core (default: OpenBLAS's own answer).
  ///   - cpuFlags: reads the CPU feature flags, only when the core is the generic one (default:
  ///     the `flags` line of `/proc/cpuinfo`, which lists what both the CPU and the operating
  ///     system enable).
  ///   - environment: the process environment (default: this process's).
  /// - Returns: `"SkylakeX"`, `"Haswell"`, or `nil` when nothing should change.
  public static func recommendedCoreType(
    coreName: String = BLASKernelCheck.coreName,
    cpuFlags: () -> Set<String>? = BLASKernelCheck.cpuInfoFlags,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    guard environment["OPENBLAS_CORETYPE"] == nil, coreName == "Prescott",
      let flags = cpuFlags()
    else { return nil }
    if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"]) {
      return "SkylakeX"
    }
    if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
    return nil
  }

  /// The feature flags of the first CPU in `/proc/cpuinfo`, or `nil` when it cannot be read.
  public static func cpuInfoFlags() -> Set<String>? {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
      return nil
    }
    for line in text.split(separator: "\n") where line.hasPrefix("flags") {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
    return nil
  }
}
