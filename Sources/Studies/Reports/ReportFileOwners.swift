/// Who makes each file of a report: the report itself (the regression table and the coefficient
/// plot) or an analysis by name.
///
/// Used to name both producers when two files would share a path.
enum ReportFileOwners {
  /// Producers by lower-cased relative path, for every table and figure path the report can
  /// write (`tables/<id>.csv`, `tables/<id>.tex`, `figures/<id>.svg` and `.png`).
  static func owners(_ result: StudyResult) -> [String: [String]] {
    var tables: [(id: String, owner: String)] = []
    var figures: [(id: String, owner: String)] = []
    if result.outcomes.contains(where: { $0.outcome.regression != nil }) {
      tables.append(("regressions", "the report's regression table"))
      figures.append(("coefficients", "the report's coefficient plot"))
    }
    for item in result.outcomes {
      tables += item.outcome.tables.map { ($0.id, "analysis '\(item.name)'") }
      figures += item.outcome.figures.map { ($0.id, "analysis '\(item.name)'") }
    }
    var out: [String: [String]] = [:]
    for (id, owner) in tables {
      for ext in ["csv", "tex"] {
        out["tables/\(id).\(ext)".lowercased(), default: []].append(owner)
      }
    }
    for (id, owner) in figures {
      for ext in ["svg", "png"] {
        out["figures/\(id).\(ext)".lowercased(), default: []].append(owner)
      }
    }
    return out
  }
}
