import ArgumentParser
import VETStat

/// `vetstat describe DATA [--unit COL --time COL [--group COL]]`: columns, types and
/// missingness, and with a panel declaration its balance and gaps.
struct DescribeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe",
    abstract: "Describe a data file: columns, types, missing values, ranges, levels and panel.",
    discussion: """
      Examples:
        vetstat describe datasets/vet_learners_sample.csv
        vetstat describe datasets/vet_learners_sample.csv --unit learner_id \\
          --time year --group school_id
      """)

  @Argument(
    help: "Data file: CSV (.gz, .zst too), .xlsx, .sav, .zsav, .por, .dta, .sas7bdat, .xpt.")
  var data: String

  @OptionGroup(title: "Reading the data")
  var reading: ReadingOptions

  @Option(help: "Panel unit column (e.g. learner_id); needs --time.")
  var unit: String?

  @Option(help: "Panel time column, whole numbers (e.g. year); needs --unit.")
  var time: String?

  @Option(help: "Panel group column (e.g. school_id); units may change group.")
  var group: String?

  func validate() throws {
    if (unit == nil) != (time == nil) {
      throw ValidationError("--unit and --time declare a panel together; give both")
    }
    if group != nil, unit == nil {
      throw ValidationError("--group needs --unit and --time")
    }
  }

  func run() throws {
    let loaded = try DataReader.load(path: data, options: reading.readerOptions())
    let table = loaded.table
    print("\(data): \(table.rowCount) rows, \(table.columns.count) columns\n")
    print(ColumnSummary.render(table.describe()))
    let report = loaded.report.render()
    if !report.isEmpty { print(report) }
    if let unit, let time {
      let panel = try PanelIndex(data: table, unit: unit, time: time, group: group)
      print(panel.summary().render(), terminator: "")
    }
  }
}
