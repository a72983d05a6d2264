# cox.zph per model term (R survival's default terms = TRUE): the columns of a factor are tested
# together (df = its number of columns), plus GLOBAL. Reads lung.csv and veteran.csv (written by
# generate.R) and writes ref_cox_zph_terms.csv. Run from this folder: Rscript generate_zph_terms.R
suppressPackageStartupMessages(library(survival))
options(digits = 17)
lung <- read.csv("lung.csv")
vet <- read.csv("veteran.csv")
zph <- function(fit, label) {
  z <- cox.zph(fit, transform = "km", terms = TRUE)
  data.frame(case = label, term = rownames(z$table), chisq = z$table[, "chisq"],
    df = z$table[, "df"], p = z$table[, "p"])
}
out <- rbind(
  zph(coxph(Surv(time, event) ~ age + sex + factor(ph.ecog), data = lung, ties = "efron"),
    "lung_ecog_factor"),
  zph(coxph(Surv(time, status) ~ trt + karno + celltype + age, data = vet, ties = "breslow"),
    "veteran_celltype_breslow"),
  zph(coxph(Surv(time, status) ~ karno + celltype + strata(trt), data = vet),
    "veteran_celltype_strata"))
write.csv(out, "ref_cox_zph_terms.csv", row.names = FALSE)
