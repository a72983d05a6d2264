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
    if let share = settings.dominance, let group = study.spec.data?.panel?.group {
      counting +=
        ", or when one institution (`\(group)`) holds more than "
        + "\(NumberText.fixed(100 * share, digits: 0))% of its observations (dominance rule)"
    }
    let populations = result.protection.populations
    let primary = populations.reduce(0) { $0 + $1.primary }
    let secondary = populations.reduce(0) { $0 + $1.secondary }
    let tableCount = populations.reduce(0) { $0 + $1.tables.count }
    counting += "; empty groups are listed and suppressed alike in every table"
    counting += ". \(primary) cell(s) were suppressed by this rule"
    if settings.complementary {
      counting +=
        " and \(secondary) more withheld so that none can be recovered from anything the study "
        + "publishes: the cells to withhold were chosen over all \(tableCount) count table(s) at "
        + "once, linked by the rows they count (\(populations.count) population(s))"
      let heuristic = populations.filter { $0.method == .heuristic }.count
      let hypercube = populations.filter { $0.method == .hypercube }.count
      if secondary > 0 {
        counting +=
          heuristic + hypercube == 0
          ? ", with the fewest secondary cells possible (exact search)"
          : "; for \(heuristic + hypercube) population(s) the search was too large to prove the "
            + "fewest, so "
            + (hypercube == 0
              ? "a linear-programming-guided heuristic chose them"
              : "the hypercube method (repaired by a linear-programming-guided heuristic) chose "
                + "them, withholding more than the fewest")
      }
      counting +=
        ". Before the report was written, a linear-programming audit (as `vetstat audit`) "
        + "checked that every withheld count can still take values at least "
        + "\(settings.minCell) apart given everything published"
    } else {
      counting += "; complementary suppression is off, so a suppressed cell may be recoverable "
      counting += "from totals and other tables (the report was not audited for this)"
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

/// Coefficient suppression counts gathered from the analyses' result documents.
struct SuppressionTally {
  var models = 0
  var terms = 0
  var smallSamples = 0
  var unchecked = 0

  mutating func add(_ document: JSONValue) {
    guard case .object(let pairs) = document else { return }
    for (key, value) in pairs {
      guard case .object(let fields) = value else { continue }
      if key == "coefficient_disclosure" {
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
