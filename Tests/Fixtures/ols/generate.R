# Reference values for VETStat's OLS / WLS fits and covariance estimators.
#
# Run from the repository root or from this folder:
#     Rscript Tests/Fixtures/ols/generate.R
# Writes, beside this script: mtcars.csv, grunfeld.csv, reference.json.
#
# Every fit is made on the data read back from the CSV files written here, so the
# Swift tests see exactly the numbers R fitted.  Numbers are written with the shortest
# representation that round-trips to the same double (15 significant digits when that
# suffices, else 17).
#
# Formula syntax: the `formula` field of each case is VETStat syntax (R's, with factors
# written C(x)); the script turns C(x) into factor(x) for lm.  Term names follow
# DESIGN.md section 4: `(Intercept)`, numeric variables by name, factor levels `x[level]`
# (treatment coding, first sorted level is the reference), function terms as written
# without spaces (`log(disp)`, `I(hp^2)`), interactions `a:b` in the order R gives.

suppressPackageStartupMessages({
  library(sandwich)
  library(data.table)
  library(jsonlite)
  library(plm)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out_dir <- if (length(script)) dirname(normalizePath(script)) else "Tests/Fixtures/ols"

# ---------------------------------------------------------------- number formatting
# Shortest of %.15g / %.16g / %.17g that reads back as the identical double.
num_text <- function(x) {
  vapply(x, function(v) {
    if (is.na(v)) return("null")
    for (d in 15:17) {
      s <- sprintf(paste0("%.", d, "g"), v)
      if (as.numeric(s) == v) return(s)
    }
    sprintf("%.17g", v)
  }, character(1), USE.NAMES = FALSE)
}

write_csv_exact <- function(df, path) {
  out <- df
  text_cols <- which(vapply(df, is.character, logical(1)))
  for (j in seq_along(out)) if (is.numeric(out[[j]])) out[[j]] <- num_text(out[[j]])
  # quote only the text columns; numbers stay bare so every CSV reader types them numeric
  write.csv(out, path, row.names = FALSE, quote = if (length(text_cols)) text_cols else FALSE)
}

# ---------------------------------------------------------------- datasets
mt <- datasets::mtcars
mt <- data.frame(car = rownames(mt), mt, stringsAsFactors = FALSE, row.names = NULL)
for (v in c("cyl", "gear", "am", "vs", "carb")) mt[[v]] <- as.numeric(mt[[v]])
mt$wt2 <- 2 * mt$wt # exactly collinear with wt: the rank-deficient case
write_csv_exact(mt, file.path(out_dir, "mtcars.csv"))

data("Grunfeld", package = "plm")
gr <- data.frame(firm = as.numeric(Grunfeld$firm), year = as.numeric(Grunfeld$year),
                 inv = Grunfeld$inv, value = Grunfeld$value, capital = Grunfeld$capital)
write_csv_exact(gr, file.path(out_dir, "grunfeld.csv"))

# Read back what was written and fit on that.
mt_csv <- read.csv(file.path(out_dir, "mtcars.csv"), stringsAsFactors = FALSE)
gr_csv <- read.csv(file.path(out_dir, "grunfeld.csv"), stringsAsFactors = FALSE)
stopifnot(isTRUE(all.equal(mt_csv, mt, tolerance = 0)),
          isTRUE(all.equal(gr_csv, gr, tolerance = 0)))
datasets_by_file <- list("mtcars.csv" = mt_csv, "grunfeld.csv" = gr_csv)

# ---------------------------------------------------------------- names
to_r_formula <- function(f) as.formula(gsub("\\bC\\(", "factor(", f))

# R coefficient name -> VETStat term name, component by component of an interaction.
vetstat_term <- function(r_name) {
  parts <- strsplit(r_name, ":", fixed = TRUE)[[1]]
  parts <- vapply(parts, function(p) {
    if (grepl("^factor\\(", p)) {
      var <- sub("^factor\\(([^)]*)\\).*$", "\\1", p)
      lev <- sub("^factor\\([^)]*\\)", "", p)
      paste0(var, "[", lev, "]")
    } else gsub(" ", "", p, fixed = TRUE)
  }, character(1))
  paste(parts, collapse = ":")
}

# ---------------------------------------------------------------- settings text
settings_text <- list(
  iid = "summary(lm)$sigma^2 * (X'WX)^-1, sigma^2 = sum(w*e^2)/(N-K)  (K = number of non-aliased coefficients)",
  hc0 = "sandwich::vcovHC(fit, type = 'HC0'): (X'WX)^-1 X'W diag(e^2) W X (X'WX)^-1, no small-sample factor",
  hc1 = "sandwich::vcovHC(fit, type = 'HC1'): HC0 * N/(N-K)",
  hc2 = "sandwich::vcovHC(fit, type = 'HC2'): e_i^2 / (1 - h_ii), h = diag of the (weighted) hat matrix",
  hc3 = "sandwich::vcovHC(fit, type = 'HC3'): e_i^2 / (1 - h_ii)^2",
  one_way = "sandwich::vcovCL(fit, cluster = ~%s, type = 'HC1')  (CR1: G/(G-1) * (N-1)/(N-K); cadjust = TRUE, fix = FALSE)",
  two_way = paste0(
    "sandwich::vcovCL(fit, cluster = ~%s + %s, type = 'HC1', multi0 = FALSE)  ",
    "(Cameron-Gelbach-Miller: V = [G1/(G1-1) M1 + G2/(G2-1) M2 - G12/(G12-1) M12] sandwiched, ",
    "each component scaled by its own cluster count G/(G-1) (cadjust per component; G12 = number of ",
    "non-empty intersection cells), then the whole meat times HC1's (N-1)/(N-K) once; fix = FALSE, ",
    "so the result is not forced positive semi-definite)")
)

# ---------------------------------------------------------------- cases
cases <- list(
  list(name = "mtcars_basic", data = "mtcars.csv", formula = "mpg ~ wt + hp", weights = NULL,
       clusters = list(gear = "gear", gear_am = c("gear", "am"))),
  list(name = "mtcars_factor", data = "mtcars.csv", formula = "mpg ~ wt + hp + C(cyl)", weights = NULL,
       clusters = list(gear = "gear", gear_am = c("gear", "am"))),
  list(name = "mtcars_interaction", data = "mtcars.csv", formula = "mpg ~ wt * C(am) + I(hp^2) + log(disp)",
       weights = NULL, clusters = list(gear = "gear", cyl = "cyl")),
  list(name = "mtcars_no_intercept", data = "mtcars.csv", formula = "mpg ~ 0 + wt + hp", weights = NULL,
       clusters = list(gear = "gear", gear_am = c("gear", "am"))),
  list(name = "mtcars_wls", data = "mtcars.csv", formula = "mpg ~ wt + hp", weights = "qsec",
       clusters = list(gear = "gear", gear_am = c("gear", "am"))),
  list(name = "mtcars_aliased", data = "mtcars.csv", formula = "mpg ~ wt + wt2 + hp", weights = NULL,
       clusters = list(gear = "gear", gear_am = c("gear", "am"))),
  list(name = "grunfeld_pooled", data = "grunfeld.csv", formula = "inv ~ value + capital", weights = NULL,
       clusters = list(firm = "firm", year = "year", firm_year = c("firm", "year"))),
  list(name = "grunfeld_firm_dummies", data = "grunfeld.csv", formula = "inv ~ value + capital + C(firm)",
       weights = NULL, clusters = list(firm = "firm", year = "year", firm_year = c("firm", "year"))),
  list(name = "grunfeld_log", data = "grunfeld.csv", formula = "inv ~ log(value) + log(capital) + C(year)",
       weights = NULL, clusters = list(firm = "firm"))
)

# ---------------------------------------------------------------- JSON writer
# jsonlite caps doubles at 15 significant digits, so the document is written here: numbers
# via num_text (round-trip exact), a length-1 vector is a scalar unless wrapped in I().
json_scalars <- function(x) {
  if (is.character(x)) return(vapply(x, function(s) as.character(toJSON(s, auto_unbox = TRUE)), "", USE.NAMES = FALSE))
  if (is.logical(x)) return(ifelse(is.na(x), "null", ifelse(x, "true", "false")))
  if (is.integer(x)) return(ifelse(is.na(x), "null", as.character(x)))
  out <- num_text(unclass(x))
  out[!is.finite(x)] <- "null"
  out
}
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!length(x)) return(if (is.null(names(x))) "[]" else "{}")
    vals <- vapply(x, to_json, "", indent = inner, USE.NAMES = FALSE)
    if (!is.null(names(x))) {
      keys <- vapply(names(x), function(k) as.character(toJSON(k, auto_unbox = TRUE)), "", USE.NAMES = FALSE)
      return(paste0("{\n", paste0(inner, keys, ": ", vals, collapse = ",\n"), "\n", indent, "}"))
    }
    return(paste0("[\n", paste0(inner, vals, collapse = ",\n"), "\n", indent, "]"))
  }
  vals <- json_scalars(x)
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(vals, collapse = ", "), "]") else vals
}

