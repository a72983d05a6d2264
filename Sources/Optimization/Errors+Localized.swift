import Foundation

// Every public error of Optimization reads the same through `localizedDescription` as the CLI prints it
// (`description`), instead of Foundation's "The operation could not be completed".

/// `localizedDescription` is the error's `description`.
extension OptimizationError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}
