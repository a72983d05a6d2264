# Reference values for VETStat's Goodman-Bacon decomposition (Tests/ModelsTests/BaconTests.swift).
# Run from this folder: Rscript make_reference.R
#
# bacondecomp_bacon.R is R/bacon.R of R package bacondecomp 0.1.3 (github evanjflack/bacondecomp,
# commit ec99dd0, MIT licence: bacondecomp_LICENSE). fixest is not installed here, so the one
# fixest call of the uncontrolled path (the 2x2 estimate, feols(outcome ~ treated | time + id))
# is replaced at load time by the same regression with dummy variables in lm(); every other line
# (groups, weights, rescaling) is the package's own.
src <- readLines("bacondecomp_bacon.R")
src <- sub(
  "estimate <- fixest::feols(outcome ~ treated | time + id,",
  "estimate <- lm(outcome ~ treated + factor(time) + factor(id),", src, fixed = TRUE)
src <- sub(")$coefficients[1]", ")$coefficients[\"treated\"]", src, fixed = TRUE)
eval(parse(text = src))

# Castle doctrine (Cheng and Hoekstra 2013), as shipped in bacondecomp (data/castle.rda).
load("castle.rda")
castle_out <- castle[, c("state", "year", "l_homicide", "post")]
write.csv(castle_out, "castle.csv", row.names = FALSE)
b <- bacon(l_homicide ~ post, data = castle, id_var = "state", time_var = "year")
write.csv(b, "castle_bacon.csv", row.names = FALSE)

# mpdta (R did), treatment on from first.treat.
m <- read.csv("../mpdta/mpdta.csv")
m$D <- as.integer(m$first.treat > 0 & m$year >= m$first.treat)
bm <- bacon(lemp ~ D, data = m, id_var = "countyreal", time_var = "year")
write.csv(bm, "mpdta_bacon.csv", row.names = FALSE)

writeLines(c(R.version.string), "versions.txt")