se_of <- function(V) I(sqrt(diag(V)))
mat_rows <- function(V) lapply(seq_len(nrow(V)), function(i) I(unname(V[i, ])))

fit_case <- function(cs) {
  d <- datasets_by_file[[cs$data]]
  f <- to_r_formula(cs$formula)
  # The data frame is spliced into the call so sandwich's expand.model.frame (used by
  # vcovCL's cluster formula) finds it.
  fit <- if (is.null(cs$weights)) eval(bquote(lm(.(f), data = .(d)))) else
    eval(bquote(lm(.(f), data = .(d), weights = .(as.name(cs$weights)))))
  s <- summary(fit)
  b <- coef(fit)
  aliased_r <- names(b)[is.na(b)]
  kept_r <- names(b)[!is.na(b)]
  terms <- vapply(kept_r, vetstat_term, character(1), USE.NAMES = FALSE)
  n <- nobs(fit)
  k <- length(kept_r)

  V <- list(
    iid = vcov(fit)[kept_r, kept_r],
    hc0 = vcovHC(fit, type = "HC0"), hc1 = vcovHC(fit, type = "HC1"),
    hc2 = vcovHC(fit, type = "HC2"), hc3 = vcovHC(fit, type = "HC3"))
  settings <- list(iid = settings_text$iid, hc0 = settings_text$hc0, hc1 = settings_text$hc1,
                   hc2 = settings_text$hc2, hc3 = settings_text$hc3)
  cluster_counts <- list()
  for (cn in names(cs$clusters)) {
    vars <- cs$clusters[[cn]]
    key <- paste0("cluster_", cn)
    cf <- as.formula(paste("~", paste(vars, collapse = " + ")))
    if (length(vars) == 1) {
      V[[key]] <- vcovCL(fit, cluster = cf, type = "HC1")
      settings[[key]] <- sprintf(settings_text$one_way, vars)
      cluster_counts[[key]] <- list(G = length(unique(d[[vars]])))
    } else {
      V[[key]] <- vcovCL(fit, cluster = cf, type = "HC1", multi0 = FALSE)
      settings[[key]] <- sprintf(settings_text$two_way, vars[1], vars[2])
      cluster_counts[[key]] <- list(
        G1 = length(unique(d[[vars[1]]])), G2 = length(unique(d[[vars[2]]])),
        G12 = length(unique(paste(d[[vars[1]]], d[[vars[2]]], sep = "_"))))
    }
  }
  for (nm in names(V)) {
    # two-way vcovCL is not forced PSD (fix = FALSE); keep only variants with positive variances
    if (any(diag(V[[nm]]) <= 0)) stop(cs$name, ": ", nm, " has a non-positive variance")
    stopifnot(identical(rownames(V[[nm]]), kept_r), all(is.finite(V[[nm]])))
    dimnames(V[[nm]]) <- NULL
  }

  fs <- s$fstatistic
  ll <- logLik(fit)
  t_iid <- unname(b[kept_r] / se_of(V$iid))
  list(
    name = cs$name, data = cs$data, formula = cs$formula,
    r_formula = paste(deparse(f), collapse = ""),
    weights = if (is.null(cs$weights)) NULL else cs$weights,
    weights_kind = if (is.null(cs$weights)) NULL else "analytic (lm weights: minimise sum w*e^2)",
    terms = I(terms),
    r_names = I(kept_r),
    aliased = I(vapply(aliased_r, vetstat_term, character(1), USE.NAMES = FALSE)),
    estimate = I(unname(b[kept_r])),
    nobs = n, df_residual = fit$df.residual, rank = fit$rank,
    std_error = lapply(V, se_of),
    statistic_iid = I(t_iid),
    p_value_iid = I(2 * pt(abs(t_iid), df = fit$df.residual, lower.tail = FALSE)),
    vcov = lapply(V, mat_rows),
    vcov_settings = settings,
    cluster_counts = cluster_counts,
    r_squared = s$r.squared, adj_r_squared = s$adj.r.squared,
    r_squared_note = if (attr(terms(fit), "intercept") == 1) "centered: 1 - RSS/sum(w*(y-weighted mean)^2)"
                     else "uncentered (no intercept): 1 - RSS/sum(w*y^2), as R's summary.lm",
    f_statistic = unname(fs["value"]), f_df1 = unname(fs["numdf"]), f_df2 = unname(fs["dendf"]),
    f_p_value = unname(pf(fs["value"], fs["numdf"], fs["dendf"], lower.tail = FALSE)),
    sigma = s$sigma, rss = sum(weights(fit) %||% 1 * residuals(fit)^2),
    log_likelihood = as.numeric(ll), log_likelihood_df = attr(ll, "df"),
    aic = AIC(fit), bic = BIC(fit)
  )
}
`%||%` <- function(a, b) if (is.null(a)) b else a

