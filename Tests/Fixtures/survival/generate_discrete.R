# Discrete-time hazard models on person-period data: lung (R survival) with time grouped into
# 100-day periods (follow-up ends with period 9, after the last event), logit and cloglog
# binomial GLMs on period dummies plus age and sex.
# Run from this folder: Rscript generate_discrete.R (reads lung.csv written by generate.R).
options(digits = 17)
lung <- read.csv("lung.csv")
lung$period_end <- pmin(ceiling(lung$time / 100), 9)
pp <- do.call(rbind, lapply(seq_len(nrow(lung)), function(i) {
  r <- lung[i, ]
  k <- seq_len(r$period_end)
  data.frame(inst = r$inst, age = r$age, sex = r$sex, period = k,
    event = as.integer(k == r$period_end & r$event == 1))
}))
# glm's deviance criterion stops the cloglog fit with a score of about 2.5e-5, so its IRLS
# (Fisher scoring) is continued here until the score vanishes; SEs as summary.glm, from the
# expected information at the solution.
polish <- function(f, link) {
  X <- model.matrix(f); y <- f$y; b <- coef(f); fam <- binomial(link)
  for (i in 1:50) {
    eta <- drop(X %*% b); mu <- fam$linkinv(eta); d <- fam$mu.eta(eta)
    w <- d^2 / (mu * (1 - mu)); u <- colSums(X * ((y - mu) * d / (mu * (1 - mu))))
    info <- crossprod(X, X * w); step <- solve(info, u); b <- b + step
    if (max(abs(step)) < 1e-15) break
  }
  eta <- drop(X %*% b); mu <- fam$linkinv(eta); d <- fam$mu.eta(eta)
  w <- d^2 / (mu * (1 - mu))
  list(b = b, se = sqrt(diag(solve(crossprod(X, X * w)))), loglik = sum(dbinom(y, 1, mu, log = TRUE)))
}
out <- do.call(rbind, lapply(c("logit", "cloglog"), function(link) {
  f <- glm(event ~ factor(period) + age + sex, family = binomial(link), data = pp,
    control = glm.control(epsilon = 1e-14, maxit = 100))
  p <- polish(f, link)
  data.frame(link = link, term = names(p$b), estimate = p$b, se = p$se, loglik = p$loglik,
    n = nrow(pp))
}))
write.csv(out, "ref_discrete.csv", row.names = FALSE)
