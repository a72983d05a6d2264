# Reference values for the subgroup marginal effects of factor regressors C(x) and of
# fixed-effects GLMs (Tests/ModelsTests/SubgroupMarginsFactorTests.swift).
#
# The delta method is computed here by hand, following the formulas of R marginaleffects'
# avg_comparisons(model, variables = "track", by = "female") (each level against the reference
# level, predictions averaged over the subgroup's rows, the Jacobian of the average with respect
# to the coefficients, SE = sqrt(J V J')) and avg_slopes() for a numeric regressor; the package is
# not in Debian's archive here. Fixed-effects logit: glm() with the school dummies is the same
# maximum-likelihood fit as fixest::feglm; the effects hold the fixed effects at their estimates
# (as marginaleffects does for fixest models), so the Jacobian has the slopes only, and the
# covariance is the slopes' block of the inverse information times fixest's small-sample factor
# (n - 1) / (n - K), K counting slopes and fixed-effect levels.
#
# Data: datasets/vet_learners_sample.csv (the repository's synthetic panel).
# Run from the repository root:
#   Rscript Tests/Fixtures/margins_by/factor_reference.R > Tests/Fixtures/margins_by/factor_reference.json
suppressMessages(library(jsonlite))
d <- read.csv("datasets/vet_learners_sample.csv", stringsAsFactors = FALSE)
# Levels sorted by code point, as VETStat sorts them (R's locale order would put "arts" first).
levels_track <- sort(unique(d$track), method = "radix")
d$track <- factor(d$track, levels = levels_track)

# Effects of `variable` for a fit with coefficients beta (named as model.matrix columns),
# covariance V of the slopes in `slopes`, inverse link and its derivative, a design builder and
# the per-row offset (fixed-effect part of the linear predictor).
effects_of <- function(frame, build, beta, V, slopes, linkinv, mu_eta, offset, variable, by) {
  one <- function(values) {
    f <- frame
    f[[variable]] <- values
    X <- build(f)[, slopes, drop = FALSE]
    eta <- drop(X %*% beta[slopes]) + offset
    list(p = linkinv(eta), J = mu_eta(eta) * X)
  }
  contrasts <- list()
  v <- frame[[variable]]
  if (is.factor(v)) {
    ref <- levels(v)[1]
    base <- one(factor(rep(ref, nrow(frame)), levels = levels(v)))
    for (level in levels(v)[-1]) {
      hit <- one(factor(rep(level, nrow(frame)), levels = levels(v)))
      contrasts[[paste0(variable, "[", level, "]")]] <-
        list(e = hit$p - base$p, J = hit$J - base$J)
    }
  } else if (all(v %in% c(0, 1))) {
    hit <- one(rep(1, nrow(frame)))
    base <- one(rep(0, nrow(frame)))
    contrasts[[variable]] <- list(e = hit$p - base$p, J = hit$J - base$J)
  } else {
    h <- max(abs(v)) * 1e-6
    plus <- one(v + h)
    minus <- one(v - h)
    contrasts[[variable]] <- list(e = (plus$p - minus$p) / (2 * h), J = (plus$J - minus$J) / (2 * h))
  }
  out <- list()
  for (term in names(contrasts)) {
    e <- contrasts[[term]]$e
    J <- contrasts[[term]]$J
    avg <- function(rows) list(est = mean(e[rows]), g = colMeans(J[rows, , drop = FALSE]))
    se <- function(g) sqrt(drop(t(g) %*% V %*% g))
    res <- list()
    all <- avg(seq_len(nrow(frame)))
    res[["overall"]] <- c(all$est, se(all$g))
    for (b in by) {
      lv <- sort(unique(frame[[b]]))
      first <- avg(which(frame[[b]] == lv[1]))
      for (l in lv) {
        a <- avg(which(frame[[b]] == l))
        res[[paste0(b, "=", l)]] <- c(a$est, se(a$g))
        if (l != lv[1]) {
          res[[paste0(b, "=", l, " - ", lv[1])]] <- c(a$est - first$est, se(a$g - first$g))
        }
      }
    }
    out[[term]] <- res
  }
  out
}

ref <- list()

# OLS with a factor and its interaction with female: effects of the track levels by female.
ols <- lm(stem_score ~ track + female + ses + treated + female:track, data = d)
stopifnot(!anyNA(coef(ols)))
build_ols <- function(f) model.matrix(~ track + female + ses + treated + female:track, f)
slopes <- names(coef(ols))
ref$ols <- c(
  effects_of(d, build_ols, coef(ols), vcov(ols), slopes, identity, function(x) rep(1, length(x)),
             0, "track", c("female", "migrant")),
  list(coefficients = as.list(coef(ols))))

# Logit with a factor: effects of the track levels by female and migrant.
logit <- glm(stem_enrolled ~ track + female + migrant + ses, data = d, family = binomial(),
             control = glm.control(epsilon = 1e-14, maxit = 100))
build_logit <- function(f) model.matrix(~ track + female + migrant + ses, f)
slopes <- names(coef(logit))
ref$logit <- effects_of(d, build_logit, coef(logit), vcov(logit), slopes, plogis, dlogis, 0,
                        "track", c("female", "migrant"))

# Fixed-effects logit (school fixed effects): the factor, a 0/1 regressor and a numeric one.
fe <- glm(stem_enrolled ~ track + ses + treated + factor(school_id), data = d, family = binomial(),
             control = glm.control(epsilon = 1e-14, maxit = 100))
stopifnot(!anyNA(coef(fe)))
slopes <- c(paste0("track", levels_track[-1]), "ses", "treated")
n <- nrow(d)
K <- length(coef(fe))
V <- vcov(fe)[slopes, slopes] * (n - 1) / (n - K)
build_fe <- function(f) model.matrix(~ track + ses + treated + factor(school_id), f)
X <- build_fe(d)
offset <- drop(X %*% coef(fe)) - drop(X[, slopes] %*% coef(fe)[slopes])
ref$fe_logit <- list()
for (variable in c("track", "treated", "ses")) {
  ref$fe_logit <- c(ref$fe_logit, effects_of(d, build_fe, coef(fe), V, slopes, plogis, dlogis,
                                             offset, variable, c("female")))
}
ref$fe_logit$coefficients <- as.list(coef(fe)[slopes])
ref$fe_logit$std_errors <- as.list(sqrt(diag(V)))
cat(toJSON(ref, digits = NA, auto_unbox = TRUE, pretty = TRUE), "\n")
