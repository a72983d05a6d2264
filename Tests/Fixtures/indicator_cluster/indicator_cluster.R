# Reference values for kind: indicator with cluster:, weights:, compare:/reference: and margins:.
# R 4.x with survey (Debian r-cran-survey). Run from the repository root:
#   Rscript Tests/Fixtures/indicator_cluster/indicator_cluster.R
# Writes Tests/Fixtures/indicator_cluster/reference.csv (one row per checked value).
suppressPackageStartupMessages(library(survey))
d <- read.csv("datasets/vet_learners_sample.csv")
out <- list()
put <- function(case, key, stat, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, key = unname(key), stat = stat, value = as.numeric(value)[1])
}
z <- qnorm(0.975)

# Design-based: ids = ~school_id, weights 1 (case A, B) or age (case C).
des <- list(
  A = svydesign(ids = ~school_id, weights = ~1, data = d),
  C = svydesign(ids = ~school_id, weights = ~age, data = d)
)

cells <- function(case, design, y, by, share) {
  f <- as.formula(paste0("~", y))
  b <- as.formula(paste0("~", paste(by, collapse = "+")))
  r <- svyby(f, b, design, svymean, covmat = TRUE)
  key <- apply(r[, by, drop = FALSE], 1, paste, collapse = "|")
  est <- coef(r); se <- SE(r)
  for (i in seq_along(key)) {
    put(case, key[i], "estimate", est[i]); put(case, key[i], "se", se[i])
    if (share) {
      # svyciprop(method = "logit", df = Inf): the interval on the logit scale.
      p <- est[i]; s <- se[i] / (p * (1 - p))
      put(case, key[i], "low", plogis(qlogis(p) - z * s))
      put(case, key[i], "high", plogis(qlogis(p) + z * s))
    } else {
      put(case, key[i], "low", est[i] - z * se[i]); put(case, key[i], "high", est[i] + z * se[i])
    }
  }
  r
}

gaps <- function(case, r, by, compare, reference) {
  v <- vcov(r); est <- coef(r)
  others <- setdiff(by, compare)
  grp <- if (length(others) == 0) rep("overall", nrow(r)) else
    apply(r[, others, drop = FALSE], 1, paste, collapse = "|")
  for (g in unique(grp)) {
    i0 <- which(grp == g & r[[compare]] == reference)
    i1 <- which(grp == g & r[[compare]] != reference)
    gap <- est[i1] - est[i0]
    sg <- sqrt(v[i1, i1] + v[i0, i0] - 2 * v[i1, i0])
    ratio <- est[i1] / est[i0]
    sl <- sqrt(v[i1, i1] / est[i1]^2 + v[i0, i0] / est[i0]^2 - 2 * v[i1, i0] / (est[i1] * est[i0]))
    put(case, g, "gap", gap); put(case, g, "gap_se", sg)
    put(case, g, "gap_low", gap - z * sg); put(case, g, "gap_high", gap + z * sg)
    put(case, g, "ratio", ratio); put(case, g, "log_ratio_se", sl)
    put(case, g, "ratio_low", ratio * exp(-z * sl)); put(case, g, "ratio_high", ratio * exp(z * sl))
  }
}

# A: mean(stem_score) and share(stem_enrolled) by year x female, clustered by school.
rA <- cells("A_mean", des$A, "stem_score", c("year", "female"), FALSE)
gaps("A_mean", rA, c("year", "female"), "female", 0)
rB <- cells("A_share", des$A, "stem_enrolled", c("year", "female"), TRUE)
gaps("A_share", rB, c("year", "female"), "female", 0)
# Margins of A_share: by year, by female, overall.
invisible(cells("A_share", des$A, "stem_enrolled", "year", TRUE))
rF <- cells("A_share", des$A, "stem_enrolled", "female", TRUE)
gaps("A_share", rF, "female", "female", 0)  # the overall gap, from the margins of female
m <- svymean(~stem_enrolled, des$A)
put("A_share", "overall", "estimate", coef(m)); put("A_share", "overall", "se", SE(m))

# C: share(stem_enrolled) by region x female, weighted by age, clustered by school.
rC <- cells("C_share", des$C, "stem_enrolled", c("region", "female"), TRUE)
gaps("C_share", rC, c("region", "female"), "female", 0)

# D: weighted by age, no cluster (each row its own cluster): mean(stem_score) by female.
dD <- svydesign(ids = ~1, weights = ~age, data = d)
invisible(cells("D_mean", dD, "stem_score", "female", FALSE))

# E: no cluster, no weights: gaps of share(stem_enrolled) by year x female from the binomial
# variances p(1-p)/n of independent groups (computed by hand, not by survey).
for (y in sort(unique(d$year))) {
  s0 <- d$stem_enrolled[d$year == y & d$female == 0]
  s1 <- d$stem_enrolled[d$year == y & d$female == 1]
  p0 <- mean(s0); p1 <- mean(s1)
  v0 <- p0 * (1 - p0) / length(s0); v1 <- p1 * (1 - p1) / length(s1)
  g <- as.character(y)
  put("E_share", g, "gap", p1 - p0); put("E_share", g, "gap_se", sqrt(v0 + v1))
  put("E_share", g, "ratio", p1 / p0)
  sl <- sqrt(v1 / p1^2 + v0 / p0^2)
  put("E_share", g, "ratio_low", p1 / p0 * exp(-z * sl))
  put("E_share", g, "ratio_high", p1 / p0 * exp(z * sl))
}

res <- do.call(rbind, out)
res$value <- sprintf("%.15g", res$value)
write.csv(res, "Tests/Fixtures/indicator_cluster/reference.csv", row.names = FALSE, quote = TRUE)
cat(nrow(res), "values\n")
