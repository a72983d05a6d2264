# Reference values for TableCommandTests: the two OLS models of the `vetstat table` example on the
# bundled demo file (synthetic, datasets/demo/stem_scores_demo.csv), standard errors clustered by
# school as sandwich::vcovCL(type = "HC1") (VETStat's default small-sample correction, "stata").
# Run from the repository root: Rscript Tests/Fixtures/tables/reference_lm.R
library(sandwich)
d <- read.csv("datasets/demo/stem_scores_demo.csv")
out <- NULL
for (f in c("score ~ female", "score ~ female + ses + factor(year)")) {
  m <- lm(as.formula(f), d)
  se <- sqrt(diag(vcovCL(m, cluster = ~school_id, type = "HC1")))
  for (term in intersect(c("(Intercept)", "female", "ses"), names(coef(m)))) {
    out <- rbind(out, data.frame(formula = f, term = term, estimate = coef(m)[[term]],
      std_error = se[[term]], r2 = summary(m)$r.squared, adj_r2 = summary(m)$adj.r.squared,
      loglik = as.numeric(logLik(m)), aic = AIC(m)))
  }
}
write.csv(out, "Tests/Fixtures/tables/reference_lm.csv", row.names = FALSE)
