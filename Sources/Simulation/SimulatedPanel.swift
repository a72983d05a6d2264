import DataTable

/// One row of the learner panel: a learner in a school in a year.
public struct LearnerYear: Sendable, Equatable {
  /// Learner identifier (1...N).
  public let learnerID: Int
  /// School attended this year (1...S).
  public let schoolID: Int
  /// Calendar year.
  public let year: Int
  /// Female.
  public let female: Bool
  /// Migrant background.
  public let migrant: Bool
  /// Socio-economic status, standardised, rounded to 3 decimals.
  public let ses: Double
  /// Track (STEM-tech, STEM-ICT, care, business, hospitality, arts).
  public let track: String
  /// In an apprenticeship (dual learning).
  public let apprentice: Bool
  /// Age in years this year.
  public let age: Int
  /// Province of the school.
  public let region: String
  /// Enrolled in a STEM option this year.
  public let stemEnrolled: Bool
  /// STEM test score, rounded to 2 decimals.
  public let stemScore: Double
  /// The learner leaves without a qualification (constant per learner).
  public let earlyLeaver: Bool
  /// Year the current school adopted the STEM action; `nil` for never.
  public let adoptionYear: Int?
  /// The current school's STEM action is in force (`year >= adoptionYear`).
  public let treated: Bool
}

/// One school: where it is and when it adopted the STEM action.
public struct SimulatedSchool: Sendable, Equatable {
  /// School identifier (1...S).
  public let schoolID: Int
  /// Province.
  public let region: String
  /// Adoption year of the STEM action; `nil` for never.
  public let adoptionYear: Int?
  /// The true school effect u_s on stem_score (not written to the CSV).
  public let effect: Double
}

/// The output of `LearnerPanelSimulator.simulate`: learner-year rows and schools.
public struct SimulatedPanel: Sendable, Equatable {
  /// Rows ordered by learner, then year.
  public let rows: [LearnerYear]
  /// Schools ordered by identifier.
  public let schools: [SimulatedSchool]

  /// The learner table's column names, in file order.
  public static let learnerColumns = [
    "learner_id", "school_id", "year", "female", "migrant", "ses", "track", "apprentice", "age",
    "region", "stem_enrolled", "stem_score", "early_leaver", "adoption_year", "treated",
  ]

