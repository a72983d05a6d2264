import Foundation

/// Runs the built `vetstat` executable as a user would and captures its output.
enum CLIRunner {
  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
    /// True when the process ended by a signal (a crash) rather than by exit.
    let crashed: Bool
  }

  /// The `vetstat` binary beside the test bundle (or `VETSTAT_BIN`).
  static var executable: URL {
    if let path = ProcessInfo.processInfo.environment["VETSTAT_BIN"] {
      return URL(fileURLWithPath: path)
    }
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return bundleDirectory.appendingPathComponent("vetstat")
  }

  static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
      stderr: String(decoding: stderrData, as: UTF8.self),
      crashed: process.terminationReason == .uncaughtSignal)
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vetstat-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
