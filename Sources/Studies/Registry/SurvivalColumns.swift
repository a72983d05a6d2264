import Models

/// The spell columns of a survival model requested outside a study (`vetstat fit --model cox`):
/// exit time, event, optional entry time and strata, and the tie handling.
public struct SurvivalColumns: Sendable, Equatable {
  /// Exit time column.
  public var time: String
  /// Event column (0/1).
  public var event: String
  /// Entry time column (delayed entry, counting-process data), if any.
  public var entry: String?
  /// Strata column (separate baseline hazards), if any.
  public var strata: String?
  /// Efron (default) or Breslow ties.
  public var ties: CoxTies

  /// Creates the columns.
  /// - Parameters: as the properties.
  public init(
    time: String, event: String, entry: String? = nil, strata: String? = nil,
    ties: CoxTies = .efron
  ) {
    self.time = time
    self.event = event
    self.entry = entry
    self.strata = strata
    self.ties = ties
  }
}
