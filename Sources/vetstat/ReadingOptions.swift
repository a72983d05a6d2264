import ArgumentParser
import Foundation
import VETStat

/// How a data file is read: encoding, number format, missing-value tokens, Excel sheet, size
/// limit of compressed files (the same choices as a study spec's `data.encoding`, `data.decimal`,
/// `data.thousands`, `data.na`, `data.sheet`, `data.max_decompressed`).
struct ReadingOptions: ParsableArguments {
  @Option(help: "Text encoding: utf-8, utf-16, latin1, windows-1252 (default: detected).")
  var encoding: String?

  @Option(help: "Decimal mark of numbers in text files: . or , (default: . ; , too with ;).")
  var decimal: String?

  @Option(help: "Thousands separator of numbers in text files: . , or ' ' (default: detected).")
  var thousands: String?

  @Option(
    help: ArgumentHelp(
      "Missing-value codes, comma-separated (default: empty, NA and .); repeat for more.",
      discussion: "Write --na=-99 for a code that starts with '-'."))
  var na: [String] = []

  @Option(help: "Sheet of an Excel workbook (default: the first).")
  var sheet: String?

  @Option(
    help: ArgumentHelp(
      "Most bytes a .gz or .zst file may decompress to, e.g. 16G (default: 4G).",
      valueName: "size"))
  var maxDecompressed: String?

  /// The reader options these flags give.
  /// - Throws: `UsageError` naming the option for an unknown encoding or format.
  func readerOptions() throws -> CSVOptions {
    var options = CSVOptions()
    if let encoding {
      guard let known = TextEncoding(name: encoding) else {
        throw UsageError(
          "unknown --encoding '\(encoding)' (choose \(TextEncoding.acceptedNames))")
      }
      options.encoding = known
    }
    if decimal != nil || thousands != nil {
      let mark = try Self.character(decimal ?? ".", option: "--decimal")
      let separator = try thousands.map { try Self.character($0, option: "--thousands") }
      do {
        options.numberFormat = try NumberConvention(decimal: mark, thousands: separator)
      } catch {
        throw UsageError("\(error)".replacingOccurrences(of: "option ", with: "--"))
      }
    }
    if !na.isEmpty {
      options.missingTokens = Set(
        na.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    }
    options.sheet = sheet
    if let maxDecompressed {
      guard let bytes = ByteSize.parse(maxDecompressed) else {
        throw UsageError(
          "--max-decompressed takes \(ByteSize.accepted), got '\(maxDecompressed)'")
      }
      options.decompressedLimit = bytes
    }
    return options
  }

  private static func character(_ text: String, option: String) throws -> Character {
    let trimmed = text == " " ? text : text.trimmingCharacters(in: .whitespaces)
    let word = ["space": " ", "comma": ",", "point": ".", "dot": "."][trimmed.lowercased()]
    guard let c = (word ?? trimmed).first, (word ?? trimmed).count == 1 else {
      throw UsageError("\(option) takes one character (. , or ' '), got '\(text)'")
    }
    return c
  }
}
