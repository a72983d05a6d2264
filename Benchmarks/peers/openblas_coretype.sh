#!/usr/bin/env bash
# Prints the OPENBLAS_CORETYPE to use on this machine, or nothing.
#
# An OpenBLAS older than the CPU (Debian 12's 0.3.21 on Intel Sapphire/Emerald Rapids) does not
# know its model number and falls back to the generic "Prescott" kernels, 2-3x slower at level-3
# BLAS. The vetstat CLI then re-executes itself with OPENBLAS_CORETYPE (BLASKernelCheck); this is
# the same rule for the processes the benchmarks start (benchmark executables, R), so that every
# tool runs the same kernels. Prints nothing when OPENBLAS_CORETYPE is already set, when OpenBLAS
# chose a specific core, or when the CPU has neither AVX-512 nor AVX2 + FMA.
set -u
[ -n "${OPENBLAS_CORETYPE:-}" ] && exit 0
core=$(python3 -c 'import ctypes
f = ctypes.CDLL("libopenblas.so.0").openblas_get_corename
f.restype = ctypes.c_char_p
print(f().decode())' 2>/dev/null || true)
[ "$core" = Prescott ] || exit 0
flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
has() { for f in "$@"; do [[ "$flags" == *" $f "* ]] || return 1; done; }
if has avx512f avx512dq avx512bw avx512vl avx512cd; then
  echo SkylakeX
elif has avx2 fma; then
  echo Haswell
fi
