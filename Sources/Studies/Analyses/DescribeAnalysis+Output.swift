import DataTable

extension DescribeAnalysis {
  /// The tables, result document and counts once the study-wide suppression is known.
  /// - Parameters:
  ///   - parts: the count tables and their statistics.
  ///   - suppressed: per part, per cell: withheld.
  ///   - context: disclosure settings and panel.
  /// - Returns: the rendered outcome.
  func outcome(parts: [DescribePart], suppressed: [[Bool]], context: AnalysisContext)
    -> AnalysisOutcome
  {
    var numericRows: [[ReportTable.Cell]] = []
    var levelRows: [[ReportTable.Cell]] = []
    var numericJSON: [JSONValue] = []
    var levelJSON: [JSONValue] = []
    var numericHidden = false
    var levelHidden = false
    var primary = 0
    var withheld = 0
    var populations: [String] = []
    for (p, part) in parts.enumerated() {
      let hidden = p < suppressed.count ? suppressed[p] : part.table.cells.map { _ in true }
      let population = part.table.population
      if !populations.contains(population.id) { populations.append(population.id) }
      // A split numeric part lists three count cells per published cell (see BinarySplit).
      let width = part.split == nil ? 1 : 3
      let (flags, countFlags) = BinarySplit.flags(hidden, split: part.split)
      for i in flags.indices {
        let counted = part.table.cells[(i * width)..<min((i + 1) * width, part.table.cells.count)]
        if BinarySplit.sensitive(Array(counted), minCell: context.disclosure.minCell) {
          primary += 1
        }
        if flags[i] { withheld += 1 }
        let cell = part.table.cells[i * width]
        let group = Array(cell.levels.prefix(by.count))
        let groupText: [ReportTable.Cell] = group.map { .text($0 ?? "All") }
        if part.categorical {
          levelHidden = levelHidden || hidden[i]
          let level = cell.levels.last ?? nil
          let total = part.table.cells[part.totalCell[i]]
          // The share needs the group's total: withheld with it.
          let shareShown = !hidden[i] && !hidden[part.totalCell[i]] && total.count > 0
          let share = shareShown ? Double(cell.count) / Double(total.count) : nil
          levelRows.append(
            groupText + [.text(part.variable), .text(level ?? "All")]
              + (hidden[i]
                ? [.suppressed, .suppressed]
                : [
                  .count(cell.count),
                  share.map { .number(100 * $0, digits: 1) }
                    ?? (shareShown || total.count == 0 ? .empty : .suppressed),
                ]))
          levelJSON.append(
            .object([
              ("by", Grouping.json(levels: group, columns: by)),
              ("variable", .string(part.variable)),
              ("level", level.map { .string($0) } ?? .null),
              ("n", hidden[i] ? .null : .integer(cell.count)),
              ("share", .number(share)), ("suppressed", .bool(hidden[i])),
              ("population", .string(population.id)),
            ]))
        } else {
          // The mean of a 0/1 variable may be withheld beside its published N (BinarySplit).
          let hidden = flags
          numericHidden = numericHidden || hidden[i] || countFlags[i]
          let s = part.moments[i]
          let shown: [ReportTable.Cell] =
            [countFlags[i] ? .suppressed : .count(s.n)]
            + (hidden[i]
              ? [.suppressed, .suppressed]
              : [
                s.mean.isFinite ? .number(s.mean, digits: 3) : .empty,
                s.sd.isFinite ? .number(s.sd, digits: 3) : .empty,
              ])
          numericRows.append(groupText + [.text(part.variable)] + shown)
          numericJSON.append(
            .object([
              ("by", Grouping.json(levels: group, columns: by)),
              ("variable", .string(part.variable)),
              ("n", countFlags[i] ? .null : .integer(s.n)),
              ("mean", hidden[i] ? .null : .number(s.mean)),
              ("sd", hidden[i] ? .null : .number(s.sd)), ("suppressed", .bool(hidden[i])),
              ("population", .string(population.id)),
            ]))
        }
      }
    }
    let note = Self.suppressionNote(
      context, shares: parts.contains { $0.split != nil || $0.unprotectedSplit != nil })
    let limitNotes = parts.compactMap {
      $0.unprotectedSplit.map { BinarySplit.limitNote($0.variable) }
    }
    var tables: [ReportTable] = []
    if parts.contains(where: { !$0.categorical }) {
      tables.append(
        ReportTable(
          id: "\(name)_numeric",
          title: tableTitle(default: "Descriptive statistics"),
          header: by + ["Variable", "N", "Mean", "SD"], rows: numericRows,
          notes: [Self.countNote(context)] + (numericHidden ? [note] : []) + limitNotes))
    }
    if parts.contains(where: \.categorical) {
      tables.append(
        ReportTable(
          id: "\(name)_levels",
          title: tableTitle(default: "Counts and shares"),
          header: by + ["Variable", "Level", "N", "Share (%)"], rows: levelRows,
          notes: [
            "Share: percent of the group's non-missing values; All: the total over the column.",
            Self.countNote(context),
          ] + (levelHidden ? [note] : [])))
    }
    // The counts that the means of 0/1 variables reveal, for an auditor (see BinarySplit).
    let binary = parts.compactMap {
      $0.split?.json ?? $0.unprotectedSplit?.json(protected: false)
    }
    let document = JSONValue.object(
      [
        ("schema", .string(ResultDocument.schema)), ("model", .string("describe")),
        ("by", .array(by.map { .string($0) })),
        ("populations", .array(populations.map { .string($0) })),
        (
          "disclosure",
          .object([
            ("min_cell", .integer(context.disclosure.minCell)),
            ("counted_in", .string(context.panel?.unit == nil ? "rows" : "learners")),
            ("primary_suppressions", .integer(primary)),
            ("secondary_suppressions", .integer(withheld - primary)),
          ])
        ),
        ("variables", .array(numericJSON)), ("levels", .array(levelJSON)),
      ] + (binary.isEmpty ? [] : [("binary", .array(binary))]))
    return AnalysisOutcome(document: document, tables: tables)
  }
}
