import DataTable
import Foundation
import Models

extension DiDAnalysis {
  /// A Callaway and Sant'Anna fit outside a study (`vetstat fit --model did`): the result
  /// document that a `kind: did` analysis publishes in `results.json` and its two tables.
  public struct FitOutput: Sendable {
    /// The result document, counts below the minimum cell size withheld as in a study.
    public let document: JSONValue
    /// The group-time effects ATT(g,t) and the aggregated effects.
    public let tables: [ReportTable]
    /// The fit itself.
    public let result: CallawaySantAnnaResult
  }

  /// A Callaway and Sant'Anna analysis named `name` (the kind's spec keys, already read).
  init(
    name: String, options: CallawaySantAnnaOptions, window: ClosedRange<Double>?,
    balanceEvents: Double?
  ) {
    self.name = name
    self.method = .callawaySantAnna
    self.options = options
    self.window = window
    self.balanceEvents = balanceEvents
    self.title = nil
  }

  /// Fits Callaway and Sant'Anna as a `kind: did`, `method: callaway-santanna` analysis does,
  /// and returns what the study would publish for it.
  /// - Parameters:
  ///   - data: the table.
  ///   - options: columns and design (the spec keys `outcome`, `first_treated`, `control`...).
  ///   - window: event times of the dynamic aggregation (spec `window`).
  ///   - balanceEvents: spec `balance_e`.
  ///   - minCell: counts of units below this are withheld (a study's `disclosure.min_cell`).
  /// - Throws: `DiDError` and `FormulaError` as `CallawaySantAnna.fit`.
  /// - Returns: the document, tables and fit.
  public static func fitCallawaySantAnna(
    data: DataTable, options: CallawaySantAnnaOptions, window: ClosedRange<Double>? = nil,
    balanceEvents: Double? = nil, minCell: Int = DisclosureSettings.default.minCell
  ) throws -> FitOutput {
    let analysis = DiDAnalysis(
      name: "did", options: options, window: window, balanceEvents: balanceEvents)
    let result = try CallawaySantAnna.fit(
      data: data, options: options, window: window, balanceEvents: balanceEvents)
    return FitOutput(
      document: analysis.document(result, minCell: minCell), tables: analysis.tables(result),
      result: result)
  }
}