  /// The learner table as CSV bytes: booleans as 0/1, `ses` with 3 and `stem_score` with 2
  /// fixed decimals, `NA` for a never-adopting school; `\n` line ends.
  public func learnersCSV() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(rows.count * 90 + 200)
    out += Array(Self.learnerColumns.joined(separator: ",").utf8)
    out.append(10)
    for r in rows {
      FixedDecimal.append(r.learnerID, to: &out)
      out.append(44)
      FixedDecimal.append(r.schoolID, to: &out)
      out.append(44)
      FixedDecimal.append(r.year, to: &out)
      for flag in [r.female, r.migrant] {
        out.append(44)
        out.append(flag ? 49 : 48)
      }
      out.append(44)
      FixedDecimal.append(r.ses, decimals: 3, to: &out)
      out.append(44)
      out += Array(r.track.utf8)
      out.append(44)
      out.append(r.apprentice ? 49 : 48)
      out.append(44)
      FixedDecimal.append(r.age, to: &out)
      out.append(44)
      out += Array(r.region.utf8)
      out.append(44)
      out.append(r.stemEnrolled ? 49 : 48)
      out.append(44)
      FixedDecimal.append(r.stemScore, decimals: 2, to: &out)
      out.append(44)
      out.append(r.earlyLeaver ? 49 : 48)
      out.append(44)
      if let year = r.adoptionYear { FixedDecimal.append(year, to: &out) } else { out += [78, 65] }
      out.append(44)
      out.append(r.treated ? 49 : 48)
      out.append(10)
    }
    return out
  }

  /// The school table as CSV bytes: school_id, region, adoption_year (`NA` for never).
  public func schoolsCSV() -> [UInt8] {
    var out = Array("school_id,region,adoption_year\n".utf8)
    for s in schools {
      FixedDecimal.append(s.schoolID, to: &out)
      out.append(44)
      out += Array(s.region.utf8)
      out.append(44)
      if let year = s.adoptionYear { FixedDecimal.append(year, to: &out) } else { out += [78, 65] }
      out.append(10)
    }
    return out
  }

  /// The learner rows as a table with the same values a CSV reader gives for `learnersCSV()`
  /// (0/1 flags as integers, `adoption_year` missing for never).
  /// - Throws: never in practice (the columns are built with equal lengths).
  public func learnersTable() throws -> DataTable {
    func flag(_ f: (LearnerYear) -> Bool) -> ColumnValues { .int(rows.map { f($0) ? 1 : 0 }) }
    return try DataTable(columns: [
      Column(name: "learner_id", values: .int(rows.map(\.learnerID))),
      Column(name: "school_id", values: .int(rows.map(\.schoolID))),
      Column(name: "year", values: .int(rows.map(\.year))),
      Column(name: "female", values: flag(\.female)),
      Column(name: "migrant", values: flag(\.migrant)),
      Column(name: "ses", values: .double(rows.map(\.ses))),
      Column.string("track", rows.map(\.track)),
      Column(name: "apprentice", values: flag(\.apprentice)),
      Column(name: "age", values: .int(rows.map(\.age))),
      Column.string("region", rows.map(\.region)),
      Column(name: "stem_enrolled", values: flag(\.stemEnrolled)),
      Column(name: "stem_score", values: .double(rows.map(\.stemScore))),
      Column(name: "early_leaver", values: flag(\.earlyLeaver)),
      Column.int("adoption_year", rows.map(\.adoptionYear)),
      Column(name: "treated", values: flag(\.treated)),
    ])
  }

  /// The school table (school_id, region, adoption_year).
  /// - Throws: never in practice.
  public func schoolsTable() throws -> DataTable {
    try DataTable(columns: [
      Column(name: "school_id", values: .int(schools.map(\.schoolID))),
      Column.string("region", schools.map(\.region)),
      Column.int("adoption_year", schools.map(\.adoptionYear)),
    ])
  }

  /// Writes the learner CSV (and optionally the school CSV) atomically.
  /// - Parameters:
  ///   - learnersPath: destination of the learner table.
  ///   - schoolsPath: destination of the school table, or `nil`.
  /// - Throws: `DataError.cannotWrite`.
  public func write(learnersTo learnersPath: String, schoolsTo schoolsPath: String? = nil) throws {
    try AtomicFile.write(learnersCSV(), to: learnersPath)
    if let schoolsPath { try AtomicFile.write(schoolsCSV(), to: schoolsPath) }
  }
}

/// Numbers written with a fixed number of decimals from integers, so the text is the same on
/// every platform (no printf).
enum FixedDecimal {
  /// `x` rounded to `decimals` decimals (half away from zero), as the nearest double.
  static func round(_ x: Double, decimals: Int) -> Double {
    let scale = power10(decimals)
    return (x * scale).rounded() / scale
  }

  static func power10(_ d: Int) -> Double {
    var p = 1.0
    for _ in 0..<d { p *= 10 }
    return p
  }

  static func append(_ n: Int, to out: inout [UInt8]) {
    out += Array(String(n).utf8)
  }

  /// Appends an already rounded `x` with exactly `decimals` decimals (no `-0`).
  static func append(_ x: Double, decimals: Int, to out: inout [UInt8]) {
    let scaled = Int((x * power10(decimals)).rounded())
    if scaled < 0 { out.append(45) }
    let magnitude = Swift.abs(scaled)
    var unit = 1
    for _ in 0..<decimals { unit *= 10 }
    out += Array(String(magnitude / unit).utf8)
    out.append(46)
    let fraction = String(magnitude % unit)
    out += [UInt8](repeating: 48, count: decimals - fraction.count)
    out += Array(fraction.utf8)
  }
}