results <- lapply(cases, fit_case)

# Sanity: the aliased case must equal the basic case (wt2 is dropped, wt kept).
a <- results[[which(vapply(results, `[[`, "", "name") == "mtcars_aliased")]]
bsc <- results[[which(vapply(results, `[[`, "", "name") == "mtcars_basic")]]
stopifnot(identical(as.character(a$aliased), "wt2"), isTRUE(all.equal(a$estimate, bsc$estimate)),
          isTRUE(all.equal(a$std_error, bsc$std_error)))

pkgs <- c("sandwich", "plm", "data.table", "jsonlite", "lmtest")
doc <- list(
  generated_by = "Tests/Fixtures/ols/generate.R",
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  r_version_string = R.version.string,
  packages = setNames(lapply(pkgs, function(p) as.character(packageVersion(p))), pkgs),
  notes = I(c(
    "Arrays under estimate / std_error / vcov follow `terms` (R's column order; aliased terms left out).",
    "vcov matrices are row-major arrays of rows.",
    "log_likelihood for WLS is R's logLik.lm: 0.5*sum(log w) - N/2*(log(2*pi) + 1 - log N + log(sum(w*e^2))); df = K + 1 (sigma counted).",
    "Factor levels of numeric columns sort numerically (firm[2] .. firm[10]); the first level is the reference.",
    "p_value_iid: two-sided Student t with df_residual; f_p_value: upper tail of F(f_df1, f_df2)."
  )),
  cases = results
)
writeLines(to_json(doc), file.path(out_dir, "reference.json"))

# Check that the JSON reads back to the same doubles.
back <- fromJSON(file.path(out_dir, "reference.json"), simplifyVector = FALSE)
for (i in seq_along(results)) {
  bc <- back$cases[[i]]
  stopifnot(identical(as.numeric(unlist(bc$estimate)), as.numeric(results[[i]]$estimate)))
  for (nm in names(results[[i]]$std_error))
    stopifnot(identical(as.numeric(unlist(bc$std_error[[nm]])), as.numeric(results[[i]]$std_error[[nm]])))
}
cat("wrote", file.path(out_dir, "reference.json"), "with", length(results), "cases\n")
