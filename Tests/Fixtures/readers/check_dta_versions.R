# Reads every dta_v*.dta back with haven (ReadStat) and checks it against
# expected_dta_versions.json, which make_dta_versions.c wrote beside the files.
# Run: Rscript check_dta_versions.R (haven, jsonlite from Debian r-cran-haven, r-cran-jsonlite).
suppressMessages({ library(haven); library(jsonlite) })
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
setwd(here)
expected <- fromJSON("expected_dta_versions.json", simplifyVector = TRUE)
for (name in names(expected)) {
  e <- expected[[name]]
  back <- read_dta(name)
  stopifnot(identical(as.numeric(back$id), as.numeric(e$columns$id)))
  stopifnot(isTRUE(all.equal(as.numeric(zap_labels(back$score)), e$columns$score)))
  stopifnot(identical(as.character(as_factor(back$track)), e$columns$track))
  stopifnot(identical(as.character(back$gemeente), e$columns$gemeente))
  stopifnot(identical(as.character(back$start), e$columns$start))
  for (column in names(e$labels)) {
    stopifnot(identical(attr(back[[column]], "label"), e$labels[[column]]))
  }
  cat(name, "read back equal by haven", as.character(packageVersion("haven")), "\n")
}
