// Shim over the system BLAS/LAPACK headers. Debian puts cblas.h under the multiarch include
// folder and lapacke.h at the top of the include path; both are reached by name.
#ifndef VETSTAT_CLINEARALGEBRA_SHIM_H
#define VETSTAT_CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>
// OpenBLAS thread control (declared in OpenBLAS's cblas.h as well; repeated for clarity).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);
#endif
