# Reference values for the panel transforms (Tests/DataTableTests/PanelTransformTests.swift and
# Tests/FormulaTests/PanelFormulaTests.swift): lags, leads and differences by unit that respect
# gaps, from plm::lag / plm::lead / diff on a pdata.frame (shift = "time"), within-unit means and
# demeaning from plm::Between / plm::Within, cohort and event time from data.table, and an OLS
# with lagged and differenced regressors from lm() on plm's lags.
# Run from this folder: Rscript generate_transforms.R   (R 4.2.2, plm, data.table from Debian r-cran-*)
suppressPackageStartupMessages({ library(plm); library(data.table) })
set.seed(20240601)
units <- sprintf("u%02d", 1:12)
rows <- list()
for (u in units) {
  years <- sort(sample(2015:2024, sample(1:8, 1)))   # gaps where years are skipped
  rows[[u]] <- data.frame(unit = u, year = years)
}
d <- do.call(rbind, rows)
n <- nrow(d)
d$x <- round(rnorm(n, 10, 3), 3)
d$x[sample(n, 3)] <- NA                              # missing values inside units
d$z <- round(runif(n), 3)
d$treat <- 0L
first <- setNames(sample(c(2017:2021, NA), length(units), replace = TRUE), units)
for (i in seq_len(n)) if (!is.na(first[d$unit[i]]) && d$year[i] >= first[d$unit[i]]) d$treat[i] <- 1L
d$y <- round(1 + 0.5 * d$x + rnorm(n), 3)
d <- d[sample(n), ]                                  # rows out of order: lags must not use row order
rownames(d) <- NULL
write.csv(d, "gapped_panel.csv", row.names = FALSE, na = "NA")

p <- pdata.frame(d, index = c("unit", "year"), drop.index = FALSE, row.names = FALSE)
idx <- index(p)
out <- data.frame(
  unit = as.character(idx$unit), year = as.numeric(as.character(idx$year)),
  lag1 = as.numeric(plm::lag(p$x, 1, shift = "time")),
  lag2 = as.numeric(plm::lag(p$x, 2, shift = "time")),
  lead1 = as.numeric(plm::lead(p$x, 1, shift = "time")),
  diff1 = as.numeric(diff(p$x, 1, shift = "time")),
  diff2 = as.numeric(diff(p$x, 2, shift = "time")),
  mean = as.numeric(Between(p$x, effect = "individual", na.rm = TRUE)),
  within = as.numeric(Within(p$x, effect = "individual", na.rm = TRUE))
)
# pdata.frame sorts rows by (unit, year); put the results back in the file's row order.
out <- out[match(paste(d$unit, d$year), paste(out$unit, out$year)), ]
out <- cbind(row = seq_len(n), out)
rownames(out) <- NULL
dt <- as.data.table(d)
dt[, cohort := if (any(treat == 1)) min(year[treat == 1]) else NA_integer_, by = unit]
dt[, event_time := year - cohort]
# data.table::shift by unit on the complete (unit, year) grid gives the same lags: cross-check.
grid <- CJ(unit = unique(dt$unit), year = 2015:2024)
g <- merge(grid, dt[, .(unit, year, x)], by = c("unit", "year"), all.x = TRUE)
g[, lag1_dt := shift(x, 1), by = unit]
chk <- merge(dt[, .(unit, year)], g, by = c("unit", "year"), sort = FALSE)
m <- match(paste(d$unit, d$year), paste(chk$unit, chk$year))
stopifnot(isTRUE(all.equal(chk$lag1_dt[m], out$lag1)))
out$cohort <- dt$cohort
out$event_time <- dt$event_time
write.csv(out, "gapped_panel_expected.csv", row.names = FALSE, na = "NA")

# OLS y ~ l(x, 1) + d(z) (plm pooling = lm): rows with a missing lag or difference dropped.
fit <- plm(y ~ lag(x, 1) + diff(z), data = p, model = "pooling")
co <- summary(fit)$coefficients
ref <- data.frame(term = c("(Intercept)", "l(x,1)", "d(z)"), estimate = co[, 1], std_error = co[, 2],
                  nobs = nobs(fit))
write.csv(ref, "lagged_ols_expected.csv", row.names = FALSE)
cat("plm", as.character(packageVersion("plm")), "data.table", as.character(packageVersion("data.table")),
    R.version.string, "\n", file = "VERSIONS.txt")
