# Writes the haven fixtures of Tests/DataTableTests/FileReaderTests.swift and expected_haven.json:
# SPSS .sav with labelled_spss user-missing values, Stata .dta (version 15) with tagged
# (extended) missings, and SAS .sas7bdat (haven::write_sas), each read back with haven to check.
# Run: Rscript make_fixtures.R (haven, jsonlite from Debian r-cran-haven, r-cran-jsonlite).
suppressMessages({ library(haven); library(jsonlite) })
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
setwd(here)

ses <- labelled_spss(c(1, 2, 3, 2, 8, 9, 1, NA), c(laag = 1, midden = 2, hoog = 3, weigert = 8,
                     `weet niet` = 9), na_values = c(8, 9), label = "Sociaal-economische status")
inkomen <- labelled_spss(c(2687.86, -1, 1500, 2100.5, 999999, 1800, NA, 3200),
                         na_range = c(999990, 1e6), na_values = -1, label = "Netto inkomen")
regio <- labelled_spss(c("VL", "BR", "WA", "VL", "XX", "BR", "VL", "WA"),
                       c(Vlaanderen = "VL", Brussel = "BR", `Wallonië` = "WA", onbekend = "XX"),
                       na_values = "XX", label = "Gewest")
sav <- data.frame(id = 1:8)
sav$ses <- ses
sav$inkomen <- inkomen
sav$regio <- regio
write_sav(sav, "haven.sav")
expected <- list()
expected[["haven.sav"]] <- list(
  columns = list(id = 1:8,
                 ses = c("laag", "midden", "hoog", "midden", NA, NA, "laag", NA),
                 inkomen = c(2687.86, NA, 1500, 2100.5, NA, 1800, NA, 3200),
                 regio = c("Vlaanderen", "Brussel", "Wallonië", "Vlaanderen", NA, "Brussel",
                           "Vlaanderen", "Wallonië")),
  types = list(id = "int", ses = "category", inkomen = "double", regio = "category"),
  missing = list(ses = list(`system-missing` = 1, `user-missing 8 (weigert)` = 1,
                            `user-missing 9 (weet niet)` = 1),
                 inkomen = list(`system-missing` = 1, `user-missing -1` = 1,
                                `user-missing 999999` = 1),
                 regio = list(`user-missing "XX"` = 1)),
  labels = list(ses = "Sociaal-economische status", inkomen = "Netto inkomen", regio = "Gewest"))
back <- read_sav("haven.sav")
stopifnot(identical(as.character(as_factor(zap_missing(back$ses))), expected[["haven.sav"]]$columns$ses))
stopifnot(sum(is.na(zap_missing(back$inkomen))) == 3)

track <- labelled(c(1, 2, 3, tagged_na("a"), 2, tagged_na("b"), 1, NA),
                  c(BSO = 1, TSO = 2, ASO = 3, weigert = tagged_na("a"), `n.v.t.` = tagged_na("b")),
                  label = "Onderwijsvorm")
score <- c(12.5, tagged_na("z"), 7, 8.25, NA, 10, 11, 9)
dta <- data.frame(id = 1:8)
dta$track <- track
dta$score <- score
dta$start <- as.Date(c("2021-09-01", "2020-09-01", "1999-12-31", "2024-02-29", "1960-01-01",
                       "1959-12-31", "2000-02-29", "2021-01-01"))
write_dta(dta, "haven.dta", version = 15)
expected[["haven.dta"]] <- list(
  columns = list(id = 1:8, track = c("BSO", "TSO", "ASO", NA, "TSO", NA, "BSO", NA),
                 score = c(12.5, NA, 7, 8.25, NA, 10, 11, 9),
                 start = as.character(dta$start)),
  types = list(id = "int", track = "category", score = "double", start = "date"),
  missing = list(track = list(`extended missing .a (weigert)` = 1,
                              `extended missing .b (n.v.t.)` = 1, `system-missing` = 1),
                 score = list(`extended missing .z` = 1, `system-missing` = 1)),
  labels = list(track = "Onderwijsvorm"))
back <- read_dta("haven.dta")
stopifnot(identical(na_tag(back$track), c(NA, NA, NA, "a", NA, "b", NA, NA)))
stopifnot(identical(as.character(back$start), expected[["haven.dta"]]$columns$start))

sas <- data.frame(id = 1:4, score = c(1.5, NA, 3.25, 4), naam = c("Gent", "Liège", "", "Brugge"))
sas$datum <- as.Date(c("2021-09-01", "2020-09-01", "1999-12-31", "2024-02-29"))
suppressWarnings(write_sas(sas, "haven.sas7bdat"))
back <- read_sas("haven.sas7bdat")
expected[["haven.sas7bdat"]] <- list(
  columns = list(id = 1:4, score = c(1.5, NA, 3.25, 4), naam = back$naam,
                 datum = as.character(back$datum)),
  types = list(id = "int", score = "double", naam = "string", datum = "date"),
  missing = list(score = list(`system-missing` = 1)))
stopifnot(identical(back$score, sas$score))

writeLines(toJSON(expected, auto_unbox = TRUE, na = "null", digits = NA, pretty = TRUE),
           "expected_haven.json", useBytes = TRUE)
cat("haven", as.character(packageVersion("haven")), "\n")
