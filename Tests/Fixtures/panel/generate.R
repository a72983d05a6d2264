# Reference values for VETStat's panel estimators (R plm), written to reference.json.
#   cd Tests/Fixtures/panel && Rscript generate.R
# Data: grunfeld.csv (= plm::Grunfeld, 10 firms; copied from ../ols/grunfeld.csv) and
# empluk.csv (plm::EmplUK, exported here: unbalanced, 140 firms, 1976-1984).
suppressPackageStartupMessages({library(plm); library(jsonlite)})
# Inputs and outputs are beside this script (so `Rscript Tests/Fixtures/panel/generate.R` works too).
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
if (length(script)) setwd(dirname(normalizePath(script)))

data(EmplUK, package = "plm")
write.csv(EmplUK, "empluk.csv", row.names = FALSE)
grunfeld <- read.csv("../ols/grunfeld.csv")
empluk <- read.csv("empluk.csv")

se <- function(v) unname(sqrt(diag(v)))
one <- function(name, data, file, formula, model, effect = "individual", random.method = "swar",
                extra = list()) {
  p <- pdata.frame(data, index = c("firm", "year"))
  fit <- plm(as.formula(formula), data = p, model = model, effect = effect,
             random.method = random.method)
  out <- list(name = name, data = file, formula = formula, model = model, effect = effect,
              terms = names(coef(fit)), estimate = unname(coef(fit)),
              std_error_iid = se(vcov(fit)), nobs = nobs(fit),
              df_residual = df.residual(fit), r_squared = unname(summary(fit)$r.squared["rsq"]))
  if (model %in% c("within", "pooling")) {
    out$std_error_nw <- se(vcovNW(fit))
    out$std_error_nw_lag2 <- se(vcovNW(fit, maxlag = 2))
    out$std_error_scc <- se(vcovSCC(fit))
    out$std_error_scc_lag3 <- se(vcovSCC(fit, maxlag = 3))
  }
  if (model == "random") {
    ercomp <- ercomp(fit)
    out$sigma2_idios <- unname(ercomp$sigma2["idios"])
    out$sigma2_indiv <- unname(ercomp$sigma2["id"])
    out$theta <- unname(ercomp$theta)[1]
  }
  c(out, extra)
}

g <- "inv ~ value + capital"
e <- "log(emp) ~ log(wage) + log(capital)"
cases <- list(
  one("grunfeld_within", grunfeld, "grunfeld.csv", g, "within"),
  one("grunfeld_twoways", grunfeld, "grunfeld.csv", g, "within", "twoways"),
  one("grunfeld_random", grunfeld, "grunfeld.csv", g, "random"),
  one("grunfeld_fd", grunfeld, "grunfeld.csv", g, "fd"),
  one("grunfeld_between", grunfeld, "grunfeld.csv", g, "between"),
  one("grunfeld_pooling", grunfeld, "grunfeld.csv", g, "pooling"),
  one("empluk_within", empluk, "empluk.csv", e, "within"),
  one("empluk_twoways", empluk, "empluk.csv", e, "within", "twoways"),
  one("empluk_random", empluk, "empluk.csv", e, "random"),
  one("empluk_fd", empluk, "empluk.csv", e, "fd"),
  one("empluk_between", empluk, "empluk.csv", e, "between")
)
doc <- list(generated_by = "Tests/Fixtures/panel/generate.R", r_version = R.version.string,
            plm_version = as.character(packageVersion("plm")),
            notes = c("iid SEs are plm's vcov(); nw = plm::vcovNW (HC0, default maxlag floor(max(T_i)^(1/4)));",
                      "scc = plm::vcovSCC (Driscoll-Kraay, HC0); random = Swamy-Arora; fd with intercept"),
            cases = cases)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, pretty = TRUE), "reference.json")
cat("wrote reference.json with", length(cases), "cases\n")
