import ArgumentParser
import VETStat

/// `vetstat simulate --learners N --seed S --out FILE [--schools-out FILE]`: the synthetic
/// learner panel of datasets/ (truth in datasets/codebook.md), byte-identical for a seed.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Write the synthetic learner panel (and its school table) for a seed.",
    discussion: """
      The same --learners and --seed give the same bytes on every platform.
      Example (the committed sample):
        vetstat simulate --learners 5000 --seed 2030 \\
          --out datasets/vet_learners_sample.csv \\
          --schools-out datasets/vet_schools_sample.csv
      """)

  @Option(help: "Number of learners (1 to 10,000,000).")
  var learners: Int

  @Option(help: "Random seed (a whole number, 0 to 2^64-1).")
  var seed: UInt64

  @Option(help: "Learner-year CSV to write (atomically).")
  var out: String

  @Option(help: "School CSV to write (school_id, region, adoption_year).")
  var schoolsOut: String?

  @Option(
    help: """
      The true parameters: default (the committed sample) or inclusion (an action that works \
      differently for girls; see datasets/codebook.md).
      """)
  var truth: String = "default"

  /// The `SimulationTruth` named by `--truth`, or `nil` for an unknown name.
  var parameters: SimulationTruth? {
    switch truth {
    case "default": return .default
    case "inclusion": return .inclusion
    default: return nil
    }
  }

  func validate() throws {
    guard learners >= 1, learners <= LearnerPanelSimulator.maxLearners else {
      throw ValidationError(SimulationError.learnerCount(learners).description)
    }
    guard parameters != nil else {
      throw ValidationError("simulate: --truth must be default or inclusion; got \(truth)")
    }
  }

  func run() throws {
    let panel = try LearnerPanelSimulator.simulate(
      learners: learners, seed: seed, truth: parameters ?? .default)
    try panel.write(learnersTo: out, schoolsTo: schoolsOut)
    print(
      "wrote \(out): \(panel.rows.count) rows, \(learners) learners, \(panel.schools.count) schools"
        + (schoolsOut.map { "; \($0)" } ?? ""))
  }
}
