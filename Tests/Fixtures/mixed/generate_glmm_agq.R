# Reference values for adaptive Gauss-Hermite quadrature (LogisticMixedModelTests.swift).
# Run from this folder: Rscript generate_glmm_agq.R
# lme4::glmer on ../cbpp/cbpp.csv (lme4::cbpp, see its REFERENCE.md) with nAGQ = 5 and 25, the
# same tight optimiser and PIRLS tolerances as generate_glmm.R, so the values are the optimum of
# the quadrature deviance, not a stopping point.
suppressPackageStartupMessages(library(lme4))
d <- read.csv("../cbpp/cbpp.csv")
d$herd <- as.character(d$herd); d$period <- as.character(d$period)
tight <- glmerControl(tolPwrss = 1e-12, optimizer = "nloptwrap",
                      optCtrl = list(ftol_abs = 1e-14, ftol_rel = 1e-15, xtol_abs = 1e-12,
                                     xtol_rel = 0, maxeval = 1e6))
rows <- list()
add <- function(model, kind, name, value) rows[[length(rows) + 1]] <<-
  data.frame(model = model, kind = kind, name = name, value = sprintf("%.17g", value))
for (q in c(5, 25)) {
  g <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial,
             data = d, control = tight, nAGQ = q)
  model <- paste0("cbpp_agq", q)
  s <- summary(g)$coefficients
  for (i in seq_len(nrow(s))) {
    add(model, "beta", rownames(s)[i], s[i, "Estimate"])
    add(model, "se", rownames(s)[i], s[i, "Std. Error"])
  }
  add(model, "theta", "herd.(Intercept)", getME(g, "theta"))
  # lme4 1.1-31's logLik for nAGQ > 1 is the log-likelihood relative to the saturated model
  # (its quadrature sums deviance residuals); the saturated log-likelihood is stored beside it
  # so that the test compares the marginal log-likelihood itself.
  add(model, "loglik", "", as.numeric(logLik(g)))
  add(model, "loglik_saturated", "",
      sum(dbinom(d$incidence, d$size, d$incidence / d$size, log = TRUE)))
}
write.csv(do.call(rbind, rows), "glmm_agq_reference.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("lme4", packageVersion("lme4"))), "versions_agq.txt")
