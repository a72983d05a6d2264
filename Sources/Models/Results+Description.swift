import Inference

// `print(fit)` shows the concise summary (the coefficient table, as R's `print`) instead of a
// dump of every stored vector: each result's `description` is its
// `EstimationResult.printedSummary` (the default in Inference/PrintedSummary.swift). A new result
// type adds its line here.

extension OLSResult: CustomStringConvertible {}
extension GLMResult: CustomStringConvertible {}
extension FixedEffectsResult: CustomStringConvertible {}
extension FixedEffectsGLMResult: CustomStringConvertible {}
extension PanelResult: CustomStringConvertible {}
extension MixedModelResult: CustomStringConvertible {}
extension SunAbrahamResult: CustomStringConvertible {}
extension WildBootstrappedFit: CustomStringConvertible {}
extension CallawaySantAnnaResult: CustomStringConvertible {}
extension BaconDecompositionResult: CustomStringConvertible {}
extension TrendResult: CustomStringConvertible {}
extension TrendComparisonResult: CustomStringConvertible {}
extension MannKendallResult: CustomStringConvertible {}
extension KaplanMeierResult: CustomStringConvertible {}
extension CoxResult: CustomStringConvertible {}
