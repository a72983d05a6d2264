import DataTable
import Inference
import Models

extension TrendAnalysis {
  /// The outcome once the study-wide suppression is known (all `false` for a ready-made series).
  func outcome(
    points: [Point], suppressed: [Bool], countSuppressed: [Bool]? = nil,
    population: Population?, split: BinarySplit? = nil, unprotectedSplit: BinarySplit? = nil,
    context: AnalysisContext
  ) -> AnalysisOutcome {
    let countSuppressed = countSuppressed ?? suppressed
    let (effective, notes) = flaggedOptions(points)
    var fits = self.fits(points: points, suppressed: suppressed, options: effective)
    fits.notes = notes
    let label = seriesLabel
    let heading = title ?? "Trend of \(label.lowercased()) by \(time)"
    var figures: [Figure] = []
    if let figure = figure(points: points, suppressed: suppressed, fits: fits, heading: heading) {
      figures.append(figure)
    }
    return AnalysisOutcome(
      document: document(
        points: points, suppressed: suppressed, countSuppressed: countSuppressed, fits: fits,
        population: population,
        binary: split?.json ?? unprotectedSplit?.json(protected: false), context: context),
      tables: [
        seriesTable(
          points: points, suppressed: suppressed, countSuppressed: countSuppressed,
          heading: heading, shares: split != nil || unprotectedSplit != nil,
          limitNote: unprotectedSplit.map { BinarySplit.limitNote($0.variable) }, context: context),
        trendTable(fits: fits, heading: heading),
      ],
      figures: figures,
      findings: findings(points: points, suppressed: suppressed, fits: fits))
  }

  /// "Share of stem_enrolled", "Mean of score", or the value column.
  var seriesLabel: String {
    guard let measure, let measureText else { return valueColumn ?? "value" }
    let t = measureText.trimmingCharacters(in: .whitespaces)
    let inner =
      t.firstIndex(of: "(").map { String(t[t.index(after: $0)..<t.index(before: t.endIndex)]) } ?? t
    return "\(measure == .share ? "Share" : "Mean") of \(inner)"
  }

  /// A group's name for people (`female = 1`, an indicator's `female = 1, track = stem`, or
  /// `overall`).
  func groupName(_ group: String?) -> String {
    guard let group else { return "overall" }
    return compare.map { "\($0) = \(group)" } ?? group
  }

  /// The result document: the series cells, one trend document per series, the gap trend and
  /// the Mann-Kendall tests.
  func document(
    points: [Point], suppressed: [Bool], countSuppressed: [Bool], fits: Fits,
    population: Population?, binary: JSONValue?, context: AnalysisContext
  ) -> JSONValue {
    let cells: [JSONValue] = points.indices.map { i in
      let p = points[i]
      let by = Grouping.json(p.levels, columns: variables)
      if suppressed.indices.contains(i) && suppressed[i] {
        let n = countSuppressed.indices.contains(i) && !countSuppressed[i] ? p.n : nil
        return .object([
          ("by", by), ("n", n.map { .integer($0) } ?? .null), ("estimate", .null),
          ("std_error", .null),
          ("conf_low", .null), ("conf_high", .null), ("suppressed", .bool(true)),
        ])
      }
      return .object([
        ("by", by), ("n", p.n.map { .integer($0) } ?? .null), ("estimate", .number(p.estimate)),
        ("std_error", .number(p.standardError)), ("conf_low", .number(p.low)),
        ("conf_high", .number(p.high)), ("suppressed", .bool(false)),
      ])
    }
    var document: [(String, JSONValue)] = [
      ("schema", .string(ResultDocument.schema)), ("model", .string("trend")),
      ("measure", measureText.map { .string($0) } ?? .null),
      ("value", valueColumn.map { .string($0) } ?? .null),
      ("time", .string(time)), ("compare", compare.map { .string($0) } ?? .null),
      ("conf_level", .number(options.level)),
    ]
    if let population {
      let primary = points.filter(\.sensitive).count
      let hidden = suppressed.filter { $0 }.count
      if let binary { document.append(("binary", binary)) }
      document += [
        ("population", .string(population.id)),
        ("population_description", .string(population.description)),
        (
          "disclosure",
          .object([
            ("min_cell", .integer(context.disclosure.minCell)),
            ("counted_in", .string(context.panel?.unit == nil ? "rows" : "learners")),
            ("suppressed_cells", .integer(hidden)),
            ("primary_suppressions", .integer(primary)),
            ("secondary_suppressions", .integer(hidden - primary)),
            ("suppressed_points_modelled", .bool(false)),
          ])
        ),
      ]
    }
    document.append(("cells", .array(cells)))
    document.append(("notes", .array(fits.notes.map { .string($0) })))
    document.append(("trend", trendEntries(fits)))
    if compare != nil {
      if let comparison = fits.comparison {
        var object: [(String, JSONValue)] = [
          ("formula", .string(comparison.formula)), ("nobs", .integer(comparison.nobs)),
          ("df_residual", .integer(comparison.residualDegreesOfFreedom)),
        ]
        object += comparison.sections.map { ($0.key, ResultDocument.value(of: $0)) }
        object.append(("warnings", .array(comparison.warnings.map { .string($0) })))
        document.append(("gap_trend", .object(object)))
      } else {
        document.append(
          ("gap_trend", .object([("error", .string(fits.comparisonError ?? "not fitted"))])))
      }
    }
    return .object(document)
  }

