import DataTable
import Foundation

/// A study spec as read from YAML (DESIGN.md section 5): what data, how to prepare it, which
/// analyses, how to publish.
///
/// Values are checked for shape here; names are checked against the data by `StudyPlanner`.
public struct StudySpec: Sendable {
  /// The spec's version (`version:`; 1 when absent).
  public let version: Int
  /// The study's name (`study:`).
  public let study: String
  /// Optional one-paragraph description shown at the top of the report.
  public let description: String?
  /// Seed for anything random (bootstrap, simulation), recorded in provenance.
  public let seed: UInt64
  /// The data source.
  public let data: DataSourceSpec?
  /// Derived variables in order (each may use the ones before it).
  public let derive: [DerivedVariableSpec]
  /// Disclosure control for published tables.
  public let disclosure: DisclosureSettings
  /// The analyses in order.
  public let analyses: [AnalysisSpec]
  /// What to write and where.
  public let outputs: OutputSettings
  /// The spec file as given by the user (for messages).
  public let file: String
  /// Folder that relative paths in the spec are resolved against.
  public let baseDirectory: URL
  /// SHA-256 of the spec text (hex).
  public let sha256: String
  /// The regression table's layout and further formats (`table:`), if given.
  public var table: TableSpec? = nil

  /// A file-system friendly form of the study name: `out/<slug>`.
  public var slug: String { Self.slug(study) }

  /// Lower-case letters, digits and dashes.
  public static func slug(_ text: String) -> String {
    var out = ""
    for ch in text.lowercased() {
      if ch.isASCII && (ch.isLetter || ch.isNumber) {
        out.append(ch)
      } else if !out.isEmpty, out.last != "-" {
        out.append("-")
      }
    }
    while out.last == "-" { out.removeLast() }
    return out.isEmpty ? "study" : out
  }
}

/// The panel declaration (`data.panel`): unit (learner), time (year) and group (school).
public struct PanelDeclaration: Sendable, Equatable {
  /// The unit column (its values never appear in outputs).
  public let unit: String?
  /// The time column.
  public let time: String?
  /// The grouping column (schools).
  public let group: String?
  /// Line of the declaration.
  public let line: Int
}

/// A table joined to the main one (`data.join`), many-to-one by key.
public struct JoinSpec: Sendable {
  /// Resolved path.
  public let path: URL
  /// Path as written.
  public let pathText: String
  /// Key columns, present in both tables.
  public let by: [String]
  /// Columns to bring over (`nil`: all but the keys).
  public let columns: [String]?
  /// Text put before the name of every column brought over (`prefix: school_` turns the school
  /// table's `adoption_year` into `school_adoption_year`), so names need not clash; "" for none.
  public let prefix: String
  /// Type overrides for the joined table.
  public let types: [String: ColumnType]
  /// How the joined file is read (`encoding`, `decimal`, `thousands`, `na`, `sheet`).
  public let reading: CSVOptions
  /// Key path, such as `data.join[0]`.
  public let keyPath: String
  /// Line of the join mapping; lines of `path` and `by`.
  public let line: Int, pathLine: Int, byLine: Int
}

/// The data section of a spec.
public struct DataSourceSpec: Sendable {
  /// Resolved path of the main table.
  public let path: URL
  /// Path as written.
  public let pathText: String
  /// Line of `data.path`.
  public let pathLine: Int
  /// Type overrides with the line of each.
  public let types: [String: ColumnType]
  /// Lines of the type overrides.
  public let typeLines: [String: Int]
  /// How the file is read (`encoding`, `decimal`, `thousands`, `na`, `sheet`).
  public let reading: CSVOptions
  /// The panel declaration (stored for `PanelIndex`; used by `lag`/`lead`).
  public let panel: PanelDeclaration?
  /// Row filter.
  public let filter: (text: String, expression: Expression, line: Int)?
  /// Tables joined to the main one.
  public let joins: [JoinSpec]
  /// Columns declared identifying (`data.identifiers: [col, ...]`) with the line of each: treated
  /// as learner identifiers (see `IdentifierPolicy`).
  public let identifiers: [(name: String, line: Int)]
  /// Which columns of the main file are read (`data.columns`; by default those the study uses).
  public var columns: DataColumnChoice = .used
}

/// Which columns of a study's main data file are read (`data.columns`).
public enum DataColumnChoice: Sendable, Equatable {
  /// The columns the study names (the default): analyses, derive, filters, panel, identifiers
  /// and join keys (see `StudyDataColumns`); the others are skipped by the reader.
  case used
  /// Every column (`columns: all`).
  case all
  /// The columns listed (`columns: [year, gender, region]`), with the line of the key.
  case listed([String], line: Int)
}

/// One derived variable (`derive: {name: "expression"}`).
public struct DerivedVariableSpec: Sendable {
  /// New column name.
  public let name: String
  /// Expression text.
  public let text: String
  /// Parsed expression.
  public let expression: Expression
  /// Line of the entry.
  public let line: Int
}

/// Disclosure control (`disclosure:`).
public struct DisclosureSettings: Sendable, Equatable {
  /// Cells with fewer distinct learners (panel units; rows when no panel unit is declared) are
  /// suppressed (default 10).
  public let minCell: Int
  /// Also suppress complementary cells so a suppressed cell cannot be recovered from a total
  /// (default true).
  public let complementary: Bool
  /// The dominance rule (`dominance: 0.8`): a cell is also suppressed when one institution (the
  /// panel group) holds more than this share of its observations; `nil` (the default): off.
  public let dominance: Double?

  /// The defaults: `min_cell: 10`, complementary suppression on, no dominance rule.
  public static let `default` = DisclosureSettings(minCell: 10, complementary: true)

  /// Creates settings.
  public init(minCell: Int, complementary: Bool, dominance: Double? = nil) {
    self.minCell = minCell
    self.complementary = complementary
    self.dominance = dominance
  }
}

/// Output formats (`outputs:`).
public enum OutputFormat: String, Sendable, CaseIterable {
  /// report.md.
  case markdown
  /// results.json.
  case json
  /// tables/*.csv.
  case csv
  /// tables/*.tex.
  case latex
  /// figures/*.svg.
  case svg
  /// figures/*.png, rendered from the SVG by `rsvg-convert` (asked for explicitly: not a default).
  case png

  /// The formats written when a spec names none.
  public static let defaults: Set<OutputFormat> = Set(allCases).subtracting([.png])
}

/// What to write and where (`outputs:`, a list of formats or `{folder:, formats:}`).
public struct OutputSettings: Sendable {
  /// Formats to write (results.json is always written).
  public let formats: Set<OutputFormat>
  /// Output folder resolved against the spec's folder, if given in the spec.
  public let folder: URL?
  /// Line of `outputs.folder`.
  public let folderLine: Int
}

/// One entry of `analyses:`: name, kind and the node with the kind's own keys.
public struct AnalysisSpec: Sendable {
  /// Unique name (file names of its tables and figures).
  public let name: String
  /// Kind (`ols`, `wls`, `describe`, `indicator`, ...).
  public let kind: String
  /// Position in the list (0-based).
  public let index: Int
  /// The mapping node of the analysis.
  public let node: SpecNode
  /// Key path `analyses[i]`.
  public var keyPath: String { "analyses[\(index)]" }
}
