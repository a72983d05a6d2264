import CLinearAlgebra

// Small helpers shared by the LAPACK wrappers; each routine family keeps its own calls and
// `info` handling in its own file.

/// A LAPACK character argument such as `"U"` or `"N"`.
@inline(__always) func lapackChar(_ c: Unicode.Scalar) -> CChar {
  CChar(truncatingIfNeeded: UInt8(ascii: c))
}

/// A LAPACK leading dimension: at least 1, as LAPACK requires even for empty matrices.
@inline(__always) func lapackLeading(_ rows: Int) -> Int32 { Int32(max(1, rows)) }

/// The row-major/column-major flag of LAPACKE; this module always stores column-major.
let lapackColumnMajor = Int32(LAPACK_COL_MAJOR)

/// Maps a negative `info` (an illegal argument) or other failure to the typed error.
func lapackCheck(_ info: Int32, _ routine: String) throws {
  if info != 0 { throw LinearAlgebraError.lapackFailure(routine: routine, info: Int(info)) }
}
