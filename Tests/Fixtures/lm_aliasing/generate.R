# Oracle for LeastSquaresQR's rank rule: a design with near-dependencies on both sides of R's
# tolerance (remaining-norm ratios from 1e-9 to 1e-6) and exact ones, and the columns R's lm
# (dqrdc2, tol = 1e-7) aliases on it.
# Run from the package root: Rscript Tests/Fixtures/lm_aliasing/generate.R
# Writes design.csv (y, x0..x10 with 17 significant digits) and aliased.txt (0-based indices).
out <- "Tests/Fixtures/lm_aliasing"
set.seed(2030)
n <- 40
z <- matrix(rnorm(n * 9), n, 9)
one <- rep(1, n)
X <- cbind(
  one,                                   # 0 intercept
  z[, 1],                                # 1
  z[, 2],                                # 2
  z[, 1] + 2 * z[, 2] + 1e-9 * z[, 3],   # 3 ratio ~ 4e-10: aliased at 1e-7
  z[, 4],                                # 4
  z[, 4] - z[, 1] + 3e-7 * z[, 5],       # 5 ratio ~ 2e-7: kept at 1e-7
  z[, 6],                                # 6
  2 * z[, 6] + 1 + 2e-8 * z[, 7],        # 7 ratio ~ 1e-8: aliased at 1e-7 (kept at 1e-10)
  z[, 2] + z[, 6],                       # 8 exact: aliased
  z[, 8],                                # 9
  3 * z[, 8] - one + 1e-5 * z[, 9]       # 10 ratio ~ 3e-6: kept
)
colnames(X) <- paste0("x", 0:10)
y <- drop(X[, c(1, 2, 3, 5, 7, 10)] %*% c(1, 2, -1, 0.5, 3, -2)) + rnorm(n)
fit <- lm.fit(X, y)
aliased <- which(is.na(fit$coefficients)) - 1
# Remaining-norm ratio of each column after projecting out the preceding kept columns.
for (j in 2:ncol(X)) {
  keptBefore <- setdiff(seq_len(j - 1), aliased + 1)
  r <- qr.resid(qr(X[, keptBefore, drop = FALSE]), X[, j])
  cat(sprintf("x%-2d ratio %.3g\n", j - 1, sqrt(sum(r^2)) / sqrt(sum(X[, j]^2))))
}
write.csv(format(data.frame(y = y, X), digits = 17), file.path(out, "design.csv"),
          row.names = FALSE, quote = FALSE)
writeLines(paste(aliased, collapse = ","), file.path(out, "aliased.txt"))
writeLines(paste(format(unname(fit$coefficients), digits = 17), collapse = ","),
           file.path(out, "coefficients.txt"))
cat("aliased:", aliased, "\n")
cat(R.version.string, "\n")
