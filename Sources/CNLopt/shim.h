// Shim over the system NLopt header (Debian libnlopt-dev puts nlopt.h at the top of the include
// path). Only the Optimization module imports it; mixed models use its BOBYQA.
#ifndef VETSTAT_CNLOPT_SHIM_H
#define VETSTAT_CNLOPT_SHIM_H
#include <nlopt.h>
#endif
