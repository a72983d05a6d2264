import DataTable
import Formula

/// The rows a model analysis fitted on, rebuilt from its spec for `CoefficientDisclosure`: the
/// formula's complete rows with the weight and cluster columns present, rows of zero weight
/// dropped, and for fixed effects (`| fe`) the levels with one observation dropped, together with
/// (binomial and count kinds) the levels whose outcome never varies, iterated as the estimators do.
///
/// The caller checks the count against the fit's own `nobs`.
enum EstimationSample {
  /// Kinds whose fixed-effect levels are dropped when the outcome is all 0 or all 1.
  static let binomialKinds: Set<String> = ["logit", "probit"]
  /// Kinds whose fixed-effect levels are dropped when the outcome is all 0.
  static let countKinds: Set<String> = ["poisson"]

  /// The design on the rows used, or `nil` when it cannot be rebuilt.
  static func design(
    _ formula: Formula, spec: AnalysisSpec, data: DataTable, panel: PanelIndex?
  ) -> DesignMatrix? {
    let extra = requiredColumns(spec).filter { data[$0] != nil }
    guard var design = try? DesignMatrix.build(formula, data: data, requiring: extra, panel: panel)
    else { return nil }
    var alive = [Bool](repeating: true, count: design.nobs)
    if let name = scalar(spec, "weights"), let weights = data[name]?.doubles() {
      for (i, row) in design.rows.enumerated() where !(weights[row] > 0) { alive[i] = false }
    }
    if !formula.fixedEffects.isEmpty {
      guard let codes = fixedEffectCodes(formula, data: data, rows: design.rows) else {
        return nil
      }
      dropUninformativeLevels(
        &alive, codes: codes, response: design.response ?? [], kind: spec.kind)
    }
    if alive.contains(false) {
      design = design.restricted(to: alive.indices.filter { alive[$0] })
    }
    return design
  }

  /// Weight, offset and cluster columns named by the analysis.
  static func requiredColumns(_ spec: AnalysisSpec) -> [String] {
    var out = ["weights", "offset"].compactMap { scalar(spec, $0) }
    guard case .mapping(let entries) = spec.node.content,
      let vcov = entries.first(where: { $0.key == "vcov" })?.value,
      case .mapping(let options) = vcov.content,
      let cluster = options.first(where: { $0.key == "cluster" })?.value
    else { return out }
    switch cluster.content {
    case .scalar(let name, _): out.append(name)
    case .sequence(let items):
      for item in items { if case .scalar(let name, _) = item.content { out.append(name) } }
    case .mapping: break
    }
    return out
  }

  /// The text of a scalar key of the analysis.
  static func scalar(_ spec: AnalysisSpec, _ key: String) -> String? {
    guard case .mapping(let entries) = spec.node.content,
      let node = entries.first(where: { $0.key == key })?.value,
      case .scalar(let text, _) = node.content
    else { return nil }
    return text
  }

  /// A level code per used row for each fixed effect (`a^b` interacts columns), or `nil` when a
  /// fixed effect is not plain columns.
  static func fixedEffectCodes(_ formula: Formula, data: DataTable, rows: [Int]) -> [[Int]]? {
    var out: [[Int]] = []
    for term in formula.fixedEffects {
      var columns: [Column] = []
      for node in term.variables {
        guard case .variable(let name, _) = node, let column = data[name] else { return nil }
        columns.append(column)
      }
      var index: [[String]: Int] = [:]
      out.append(
        rows.map { row in
          let key = columns.map { $0.stringValue(row) ?? "" }
          if let code = index[key] { return code }
          index[key] = index.count
          return index.count - 1
        })
    }
    return out
  }

  /// Drops singleton levels and (binomial and count kinds) levels whose outcome never varies,
  /// repeating until nothing changes.
  static func dropUninformativeLevels(
    _ alive: inout [Bool], codes: [[Int]], response: [Double], kind: String
  ) {
    let binomial = binomialKinds.contains(kind)
    let flatDrops = binomial || countKinds.contains(kind)
    var changed = true
    while changed {
      changed = false
      for factor in codes {
        let levels = (factor.max() ?? -1) + 1
        var count = [Int](repeating: 0, count: levels)
        var total = [Double](repeating: 0, count: levels)
        for i in alive.indices where alive[i] {
          count[factor[i]] += 1
          total[factor[i]] += response.isEmpty ? 0 : response[i]
        }
        for i in alive.indices where alive[i] {
          let g = factor[i]
          let flat = total[g] == 0 || (binomial && total[g] == Double(count[g]))
          if count[g] == 1 || (flatDrops && flat) {
            alive[i] = false
            changed = true
          }
        }
      }
    }
  }
}
