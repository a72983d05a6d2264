extension Findings {
  /// What disclosure control a study applied, for the report's summary: how cells were counted, how
  /// many were suppressed by rule and how many as complements, which coefficients were withheld,
  /// and which identifying columns were withheld (by name only) and why.
  ///
  /// Only protections that were applied are claimed.
  /// - Parameter result: the finished study.
  /// - Returns: Markdown bullet lines (without the leading "- ").
  public static func protection(_ result: StudyResult) -> [String] {
    let study = result.study
    let settings = study.spec.disclosure
    let byLearner = study.spec.data?.panel?.unit != nil
    let unit = byLearner ? "learners" : "observations"
    var tally = SuppressionTally()
    for item in result.outcomes { tally.add(item.outcome.document) }
    var lines: [String] = []
    var counting =
      "Disclosure control: every published count, mean and share is suppressed (marked "
      + "\(ReportTable.suppressedMarker)) when its cell holds fewer than \(settings.minCell) "
    counting +=
      byLearner
      ? "distinct learners (the panel unit; N in the tables counts observations)"
      : "rows (no panel unit is declared, so a learner with several rows counts several times)"
    counting += ". \(tally.primary) cell(s) were suppressed by this rule"
    if settings.complementary {
      counting +=
        " and \(tally.secondary) more withheld so that they cannot be recovered from the other "
        + "cells of the same table (each table is protected on its own, not across tables)"
    } else {
      counting += "; complementary suppression is off, so a suppressed cell may be recoverable "
      counting += "from totals"
    }
    lines.append(counting + ".")
    if tally.models > 0 {
      var models =
        "Regression coefficients of a level or cell with fewer than \(settings.minCell) \(unit) "
        + "are withheld with their standard errors: \(tally.terms) withheld"
      if tally.smallSamples > 0 {
        models += "; \(tally.smallSamples) model(s) with fewer than \(settings.minCell) \(unit) "
        models += "in the estimation sample are withheld entirely"
      }
      if tally.unchecked > 0 {
        models += "; \(tally.unchecked) model(s) whose rows could not be rebuilt to count "
        models += "\(unit) are withheld entirely"
      }
      lines.append(models + ".")
    }
    let withheld = study.identifierPolicy.columns
    if withheld.isEmpty {
      lines.append(
        "No column was recognised as an identifier (by panel unit, name, declaration, "
          + "derivation, join key or values); check that no identifying column is published.")
    } else {
      let list = withheld.map { "`\($0.name)`, \($0.reason)" }.joined(separator: "; ")
      lines.append(
        "Identifiers withheld: \(list). They may link, cluster and absorb, but no value of "
          + "them is published.")
    }
    return lines
  }
}

/// Suppression counts gathered from the analyses' result documents.
struct SuppressionTally {
  var primary = 0
  var secondary = 0
  var models = 0
  var terms = 0
  var smallSamples = 0
  var unchecked = 0

  mutating func add(_ document: JSONValue) {
    guard case .object(let pairs) = document else { return }
    for (key, value) in pairs {
      guard case .object(let fields) = value else { continue }
      func int(_ name: String) -> Int {
        if case .integer(let n)? = fields.first(where: { $0.0 == name })?.1 { return n }
        return 0
      }
      if key == "disclosure" {
        primary += int("primary_suppressions")
        secondary += int("secondary_suppressions")
      } else if key == "coefficient_disclosure" {
        models += 1
        if case .array(let names)? = fields.first(where: { $0.0 == "suppressed_terms" })?.1 {
          terms += names.count
        }
        if case .bool(false)? = fields.first(where: { $0.0 == "checked" })?.1 {
          unchecked += 1
        } else if case .bool(true)? = fields.first(where: { $0.0 == "nobs_suppressed" })?.1 {
          smallSamples += 1
        }
      }
    }
  }
}
