import DataTable
import Inference

/// The one reader that turns a covariance request (a type name, cluster columns, a small-sample
/// correction, panel columns and lags) into a `CovarianceType`, for `vetstat fit` and study
/// specs alike: both accept the same names and report the same mistakes, naming the option
/// (`vcov`, `cluster`, `small_sample`, `lags`), never a command-line flag.
public enum CovarianceReader {
  /// Covariance type names.
  public static let names = [
    "iid", "hc0", "hc1", "hc2", "hc3", "cluster", "hac", "driscoll-kraay",
  ]

  /// A mistake in a covariance request.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    /// The option at fault: `vcov`, `cluster`, `small_sample`, `lags`, `panel`.
    public let option: String
    /// What is wrong and how to fix it.
    public let message: String
    /// The message.
    public var description: String { message }
  }

  /// Reads a covariance request.
  /// - Parameters:
  ///   - name: the type name; `nil` means `cluster` when clusters are given, else `iid`.
  ///   - clusters: cluster columns (one or two), if given.
  ///   - smallSample: the small-sample correction's name, or `nil` for `defaultCorrection`.
  ///   - defaultCorrection: the correction when none is named.
  ///   - panelUnit: the panel's unit column (for `hac`).
  ///   - panelTime: the panel's time column (for `hac` and `driscoll-kraay`).
  ///   - lags: kernel lags of `hac` / `driscoll-kraay`.
  /// - Returns: the covariance type.
  /// - Throws: `Problem` naming the option.
  public static func read(
    name: String?, clusters: [String]?, smallSample: String?,
    defaultCorrection: SmallSampleCorrection = .default, panelUnit: String?, panelTime: String?,
    lags: Int?
  ) throws -> CovarianceType {
    let type = (name ?? (clusters == nil ? "iid" : "cluster")).lowercased()
    var correction = defaultCorrection
    if let smallSample {
      guard let preset = SmallSampleCorrection.presets[smallSample.lowercased()] else {
        throw Problem(
          option: "small_sample",
          message: "unknown small-sample correction '\(smallSample)' (choose "
            + SmallSampleCorrection.presets.keys.sorted().joined(separator: ", ") + ")")
      }
      correction = preset
    }
    if clusters != nil, type != "cluster" {
      throw Problem(
        option: "cluster",
        message: "cluster columns are only used with the cluster covariance (got \(type))")
    }
    if let lags, lags < 0 {
      throw Problem(option: "lags", message: "lags must be 0 or more, got \(lags)")
    }
    if lags != nil, type != "hac", type != "driscoll-kraay" {
      throw Problem(option: "lags", message: "lags are only used with hac or driscoll-kraay")
    }
    switch type {
    case "iid": return .iid
    case "hc0", "hc1", "hc2", "hc3": return .heteroskedastic(HCType(rawValue: type) ?? .hc1)
    case "cluster":
      guard let clusters, !clusters.isEmpty else {
        throw Problem(
          option: "cluster", message: "the cluster covariance needs one or two cluster columns")
      }
      guard clusters.count <= 2 else {
        throw Problem(
          option: "cluster", message: "clustering takes one or two columns, not \(clusters.count)")
      }
      return .cluster(clusters, correction)
    case "hac":
      guard let panelUnit, let panelTime else {
        throw Problem(option: "panel", message: "hac needs the panel's unit and time columns")
      }
      return .hac(unit: panelUnit, time: panelTime, lags: lags)
    case "driscoll-kraay":
      guard let panelTime else {
        throw Problem(option: "panel", message: "driscoll-kraay needs the panel's time column")
      }
      return .driscollKraay(time: panelTime, lags: lags)
    default:
      throw Problem(
        option: "vcov",
        message: "unknown covariance type '\(type)'"
          + (NameSuggestion.nearest(to: type, among: names).map { "; did you mean '\($0)'?" } ?? "")
          + " (choose \(names.joined(separator: ", ")))")
    }
  }
}
