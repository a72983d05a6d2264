import DataTable
import Dispatch
import Foundation

/// The SHA-256 of a data file, computed from the bytes the reader reads (`ByteTap`), on another
/// thread while the reader goes on: a study's provenance hash costs no second read of the file
/// and adds little time to the reading of a large one.
final class BackgroundHash: @unchecked Sendable {
  // `hasher` is touched only on `queue`; at most two pieces wait there (`slots`), so memory stays
  // at a few reading blocks however large the file.
  private let queue = DispatchQueue(label: "vetstat.data-hash")
  private let slots = DispatchSemaphore(value: 2)
  private var hasher = SHA256()

  /// The tap to hand to `DataReader.load(path:options:tap:)`.
  private(set) lazy var tap = ByteTap { [unowned self] bytes in self.feed(bytes) }

  /// Starts an empty hash.
  init() {}

  /// Hashes the next bytes of the file (copied: the reader reuses its buffer).
  private func feed(_ bytes: UnsafeRawBufferPointer) {
    let copy = [UInt8](bytes)
    slots.wait()
    queue.async { [self] in
      hasher.update(copy)
      slots.signal()
    }
  }

  /// The hex digest of every byte fed, once they are hashed.
  var value: String {
    queue.sync {
      var done = hasher
      return done.finalize().map { String(format: "%02x", $0) }.joined()
    }
  }
}
