# Reference values for VETStat's GLM fits (R glm + sandwich + lmtest).
#
#     Rscript Tests/Fixtures/glm/generate.R
#
# Writes beside this script: spector.csv, quine.csv, insurance.csv, cbpp.csv, warpbreaks.csv,
# separation_complete.csv, separation_quasi.csv and reference.json. mtcars is read from
# ../ols/mtcars.csv. Every fit is made on the CSV read back, with glm.control(epsilon = 1e-14,
# maxit = 100) so that R's estimates are the MLE to ~1e-12 (R's default 1e-8 stops earlier).
# Formulas are VETStat syntax; C(x) becomes factor(x) with levels in code-point order (C locale).
suppressPackageStartupMessages({
  library(sandwich)
  library(lmtest)
  library(jsonlite)
  library(MASS)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script)) dirname(normalizePath(script)) else "Tests/Fixtures/glm"
fixtures_dir <- dirname(out_dir) # Tests/Fixtures: inputs are read relative to the repository
ols_dir <- file.path(fixtures_dir, "ols")

write_csv_exact <- function(df, path) {
  out <- df
  for (j in seq_along(out)) if (is.numeric(out[[j]])) out[[j]] <- sprintf("%.17g", out[[j]])
  text_cols <- which(vapply(df, is.character, logical(1)))
  write.csv(out, path, row.names = FALSE, quote = if (length(text_cols)) text_cols else FALSE)
}

# ---------------------------------------------------------------- datasets
sp <- read.table(file.path(fixtures_dir, "spector", "spector.csv"), header = TRUE)
names(sp) <- gsub("'", "", names(sp))
sp <- data.frame(GPA = sp$GPA, TUCE = as.numeric(sp$TUCE), PSI = as.numeric(sp$PSI),
                 GRADE = as.numeric(sp$GRADE))
write_csv_exact(sp, file.path(out_dir, "spector.csv"))

qu <- MASS::quine
qu <- data.frame(Eth = as.character(qu$Eth), Sex = as.character(qu$Sex), Age = as.character(qu$Age),
                 Lrn = as.character(qu$Lrn), Days = as.numeric(qu$Days), stringsAsFactors = FALSE)
qu$w <- 1 + (seq_len(nrow(qu)) %% 3) / 2 # made-up prior weights: 1, 1.5, 2
write_csv_exact(qu, file.path(out_dir, "quine.csv"))

ins <- MASS::Insurance
ins <- data.frame(District = as.character(ins$District), Group = as.character(ins$Group),
                  Age = as.character(ins$Age), Holders = as.numeric(ins$Holders),
                  Claims = as.numeric(ins$Claims), stringsAsFactors = FALSE)
ins$log_holders <- log(ins$Holders)
write_csv_exact(ins, file.path(out_dir, "insurance.csv"))

cb <- read.csv(file.path(fixtures_dir, "cbpp", "cbpp.csv"), stringsAsFactors = FALSE)
cb <- data.frame(herd = as.numeric(cb$herd), period = as.numeric(cb$period),
                 incidence = as.numeric(cb$incidence), size = as.numeric(cb$size))
cb$prop <- cb$incidence / cb$size
write_csv_exact(cb, file.path(out_dir, "cbpp.csv"))

wb <- datasets::warpbreaks
wb <- data.frame(breaks = as.numeric(wb$breaks), wool = as.character(wb$wool),
                 tension = as.character(wb$tension), stringsAsFactors = FALSE)
write_csv_exact(wb, file.path(out_dir, "warpbreaks.csv"))

# Separation: x perfectly separates y; in the quasi case the dummy d = 1 only has y = 1.
sep_c <- data.frame(y = c(0, 0, 0, 0, 1, 1, 1, 1), x = c(1, 2, 3, 4, 5, 6, 7, 8),
                    z = c(0.3, -1.2, 0.8, 0.1, -0.5, 1.1, 0.4, -0.9))
write_csv_exact(sep_c, file.path(out_dir, "separation_complete.csv"))
set.seed(7)
n <- 60
sep_q <- data.frame(z = round(rnorm(n), 4), d = as.numeric(seq_len(n) %% 5 == 0))
sep_q$y <- as.numeric(runif(n) < plogis(0.3 * sep_q$z))
sep_q$y[sep_q$d == 1] <- 1
write_csv_exact(sep_q, file.path(out_dir, "separation_quasi.csv"))

read_back <- function(file) {
  path <- if (file == "mtcars.csv") file.path(ols_dir, file) else file.path(out_dir, file)
  read.csv(path, stringsAsFactors = FALSE)
}

