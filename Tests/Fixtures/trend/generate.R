# Reference values for the trend models (Tests/ModelsTests/TrendReferenceTests.swift).
# Input: flanders_adult_learning.csv (Eurostat trng_lfse_04, Vlaams Gewest BE2, 2000-2019,
# % of 25-64 year olds in education or training in the last 4 weeks; see README.md).
# Run from this folder: Rscript generate.R  (R 4.x, sandwich 3.0-2, lmtest).
suppressMessages({ library(sandwich); library(lmtest) })
d <- read.csv("flanders_adult_learning.csv", stringsAsFactors = FALSE)
out <- list()
put <- function(name, x) out[[name]] <<- x
tot <- d[d$sex == "T", ]; tot <- tot[order(tot$year), ]
fem <- d[d$sex == "F", ]; fem <- fem[order(fem$year), ]
mal <- d[d$sex == "M", ]; mal <- mal[order(mal$year), ]
y <- tot$value; yr <- tot$year; tt <- yr - min(yr)
seg <- function(yr, b) cbind(as.numeric(yr >= b), ifelse(yr >= b, yr - b, 0))
coefs <- function(fit, V) {
  se <- sqrt(diag(V)); list(estimate = unname(coef(fit)), se = unname(se))
}
# 1. linear, classical
m1 <- lm(y ~ tt); put("linear_classical", coefs(m1, vcov(m1)))
# 2. linear, NeweyWest defaults (automatic lag, prewhite = TRUE, adjust = FALSE)
lagAuto <- floor(bwNeweyWest(m1, prewhite = TRUE))
put("linear_nw_default", c(coefs(m1, NeweyWest(m1)), list(lag = lagAuto)))
# 3. linear, NeweyWest lag 2 without prewhitening, adjust = TRUE
put("linear_nw_lag2_noprewhite_adjust",
    coefs(m1, NeweyWest(m1, lag = 2, prewhite = FALSE, adjust = TRUE)))
# 4. quadratic, NeweyWest lag 3 (prewhite default)
m2 <- lm(y ~ tt + I(tt^2)); put("quadratic_nw_lag3", coefs(m2, NeweyWest(m2, lag = 3)))
put("quadratic_classical", coefs(m2, vcov(m2)))
# 5. segmented at the 2017 break in series, NeweyWest default and classical
S <- seg(yr, 2017); lev <- S[, 1]; slo <- S[, 2]
m3 <- lm(y ~ tt + lev + slo)
put("segmented2017_classical", coefs(m3, vcov(m3)))
put("segmented2017_nw_default",
    c(coefs(m3, NeweyWest(m3)), list(lag = floor(bwNeweyWest(m3, prewhite = TRUE)))))
# 6. segmented at 2004, 2006 and 2017 (all flagged breaks), NeweyWest lag 1 no prewhitening
S1 <- seg(yr, 2004); S2 <- seg(yr, 2006)
m4 <- lm(y ~ tt + S1[, 1] + S1[, 2] + S2[, 1] + S2[, 2] + lev + slo)
put("segmented3_nw_lag1", coefs(m4, NeweyWest(m4, lag = 1, prewhite = FALSE)))
# 7. weighted linear (weights 1 / se^2 with se = 0.1 + 0.01 * tt), NeweyWest lag 2
se <- 0.1 + 0.01 * tt; w <- 1 / se^2
m5 <- lm(y ~ tt, weights = w)
put("weighted_classical", coefs(m5, vcov(m5)))
put("weighted_nw_lag2", coefs(m5, NeweyWest(m5, lag = 2)))
# 8. projection to 2030 (classical): predict(interval = "prediction"), P(Y_2030 >= 9.5)
nd <- data.frame(tt = 2030 - min(yr))
pr <- predict(m1, nd, interval = "prediction", level = 0.95, se.fit = TRUE)
sp <- sqrt(pr$se.fit^2 + pr$residual.scale^2)
put("projection_classical", list(estimate = unname(pr$fit[1, "fit"]),
  low = unname(pr$fit[1, "lwr"]), high = unname(pr$fit[1, "upr"]),
  prob_at_least_9_5 = pt((9.5 - pr$fit[1, "fit"]) / sp, df = m1$df.residual, lower.tail = FALSE)))
