import Foundation

/// PNG copies of the report's SVG figures, rendered by `rsvg-convert` (Debian `librsvg2-bin`)
/// where it is installed; the SVG files are always written.
public enum PNGRenderer {
  /// A figure could not be rendered (the converter is missing, failed or printed nothing).
  public struct Failure: Error, Equatable, LocalizedError, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// The message.
    public var description: String { message }
    /// The message.
    public var errorDescription: String? { message }
  }

  /// The `rsvg-convert` program on `PATH`, or `nil`.
  public static var converter: URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("rsvg-convert")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  /// The PNG bytes of an SVG drawing at twice its size (sharp on screens and in print drafts).
  /// - Parameter svg: the SVG text.
  /// - Returns: the PNG file's bytes.
  /// - Throws: `Failure` when `rsvg-convert` is missing or fails.
  public static func png(svg: String) throws -> [UInt8] {
    guard let converter else {
      throw Failure(
        message: "PNG figures need rsvg-convert (Debian package librsvg2-bin); it is not installed")
    }
    let process = Process()
    process.executableURL = converter
    process.arguments = ["--format", "png", "--zoom", "2"]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw Failure(message: "rsvg-convert could not start: \(error.localizedDescription)")
    }
    // Feed the input on another thread so that a full output pipe cannot block the writer.
    let data = Data(svg.utf8)
    let writer = Thread {
      input.fileHandleForWriting.write(data)
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let png = output.fileHandleForReading.readDataToEndOfFile()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
      throw Failure(
        message: "rsvg-convert failed (status \(process.terminationStatus)): "
          + String(decoding: message.prefix(300), as: UTF8.self))
    }
    return [UInt8](png)
  }
}
