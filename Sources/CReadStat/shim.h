// ReadStat (Debian libreadstat-dev): SPSS .sav/.zsav/.por, Stata .dta and SAS .sas7bdat/.xpt.
#include <readstat.h>
