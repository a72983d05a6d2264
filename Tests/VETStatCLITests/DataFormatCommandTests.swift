import Foundation
import Testing

/// Data as it arrives (issue 15), tried as a new user would: SPSS, Stata and Excel files and
/// Latin-1 semicolon exports are read, or refused with exit 2 naming the file and the fix.
@Suite struct DataFormatCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/readers")

  static func file(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

  static func write(_ bytes: [UInt8], _ name: String) throws -> String {
    let url = try CLIRunner.temporaryDirectory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  @Test func describeShowsLabelsAndMissingKinds() throws {
    let result = try CLIRunner.run(["describe", Self.file("haven.sav")])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("format: SPSS (.sav)"))
    #expect(result.stdout.contains("ses: label \"Sociaal-economische status\""))
    #expect(result.stdout.contains("1 user-missing 8 (weigert)"))
    #expect(result.stdout.contains("8 = weigert"))
    let stata = try CLIRunner.run(["describe", Self.file("haven.dta")])
    #expect(stata.stdout.contains("1 extended missing .a (weigert)"))
  }

  @Test func fitReadsLabelledFactorsFromStataAndExcel() throws {
    let result = try CLIRunner.run(
      ["fit", Self.file("learners.dta"), "--formula", "score ~ bedrag + female", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"female[vrouw]\""))
    let excel = try CLIRunner.run(
      [
        "fit", Self.file("learners.xlsx"), "--sheet", "Leerlingen", "--formula",
        "bedrag ~ learner_id",
      ])
    #expect(excel.status == 0, "\(excel.stderr)")
  }

  @Test func thousandsColumnIsReadAsNumbersAndSaidSo() throws {
    var text = "id;bedrag;y\n"
    for i in 0..<400 {
      text += "\(i);\(1 + i % 9).\(100 + i % 800),\(10 + i % 90);\(Double(i % 13) / 4)\n"
    }
    let path = try Self.write(Array(text.utf8), "bedragen.csv")
    let result = try CLIRunner.run(["fit", path, "--formula", "y ~ bedrag"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("bedrag "))
    #expect(result.stderr.contains("thousands '.' (detected)"))
  }

  @Test func nearlyUniqueTextIsRefusedWithTheFix() throws {
    var text = "naam,y\n"
    for i in 0..<100 { text += "leerling\(i),\(i % 7)\n" }
    let path = try Self.write(Array(text.utf8), "namen.csv")
    let result = try CLIRunner.run(["fit", path, "--formula", "y ~ naam"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("column 'naam'") && result.stderr.contains("C(naam)"))
  }

  @Test func latin1IsDetectedAndUndecodableBytesAreRefused() throws {
    let latin1 = try Self.write(
      Array("gemeente;y\n".utf8) + Array("Li".utf8) + [0xE8] + Array("ge;1\nGent;2\n".utf8),
      "latin1.csv")
    let result = try CLIRunner.run(["describe", latin1])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Liège"))
    #expect(result.stdout.contains("windows-1252 (detected"))
    let declared = try CLIRunner.run(["describe", latin1, "--encoding", "utf-8"])
    #expect(declared.status == 2)
    #expect(declared.stderr.contains("latin1.csv:2:1"))
    let bad = try Self.write(Array("a;b\n1;".utf8) + [0x81] + Array("\n".utf8), "bad.csv")
    let refused = try CLIRunner.run(["describe", bad])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("bad.csv:2") && refused.stderr.contains("--encoding"))
  }

  @Test func readingOptionsAreChecked() throws {
    let path = Self.file("amounts_utf8.csv")
    for (arguments, named) in [
      (["--encoding", "ebcdic"], "--encoding"), (["--decimal", ";"], "--decimal"),
      (["--decimal", ",", "--thousands", ","], "--thousands"),
    ] {
      let result = try CLIRunner.run(["describe", path] + arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
    }
    let na = try CLIRunner.run(["describe", path, "--na=2018,NA"])
    #expect(na.status == 0)
    #expect(na.stdout.contains("jaar      int     5        1"))
  }

  @Test func compressedInputLargerThanTheLimitIsRefusedNamingFileAndLimit() throws {
    let path = Self.file("amounts_utf8.csv.gz")
    let refused = try CLIRunner.run(["describe", path, "--max-decompressed", "100"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("amounts_utf8.csv.gz"), "\(refused.stderr)")
    #expect(refused.stderr.contains("more than 100 bytes"), "\(refused.stderr)")
    let read = try CLIRunner.run(["describe", path, "--max-decompressed", "1M"])
    #expect(read.status == 0, "\(read.stderr)")
    let wrong = try CLIRunner.run(["describe", path, "--max-decompressed", "lots"])
    #expect(wrong.status != 0)
    #expect(wrong.stderr.contains("--max-decompressed"), "\(wrong.stderr)")
  }

  @Test func wrongFormatsAreRefusedNamingTheFile() throws {
    for (bytes, name) in [
      (Array("a,b\n1,2\n".utf8), "fake.xlsx"), (Array("a,b\n1,2\n".utf8), "fake.dta"),
      (Array("a,b\n1,2\n".utf8), "fake.csv.gz"), ([0xD0, 0xCF, 0x11, 0xE0, 0, 0], "old.csv"),
    ] {
      let path = try Self.write(bytes, name)
      let result = try CLIRunner.run(["describe", path])
      #expect(result.status == 2, "\(name)")
      #expect(result.stderr.contains(name), "\(name): \(result.stderr)")
    }
  }
}

/// `vetstat fit --derive --subset`: the spec's derive and filter on the command line.
@Suite struct SubsetDeriveCommandTests {
  static func panel() throws -> String {
    var text = "age,year,y\n"
    for i in 0..<60 {
      let age = 12 + i % 25
      let year = 2018 + i % 6
      text += "\(age),\(year),\(Double(year - 2021) * 0.5 + Double(i % 5) / 10)\n"
    }
    let url = try CLIRunner.temporaryDirectory().appendingPathComponent("p.csv")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test func deriveAndSubsetEqualTheSpecSyntax() throws {
    let path = try Self.panel()
    let result = try CLIRunner.run([
      "fit", path, "--formula", "y ~ year_c", "--derive", "year_c = year - 2021", "--subset",
      "age >= 15 and age <= 29", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    // Ages 12..36 cycle over 60 rows: 15 of each full cycle of 25, 7 of the last 10.
    #expect(document["nobs"] as? Int == 37)
    let terms = (document["coefficients"] as? [[String: Any]] ?? []).compactMap {
      $0["term"] as? String
    }
    #expect(terms == ["(Intercept)", "year_c"])
  }

  @Test func badDeriveOrSubsetIsExitTwoNamingTheOption() throws {
    let path = try Self.panel()
    for (arguments, named) in [
      (["--derive", "year_c year"], "--derive"), (["--derive", "age = age + 1"], "--derive age"),
      (["--subset", "agee > 3"], "--subset"), (["--subset", "age > 100"], "keeps no row"),
    ] {
      let result = try CLIRunner.run(["fit", path, "--formula", "y ~ age"] + arguments)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
    }
  }
}
