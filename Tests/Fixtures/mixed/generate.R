# Reference values for the linear mixed model tests (Tests/ModelsTests/LinearMixedModelTests.swift).
# Run from this folder: Rscript generate.R
# Exports the data sets from R packages (nlme::Orthodont, datasets::ChickWeight, lme4::Pastes,
# lme4::Penicillin) and fits them with lme4::lmer + lmerTest (Satterthwaite df). sleepstudy.csv is
# the copy from ../shared/refdata/sleepstudy (columns Y = Reaction, U = Days, G = Subject).
# The optimiser runs with tolerances far tighter than lme4's defaults so that the values are the
# optimum itself, not where lme4's default stopping rule happens to stop.
suppressPackageStartupMessages({ library(lme4); library(lmerTest); library(nlme) })

orth <- as.data.frame(nlme::Orthodont)
orth <- data.frame(distance = orth$distance, age = orth$age,
                   Subject = as.character(orth$Subject), Sex = as.character(orth$Sex))
write.csv(orth, "orthodont.csv", row.names = FALSE)
chick <- as.data.frame(datasets::ChickWeight)
chick <- data.frame(weight = chick$weight, Time = chick$Time,
                    Chick = as.character(chick$Chick), Diet = as.integer(as.character(chick$Diet)))
write.csv(chick, "chickweight.csv", row.names = FALSE)
pastes <- data.frame(strength = Pastes$strength, batch = as.character(Pastes$batch),
                     cask = as.character(Pastes$cask))
write.csv(pastes, "pastes.csv", row.names = FALSE)
pen <- data.frame(diameter = Penicillin$diameter, plate = as.character(Penicillin$plate),
                  sample = as.character(Penicillin$sample))
write.csv(pen, "penicillin.csv", row.names = FALSE)

sleep <- read.csv("sleepstudy.csv")
sleep$G <- as.character(sleep$G)
orth <- read.csv("orthodont.csv")
chick <- read.csv("chickweight.csv"); chick$Chick <- as.character(chick$Chick)
chick$Diet <- factor(chick$Diet)
pastes <- read.csv("pastes.csv")
pen <- read.csv("penicillin.csv")

tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(ftol_abs = 1e-14, ftol_rel = 1e-15, xtol_abs = 1e-12,
                                    xtol_rel = 0, maxeval = 1e6),
                     check.conv.singular = "ignore")

rows <- list()
add <- function(model, kind, name, value) {
  rows[[length(rows) + 1]] <<- data.frame(model = model, kind = kind, name = name,
                                          value = sprintf("%.17g", value))
}

record <- function(model, formula, data, REML = TRUE, blups = 2) {
  fit <- lmerTest::lmer(formula, data = data, REML = REML, control = tight)
  s <- summary(fit)$coefficients
  for (i in seq_len(nrow(s))) {
    name <- rownames(s)[i]
    add(model, "beta", name, s[i, "Estimate"])
    add(model, "se", name, s[i, "Std. Error"])
    add(model, "df", name, s[i, "df"])
  }
  th <- getME(fit, "theta")
  for (i in seq_along(th)) add(model, "theta", names(th)[i], th[i])
  vc <- as.data.frame(VarCorr(fit))
  for (i in seq_len(nrow(vc))) {
    if (vc$grp[i] == "Residual") next
    if (is.na(vc$var2[i])) add(model, "var", paste(vc$grp[i], vc$var1[i], sep = "|"), vc$vcov[i])
    else add(model, "cor", paste(vc$grp[i], vc$var1[i], vc$var2[i], sep = "|"), vc$sdcor[i])
  }
  add(model, "sigma2", "", sigma(fit)^2)
  add(model, "criterion", if (REML) "REML" else "deviance",
      if (REML) REMLcrit(fit) else deviance(fit))
  add(model, "loglik", "", as.numeric(logLik(fit)))
  add(model, "aic", "", AIC(fit))
  add(model, "bic", "", BIC(fit))
  re <- ranef(fit, condVar = TRUE)
  for (g in names(re)) {
    r <- re[[g]]
    pv <- attr(r, "postVar")
    for (l in seq_len(min(blups, nrow(r)))) for (j in seq_len(ncol(r))) {
      add(model, "blup", paste(g, rownames(r)[l], colnames(r)[j], sep = "|"), r[l, j])
      # postVar is one array per group when the group has one term (a list otherwise: skipped).
      if (length(dim(pv)) == 3 && dim(pv)[1] == ncol(r))
        add(model, "condvar", paste(g, rownames(r)[l], colnames(r)[j], sep = "|"), pv[j, j, l])
    }
  }
}

record("sleep_reml", Y ~ U + (U | G), sleep)
record("sleep_ml", Y ~ U + (U | G), sleep, REML = FALSE)
record("sleep_intercept", Y ~ U + (1 | G), sleep)
record("sleep_uncorrelated", Y ~ U + (U || G), sleep)
record("orthodont", distance ~ age + Sex + (age | Subject), orth)
record("chickweight", weight ~ Time + Diet + (Time | Chick), chick)
record("pastes", strength ~ 1 + (1 | batch/cask), pastes)
record("penicillin", diameter ~ 1 + (1 | plate) + (1 | sample), pen)
record("penicillin_ml", diameter ~ 1 + (1 | plate) + (1 | sample), pen, REML = FALSE)

# Likelihood-ratio test of nested ML fits (anova refits REML fits by ML; the tests fit ML).
m1 <- lmer(Y ~ U + (U | G), sleep, REML = FALSE, control = tight)
m0 <- lmer(Y ~ U + (1 | G), sleep, REML = FALSE, control = tight)
lrt <- anova(m0, m1)
add("sleep_lrt", "chisq", "", lrt$Chisq[2])
add("sleep_lrt", "df", "", lrt$Df[2])
add("sleep_lrt", "pvalue", "", lrt[["Pr(>Chisq)"]][2])

out <- do.call(rbind, rows)
write.csv(out, "reference.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("lme4", packageVersion("lme4")),
             paste("lmerTest", packageVersion("lmerTest")), paste("nlme", packageVersion("nlme")),
             paste("Matrix", packageVersion("Matrix"))), "versions.txt")
