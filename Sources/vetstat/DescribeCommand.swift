import ArgumentParser
import VETStat

/// `vetstat describe DATA`: columns, types and missingness.
struct DescribeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe",
    abstract: "Describe a data file: columns, types, missing values, ranges and levels.",
    discussion: "Example:\n  vetstat describe datasets/vet_learners_sample.csv")

  @Argument(help: "Data file (CSV).")
  var data: String

  func run() throws {
    let table = try CSVReader.read(path: data)
    print("\(data): \(table.rowCount) rows, \(table.columns.count) columns\n")
    print(ColumnSummary.render(table.describe()))
  }
}
