# Writes the date fixtures of Tests/DataTableTests/DateColumnTests.swift and expected_dates.json:
# SPSS .sav (DATE, DATETIME), Stata .dta (%td, %tc) and SAS transport .xpt (DATE, DATETIME)
# with Date and POSIXct columns, each read back with haven to check.
# Run: Rscript make_dates.R (haven, jsonlite from Debian r-cran-haven, r-cran-jsonlite).
suppressMessages({ library(haven); library(jsonlite) })
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
setwd(here)

frame <- data.frame(id = 1:6)
frame$start <- as.Date(c("2021-09-01", "1970-01-01", "1959-12-31", "2024-02-29", NA,
                         "1900-03-01"))
frame$moment <- as.POSIXct(c("2021-09-01 08:30:00", "1970-01-01 00:00:00",
                             "1959-12-31 23:59:59", "2024-02-29 12:00:01", "2000-01-01 00:00:00",
                             NA), tz = "UTC")
attr(frame$start, "label") <- "Startdatum"
expected <- list()
iso_moment <- ifelse(is.na(frame$moment), NA, format(frame$moment, "%Y-%m-%dT%H:%M:%S", tz = "UTC"))
entry <- function(back) {
  list(columns = list(id = 1:6, start = as.character(frame$start), moment = iso_moment),
       types = list(id = "int", start = "date", moment = "datetime"),
       numbers = list(start = as.numeric(frame$start), moment = as.numeric(frame$moment)),
       missing = list(start = list(`system-missing` = 1), moment = list(`system-missing` = 1)))
}
write_sav(frame, "dates_haven.sav")
back <- read_sav("dates_haven.sav")
stopifnot(identical(as.numeric(back$start), as.numeric(frame$start)),
          identical(as.numeric(back$moment), as.numeric(frame$moment)))
expected[["dates_haven.sav"]] <- entry(back)
expected[["dates_haven.sav"]]$labels <- list(start = "Startdatum")

write_dta(frame, "dates_haven.dta", version = 15)
back <- read_dta("dates_haven.dta")
stopifnot(identical(as.numeric(back$start), as.numeric(frame$start)),
          identical(as.numeric(back$moment), as.numeric(frame$moment)))
expected[["dates_haven.dta"]] <- entry(back)
expected[["dates_haven.dta"]]$labels <- list(start = "Startdatum")

write_xpt(frame, "dates_haven.xpt")
back <- read_xpt("dates_haven.xpt")
stopifnot(identical(as.numeric(back$start), as.numeric(frame$start)),
          identical(as.numeric(back$moment), as.numeric(frame$moment)))
expected[["dates_haven.xpt"]] <- entry(back)

writeLines(toJSON(expected, auto_unbox = TRUE, na = "null", digits = NA, pretty = TRUE),
           "expected_dates.json", useBytes = TRUE)
cat("haven", as.character(packageVersion("haven")), "\n")
