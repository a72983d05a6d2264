import Foundation

/// An error that reads the same through `localizedDescription` as the CLI prints it (its
/// `description`), instead of Foundation's "The operation could not be completed".
///
/// The errors of Inference, Models and Studies conform in one line each
/// (`extension ModelError: DescribedError {}`).
public protocol DescribedError: LocalizedError {
  /// The message, as the CLI prints it.
  var description: String { get }
}

extension DescribedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

extension HypothesisError: DescribedError {}
