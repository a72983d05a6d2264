#!/usr/bin/env Rscript
# Read benchmark peer: one data file read in R (package loading excluded from elapsed_seconds).
#   Rscript read_r.R FILE      .csv / .csv.gz: data.table::fread (threads = OPENBLAS_NUM_THREADS,
#                              default 1); .sav: haven::read_sav; .dta: haven::read_dta
t_load <- proc.time()[["elapsed"]]
suppressPackageStartupMessages({ library(data.table); library(haven) })
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
setDTthreads(as.integer(Sys.getenv("OPENBLAS_NUM_THREADS", "1")))
t0 <- proc.time()[["elapsed"]]
d <- if (grepl("\\.sav$", file)) read_sav(file) else if (grepl("\\.dta$", file)) read_dta(file) else fread(file)
t1 <- proc.time()[["elapsed"]]
cat(sprintf("rows: %d columns: %d (threads: %d)\n", nrow(d), ncol(d), getDTthreads()))
cat(sprintf("elapsed_seconds: %.3f\n", t1 - t0))
