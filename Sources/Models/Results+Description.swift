import Inference

// `print(fit)` shows the concise summary (the coefficient table, as R's `print`) instead of a
// dump of every stored vector; the text is `EstimationResult.printedSummary`.

extension OLSResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension GLMResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension FixedEffectsResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension FixedEffectsGLMResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension PanelResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension MixedModelResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension SunAbrahamResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension WildBootstrappedFit: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension CallawaySantAnnaResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension BaconDecompositionResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension KaplanMeierResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}

extension CoxResult: CustomStringConvertible {
  /// The printed summary.
  public var description: String { printedSummary }
}
