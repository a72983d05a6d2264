# Reference values for the logistic mixed model test (LogisticMixedModelTests.swift).
# Run from this folder: Rscript generate_glmm.R  (versions in versions.txt)
# lme4::glmer, Laplace (nAGQ = 1), on ../cbpp/cbpp.csv (lme4::cbpp, see its REFERENCE.md), with
# tight optimiser tolerances so the values are the optimum, not a stopping point, and
# tolPwrss = 1e-12: with lme4's default 1e-7 the PIRLS loop stops while the factor L still holds
# the weights of the previous iterate, which moves the Laplace deviance by 5.6e-4 on cbpp and the
# estimates by about 3e-4 relative (standard errors by about 1%). With 1e-12 glmer evaluates the
# Laplace approximation at the conditional modes themselves, as VETStat does.
suppressPackageStartupMessages(library(lme4))
d <- read.csv("../cbpp/cbpp.csv")
d$herd <- as.character(d$herd); d$period <- as.character(d$period)
tight <- glmerControl(tolPwrss = 1e-12, optimizer = "nloptwrap",
                      optCtrl = list(ftol_abs = 1e-14, ftol_rel = 1e-15, xtol_abs = 1e-12,
                                     xtol_rel = 0, maxeval = 1e6))
g <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial,
           data = d, control = tight)
rows <- list()
add <- function(kind, name, value) rows[[length(rows) + 1]] <<-
  data.frame(model = "cbpp", kind = kind, name = name, value = sprintf("%.17g", value))
s <- summary(g)$coefficients
for (i in seq_len(nrow(s))) {
  add("beta", rownames(s)[i], s[i, "Estimate"]); add("se", rownames(s)[i], s[i, "Std. Error"])
}
add("theta", "herd.(Intercept)", getME(g, "theta"))
add("var", "herd|(Intercept)", as.data.frame(VarCorr(g))$vcov[1])
add("loglik", "", as.numeric(logLik(g))); add("aic", "", AIC(g)); add("bic", "", BIC(g))
re <- ranef(g, condVar = TRUE)$herd; pv <- attr(re, "postVar")
for (l in 1:2) {
  add("blup", paste("herd", rownames(re)[l], "(Intercept)", sep = "|"), re[l, 1])
  add("condvar", paste("herd", rownames(re)[l], "(Intercept)", sep = "|"), pv[1, 1, l])
}
write.csv(do.call(rbind, rows), "glmm_reference.csv", row.names = FALSE)
