import Foundation

/// The concise text a result prints as (`print(fit)`, string interpolation), as R's `print` of a
/// fitted model: what was fitted, on how many observations, the coefficient table when there is
/// one, the fit measures and the warnings. Never the data-sized vectors (fitted values,
/// residuals, weights), which would turn one `print` into megabytes.
extension EstimationResult {
  /// The header, fit measures, named sections and warnings of the result, one item per line.
  public var printedSummary: String {
    var lines = PrintedSummaryParts.header(self)
    for section in sections {
      lines.append("\(section.title): \(section.rows.count) rows (section \"\(section.key)\")")
    }
    lines += PrintedSummaryParts.footer(self)
    return lines.joined(separator: "\n")
  }
}

extension RegressionFit {
  /// The header, the coefficient table (aliased terms shown as `NA`, as R prints them), the
  /// covariance type, fit measures and warnings, one item per line.
  public var printedSummary: String {
    var lines = PrintedSummaryParts.header(self)
    let statisticName = coefficientTable().statisticName
    var table: [[String]] = [
      ["", "Estimate", "Std. Error", "\(statisticName) value", "Pr(>|\(statisticName)|)"]
    ]
    for (term, row) in termRows() {
      guard let row else {
        table.append([term, "NA", "NA", "NA", "NA"])
        continue
      }
      table.append([
        term, PrintedSummaryParts.number(row.estimate),
        PrintedSummaryParts.number(row.standardError),
        PrintedSummaryParts.fixed(row.statistic), PrintedSummaryParts.pValue(row.pValue),
      ])
    }
    lines += PrintedSummaryParts.aligned(table)
    lines.append("Standard errors: \(covarianceType)")
    lines += PrintedSummaryParts.footer(self)
    return lines.joined(separator: "\n")
  }
}

/// The shared pieces of `printedSummary`.
enum PrintedSummaryParts {
  /// "model: formula", the observations and, when the fit did not converge, a line saying so.
  static func header(_ result: some EstimationResult) -> [String] {
    var lines = ["\(result.modelName): \(result.formula)", "Observations: \(result.nobs)"]
    let convergence = result.convergence
    if !convergence.converged {
      lines.append("NOT CONVERGED after \(convergence.iterations) iterations")
    }
    return lines
  }

  /// Fit measures on one line, then dropped terms and warnings.
  static func footer(_ result: some EstimationResult) -> [String] {
    var lines: [String] = []
    let measures = result.fitMeasures.compactMap { measure in
      measure.value.map { "\(measure.key) \(number($0))" }
    }
    if !measures.isEmpty { lines.append(measures.joined(separator: ", ")) }
    if !result.dropped.collinearTerms.isEmpty {
      lines.append("Dropped (collinear): " + result.dropped.collinearTerms.joined(separator: ", "))
    }
    lines += result.warnings.map { "Warning: \($0)" }
    return lines
  }

  /// Five significant digits, as R prints a coefficient table.
  static func number(_ value: Double) -> String {
    value.isFinite ? String(format: "%.5g", value) : "NA"
  }

  /// Three decimals for a test statistic.
  static func fixed(_ value: Double) -> String {
    value.isFinite ? String(format: "%.3f", value) : "NA"
  }

  /// A p-value with three significant digits, "< 2e-16" below machine precision as R prints it.
  static func pValue(_ value: Double) -> String {
    guard value.isFinite else { return "NA" }
    return value < 2e-16 ? "< 2e-16" : String(format: "%.3g", value)
  }

  /// Columns right-aligned to their widest cell, the first (term names) left-aligned.
  static func aligned(_ table: [[String]]) -> [String] {
    guard let columns = table.map(\.count).max() else { return [] }
    let widths = (0..<columns).map { column in
      table.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0
    }
    return table.map { row in
      row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + padding : padding + cell
      }.joined(separator: "  ")
    }
  }
}

extension EstimationResult {
  /// The printed summary, as `print(fit)` shows it once the result type declares
  /// `CustomStringConvertible`.
  public var description: String { printedSummary }
}