  /// One document per fitted series: its group, points, coefficients, breaks, projection,
  /// target probability and Mann-Kendall test (`extra` adds keys after the group).
  func trendEntries(_ fits: Fits, extra: (String?) -> [(String, JSONValue)] = { _ in [] })
    -> JSONValue
  {
    .array(
      fits.entries.map { entry in
        var object: [(String, JSONValue)] = [("group", entry.group.map { .string($0) } ?? .null)]
        object += extra(entry.group)
        object.append(("points", .integer(entry.points)))
        if let fit = entry.fit {
          object += Self.fitDocument(fit)
        } else {
          object.append(("error", .string(entry.error ?? "not fitted")))
        }
        if let test = entry.mannKendall {
          object.append(
            (
              "mann_kendall",
              .object(
                test.fitMeasures.map { ($0.key, .number($0.value)) }
                  + [("trend", .string(test.trend))])
            ))
        }
        return .object(object)
      })
  }

  /// The keys of one fitted trend in the result document.
  static func fitDocument(_ fit: TrendResult) -> [(String, JSONValue)] {
    var object: [(String, JSONValue)] = [
      ("model", .string(fit.shape.name)), ("formula", .string(fit.formula)),
      ("vcov", .string(fit.covarianceName)), ("nobs", .integer(fit.nobs)),
      ("df_residual", .integer(fit.residualDegreesOfFreedom)),
    ]
    object += fit.sections.map { ($0.key, ResultDocument.value(of: $0)) }
    object += [
      ("fit", .object(fit.fitMeasures.map { ($0.key, .number($0.value)) })),
      ("target_probability", .number(fit.projection?.targetProbability)),
      ("converged", .bool(fit.convergence.converged)),
      ("iterations", .integer(fit.convergence.iterations)),
      ("warnings", .array(fit.warnings.map { .string($0) })),
    ]
    return object
  }

  /// The series table: one row per point, withheld points marked.
  func seriesTable(
    points: [Point], suppressed: [Bool], countSuppressed: [Bool], heading: String,
    shares: Bool, limitNote: String?, context: AnalysisContext
  ) -> ReportTable {
    let header = variables + ["N", "Estimate", "CI low", "CI high"]
    let rows: [[ReportTable.Cell]] = points.indices.map { i in
      let p = points[i]
      var row: [ReportTable.Cell] = p.levels.map { .text($0) }
      // A share may be withheld beside its published N (see BinarySplit).
      let countHidden = countSuppressed.indices.contains(i) && countSuppressed[i]
      row.append(countHidden ? .suppressed : p.n.map { .count($0) } ?? .empty)
      if suppressed.indices.contains(i) && suppressed[i] {
        return row + Array(repeating: .suppressed, count: 3)
      }
      row.append(p.estimate.isFinite ? .number(p.estimate, digits: 3) : .empty)
      row.append(p.low.map { .number($0, digits: 3) } ?? .empty)
      row.append(p.high.map { .number($0, digits: 3) } ?? .empty)
      return row
    }
    var notes: [String] = []
    if valueColumn == nil {
      notes.append(DescribeAnalysis.countNote(context))
      notes.append(
        "\(Int((options.level * 100).rounded()))% confidence intervals "
          + "(\(measure == .share ? "Wilson score" : "Student t")).")
    }
    if suppressed.contains(true) {
      notes.append(DescribeAnalysis.suppressionNote(context, shares: shares))
      notes.append("Suppressed points are not used by the trend model.")
    }
    if let limitNote { notes.append(limitNote) }
    return ReportTable(id: name, title: heading, header: header, rows: rows, notes: notes)
  }

