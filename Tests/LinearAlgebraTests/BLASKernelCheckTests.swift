import Testing

@testable import LinearAlgebra

@Suite("OpenBLAS kernel check")
struct BLASKernelCheckTests {
  static let avx512: Set<String> = [
    "sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd",
  ]

  @Test func genericKernelsOnAnAVX512CPUGetSkylakeX() {
    let core = BLASKernelCheck.recommendedCoreType(
      coreName: "Prescott", cpuFlags: { Self.avx512 }, environment: [:])
    #expect(core == "SkylakeX")
  }

  @Test func genericKernelsOnAnAVX2CPUGetHaswell() {
    let core = BLASKernelCheck.recommendedCoreType(
      coreName: "Prescott", cpuFlags: { ["sse4_2", "avx", "avx2", "fma"] }, environment: [:])
    #expect(core == "Haswell")
  }

  @Test func nothingChangesWhenTheSelectionIsFineOrSetByTheUser() {
    #expect(
      BLASKernelCheck.recommendedCoreType(
        coreName: "SkylakeX", cpuFlags: { Self.avx512 }, environment: [:]) == nil)
    #expect(
      BLASKernelCheck.recommendedCoreType(
        coreName: "Prescott", cpuFlags: { Self.avx512 },
        environment: ["OPENBLAS_CORETYPE": "Prescott"]) == nil)
    #expect(
      BLASKernelCheck.recommendedCoreType(
        coreName: "Prescott", cpuFlags: { ["sse4_2", "avx"] }, environment: [:]) == nil)
    #expect(
      BLASKernelCheck.recommendedCoreType(
        coreName: "Prescott", cpuFlags: { nil }, environment: [:]) == nil)
  }

  @Test func cpuFlagsAreReadOnLinux() {
    #if os(Linux) && arch(x86_64)
      let flags = BLASKernelCheck.cpuInfoFlags()
      #expect(flags?.isEmpty == false)
    #endif
  }
}
