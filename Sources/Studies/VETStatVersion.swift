/// The version of VETStat, written into results and printed by `vetstat --version`.
public enum VETStatVersion {
  /// Semantic version string.
  public static let current = "0.1.0"
}
