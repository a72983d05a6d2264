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
    // The drawing goes through a temporary file, not a pipe: a converter that stops early can
    // then never break a write (SIGPIPE would end this process).
    let input = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-figure-\(UUID().uuidString).svg")
    do {
      try Data(svg.utf8).write(to: input)
    } catch {
      throw Failure(message: "the figure could not be handed to rsvg-convert: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = converter
    process.arguments = ["--format", "png", "--zoom", "2", input.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw Failure(message: "rsvg-convert could not start: \(error.localizedDescription)")
    }
    // Standard error is read on another thread so that neither pipe can fill and block.
    let messages = ErrorText()
    let reader = Thread { messages.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let png = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let message = messages.wait()
    guard process.terminationStatus == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
      throw Failure(
        message: "rsvg-convert failed (status \(process.terminationStatus)): "
          + String(decoding: message.prefix(300), as: UTF8.self))
    }
    return [UInt8](png)
  }
}

/// The converter's standard error, read on a thread and handed over once it ends.
private final class ErrorText: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var data = Data()

  func set(_ text: Data) {
    data = text
    done.signal()
  }

  func wait() -> Data {
    done.wait()
    return data
  }
}
