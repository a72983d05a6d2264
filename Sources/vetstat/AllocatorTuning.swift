#if canImport(Glibc)
  import Glibc
#endif

/// Keeps the CLI's large arrays on glibc's heap instead of fresh `mmap` regions.
///
/// glibc serves each allocation above 128 KB-32 MB with its own `mmap` and returns it with
/// `munmap` when freed, so every large array (a parsed column, the design matrix, a residual
/// vector) starts on untouched pages, and the kernel takes one page fault per 4 KB of it. A fit on
/// 900,000 rows allocates about 300 MB this way; the faults were a fifth of its CPU time. A batch
/// process gains from the heap instead: freed blocks are reused while still mapped. The cost is
/// that freed memory goes back to the system only at exit (and up to 1 GiB at the heap's top is
/// kept), which suits a command that runs one job and ends.
///
/// Done through `dlsym` because Swift's Glibc module does not export `mallopt`; on a C library
/// without it (musl), nothing happens.
enum AllocatorTuning {
  /// glibc's `mallopt` parameters (malloc.h).
  private static let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
  private static let mmapMaximum: Int32 = -4  // M_MMAP_MAX

  static func preferHeapForLargeArrays() {
    #if canImport(Glibc)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
      let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
      _ = mallopt(mmapMaximum, 0)
      _ = mallopt(trimThreshold, 1 << 30)
    #endif
  }
}
