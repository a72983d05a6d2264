#!/usr/bin/env Rscript
# Peer benchmark: linear mixed model (growth curves) in R lme4.
#   Rscript lmm_r.R FILE [school]
# stem_score ~ t + female + ses + (1 + t | learner_id) [+ (1 | school_id)], t = year - 2015,
# lmer REML with lme4's default optimiser (nloptwrap BOBYQA). lmerTest's Satterthwaite df are not
# computed here (vetstat computes them; timing them would only slow R down further).
# Prints fixed effects, variance components, the REML criterion and the optimiser's evaluations,
# then "elapsed_seconds: X"
# for read + fit.
suppressPackageStartupMessages({ library(data.table); library(lme4) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) { cat("usage: Rscript lmm_r.R FILE [school]\n", file = stderr()); quit(status = 2) }
setDTthreads(as.integer(Sys.getenv("OPENBLAS_NUM_THREADS", "1")))
t0 <- proc.time()[["elapsed"]]
d <- fread(args[1])
d[, t := year - 2015]
f <- if (length(args) > 1 && args[2] == "school") {
  stem_score ~ t + female + ses + (1 + t | learner_id) + (1 | school_id)
} else stem_score ~ t + female + ses + (1 + t | learner_id)
m <- lmer(f, data = d, REML = TRUE)
t1 <- proc.time()[["elapsed"]]
print(fixef(m), digits = 10)
print(VarCorr(m), digits = 8)
cat(sprintf("REML criterion: %.6f\n", REMLcrit(m)))
cat(sprintf("evaluations: %d\n", m@optinfo$feval))
cat(sprintf("elapsed_seconds: %.3f\n", t1 - t0))
