# Confirms the aliasing pattern asserted in Tests/LinearAlgebraTests/LeastSquaresQRTests.swift:
# R's lm (LINPACK dqrdc2, tol = 1e-7) aliases the LATER column of each dependent set.
# Run: Rscript Tests/Fixtures/lm_aliasing/check.R  (prints the aliased columns, 0-based)
set.seed(41)
n <- 25
b <- matrix(runif(n * 4, -1, 1), n, 4)
one <- rep(1, n); x <- function(j) b[, j + 1]
cases <- list(
  "duplicate column" = cbind(one, x(0), x(1), x(0), x(2)),
  "sum of two others" = cbind(one, x(0), x(1), x(0) + x(1), x(2)),
  "sum placed before its parts" = cbind(one, x(0) + x(1), x(0), x(1)),
  "zero column" = cbind(one, x(0), 0, x(1)),
  "constant next to intercept" = cbind(one, 5, x(0)),
  "two dependent sets" = cbind(one, x(0), 3 * x(0), x(1), one + x(1), x(2)),
  "full rank" = cbind(one, x(0), x(1), x(2), x(3))
)
y <- runif(n)
for (name in names(cases)) {
  X <- cases[[name]]
  fit <- lm.fit(X, y)
  cat(sprintf("%-28s aliased: %s\n", name, paste(which(is.na(fit$coefficients)) - 1, collapse = ",")))
}
filip <- read.csv(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "../nist/filip.csv"))
Xf <- outer(filip$x, 0:10, `^`)
cat(sprintf("%-28s aliased: %s\n", "Filip degree 10 (tol 1e-7)", paste(which(is.na(lm.fit(Xf, filip$y)$coefficients)) - 1, collapse = ",")))
cat(R.version.string, "\n")