# ---------------------------------------------------------------- helpers
to_r_formula <- function(f) as.formula(gsub("\\bC\\(", "factor(", f))
vetstat_term <- function(r_name) {
  parts <- strsplit(r_name, ":", fixed = TRUE)[[1]]
  parts <- vapply(parts, function(p) {
    if (grepl("^factor\\(", p)) {
      paste0(sub("^factor\\(([^)]*)\\).*$", "\\1", p), "[", sub("^factor\\([^)]*\\)", "", p), "]")
    } else if (grepl("^(Eth|Sex|Age|Lrn|District|Group|wool|tension)", p) &&
               !grepl("^(Eth|Sex|Age|Lrn|District|Group|wool|tension)$", p)) {
      v <- regmatches(p, regexpr("^(Eth|Sex|Age|Lrn|District|Group|wool|tension)", p))
      paste0(v, "[", substring(p, nchar(v) + 1), "]")
    } else gsub(" ", "", p, fixed = TRUE)
  }, character(1))
  paste(parts, collapse = ":")
}
fam <- function(family, link) get(family)(link = link)
ctrl <- glm.control(epsilon = 1e-14, maxit = 100)

cases <- list(
  list(name = "spector_logit", data = "spector.csv", formula = "GRADE ~ GPA + TUCE + PSI",
       family = "binomial", link = "logit", clusters = list(PSI = "PSI")),
  list(name = "spector_probit", data = "spector.csv", formula = "GRADE ~ GPA + TUCE + PSI",
       family = "binomial", link = "probit", clusters = list(PSI = "PSI")),
  list(name = "spector_cloglog", data = "spector.csv", formula = "GRADE ~ GPA + TUCE + PSI",
       family = "binomial", link = "cloglog", clusters = list()),
  list(name = "mtcars_logit", data = "mtcars.csv", formula = "am ~ wt + hp",
       family = "binomial", link = "logit",
       clusters = list(cyl = "cyl", gear = "gear", cyl_gear = c("cyl", "gear"))),
  list(name = "mtcars_logit_aliased", data = "mtcars.csv", formula = "am ~ wt + wt2 + hp",
       family = "binomial", link = "logit", epsilon = 1e-10, clusters = list(cyl = "cyl")),
  list(name = "mtcars_probit_factor", data = "mtcars.csv", formula = "vs ~ mpg + C(gear)",
       family = "binomial", link = "probit", clusters = list(cyl = "cyl")),
  list(name = "mtcars_gaussian", data = "mtcars.csv", formula = "mpg ~ wt + hp",
       family = "gaussian", link = "identity", clusters = list(cyl = "cyl")),
  list(name = "quine_poisson", data = "quine.csv", formula = "Days ~ Eth + Sex + Age + Lrn",
       family = "poisson", link = "log", clusters = list(Age = "Age", Age_Lrn = c("Age", "Lrn"))),
  list(name = "quine_poisson_weights", data = "quine.csv", formula = "Days ~ Eth + Sex + Age + Lrn",
       family = "poisson", link = "log", weights = "w", clusters = list(Age = "Age")),
  list(name = "insurance_offset", data = "insurance.csv", formula = "Claims ~ C(District) + Group + Age",
       family = "poisson", link = "log", offset = "log_holders", clusters = list(District = "District")),
  list(name = "warpbreaks_poisson", data = "warpbreaks.csv", formula = "breaks ~ wool * tension",
       family = "poisson", link = "log", clusters = list()),
  list(name = "cbpp_proportion", data = "cbpp.csv", formula = "prop ~ C(period)",
       family = "binomial", link = "logit", weights = "size", clusters = list(herd = "herd"))
)

