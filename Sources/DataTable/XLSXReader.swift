import Foundation
import ZIPFoundation

/// Reads one sheet of an Excel `.xlsx` workbook into a `DataTable`: the first non-empty row is
/// the header, each cell keeps its type (number, shared or inline string, boolean, date through
/// the workbook's 1900 or 1904 date system), and the column types are inferred as for CSV.
enum XLSXReader {
  /// The largest part read from a workbook (a guard against ZIP bombs).
  static let maximumPartSize = 1 << 31

  /// Reads the sheet `options.sheet` (the first sheet when `nil`).
  /// - Parameters:
  ///   - path: the workbook.
  ///   - options: sheet, missing tokens, type overrides, number format of numbers stored as text.
  /// - Returns: the table and its read report.
  /// - Throws: `DataError.badFile` for a file that is not an `.xlsx` workbook or an unknown
  ///   sheet; `badValue`, `emptyColumnName`, `duplicateColumn` as the CSV reader.
  static func load(path: String, options: CSVOptions) throws -> LoadedTable {
    let archive: Archive
    do {
      archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    } catch {
      if !FileManager.default.fileExists(atPath: path) {
        throw DataError.cannotRead(file: path, reason: "No such file or directory")
      }
      throw DataError.badFile(
        file: path, reason: "not an Excel .xlsx workbook (it is not a ZIP archive)")
    }
    func part(_ name: String) throws -> [UInt8]? {
      guard let entry = archive[name] else { return nil }
      guard entry.uncompressedSize < maximumPartSize else {
        throw DataError.badFile(file: path, reason: "\(name) is larger than 2 GB")
      }
      var data = Data()
      do {
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
      } catch {
        throw DataError.badFile(file: path, reason: "\(name) cannot be unpacked: \(error)")
      }
      return [UInt8](data)
    }
    func scanned<T>(_ name: String, _ body: (inout XMLScanner) throws(XMLScanner.Malformed) -> T)
      throws -> T?
    {
      guard let bytes = try part(name) else { return nil }
      var scanner = XMLScanner(bytes)
      do {
        return try body(&scanner)
      } catch {
        throw DataError.badFile(
          file: path,
          reason: "\(name) is not well-formed XML (byte \(error.offset): \(error.reason))")
      }
    }
    guard let workbook = try scanned("xl/workbook.xml", XLSXParts.workbook) else {
      throw DataError.badFile(
        file: path,
        reason: "not an Excel .xlsx workbook (no xl/workbook.xml; an .xls or .ods file must be "
          + "saved as .xlsx or CSV first)")
    }
    let relations = try scanned("xl/_rels/workbook.xml.rels", XLSXParts.relationships) ?? [:]
    guard !workbook.sheets.isEmpty else {
      throw DataError.badFile(file: path, reason: "the workbook has no sheet")
    }
    let sheet: (name: String, id: String)
    if let wanted = options.sheet {
      guard let found = workbook.sheets.first(where: { $0.name == wanted }) else {
        let names = workbook.sheets.map(\.name)
        throw DataError.badFile(
          file: path,
          reason: "no sheet '\(wanted)'"
            + (NameSuggestion.nearest(to: wanted, among: names).map { "; did you mean '\($0)'?" }
              ?? "") + " (sheets: " + names.map { "'\($0)'" }.joined(separator: ", ") + ")")
      }
      sheet = found
    } else {
      sheet = workbook.sheets[0]
    }
    var target = relations[sheet.id] ?? "worksheets/sheet1.xml"
    target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    let shared = try scanned("xl/sharedStrings.xml", XLSXParts.sharedStrings) ?? []
    let dateStyles = try scanned("xl/styles.xml", XLSXParts.dateStyles) ?? []
    let context = XLSXParts.SheetContext(
      shared: shared, dateStyles: dateStyles, date1904: workbook.date1904)
    guard
      let rows = try scanned(
        target,
        { (scanner) throws(XMLScanner.Malformed) in
          try XLSXParts.cells(&scanner, context: context)
        })
    else {
      throw DataError.badFile(
        file: path, reason: "the part \(target) of sheet '\(sheet.name)' is missing")
    }
    var report = ReadReport(format: "Excel sheet '\(sheet.name)'")
    let table = try XLSXColumns.table(
      rows, path: path, options: options, date1904: workbook.date1904, report: &report)
    return LoadedTable(table: table, report: report)
  }
}
