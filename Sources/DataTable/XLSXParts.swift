import Foundation

/// The parts of an `.xlsx` workbook that the reader needs, each read from its XML.
enum XLSXParts {
  /// The sheets (name and relationship id, in workbook order) and the date system.
  struct Workbook {
    var sheets: [(name: String, id: String)] = []
    var date1904 = false
  }

  /// One typed cell value.
  enum Cell {
    case number(Double)
    /// A number shown as a date: its ISO 8601 text, or `nil` when out of range.
    case date(Double, String?)
    case text(String)
    case bool(Bool)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)
  }

  /// What reading a sheet's cells needs from the other parts.
  struct SheetContext {
    let shared: [String]
    /// Whether each cell style (`s` attribute) shows a date.
    let dateStyles: [Bool]
    let date1904: Bool
  }

  /// A cell with its 1-based row and column.
  struct PlacedCell {
    let row: Int
    let column: Int
    let value: Cell
  }

  static func workbook(_ scanner: inout XMLScanner) throws(XMLScanner.Malformed) -> Workbook {
    var book = Workbook()
    while let event = try scanner.next() {
      guard case .start(let name, let attributes, _) = event else { continue }
      if name == "sheet", let sheet = attributes["name"], let id = attributes["id"] {
        book.sheets.append((sheet, id))
      } else if name == "workbookPr", let flag = attributes["date1904"] {
        book.date1904 = flag == "1" || flag == "true"
      }
    }
    return book
  }

  static func relationships(_ scanner: inout XMLScanner) throws(XMLScanner.Malformed)
    -> [String: String]
  {
    var targets: [String: String] = [:]
    while let event = try scanner.next() {
      if case .start("Relationship", let attributes, _) = event, let id = attributes["Id"],
        let target = attributes["Target"]
      {
        targets[id] = target
      }
    }
    return targets
  }

  /// The shared strings, rich-text runs joined and phonetic runs left out.
  static func sharedStrings(_ scanner: inout XMLScanner) throws(XMLScanner.Malformed) -> [String] {
    var strings: [String] = []
    var current: String?
    while let event = try scanner.next() {
      switch event {
      case .start("si", _, let selfClosing):
        if selfClosing { strings.append("") } else { current = "" }
      case .start("t", _, false):
        let text = try scanner.textOfElement()
        if current != nil { current? += text }
      case .start("rPh", _, false):
        try scanner.skipElement()
      case .end("si"):
        strings.append(current ?? "")
        current = nil
      default: break
      }
    }
    return strings
  }

  /// For each cell style (`cellXfs` entry), whether its number format shows a date.
  static func dateStyles(_ scanner: inout XMLScanner) throws(XMLScanner.Malformed) -> [Bool] {
    var custom: [Int: Bool] = [:]
    var styles: [Bool] = []
    var inCellXfs = false
    while let event = try scanner.next() {
      switch event {
      case .start("numFmt", let attributes, _):
        if let id = attributes["numFmtId"].flatMap({ Int($0) }),
          let code = attributes["formatCode"]
        {
          custom[id] = ExcelDates.isDateFormat(code)
        }
      case .start("cellXfs", _, let selfClosing): inCellXfs = !selfClosing
      case .end("cellXfs"): inCellXfs = false
      case .start("xf", let attributes, _) where inCellXfs:
        let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
        styles.append(custom[id] ?? ExcelDates.isBuiltInDate(id))
      default: break
      }
    }
    return styles
  }

  /// The non-empty cells of a worksheet, in document order.
  static func cells(_ scanner: inout XMLScanner, context: SheetContext)
    throws(XMLScanner.Malformed) -> [PlacedCell]
  {
    var cells: [PlacedCell] = []
    var row = 0
    var column = 0
    while let event = try scanner.next() {
      guard case .start(let name, let attributes, let selfClosing) = event else { continue }
      if name == "row" {
        row = attributes["r"].flatMap { Int($0) } ?? row + 1
        column = 0
        continue
      }
      guard name == "c" else { continue }
      if let reference = attributes["r"], let parsed = columnNumber(reference) {
        column = parsed
      } else {
        column += 1
      }
      guard !selfClosing else { continue }
      let type = attributes["t"] ?? "n"
      let style = attributes["s"].flatMap { Int($0) } ?? 0
      var raw: String?
      var inline: String?
      while let inner = try scanner.next() {
        if case .end("c") = inner { break }
        guard case .start(let tag, _, let closed) = inner, !closed else { continue }
        switch tag {
        case "v": raw = try scanner.textOfElement()
        case "is": inline = try scanner.textOfElement()
        default: try scanner.skipElement()
        }
      }
      let value: Cell?
      switch type {
      case "s":
        value = raw.flatMap { Int($0) }.flatMap { $0 >= 0 && $0 < context.shared.count ? $0 : nil }
          .map { .text(context.shared[$0]) }
      case "inlineStr": value = inline.map { .text($0) }
      case "str", "d": value = raw.map { .text($0) }
      case "b": value = raw.map { .bool($0 == "1" || $0 == "true") }
      case "e": value = raw.map { .error($0) }
      default:
        if let raw, let number = Double(raw.trimmingCharacters(in: .whitespaces)) {
          if style < context.dateStyles.count, context.dateStyles[style] {
            value = .date(number, ExcelDates.iso(number, date1904: context.date1904))
          } else {
            value = .number(number)
          }
        } else {
          value = raw.map { .text($0) }
        }
      }
      if let value { cells.append(PlacedCell(row: row, column: column, value: value)) }
    }
    return cells
  }

  /// The 1-based column of a reference such as `AB12`, or `nil`.
  static func columnNumber(_ reference: String) -> Int? {
    var number = 0
    for c in reference.utf8 {
      guard c >= 65, c <= 90 else { break }
      number = number * 26 + Int(c - 64)
      if number > 1 << 20 { return nil }
    }
    return number > 0 ? number : nil
  }
}