  /// The trend table: coefficients of every fitted series and of the gap.
  func trendTable(fits: Fits, heading: String) -> ReportTable {
    var rows: [[ReportTable.Cell]] = []
    var notes: [String] = fits.notes
    for entry in fits.entries {
      guard let fit = entry.fit else {
        notes.append("\(groupName(entry.group)): not fitted (\(entry.error ?? "")).")
        continue
      }
      for (i, term) in fit.terms.enumerated() {
        rows.append([
          .text(groupName(entry.group)), .text(term), .number(fit.estimates[i], digits: 4),
          .number(fit.standardErrors[i], digits: 4), .text(NumberText.pValue(fit.pValues[i])),
        ])
      }
      notes += fit.warnings.map { "\(groupName(entry.group)): \($0)." }
      if let projection = fit.projection {
        notes.append("\(groupName(entry.group)): " + projectionSentence(projection))
      }
    }
    if let comparison = fits.comparison, let gap = comparison.gap {
      let name =
        "gap (\(compare ?? "group") \(fits.entries.last?.group ?? "") - "
        + "\(fits.entries.first?.group ?? ""))"
      for (i, term) in gap.terms.enumerated() {
        rows.append([
          .text(name), .text(term), .number(gap.estimates[i], digits: 4),
          .number(gap.standardErrors[i], digits: 4), .text(NumberText.pValue(gap.pValues[i])),
        ])
      }
    }
    if let first = fits.entries.compactMap(\.fit).first {
      notes.insert(
        "\(first.shape.name.capitalized) trend; time counts years from \(NumberText.fixed(first.origin, digits: 0)); "
          + "standard errors: \(covarianceDescription(first)).", at: 0)
    }
    return ReportTable(
      id: name + "_trend", title: heading + ": trend model",
      header: ["Series", "Term", "Estimate", "Std. error", "p"], rows: rows, notes: notes)
  }

  /// How the standard errors were formed, in words.
  func covarianceDescription(_ fit: TrendResult) -> String {
    switch fit.covarianceName {
    case "newey_west":
      return "Newey-West (Bartlett, lag \(fit.hacLag ?? 0)"
        + "\(fit.hacPrewhitened == true ? ", prewhitened" : ""))"
    case "prais_winsten":
      return "Prais-Winsten AR(1), rho \(NumberText.fixed(fit.rho ?? .nan, digits: 3))"
    default: return "classical least squares"
    }
  }

  /// A probability to three decimals, with the ends written `< 0.001` and `> 0.999` (a model's
  /// tail probability is never exactly 0 or 1).
  static func probabilityText(_ p: Double) -> String {
    if p < 0.0005 { return "< 0.001" }
    if p > 0.9995 { return "> 0.999" }
    return NumberText.fixed(p, digits: 3)
  }

  /// The projection in words, with the target probability and its verdict.
  func projectionSentence(_ p: TrendProjection) -> String {
    var text =
      "projected \(NumberText.fixed(p.time, digits: 0)) value \(NumberText.fixed(p.estimate, digits: 3)) "
      + "(\(Int((p.level * 100).rounded()))% prediction interval "
      + "\(NumberText.fixed(p.predictionLow, digits: 3)) to \(NumberText.fixed(p.predictionHigh, digits: 3)))"
    if let probability = p.targetProbability, let value = p.target.value {
      let side = p.target.direction == .atLeast ? "at least" : "at most"
      let verdict = probability >= 0.5 ? "on course" : "not on course"
      text +=
        "; probability of \(side) \(NumberText.fixed(value, digits: 3)) is "
        + "\(Self.probabilityText(probability)): \(verdict) "
        + "(on course means a probability of at least 0.5)"
    }
    return text + "."
  }
}
