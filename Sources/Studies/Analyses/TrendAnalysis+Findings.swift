import Foundation
import Models

extension TrendAnalysis {
  /// Plain-language sentences that state the numbers and nothing more.
  func findings(points: [Point], suppressed: [Bool], fits: Fits) -> [String] {
    var out: [String] = []
    let label = seriesLabel.lowercased()
    let percent = Int((options.level * 100).rounded())
    for entry in fits.entries {
      let who = entry.group == nil ? "" : " (\(groupName(entry.group)))"
      guard let fit = entry.fit else {
        out.append("\(name)\(who): no trend fitted: \(entry.error ?? "").")
        continue
      }
      let ci = fit.confidenceIntervals
      // A coefficient that is zero up to rounding (a flat segment) reads as 0, not as 1e-30.
      let scale = fit.estimates.reduce(0) { max($0, abs($1)) }
      func number(_ x: Double) -> String { self.number(abs(x) < 1e-12 * scale ? 0 : x) }
      var sentence =
        "\(name)\(who): \(label) changes by \(number(fit.estimates[1])) per \(time)"
        + (fit.shape.breaks.isEmpty ? "" : " before the first break")
        + (fit.shape == .quadratic ? " at the first \(time)" : "") + " "
        + "(\(percent)% CI \(number(ci[1].low)) to \(number(ci[1].high)); "
        + "\(covarianceDescription(fit)); \(entry.points) points)"
      switch fit.shape {
      case .quadratic:
        sentence +=
          ", with a quadratic term of \(number(fit.estimates[2])) "
          + "(\(NumberText.pValue(fit.pValues[2])))"
      case .segmented(let breaks):
        for b in breaks {
          let year = NumberText.fixed(b, digits: 0)
          if let level = fit.terms.firstIndex(of: "level_\(year)"),
            let slope = fit.terms.firstIndex(of: "slope_\(year)")
          {
            sentence +=
              "; at \(year) the level changes by \(number(fit.estimates[level])) "
              + "(\(NumberText.pValue(fit.pValues[level]))) and the slope by "
              + "\(number(fit.estimates[slope])) (\(NumberText.pValue(fit.pValues[slope])))"
          }
        }
      case .linear: break
      }
      sentence += "."
      if let projection = fit.projection {
        sentence += " The " + projectionSentence(projection)
      }
      if let test = entry.mannKendall {
        sentence +=
          " Mann-Kendall: S = \(NumberText.fixed(test.s, digits: 0)), "
          + "\(NumberText.pValue(test.pValue)); Sen's slope \(number(test.sensSlope)) per \(time)."
      }
      out.append(sentence)
    }
    if let comparison = fits.comparison, let slope = comparison.gapSlope,
      let levels = Optional(fits.entries.map { $0.group ?? "" }), levels.count == 2
    {
      var sentence =
        "\(name): the difference (\(compare ?? "group") = \(levels[1]) minus "
        + "\(compare ?? "group") = \(levels[0])) changes by \(number(slope.estimate)) per \(time) "
        + "(SE \(number(slope.standardError)), classical"
      if let gap = comparison.gap, let se = gap.standardError("time"),
        let i = gap.terms.firstIndex(of: "time")
      {
        sentence +=
          "; \(covarianceDescription(gap)): SE \(number(se)), "
          + "\(NumberText.pValue(gap.pValues[i]))"
      }
      out.append(sentence + ").")
    } else if let error = fits.comparisonError {
      out.append("\(name): no gap trend fitted: \(error).")
    }
    out += fits.notes.map { "\(name): \($0)" }
    let hidden = suppressed.filter { $0 }.count
    if hidden > 0 {
      out.append(
        "\(name): \(hidden) of \(points.count) points are suppressed (too few learners) and not "
          + "modelled.")
    }
    return out
  }

  /// Four significant digits.
  func number(_ x: Double) -> String {
    x.isFinite ? String(format: "%.4g", x) : "NA"
  }
}
