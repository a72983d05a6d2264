# Reference values for the indicator kind (Tests/StudiesTests/IndicatorReferenceTests.swift):
# mean with a Student t interval (t.test) and share with a Wilson score interval
# (prop.test(correct = FALSE)) for the demo panel's 2015 women. R 4.2.2, base stats only.
# Run from the package root: Rscript Tests/Fixtures/studies/indicator_reference.R
d <- read.csv("datasets/demo/stem_scores_demo.csv")
s <- subset(d, year == 2015 & female == 1)
tt <- t.test(s$score)
pt <- prop.test(sum(s$stem_enrolled), nrow(s), correct = FALSE)
cat(sprintf("n = %d\n", nrow(s)))
cat(sprintf("mean = %.15g, low = %.15g, high = %.15g\n", mean(s$score), tt$conf.int[1], tt$conf.int[2]))
cat(sprintf("share = %.15g, low = %.15g, high = %.15g\n", pt$estimate, pt$conf.int[1], pt$conf.int[2]))