num <- function(x) unname(as.numeric(x))
results <- lapply(cases, function(cs) {
  d <- read_back(cs$data)
  for (v in names(d)) if (is.character(d[[v]])) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  d$.w <- if (!is.null(cs$weights)) d[[cs$weights]] else rep(1, nrow(d))
  d$.off <- if (!is.null(cs$offset)) d[[cs$offset]] else rep(0, nrow(d))
  # R's rank tolerance is min(1e-7, epsilon / 1000): the aliased case needs a larger epsilon.
  ctl <- glm.control(epsilon = if (is.null(cs$epsilon)) 1e-14 else cs$epsilon, maxit = 100)
  fit <- suppressWarnings(glm(to_r_formula(cs$formula), data = d, family = fam(cs$family, cs$link),
                              weights = .w, offset = .off, control = ctl))
  stopifnot(fit$converged)
  # Refit from the estimates: glm's covariance uses the working weights of the last iteration,
  # so one more pass puts them at the converged estimates (else SEs carry ~1e-8 of the last step).
  # Fisher scoring converges only linearly for probit/cloglog: repeat until the estimates settle.
  for (pass in 1:200) {
    before <- ifelse(is.na(coef(fit)), 0, coef(fit))
    fit <- suppressWarnings(glm(to_r_formula(cs$formula), data = d, family = fam(cs$family, cs$link),
                                weights = .w, offset = .off, control = ctl, start = before))
    if (max(abs(ifelse(is.na(coef(fit)), 0, coef(fit)) - before) / (abs(before) + 1e-3)) < 1e-13) break
  }
  stopifnot(fit$converged)
  b <- coef(fit)
  kept <- !is.na(b)
  se <- list(
    iid = sqrt(diag(vcov(fit))),
    hc0 = sqrt(diag(vcovHC(fit, type = "HC0"))), hc1 = sqrt(diag(vcovHC(fit, type = "HC1"))),
    hc2 = sqrt(diag(vcovHC(fit, type = "HC2"))), hc3 = sqrt(diag(vcovHC(fit, type = "HC3"))))
  for (nm in names(cs$clusters)) {
    f <- d[, cs$clusters[[nm]], drop = FALSE]
    se[[paste0("cluster_", nm)]] <- sqrt(diag(vcovCL(fit, cluster = f, type = "HC1")))
    se[[paste0("cluster0_", nm)]] <- sqrt(diag(vcovCL(fit, cluster = f, type = "HC0")))
  }
  ct <- coeftest(fit, vcov. = vcovHC(fit, type = "HC1"))
  out <- list(
    name = cs$name, data = cs$data, formula = cs$formula, family = cs$family, link = cs$link,
    weights = cs$weights, offset = cs$offset, clusters = cs$clusters,
    terms = vapply(names(b)[kept], vetstat_term, ""), aliased = I(vapply(names(b)[!kept], vetstat_term, "")),
    nobs = as.integer(nobs(fit)), df_residual = fit$df.residual, df_null = fit$df.null,
    estimate = num(b[kept]),
    std_error = Filter(function(v) all(is.finite(v)), lapply(se, function(v) num(v[names(b)[kept]]))), p_value_hc1 = num(ct[, 4]),
    z_iid = num(coef(summary(fit))[, 3]),
    log_likelihood = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
    deviance = fit$deviance, null_deviance = fit$null.deviance,
    pearson = sum(residuals(fit, "pearson")^2), dispersion = summary(fit)$dispersion)
  if (cs$family != "gaussian") {
    null_fit <- glm(update(to_r_formula(cs$formula), . ~ 1), data = d, family = fam(cs$family, cs$link),
                    weights = .w, offset = .off, control = ctrl)
    out$null_log_likelihood <- as.numeric(logLik(null_fit))
  }
  pl <- predict(fit, type = "link", se.fit = TRUE)
  pr <- predict(fit, type = "response", se.fit = TRUE)
  out$predict <- list(link = num(pl$fit[1:5]), link_se = num(pl$se.fit[1:5]),
                      response = num(pr$fit[1:5]), response_se = num(pr$se.fit[1:5]))
  out
})

# Tests between models on spector: Wald (model-based and HC1) and likelihood ratio.
sp_d <- read_back("spector.csv")
full <- glm(GRADE ~ GPA + TUCE + PSI, data = sp_d, family = binomial, control = ctrl)
small <- glm(GRADE ~ PSI, data = sp_d, family = binomial, control = ctrl)
wald <- function(V) {
  idx <- c("GPA", "TUCE")
  b <- coef(full)[idx]
  as.numeric(t(b) %*% solve(V[idx, idx]) %*% b)
}
lr <- anova(small, full, test = "LRT")
tests <- list(
  wald_gpa_tuce_iid = wald(vcov(full)), wald_gpa_tuce_hc1 = wald(vcovHC(full, type = "HC1")),
  wald_df = 2L,
  wald_gpa_eq_psi_iid = as.numeric(
    (coef(full)["GPA"] - coef(full)["PSI"])^2 /
      (vcov(full)["GPA", "GPA"] + vcov(full)["PSI", "PSI"] - 2 * vcov(full)["GPA", "PSI"])),
  lr_statistic = lr$Deviance[2], lr_df = lr$Df[2], lr_p_value = lr$`Pr(>Chi)`[2])

pkgs <- c("sandwich", "lmtest", "jsonlite", "MASS")
doc <- list(
  generated_by = "Tests/Fixtures/glm/generate.R",
  r_version = R.version.string,
  packages = setNames(lapply(pkgs, function(p) as.character(packageVersion(p))), pkgs),
  notes = I(c(
    "glm.control(epsilon = 1e-14 (1e-10 for the aliased case: rank tolerance epsilon/1000), maxit = 100), then refitted from the estimates (start =) until they settle (1e-13), so estimates are the MLE also for probit/cloglog and the covariance uses working weights at the MLE; arrays follow `terms` (aliased terms left out).",
    "cluster_X: vcovCL(type = 'HC1'): G/(G-1) (N-1)/(N-K); cluster0_X: vcovCL(type = 'HC0'): G/(G-1) only.",
    "predict: first five rows, predict.glm(se.fit = TRUE) on link and response scale (model-based vcov).",
    "tests: spector; Wald chi-squared of GPA = TUCE = 0 and of GPA = PSI; LR test of GRADE ~ PSI vs the full model."
  )),
  cases = results, tests = tests)
writeLines(toJSON(doc, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE),
           file.path(out_dir, "reference.json"))
cat("wrote", length(results), "cases\n")
