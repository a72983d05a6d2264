#!/usr/bin/env Rscript
# Peer benchmark: OLS with school-clustered SEs in R.
#   Rscript ols_r.R FILE
# score ~ female + migrant + ses + factor(track) + factor(year), sandwich::vcovCL(cluster = ~school_id,
# type = "HC1") (CR1: G/(G-1) * (N-1)/(N-K)). Prints the coefficient table, then
# "elapsed_seconds: X" for read + fit + vcov (package loading excluded, timed separately as load).
t_load <- proc.time()[["elapsed"]]
suppressPackageStartupMessages({
  library(data.table)
  library(sandwich)
  library(lmtest)
})
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) { cat("usage: Rscript ols_r.R FILE\n", file = stderr()); quit(status = 2) }
# factor() sorts levels by the locale's collation (en_US puts "STEM-tech" last); use code-point
# order so the reference level ("STEM-tech") is the same as in patsy/pandas and VETStat.
invisible(Sys.setlocale("LC_COLLATE", "C"))
setDTthreads(as.integer(Sys.getenv("OPENBLAS_NUM_THREADS", "1")))

t0 <- proc.time()[["elapsed"]]
d <- fread(args[1])
t_read <- proc.time()[["elapsed"]]
fit <- lm(score ~ female + migrant + ses + factor(track) + factor(year), data = d)
t_fit <- proc.time()[["elapsed"]]
V <- vcovCL(fit, cluster = ~school_id, type = "HC1")
t_vcov <- proc.time()[["elapsed"]]

ct <- coeftest(fit, vcov. = V)
print(ct, digits = 8)
cat(sprintf("nobs: %d  clusters: %d  threads: %d (data.table), BLAS: %s\n", nobs(fit),
            length(unique(d$school_id)), getDTthreads(), extSoftVersion()[["BLAS"]]))
cat(sprintf("timing: load %.3f read %.3f fit %.3f vcov %.3f\n", t0 - t_load, t_read - t0,
            t_fit - t_read, t_vcov - t_fit))
cat(sprintf("elapsed_seconds: %.3f\n", t_vcov - t0))
