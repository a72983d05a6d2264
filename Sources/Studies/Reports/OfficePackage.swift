import Foundation
import ZIPFoundation

/// A minimal Office Open XML package (the ZIP container of `.docx` and `.xlsx` files): named XML
/// parts, zipped in memory with a fixed timestamp so the same table gives the same bytes.
enum OfficePackage {
  /// The XML declaration every part starts with.
  static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

  /// The relationship type of a package's main document.
  static let officeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

  /// The package: every part deflated, in the order given.
  /// - Parameter parts: (path inside the package, XML text).
  /// - Returns: the ZIP bytes.
  /// - Throws: `OfficeTableError` when the archive cannot be built.
  static func zip(_ parts: [(path: String, xml: String)]) throws -> [UInt8] {
    do {
      let archive = try Archive(data: Data(), accessMode: .create)
      // 1980-01-01, the ZIP epoch: the bytes do not depend on the time of writing.
      let date = Date(timeIntervalSince1970: 315_532_800)
      for part in parts {
        let data = Data(part.xml.utf8)
        try archive.addEntry(
          with: part.path, type: .file, uncompressedSize: Int64(data.count),
          modificationDate: date, compressionMethod: .deflate
        ) { position, size in
          data.subdata(in: Int(position)..<Int(position) + size)
        }
      }
      guard let bytes = archive.data else {
        throw OfficeTableError(reason: "the ZIP archive was not produced")
      }
      return [UInt8](bytes)
    } catch let error as OfficeTableError {
      throw error
    } catch {
      throw OfficeTableError(reason: "the ZIP archive could not be written (\(error))")
    }
  }

  /// The `_rels/.rels` part pointing at the main document.
  static func packageRelationships(main: String) -> String {
    declaration
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"\(officeDocument)\" Target=\"\(main)\"/>"
      + "</Relationships>"
  }

  /// Text escaped for XML content and attributes; characters XML 1.0 forbids are dropped.
  static func escape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        if v >= 0x20 && !(0xFFFE...0xFFFF).contains(v) { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}

/// A Word or Excel table could not be written.
public struct OfficeTableError: Error, Equatable, LocalizedError {
  /// What went wrong.
  public let reason: String

  /// The message shown to the user.
  public var errorDescription: String? { "cannot write the Office table: \(reason)" }
}
