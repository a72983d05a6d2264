import Foundation
import VETStat

/// Exit codes of the `vetstat` command (DESIGN.md section 3).
public enum ExitStatus: Int32, Sendable {
  /// Success.
  case success = 0
  /// The analysis could not be completed (no convergence, a numerical failure).
  case analysisFailed = 1
  /// Bad input: usage, spec, data, formula.
  case badInput = 2

  /// The exit status an error stands for: mistakes in what the user gave are bad input; the rest
  /// means the analysis failed.
  public static func classify(_ error: any Error) -> ExitStatus {
    switch error {
    case is DataError, is PanelError, is FormulaError, is ModelError, is UsageError, is SpecError,
      is AnalysisError, is DiDError, is SurvivalError:
      return .badInput
    case let error as StudyRunError: return classify(error.underlying)
    case let error as OutputFolderError: return error.isBadInput ? .badInput : .analysisFailed
    default: return .analysisFailed
    }
  }
}

/// A mistake in how a command or option was used (unknown model name, missing companion option).
public struct UsageError: Error, Sendable, CustomStringConvertible {
  /// What is wrong and how to fix it.
  public let message: String

  /// Creates a usage error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

/// `localizedDescription` is the message the CLI prints.
extension UsageError: LocalizedError {
  /// The message.
  public var errorDescription: String? { message }
}
