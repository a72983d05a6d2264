# Reference values for Tests/DistributionsTests, computed with R's stats package.
# Run from this folder:  Rscript generate.R   (writes reference.csv)
# Columns: function,param1,param2,arg,lower_tail,value,source   (lower_tail is 1 for densities)
# All numbers are printed with sprintf("%.17g") so they round-trip exactly to Double.
#
# source is "R" for R's own value. R's q* functions are not always as accurate as its p*
# functions (e.g. qt(1e-10, 0.5, lower.tail = FALSE) is off by 7e-7 relative, qt(0.5, 0.5) is
# 2.6e-16 instead of 0). Every quantile is therefore polished by Newton steps on R's own
# log-scale p* function (smaller tail); where that moves R's value by more than 1e-13 relative,
# the polished root is stored with source "newton(p*)" so the Swift code is held to R's cdf, not
# to R's quantile error. Medians of symmetric families are stored exactly (source "symmetry").

probs <- c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5,
           0.7, 0.9, 0.95, 0.975, 0.99, 1 - 1e-10)
rows <- list()
add <- function(fn, p1, p2, arg, lower, value, source = "R") {
  rows[[length(rows) + 1L]] <<- sprintf("%s,%.17g,%.17g,%.17g,%d,%.17g,%s",
                                        fn, p1, p2, arg, as.integer(lower), value, source)
}
replaced <- 0L

# Newton on log P(x) (smaller tail) using R's p* and d*. R's q* can return
# 0 or +-Inf for a finite quantile (qf(1e-100, 1, 1) = 0, qt(1e-20, 0.5, lower = FALSE) = Inf);
# then the start comes from bisection on log|x| over the double range.
polish <- function(x, pr, lower, p, d, positive) {
  if (pr == 0 || pr == 1) return(x)
  if (pr > 0.5) { pr <- 1 - pr; lower <- !lower }   # exact complement
  target <- log(pr)
  big <- .Machine$double.xmax
  tiny <- .Machine$double.xmin
  if (!is.finite(x) || x == 0) {
    # sign of the quantile: lower tail -> left end, upper tail -> right end
    s <- if (lower) (if (positive) 1 else -1) else 1
    edge <- if (positive && lower) tiny else s * big
    if (p(edge, lower, TRUE) >= target && !(positive && lower)) return(x)   # truly infinite
    if (positive && lower && p(tiny, lower, TRUE) >= target) return(x)     # truly 0 (underflow)
    f <- function(u) p(s * exp(u), lower, TRUE) - target
    r <- uniroot(f, c(log(tiny), log(big)), tol = 1e-12)
    x <- s * exp(r$root)
  }
  for (i in 1:100) {
    # R's log.p = TRUE branch is less accurate than log() of the plain value (e.g. pf lower
    # tail near 1e-300 for (1e5, 10) is off by 1.4e-8), so use it only near underflow.
    pv <- p(x, lower)
    lp <- if (pv >= .Machine$double.xmin) log(pv) else p(x, lower, TRUE)
    slope <- exp(d(x, TRUE) - lp) * (if (lower) 1 else -1)   # d log P / dx
    if (!is.finite(slope) || slope == 0) break
    step <- (lp - target) / slope
    if (!is.finite(step)) break
    x <- x - step
    if (abs(step) <= 1e-17 * abs(x) || step == 0) break
  }
  x
}

# One family: quantile function q(p, lower), cdf p(x, lower), density d(x).
family <- function(name, p1, p2, q, p, d, fixed, centre = NA, positive = TRUE) {
  xs <- fixed
  for (lower in c(TRUE, FALSE)) {
    for (pr in probs) {
      v <- q(pr, lower)
      w <- polish(v, pr, lower, p, d, positive)
      if (pr == 0.5 && !is.na(centre)) {
        # Symmetric family: the median is exactly the centre.
        add(paste0("q", name), p1, p2, pr, lower, centre, if (v == centre) "R" else "symmetry")
        if (v != centre) replaced <<- replaced + 1L
      } else if (!identical(w, v) && !(is.finite(v) && abs(w - v) <= 1e-13 * abs(v) + 1e-300)) {
        add(paste0("q", name), p1, p2, pr, lower, w, "newton(p*)")
        replaced <<- replaced + 1L
        message(sprintf("q%s(%g; %g, %g, lower=%s): R %.17g, polished %.17g",
                        name, pr, p1, p2, lower, v, w))
      } else {
        add(paste0("q", name), p1, p2, pr, lower, v)
      }
      if (is.finite(v)) xs <- c(xs, v)
      if (is.finite(w)) xs <- c(xs, w)
    }
  }
  xs <- sort(unique(xs))
  for (x in xs) {
    add(paste0("p", name), p1, p2, x, TRUE, p(x, TRUE))
    add(paste0("p", name), p1, p2, x, FALSE, p(x, FALSE))
    add(paste0("d", name), p1, p2, x, TRUE, d(x))
  }
}

