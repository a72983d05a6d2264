import Models

/// The trend-model keys in the spelling of the dashboard issue and DESIGN.md, beside the
/// original ones: `degree: 1 | 2` for `model: linear | quadratic` (with `breaks:` degree 1 is the
/// segmented model), and `vcov: iid | hac`, `vcov: {hac: true}` or `vcov: {hac: {lags: L, prewhite: false}}` for
/// `hac`, `hac_lag` and `prewhite`. A spec uses one spelling per setting: both is an error.
extension TrendAnalysis {
  /// The model name `degree:` stands for (`linear`, `quadratic`, `segmented`), or `nil` when the
  /// key is absent or wrong (reported).
  /// - Parameters:
  ///   - r: the trend block.
  ///   - hasBreaks: whether `breaks:` are given.
  ///   - diagnostics: where problems are reported.
  /// - Returns: the model name.
  static func modelOfDegree(_ r: SpecReader, hasBreaks: Bool, diagnostics: SpecDiagnostics)
    -> String?
  {
    guard r.node("degree") != nil else { return nil }
    if r.node("model") != nil {
      diagnostics.report(
        r.child("degree"), line: r.line(of: "degree"),
        "give degree: or model:, not both (degree: 1 is model: linear, 2 quadratic)")
      return nil
    }
    guard let degree = r.int("degree") else { return nil }
    switch degree {
    case 1: return hasBreaks ? "segmented" : "linear"
    case 2:
      if hasBreaks {
        diagnostics.report(
          r.child("degree"), line: r.line(of: "degree"),
          "breaks: fit linear segments; use degree: 1 (or leave degree: out)")
        return nil
      }
      return "quadratic"
    default:
      diagnostics.report(
        r.child("degree"), line: r.line(of: "degree"),
        "degree must be 1 (linear) or 2 (quadratic), found \(degree)")
      return nil
    }
  }

  /// The Newey-West options `vcov:` asks for: `.some(nil)` for `iid`, `.some(options)` for HAC,
  /// `nil` when the key is absent or wrong (reported).
  /// - Parameters:
  ///   - r: the trend block.
  ///   - diagnostics: where problems are reported.
  /// - Returns: the covariance request.
  static func covarianceOfVcov(_ r: SpecReader, diagnostics: SpecDiagnostics)
    -> NeweyWestOptions??
  {
    guard let node = r.node("vcov") else { return nil }
    let older = ["hac", "hac_lag", "prewhite"].filter { r.node($0) != nil }
    if !older.isEmpty {
      diagnostics.report(
        r.child("vcov"), line: r.line(of: "vcov"),
        "give vcov: or \(older.joined(separator: "/")):, not both")
      return nil
    }
    if case .scalar(let text, _) = node.content {
      switch text.lowercased() {
      case "iid": return .some(nil)
      case "hac", "newey-west": return .some(NeweyWestOptions())
      default:
        diagnostics.report(
          r.child("vcov"), line: node.line,
          "vcov must be iid, hac or {hac: {lags: L, prewhite: true}}, found '\(text)'")
        return nil
      }
    }
    guard let v = r.mapping("vcov", allowed: ["hac"]) else { return nil }
    guard let hacNode = v.node("hac") else {
      diagnostics.report(r.child("vcov"), line: node.line, "vcov: {hac: {lags: L}} names no hac")
      return nil
    }
    if case .scalar = hacNode.content {
      guard let on = v.bool("hac") else { return nil }
      return .some(on ? NeweyWestOptions() : nil)
    }
    guard let hac = v.mapping("hac", allowed: ["lags", "prewhite"]) else { return nil }
    let lags = hac.int("lags")
    if let lags, lags < 0 {
      diagnostics.report(hac.child("lags"), line: hac.line(of: "lags"), "lags must be >= 0")
      return nil
    }
    return .some(NeweyWestOptions(lag: lags, prewhite: hac.bool("prewhite") ?? true))
  }
}
