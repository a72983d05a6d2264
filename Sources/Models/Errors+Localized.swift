import Inference

// Every public error of Models reads through `localizedDescription` as the CLI prints it.
extension ModelError: DescribedError {}
extension ConvergenceError: DescribedError {}
extension DiDError: DescribedError {}
extension StaggeredAdoptionError: DescribedError {}
extension FixedEffectsError: DescribedError {}
extension SurvivalError: DescribedError {}
extension TrendError: DescribedError {}
