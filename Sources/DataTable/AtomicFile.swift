/// Writing whole files so readers never see a half-written one.
public enum AtomicFile {
  /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
  /// - Parameters:
  ///   - bytes: the content.
  ///   - path: the destination.
  /// - Throws: `DataError.cannotWrite` with the system's reason.
  public static func write(_ bytes: [UInt8], to path: String) throws {
    try FileIO.writeAtomically(bytes, to: path)
  }
}