normalFixed <- c(-38.4, -38, -37.5, -35, -30, -20, -10, -8, -5, -3, -2, -1, -0.5, -0.1, -1e-5,
                 0, 1e-5, 0.1, 0.5, 1, 2, 3, 5, 8, 10, 20, 30, 35, 37.5, 38, 38.4)
for (ms in list(c(0, 1), c(1.5, 2), c(-3, 0.25))) {
  m <- ms[1]; s <- ms[2]
  family("norm", m, s,
         function(pr, lower) qnorm(pr, m, s, lower.tail = lower),
         function(x, lower, lg = FALSE) pnorm(x, m, s, lower.tail = lower, log.p = lg),
         function(x, lg = FALSE) dnorm(x, m, s, log = lg), m + s * normalFixed, centre = m,
         positive = FALSE)
}

tFixed <- c(0, 1e-8, 0.1, 0.5, 1, 2, 3, 5, 10, 30, 100, 1e3, 1e5, 1e10, 1e50, 1e150, 1e300)
tFixed <- c(-tFixed, tFixed)
for (df in c(0.5, 1, 2, 3, 5, 10, 30, 100, 1e3, 1e5, 1e7)) {
  family("t", df, 0,
         function(pr, lower) qt(pr, df, lower.tail = lower),
         function(x, lower, lg = FALSE) pt(x, df, lower.tail = lower, log.p = lg),
         function(x, lg = FALSE) dt(x, df, log = lg), tFixed, centre = 0, positive = FALSE)
}

chisqFixed <- c(0, 1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.1, 0.5, 1, 2, 3, 5, 10, 30, 100, 300,
                1000, 1500)
for (df in c(0.5, 1, 2, 3, 5, 10, 30, 100, 1e3, 1e5, 1e7)) {
  family("chisq", df, 0,
         function(pr, lower) qchisq(pr, df, lower.tail = lower),
         function(x, lower, lg = FALSE) pchisq(x, df, lower.tail = lower, log.p = lg),
         function(x, lg = FALSE) dchisq(x, df, log = lg),
         c(chisqFixed, df * c(0.5, 0.9, 0.99, 1, 1.01, 1.1, 2)))
}

fFixed <- c(0, 1e-300, 1e-100, 1e-20, 1e-8, 1e-3, 0.1, 0.5, 0.9, 1, 1.1, 2, 5, 10, 100, 1e4,
            1e8, 1e20, 1e100, 1e300)
for (dfs in list(c(1, 1), c(2, 5), c(5, 2), c(10, 100), c(1e3, 1e3), c(0.5, 3), c(1e5, 10))) {
  d1 <- dfs[1]; d2 <- dfs[2]
  family("f", d1, d2,
         function(pr, lower) qf(pr, d1, d2, lower.tail = lower),
         function(x, lower, lg = FALSE) pf(x, d1, d2, lower.tail = lower, log.p = lg),
         function(x, lg = FALSE) df(x, d1, d2, log = lg), fFixed)
}

con <- file("reference.csv", "w")
writeLines(sprintf("# %s; generated by Tests/Fixtures/distributions/generate.R",
                   R.version.string), con)
writeLines(sprintf("# %d quantiles polished on R's own cdf (source = newton(p*))", replaced), con)
writeLines("function,param1,param2,arg,lower_tail,value,source", con)
writeLines(unlist(rows), con)
close(con)
writeLines(R.version.string, "R-version.txt")
