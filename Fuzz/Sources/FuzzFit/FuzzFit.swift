import FuzzSupport
import VETStat

/// Models fitted end to end on small generated tables: the first bytes draw the table (sizes,
/// awkward values, missing values, constant and collinear columns arise naturally), the next
/// choose the model, the covariance and a formula from a grammar of the forms users write.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFit(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  var input = FuzzInput(start, count: count)
  let csv = FuzzTable.csv(from: &input)
  guard let table = try? CSVReader.read(bytes: Array(csv.utf8), name: "fuzz.csv") else {
    return 0
  }
  let right = [
    "x", "x + z", "x * z", "C(g)", "x + C(g)", "x:z", "I(x^2)", "log(w)", "x + z + C(g) + t",
    "(x + z + g)^2", "0 + x", "x + b", "poly(x, 2)",
  ]
  let response = ["y", "b", "w", "x"][input.choice(4)]
  var formula = "\(response) ~ \(right[input.choice(right.count)])"
  let absorb = input.choice(3)
  if absorb == 1 { formula += " | id" }
  if absorb == 2 { formula += " | id + t" }
  let covariances: [CovarianceType] = [
    .iid, .heteroskedastic(.hc1), .heteroskedastic(.hc3), .cluster(["id"], .stata),
    .cluster(["id", "t"], .fixest), .hac(unit: "id", time: "t", lags: input.choice(4)),
    .driscollKraay(time: "t", lags: nil),
  ]
  let vcov = covariances[input.choice(covariances.count)]
  switch input.choice(4) {
  case 0:
    if absorb == 0 {
      _ = try? OLS.fit(formula, data: table, weights: input.choice(2) == 1 ? "w" : nil, vcov: vcov)
    } else {
      _ = try? FixedEffects.fit(formula, data: table, vcov: vcov)
    }
  case 1:
    if absorb == 0 {
      _ = try? GLM.fit(formula, data: table, family: .logit, vcov: vcov)
    } else {
      _ = try? FixedEffectsGLM.fit(formula, data: table, family: .logit, vcov: vcov)
    }
  case 2:
    if absorb == 0 {
      _ = try? GLM.fit(formula, data: table, family: .poissonLog, vcov: vcov)
    } else {
      _ = try? FixedEffectsGLM.fit(formula, data: table, family: .poissonLog, vcov: vcov)
    }
  default:
    if absorb == 0 {
      _ = try? GLM.fit(formula, data: table, family: .probit, vcov: vcov)
    }
  }
  return 0
}
