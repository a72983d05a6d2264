import DataTable

extension SpecParser {
  /// The keys of `data:` (and of each `join:`) that say how the file is read.
  static let readingKeys = [
    "encoding", "decimal", "thousands", "na", "sheet", "max_decompressed",
  ]

  /// Reading options from `encoding`, `decimal`, `thousands`, `na`, `sheet` and
  /// `max_decompressed` of a data or join mapping; each mistake is reported with its key path
  /// and line.
  ///
  /// `na` is a list of codes for every column (`na: ["", "NA", ".", "-99"]`) or a mapping from
  /// column names to lists, with `"*"` for every column (`na: {"*": ["NA"], inkomen: ["-1"]}`).
  /// - Parameters:
  ///   - reader: the mapping's reader.
  ///   - diagnostics: collects problems.
  /// - Returns: the options (defaults where a key is absent or wrong).
  static func readingOptions(_ reader: SpecReader, diagnostics: SpecDiagnostics) -> CSVOptions {
    var options = CSVOptions()
    if let name = reader.string("encoding") {
      if let encoding = TextEncoding(name: name) {
        options.encoding = encoding
      } else {
        diagnostics.unknown(
          "encoding", name: name, among: TextEncoding.allCases.map(\.rawValue),
          keyPath: reader.child("encoding"), line: reader.line(of: "encoding"))
      }
    }
    let decimal = reader.string("decimal")
    let thousands = reader.string("thousands")
    if decimal != nil || thousands != nil {
      func mark(_ text: String?) -> Character? {
        guard let text else { return nil }
        let word = ["space": " ", "comma": ",", "point": ".", "dot": "."][text.lowercased()]
        let value = word ?? text
        return value.count == 1 ? value.first : "?"
      }
      do {
        options.numberFormat = try NumberConvention(
          decimal: mark(decimal) ?? ".", thousands: mark(thousands))
      } catch {
        let key =
          thousands != nil && decimal != nil
          ? "thousands" : decimal != nil ? "decimal" : "thousands"
        diagnostics.report(
          reader.child(key), line: reader.line(of: key),
          "\(error)".replacingOccurrences(of: "option \(key): ", with: ""))
      }
    }
    if let node = reader.node("na") {
      switch node.content {
      case .mapping(let entries):
        for entry in entries {
          let tokens = naTokens(
            entry.value, path: "\(reader.child("na")).\(entry.key)", diagnostics)
          if entry.key == "*" {
            options.missingTokens = tokens
          } else {
            options.columnMissingTokens[entry.key] = tokens
          }
        }
      default:
        options.missingTokens = naTokens(node, path: reader.child("na"), diagnostics)
      }
    }
    options.sheet = reader.string("sheet")
    if let size = reader.string("max_decompressed") {
      if let bytes = ByteSize.parse(size) {
        options.decompressedLimit = bytes
      } else {
        diagnostics.report(
          reader.child("max_decompressed"), line: reader.line(of: "max_decompressed"),
          "expected \(ByteSize.accepted), found '\(size)'")
      }
    }
    return options
  }

  /// The missing-value codes of a list (or one scalar).
  private static func naTokens(_ node: SpecNode, path: String, _ diagnostics: SpecDiagnostics)
    -> Set<String>
  {
    switch node.content {
    case .scalar(let text, _): return [text]
    case .sequence(let items):
      var tokens: Set<String> = []
      for (i, item) in items.enumerated() {
        guard case .scalar(let text, _) = item.content else {
          diagnostics.report(
            "\(path)[\(i)]", line: item.line,
            "expected a missing-value code, found \(item.kindDescription)")
          continue
        }
        tokens.insert(item.isNull ? "" : text)
      }
      return tokens
    case .mapping:
      diagnostics.report(
        path, line: node.line, "expected a list of missing-value codes, found a mapping")
      return []
    }
  }
}
