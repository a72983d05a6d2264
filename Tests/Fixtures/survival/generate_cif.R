# Aalen-Johansen cumulative incidence for competing events, from R `survival` on its published
# dataset mgus2 (progression to plasma cell malignancy vs death), as in the survival
# "compete" vignette. Run from this folder: Rscript generate_cif.R
suppressPackageStartupMessages(library(survival))
options(digits = 17)
m <- survival::mgus2
m$etime <- with(m, ifelse(pstat == 0, futime, ptime))
m$code <- with(m, ifelse(pstat == 0, 2 * death, 1))
out <- m[, c("sex", "etime", "code")]
write.csv(out, "mgus2.csv", row.names = FALSE)
m$event <- factor(m$code, 0:2, labels = c("censor", "pcm", "death"))
fit <- survfit(Surv(etime, event) ~ sex, data = m)
st <- rep(names(fit$strata), fit$strata)
ref <- do.call(rbind, lapply(2:3, function(k) data.frame(strata = st, state = fit$states[k],
  time = fit$time, n_risk = fit$n.risk[, 1], pstate = fit$pstate[, k], std_err = fit$std.err[, k],
  lower = fit$lower[, k], upper = fit$upper[, k])))
write.csv(ref, "ref_cif.csv", row.names = FALSE)
