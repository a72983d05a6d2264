/// Excel's serial day numbers as calendar dates, in the 1900 and 1904 date systems.
enum ExcelDates {
  /// The ISO 8601 text of serial `serial`.
  /// - Parameters:
  ///   - serial: the cell's number.
  ///   - date1904: the workbook uses the 1904 date system (days since 1904-01-01).
  /// - Returns: `2021-09-01`, or `2021-09-01T13:30:00` with a time of day; `nil` outside years
  ///   1-9999.
  static func iso(_ serial: Double, date1904: Bool) -> String? {
    guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    var whole = serial.rounded(.down)
    var seconds = ((serial - whole) * 86400).rounded()
    if seconds >= 86400 {
      whole += 1
      seconds -= 86400
    }
    // Days since 1970-01-01. The 1900 system counts a 29 February 1900 that never was (serial
    // 60, as Lotus 1-2-3 did), so serials after it are one day ahead.
    let days: Int
    if date1904 {
      days = Int(whole) - 24107
    } else {
      days = Int(whole) - (whole >= 61 ? 25569 : 25568)
    }
    let (y, m, d) = civil(fromDays: days)
    guard y >= 1, y <= 9999 else { return nil }
    let date = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    guard seconds > 0 else { return date }
    let s = Int(seconds)
    return date + "T" + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
  }

  /// Year, month and day of a count of days since 1970-01-01 (Hinnant's `civil_from_days`).
  static func civil(fromDays days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// True when a number format code shows a date or time: it has a day, month, year, hour or
  /// second placeholder outside quoted text, escapes and bracketed sections.
  static func isDateFormat(_ code: String) -> Bool {
    var inQuote = false
    var inBracket = false
    var escaped = false
    for c in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch c {
      case "\\": escaped = true
      case "\"": inQuote.toggle()
      case "[": if !inQuote { inBracket = true }
      case "]": if !inQuote { inBracket = false }
      case "d", "m", "y", "h", "s": if !inQuote && !inBracket { return true }
      default: break
      }
    }
    return false
  }

  /// Excel's built-in number formats that show dates or times.
  static func isBuiltInDate(_ id: Int) -> Bool {
    (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id)
      || (50...58).contains(id)
  }
}
