# Reference values for the survival estimators (Kaplan-Meier, log-rank, Cox, cox.zph) from R
# `survival` on its published datasets lung, veteran and heart (jasa1). Run from this folder:
#   Rscript generate.R
# Writes the input CSVs (lung.csv, veteran.csv, heart.csv) and the reference tables (ref_*.csv).
suppressPackageStartupMessages(library(survival))
options(digits = 17)
w <- function(x, f) write.csv(x, f, row.names = FALSE, na = "NA")

lung <- na.omit(survival::lung[, c("inst", "time", "status", "age", "sex", "ph.ecog")])
lung$event <- as.integer(lung$status == 2)
w(lung, "lung.csv")
vet <- survival::veteran
vet$celltype <- as.character(vet$celltype)
w(vet, "veteran.csv")
heart <- survival::heart
heart$transplant <- as.integer(as.character(heart$transplant))
w(heart, "heart.csv")

# Kaplan-Meier: every conf.type, by group; right-censored and counting-process data.
km <- function(fit, label) {
  do.call(rbind, lapply(c("plain", "log", "log-log"), function(ct) {
    f <- update(fit, conf.type = ct)
    st <- if (is.null(f$strata)) rep("all", length(f$time)) else
      rep(names(f$strata), f$strata)
    data.frame(case = label, conf_type = ct, strata = st, time = f$time, n_risk = f$n.risk,
      n_event = f$n.event, n_censor = f$n.censor, surv = f$surv, std_err = f$std.err,
      lower = f$lower, upper = f$upper)
  }))
}
med <- function(fit, label) {
  do.call(rbind, lapply(c("plain", "log", "log-log"), function(ct) {
    t <- summary(update(fit, conf.type = ct))$table
    if (is.null(dim(t))) t <- t(as.matrix(t))
    data.frame(case = label, conf_type = ct, strata = if (is.null(rownames(t))) "all" else
      rownames(t), median = t[, "median"], lower = t[, "0.95LCL"], upper = t[, "0.95UCL"])
  }))
}
f1 <- survfit(Surv(time, event) ~ sex, data = lung)
f2 <- survfit(Surv(time, status) ~ 1, data = vet)
f3 <- survfit(Surv(start, stop, event) ~ transplant, data = heart)
w(rbind(km(f1, "lung_sex"), km(f2, "veteran_all"), km(f3, "heart_transplant")), "ref_km.csv")
w(rbind(med(f1, "lung_sex"), med(f2, "veteran_all"), med(f3, "heart_transplant")),
  "ref_km_median.csv")

# Log-rank (survdiff rho = 0): plain and stratified.
lr <- function(d, label) {
  data.frame(case = label, group = names(d$n), n = as.vector(d$n), observed = rowSums(
    as.matrix(d$obs)), expected = rowSums(as.matrix(d$exp)), chisq = d$chisq,
    df = length(d$n) - 1, p = pchisq(d$chisq, length(d$n) - 1, lower.tail = FALSE))
}
w(rbind(
  lr(survdiff(Surv(time, event) ~ sex, data = lung), "lung_sex"),
  lr(survdiff(Surv(time, event) ~ ph.ecog, data = lung), "lung_ecog"),
  lr(survdiff(Surv(time, status) ~ trt + strata(celltype), data = vet), "veteran_trt_strata")
), "ref_logrank.csv")

# Cox: coefficients, model-based, robust and cluster-robust SEs, tests, cox.zph (transform km).
cox <- function(fit, label) {
  s <- summary(fit)
  rob <- if (is.null(fit$naive.var)) NA else sqrt(diag(fit$var))
  naive <- if (is.null(fit$naive.var)) sqrt(diag(fit$var)) else sqrt(diag(fit$naive.var))
  z <- cox.zph(fit, transform = "km")
  list(
    coef = data.frame(case = label, term = names(coef(fit)), estimate = unname(coef(fit)),
      se = naive, robust_se = rob),
    fit = data.frame(case = label, loglik0 = fit$loglik[1], loglik = fit$loglik[2],
      lrt = s$logtest[["test"]], wald = unname(fit$wald.test), score = s$sctest[["test"]],
      robust_score = if (is.null(s$robscore)) NA else s$robscore[["test"]],
      iter = fit$iter, nevent = fit$nevent, n = fit$n),
    zph = data.frame(case = label, term = rownames(z$table), chisq = z$table[, "chisq"],
      df = z$table[, "df"], p = z$table[, "p"]))
}
fits <- list(
  cox(coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lung, ties = "efron"), "lung_efron"),
  cox(coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lung, ties = "breslow"),
    "lung_breslow"),
  cox(coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lung, robust = TRUE), "lung_robust"),
  cox(coxph(Surv(time, event) ~ age + sex + ph.ecog, data = lung, cluster = inst),
    "lung_cluster"),
  cox(coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = vet),
    "veteran_strata"),
  cox(coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = vet,
    ties = "breslow"), "veteran_strata_breslow"),
  cox(coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart,
    cluster = id), "heart_cluster"),
  cox(coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart,
    ties = "breslow"), "heart_breslow"))
w(do.call(rbind, lapply(fits, `[[`, "coef")), "ref_cox_coef.csv")
w(do.call(rbind, lapply(fits, `[[`, "fit")), "ref_cox_fit.csv")
w(do.call(rbind, lapply(fits, `[[`, "zph")), "ref_cox_zph.csv")
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "versions.txt")
