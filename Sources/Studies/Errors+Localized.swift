import Foundation

// Every public error of Studies reads the same through `localizedDescription` as the CLI prints it
// (`description`), instead of Foundation's "The operation could not be completed".

/// `localizedDescription` is the error's `description`.
extension CovarianceReader.Problem: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension StudyRunError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension OutputFolderError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension StudyIOError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension SpecError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension AnalysisError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension TableExpressions.Problem: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension ExpressionError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension StudyProtectionError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension AuditInputError: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}

/// `localizedDescription` is the error's `description`.
extension PublicationRefused: LocalizedError {
  /// The error's `description`.
  public var errorDescription: String? { description }
}
