import Foundation

// Every public error of Disclosure reads the same through `localizedDescription` as the CLI prints it
// (`description`), instead of Foundation's "The operation could not be completed".

/// `localizedDescription` is the error's `description`.
extension DisclosureError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension LinearProgramError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}
