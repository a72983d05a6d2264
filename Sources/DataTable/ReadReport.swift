/// How a data file was read: its format and encoding, and for each column how its values were
/// recognised (number format, value labels, missing codes).
///
/// Readers fill it so that `vetstat describe` and the reports can say what was assumed.
public struct ReadReport: Sendable, Equatable {
  /// The file format: `CSV`, `Excel sheet 'Blad1'`, `SPSS (.sav)` and so on.
  public var format: String
  /// The text encoding of a text file; `nil` for binary formats.
  public var encoding: TextEncoding?
  /// True when the encoding was detected rather than declared or UTF-8.
  public var encodingDetected = false
  /// Notes on the columns that have any, in file order.
  public var columns: [ColumnReadNote] = []

  /// Creates a report for a file of the given format.
  /// - Parameter format: the format's name.
  public init(format: String) {
    self.format = format
  }

  /// The note of column `name`, or `nil`.
  public subscript(column name: String) -> ColumnReadNote? {
    columns.first { $0.name == name }
  }

  /// Lines such as `encoding: windows-1252 (detected: the file is not valid UTF-8)`, one per
  /// fact worth telling a user; empty when nothing was assumed.
  public var lines: [String] {
    var out: [String] = []
    if let encoding, encodingDetected {
      out.append("encoding: \(encoding.rawValue) (detected: the file is not valid UTF-8)")
    }
    for note in columns {
      if let recognised = note.recognised { out.append("column '\(note.name)': \(recognised)") }
      if !note.missingByKind.isEmpty {
        let parts = note.missingByKind.map { "\($0.count) \($0.kind)" }
        out.append("column '\(note.name)': missing values " + parts.joined(separator: ", "))
      }
    }
    return out
  }

  /// Adds or updates the note of column `name`.
  mutating func note(_ name: String, _ update: (inout ColumnReadNote) -> Void) {
    if let i = columns.firstIndex(where: { $0.name == name }) {
      update(&columns[i])
    } else {
      var note = ColumnReadNote(name: name)
      update(&note)
      columns.append(note)
    }
  }
}

/// What a reader recognised in one column.
public struct ColumnReadNote: Sendable, Equatable {
  /// The column's name.
  public let name: String
  /// How the values were recognised (`numbers written with decimal ',', thousands '.'
  /// (detected)`), or `nil` when read the default way.
  public var recognised: String?
  /// The variable label of an SPSS, Stata or SAS file.
  public var label: String?
  /// The value labels (code and label, in code order) of a labelled column; its levels are the
  /// labels.
  public var valueLabels: [ValueLabel] = []
  /// Missing values by kind (`NA`, `user-missing 99`, `.a`), with counts; empty when none.
  public var missingByKind: [MissingCount] = []

  /// Creates an empty note.
  /// - Parameter name: the column's name.
  public init(name: String) {
    self.name = name
  }
}

/// One value label: the code as stored in the file and its label.
public struct ValueLabel: Sendable, Equatable {
  /// The stored code, as text (`1`, `2.5`, `M`).
  public let code: String
  /// The label.
  public let label: String

  /// Creates a value label.
  public init(code: String, label: String) {
    self.code = code
    self.label = label
  }
}

/// How many values of a column are missing for one reason.
public struct MissingCount: Sendable, Equatable {
  /// The kind: `empty`, `NA`, a declared token, `user-missing 99`, `.a` ...
  public let kind: String
  /// The number of rows.
  public let count: Int

  /// Creates a count.
  public init(kind: String, count: Int) {
    self.kind = kind
    self.count = count
  }
}

/// A table read from a file, with the report of how it was read.
public struct LoadedTable: Sendable {
  /// The table.
  public let table: DataTable
  /// How the file was read.
  public let report: ReadReport

  /// Creates the pair.
  public init(table: DataTable, report: ReadReport) {
    self.table = table
    self.report = report
  }
}

extension ReadReport {
  /// The report as text for `vetstat describe`: the format and encoding when other than UTF-8
  /// CSV, then per column its label, how it was recognised, its value labels and its missing
  /// values by kind; empty when there is nothing to say.
  public func render() -> String {
    var out: [String] = []
    if format != "CSV" { out.append("format: \(format)") }
    if let encoding, encoding != .utf8 || encodingDetected {
      out.append(
        "encoding: \(encoding.rawValue)"
          + (encodingDetected ? " (detected: the file is not valid UTF-8)" : ""))
    }
    for note in columns {
      var parts: [String] = []
      if let label = note.label { parts.append("label \"\(label)\"") }
      if let recognised = note.recognised { parts.append(recognised) }
      if !note.valueLabels.isEmpty {
        parts.append(
          "value labels "
            + note.valueLabels.map { "\($0.code) = \($0.label)" }.joined(separator: ", "))
      }
      if !note.missingByKind.isEmpty {
        parts.append(
          "missing: " + note.missingByKind.map { "\($0.count) \($0.kind)" }.joined(separator: ", "))
      }
      if !parts.isEmpty { out.append("\(note.name): " + parts.joined(separator: "; ")) }
    }
    return out.isEmpty ? "" : "How the file was read\n" + out.map { "  \($0)\n" }.joined()
  }
}
