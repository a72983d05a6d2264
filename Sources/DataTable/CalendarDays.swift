/// Dates and date-times as columns store them: days since 1970-01-01 (whole days in a `.date`
/// column, fractional days in a `.datetime` column, UTC), printed and read as ISO 8601.
///
/// Proleptic Gregorian calendar, years 1-9999; the conversions are Hinnant's `days_from_civil`
/// and `civil_from_days`.
public enum CalendarDays {
  /// Days since 1970-01-01 of a calendar date (no range check).
  /// - Parameters:
  ///   - year: the year.
  ///   - month: 1-12.
  ///   - day: 1-31.
  /// - Returns: the day count.
  public static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Year, month and day of a count of days since 1970-01-01.
  /// - Parameter days: the day count.
  /// - Returns: the civil date.
  public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let (y, m, d) = ExcelDates.civil(fromDays: days)
    return (y, m, d)
  }

  /// The year of a day count (fractions of a day ignored); `nil` for `nan` or out of range.
  /// - Parameter days: days since 1970-01-01.
  /// - Returns: the year.
  public static func year(_ days: Double) -> Int? {
    guard days.isFinite, abs(days) < 3_000_000 else { return nil }
    return civil(Int(days.rounded(.down))).year
  }

  /// `2021-09-01`, or with `withTime` `2021-09-01T08:30:00` (to the second); `nil` for `nan` or
  /// outside years 1-9999.
  /// - Parameters:
  ///   - days: days since 1970-01-01, fractional for a time of day.
  ///   - withTime: print the time of day.
  /// - Returns: the text.
  public static func iso(_ days: Double, withTime: Bool) -> String? {
    guard days.isFinite, abs(days) < 3_000_000 else { return nil }
    var whole = days.rounded(.down)
    var seconds = withTime ? Int(((days - whole) * 86400).rounded()) : 0
    if seconds >= 86400 {
      whole += 1
      seconds -= 86400
    }
    let (y, m, d) = civil(Int(whole))
    guard (1...9999).contains(y) else { return nil }
    let date = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    guard withTime else { return date }
    return date + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
      + pad(seconds % 60, 2)
  }

  /// Reads `YYYY-MM-DD`, and with `withTime` also `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space for
  /// the `T`, and an optional `Z`), as days since 1970-01-01; `nil` for anything else,
  /// including impossible dates such as `2023-02-29`.
  /// - Parameters:
  ///   - text: the text (surrounding blanks ignored).
  ///   - withTime: accept a time of day.
  /// - Returns: the days since 1970-01-01.
  public static func parse(_ text: String, withTime: Bool) -> Double? {
    let bytes = Array(text.utf8.drop { $0 == 32 }.reversed().drop { $0 == 32 }.reversed())
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for i in range {
        guard (48...57).contains(bytes[i]) else { return nil }
        value = value * 10 + Int(bytes[i] - 48)
      }
      return value
    }
    guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45, let y = number(0..<4),
      let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), y >= 1,
      d >= 1, d <= monthLength(year: y, month: m)
    else { return nil }
    let day = Double(days(year: y, month: m, day: d))
    if bytes.count == 10 { return day }
    guard withTime, bytes.count >= 16, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58,
      let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60
    else { return nil }
    var end = bytes.count
    if bytes[end - 1] == 90 { end -= 1 }  // Z: UTC, as every time here is
    var second = 0.0
    if end > 16 {
      guard end >= 19, bytes[16] == 58, let whole = number(17..<19), whole < 60 else { return nil }
      second = Double(whole)
      if end > 19 {
        guard bytes[19] == 46, end > 20, end <= 29, let fraction = number(20..<end) else {
          return nil
        }
        second += Double(fraction) / pow10(end - 20)
      }
    }
    return day + (Double(hour * 3600 + minute * 60) + second) / 86400
  }

  /// Days in a month of the Gregorian calendar.
  static func monthLength(year: Int, month: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func pow10(_ n: Int) -> Double {
    var p = 1.0
    for _ in 0..<n { p *= 10 }
    return p
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}

/// The row of a text that is not a date (or date-time) in ISO 8601 form.
struct NotADate: Error {
  /// The 0-based row.
  let row: Int
}

extension Column {
  /// A date column from dates as days since 1970-01-01 (`nil` = missing): `.date` holding whole
  /// days, or `.datetime` holding fractional days when `type` says so or some value has a time
  /// of day.
  /// - Parameters:
  ///   - name: the column's name.
  ///   - days: the day counts.
  ///   - type: `.date`, `.datetime`, or `nil` to choose by the values.
  /// - Returns: the column.
  static func dates(_ name: String, days: [Double?], as type: ColumnType?) -> Column {
    let mask = days.map { $0 == nil }
    let whole = days.allSatisfy { $0.map { $0 == $0.rounded(.down) } ?? true }
    if type == .date || (type == nil && whole) {
      let values = days.map { $0.map { Int($0.rounded(.down)) } ?? 0 }
      return Column(name: name, values: .int(values), type: .date, missing: mask)
    }
    return Column(
      name: name, values: .double(days.map { $0 ?? .nan }), type: .datetime, missing: mask)
  }

  /// A date column from ISO 8601 texts (`nil` = missing): `YYYY-MM-DD`, and for `.datetime` (or
  /// `nil`, choose by the values) `YYYY-MM-DDTHH:MM:SS` too.
  /// - Parameters:
  ///   - name: the column's name.
  ///   - texts: the texts.
  ///   - type: `.date`, `.datetime`, or `nil`.
  /// - Returns: the column.
  /// - Throws: `NotADate` with the first row that is not a date (a time of day in a `.date`
  ///   column included).
  static func dates(_ name: String, texts: [String?], as type: ColumnType?) throws(NotADate)
    -> Column
  {
    var days: [Double?] = []
    days.reserveCapacity(texts.count)
    var parsed: [String: Double] = [:]
    for (row, text) in texts.enumerated() {
      guard let text else {
        days.append(nil)
        continue
      }
      if let known = parsed[text] {
        days.append(known)
        continue
      }
      guard let value = CalendarDays.parse(text, withTime: type != .date) else {
        throw NotADate(row: row)
      }
      parsed[text] = value
      days.append(value)
    }
    return dates(name, days: days, as: type)
  }
}
