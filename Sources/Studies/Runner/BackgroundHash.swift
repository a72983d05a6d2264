import Dispatch
import Foundation

/// The SHA-256 of a file, computed on another thread while the caller reads the same file: a
/// study's provenance hash then adds little time to the reading of a large data file.
final class BackgroundHash: @unchecked Sendable {
  // `result` is written once on the background thread before `group.leave()` and read only
  // after `group.wait()`.
  private let group = DispatchGroup()
  private var result: String?

  /// Starts hashing the file at `url`.
  /// - Parameter url: the file.
  init(fileAt url: URL) {
    group.enter()
    DispatchQueue.global().async { [self] in
      result = try? SHA256.hex(fileAt: url)
      group.leave()
    }
  }

  /// The hex digest, once computed, or `nil` when the file could not be read.
  var value: String? {
    group.wait()
    return result
  }
}
