#!/usr/bin/env Rscript
# Peer benchmark: Kaplan-Meier by four groups and a Cox model with five covariates in R.
#   Rscript survival_r.R FILE
# survfit(Surv(time, event) ~ group) and coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5)
# (Efron ties), then cox.zph; prints the coefficient table and the medians, then
# "elapsed_seconds: X" for read + fits.
t_load <- proc.time()[["elapsed"]]
suppressPackageStartupMessages(library(survival))
# data.table's fread when installed (as the other peers), else base read.csv.
fast <- requireNamespace("data.table", quietly = TRUE)
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) { cat("usage: Rscript survival_r.R FILE\n", file = stderr()); quit(status = 2) }
if (fast) data.table::setDTthreads(as.integer(Sys.getenv("OPENBLAS_NUM_THREADS", "1")))
t0 <- proc.time()[["elapsed"]]
d <- if (fast) data.table::fread(args[1]) else read.csv(args[1])
t_read <- proc.time()[["elapsed"]]
km <- survfit(Surv(time, event) ~ group, data = d)
t_km <- proc.time()[["elapsed"]]
fit <- coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5, data = d)
t_cox <- proc.time()[["elapsed"]]
zph <- cox.zph(fit)
t_zph <- proc.time()[["elapsed"]]
print(summary(km)$table[, c("records", "events", "median")])
print(summary(fit)$coefficients, digits = 8)
print(zph$table)
cat(sprintf("timing: load %.3f read %.3f km %.3f cox %.3f zph %.3f\n", t0 - t_load,
            t_read - t0, t_km - t_read, t_cox - t_km, t_zph - t_cox))
cat(sprintf("elapsed_seconds: %.3f\n", t_zph - t0))
