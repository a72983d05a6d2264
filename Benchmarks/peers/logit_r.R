#!/usr/bin/env Rscript
# Peer benchmark: logit with school-clustered SEs in R.
#   Rscript logit_r.R FILE
# stem_enrolled ~ female + migrant + ses + age + factor(track) + factor(year) + factor(region),
# glm(binomial), sandwich::vcovCL(cluster = ~school_id, type = "HC1") (G/(G-1) (N-1)/(N-K)).
# Prints the coefficient table, then "elapsed_seconds: X" for read + fit + vcov.
t_load <- proc.time()[["elapsed"]]
suppressPackageStartupMessages({
  library(data.table)
  library(sandwich)
  library(lmtest)
})
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) { cat("usage: Rscript logit_r.R FILE\n", file = stderr()); quit(status = 2) }
invisible(Sys.setlocale("LC_COLLATE", "C"))
setDTthreads(as.integer(Sys.getenv("OPENBLAS_NUM_THREADS", "1")))

t0 <- proc.time()[["elapsed"]]
d <- fread(args[1])
t_read <- proc.time()[["elapsed"]]
fit <- glm(stem_enrolled ~ female + migrant + ses + age + factor(track) + factor(year) +
             factor(region), data = d, family = binomial())
t_fit <- proc.time()[["elapsed"]]
V <- vcovCL(fit, cluster = d$school_id, type = "HC1")
t_vcov <- proc.time()[["elapsed"]]

print(coeftest(fit, vcov. = V), digits = 8)
cat(sprintf("nobs: %d  iterations: %d  clusters: %d\n", nobs(fit), fit$iter,
            length(unique(d$school_id))))
cat(sprintf("timing: load %.3f read %.3f fit %.3f vcov %.3f\n", t0 - t_load, t_read - t0,
            t_fit - t_read, t_vcov - t_fit))
cat(sprintf("elapsed_seconds: %.3f\n", t_vcov - t0))