# projection with the NeweyWest (default) covariance: x0' V x0 + sigma^2
x0 <- c(1, 2030 - min(yr)); V <- NeweyWest(m1)
spn <- sqrt(drop(t(x0) %*% V %*% x0) + summary(m1)$sigma^2)
q <- qt(0.975, m1$df.residual); est <- sum(x0 * coef(m1))
put("projection_nw_default", list(estimate = est, low = est - q * spn, high = est + q * spn,
  prob_at_least_9_5 = pt((9.5 - est) / spn, df = m1$df.residual, lower.tail = FALSE)))
# 9. iterated Prais-Winsten (AR(1)), written out: rho = sum e_t e_{t-1} / sum e_{t-1}^2,
# first row * sqrt(1 - rho^2), the others quasi-differenced, until |change in rho| < 1e-12.
pw <- function(X, y, tol = 1e-12, maxit = 200) {
  b <- qr.coef(qr(X), y); rho <- 0; it <- 0
  repeat {
    e <- drop(y - X %*% b); n <- length(e)
    r <- sum(e[-1] * e[-n]) / sum(e[-n]^2); ch <- abs(r - rho); rho <- r; it <- it + 1
    Xs <- rbind(sqrt(1 - rho^2) * X[1, ], X[-1, , drop = FALSE] - rho * X[-n, , drop = FALSE])
    ys <- c(sqrt(1 - rho^2) * y[1], y[-1] - rho * y[-n])
    f <- lm.fit(Xs, ys); b <- f$coefficients
    if (ch < tol || it >= maxit) break
  }
  s2 <- sum(f$residuals^2) / (n - ncol(X))
  V <- s2 * chol2inv(qr.R(qr(Xs)))
  list(estimate = unname(b), se = sqrt(diag(V)), rho = rho, sigma = sqrt(s2),
       iterations = it, e_last = unname(drop(y - X %*% b))[n], V = V)
}
p1 <- pw(cbind(1, tt), y)
put("prais_winsten_linear", p1[c("estimate", "se", "rho", "sigma")])
# projection under AR(1): x0'b + rho^h e_n, variance x0'Vx0 + s2 (1 - rho^(2h)) / (1 - rho^2)
h <- 2030 - max(yr); est <- sum(x0 * p1$estimate) + p1$rho^h * p1$e_last
spp <- sqrt(drop(t(x0) %*% p1$V %*% x0) + p1$sigma^2 * (1 - p1$rho^(2 * h)) / (1 - p1$rho^2))
q <- qt(0.975, length(y) - 2)
put("projection_prais_winsten", list(estimate = est, low = est - q * spp, high = est + q * spp,
  prob_at_least_9_5 = pt((9.5 - est) / spp, df = length(y) - 2, lower.tail = FALSE)))
p2 <- pw(cbind(1, tt, lev, slo), y)
put("prais_winsten_segmented2017", p2[c("estimate", "se", "rho", "sigma")])
# 10. difference of trends: women vs men, lm(value ~ tt * female) (classical), and the gap series
st <- rbind(data.frame(v = mal$value, tt = mal$year - min(yr), female = 0),
            data.frame(v = fem$value, tt = fem$year - min(yr), female = 1))
m6 <- lm(v ~ tt + female + tt:female, data = st)
put("gap_interacted", coefs(m6, vcov(m6)))  # order: (Intercept), tt, female, tt:female
gap <- fem$value - mal$value; m7 <- lm(gap ~ tt)
put("gap_series_nw_default", coefs(m7, NeweyWest(m7)))
put("versions", list(R = R.version.string, sandwich = as.character(packageVersion("sandwich"))))
# Minimal JSON writer (jsonlite is not installed): numbers with 17 significant digits.
js <- function(x) {
  if (is.list(x)) {
    paste0("{", paste0('"', names(x), '": ', vapply(x, js, ""), collapse = ", "), "}")
  } else if (is.character(x)) {
    paste0('"', x, '"')
  } else if (length(x) == 1) {
    formatC(x, digits = 17, format = "g")
  } else {
    paste0("[", paste(formatC(x, digits = 17, format = "g"), collapse = ", "), "]")
  }
}
writeLines(paste0("{\n", paste0('  "', names(out), '": ', vapply(out, js, ""), collapse = ",\n"),
  "\n}"), "reference.json")
