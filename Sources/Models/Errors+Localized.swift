import Foundation

// Every public error of Models reads the same through `localizedDescription` as the CLI prints it
// (`description`), instead of Foundation's "The operation could not be completed".

/// `localizedDescription` is the error's `description`.
extension ModelError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension ConvergenceError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension DiDError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension StaggeredAdoptionError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension FixedEffectsError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}
