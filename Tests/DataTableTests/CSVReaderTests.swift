import Foundation
import Testing

@testable import DataTable

@Suite struct CSVReaderTests {
  @Test func infersIntDoubleBoolAndText() throws {
    let table = try readCSV(
      "id,score,passed,track\n1,2.5,true,ICT\n2,-3e2,FALSE,Health care\n3,4,True,ICT\n")
    #expect(table.columnNames == ["id", "score", "passed", "track"])
    #expect(table.rowCount == 3)
    #expect(table["id"]?.type == .int)
    #expect(table["id"]?.intValues == [1, 2, 3])
    #expect(table["score"]?.type == .double)
    #expect(table["score"]?.doubleValues == [2.5, -300, 4])
    #expect(table["passed"]?.boolValues == [true, false, true])
    #expect(table["track"]?.type == .string)
    #expect(table["track"]?.levels == ["ICT", "Health care"])
    #expect(table["track"]?.strings == ["ICT", "Health care", "ICT"])
    #expect(table.source == "mem.csv")
  }

  @Test func readsFromPathAndRecordsSource() throws {
    let path = try fixture("a,b\n1,x\n")
    let table = try CSVReader.read(path: path)
    #expect(table.source == path)
    #expect(table["a"]?.intValues == [1])
  }

  @Test(arguments: [",", ";", "\t"])
  func detectsDelimiter(_ delimiter: String) throws {
    let text =
      ["x", "y", "z"].joined(separator: delimiter) + "\n"
      + ["1", "2", "a"].joined(separator: delimiter) + "\n"
    let table = try readCSV(text)
    #expect(table.columnNames == ["x", "y", "z"])
    #expect(table["z"]?.strings == ["a"])
  }

  @Test func delimiterInsideQuotedHeaderIsIgnoredForDetection() throws {
    let table = try readCSV("\"a;b\",c,d\n1,2,3\n")
    #expect(table.columnNames == ["a;b", "c", "d"])
  }

  @Test func explicitDelimiterWins() throws {
    var options = CSVOptions()
    options.delimiter = .semicolon
    let table = try readCSV("a,b;c\n1;2\n", options: options)
    #expect(table.columnNames == ["a,b", "c"])
  }

  @Test func whitespaceSeparatedWithQuotedNamesLikeSpector() throws {
    let text = "'OBS' 'GPA' 'TUCE' 'PSI' 'GRADE'\n1 2.66 20 0 0\n  2   2.89\t22 0 1  \n"
    let table = try readCSV(text)
    #expect(table.columnNames == ["OBS", "GPA", "TUCE", "PSI", "GRADE"])
    #expect(table["GPA"]?.doubleValues == [2.66, 2.89])
    #expect(table["GRADE"]?.intValues == [0, 1])
  }

  @Test func readsSpectorReferenceFile() throws {
    // The raw statsmodels file, copied into the repository (Tests/Fixtures/spector/REFERENCE.md).
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/spector/spector.csv").path
    try #require(FileManager.default.fileExists(atPath: path))
    let table = try CSVReader.read(path: path)
    #expect(table.rowCount == 32)
    #expect(table.columnNames == ["OBS", "GPA", "TUCE", "PSI", "GRADE"])
    #expect(table["GPA"]?.type == .double)
  }

  @Test func decimalCommaWithSemicolon() throws {
    let table = try readCSV("naam;score;n\nAn;7,5;3\nBram;-0,25;4\nCas;1e3;5\n")
    #expect(table["score"]?.doubleValues == [7.5, -0.25, 1000])
    #expect(table["n"]?.intValues == [3, 4, 5])
  }

  @Test func decimalCommaOffByDefaultWithComma() throws {
    // Undeclared, a column of quoted decimal-comma numbers is detected as such (issue 15).
    let detected = try CSVReader.load(bytes: Array("a,b\n\"1,5\",x\n\"2,5\",y\n".utf8), name: "d.csv")
    #expect(detected.table["a"]?.doubleValues == [1.5, 2.5])
    #expect(detected.report[column: "a"]?.recognised?.contains("decimal ','") == true)
    var options = CSVOptions()
    options.decimalComma = true
    #expect(try readCSV("a,b\n\"1,5\",x\n", options: options)["a"]?.doubleValues == [1.5])
    options.decimalComma = false
    let semicolon = try readCSV("a;b\n1,5;x\n", options: options)
    #expect(semicolon["a"]?.type == .string)
  }

  @Test func quotedFieldWithDelimiterNewlineAndEscapedQuotes() throws {
    let text = "id,comment,score\n1,\"Hello, \"\"world\"\"\nsecond line\",3.5\n2,plain,4\n"
    let table = try readCSV(text)
    #expect(table["comment"]?.strings == ["Hello, \"world\"\nsecond line", "plain"])
    #expect(table["score"]?.doubleValues == [3.5, 4])
  }

  @Test func bomAndCRLF() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,\"a\r\nb\"\r\n2,c\r\n".utf8)
    let table = try CSVReader.read(bytes: bytes, name: "bom.csv")
    #expect(table.columnNames == ["id", "name"])
    #expect(table["id"]?.intValues == [1, 2])
    #expect(table["name"]?.strings == ["a\r\nb", "c"])
  }

  @Test func noTrailingNewlineAndBlankLines() throws {
    #expect(try readCSV("a,b\n1,2").rowCount == 1)
    let table = try readCSV("a,b\n1,2\n\n3,4\n\n\n")
    #expect(table["a"]?.intValues == [1, 3])
  }

  @Test func missingTokens() throws {
    let table = try readCSV("a,b,c\n1,NA,x\n.,2.5,NA\n,3,\"NA\"\n")
    let a = try #require(table["a"])
    #expect(a.type == .int)
    #expect(a.missingCount == 2)
    #expect(a.strings == ["1", nil, nil])
    #expect(table["b"]?.missingCount == 1)
    #expect(table["b"]?.doubles()?[2] == 3)
    // A quoted "NA" is the text NA, not a missing value.
    #expect(table["c"]?.strings == ["x", nil, "NA"])
  }

  @Test func customMissingTokens() throws {
    var options = CSVOptions()
    options.missingTokens = ["-99", "n/a"]
    let table = try readCSV("a,b\n-99,n/a\n1,x\n", options: options)
    #expect(table["a"]?.strings == [nil, "1"])
    #expect(table["b"]?.strings == [nil, "x"])
  }

  @Test func allMissingColumnIsDouble() throws {
    let table = try readCSV("a,b\n1,NA\n2,\n")
    #expect(table["b"]?.type == .double)
    #expect(table["b"]?.missingCount == 2)
  }

  @Test func whitespaceAroundUnquotedNumbers() throws {
    let table = try readCSV("a,b\n 1 , 2.5\t\n  3,4  \n")
    #expect(table["a"]?.intValues == [1, 3])
    #expect(table["b"]?.doubleValues == [2.5, 4])
  }

  @Test func infinityAndExtremeNumbers() throws {
    let table = try readCSV(
      "x,big\nInf,1\n-Inf,99999999999999999999\n1e308,9223372036854775807\n1e-320,2\n")
    let x = try #require(table["x"]?.doubleValues)
    #expect(
      x[0] == .infinity && x[1] == -.infinity && x[2] == 1e308 && x[3] == strtod("1e-320", nil))
    // An integer beyond Int64 turns the column into doubles rather than trapping.
    #expect(table["big"]?.type == .double)
    #expect(table["big"]?.doubleValues?[1] == 1e20)
  }

  @Test func intColumnKeepsInt64Extremes() throws {
    let table = try readCSV("a\n9223372036854775807\n-9223372036854775808\n")
    #expect(table["a"]?.intValues == [Int.max, Int.min])
  }

  @Test func mostlyTextColumnWithSomeNumbersIsText() throws {
    let table = try readCSV("school\nA12\n7\nB3\nC4\n")
    #expect(table["school"]?.type == .string)
    #expect(table["school"]?.strings == ["A12", "7", "B3", "C4"])
  }

  @Test func boolMixedWithTextIsText() throws {
    let table = try readCSV("a\ntrue\nmaybe\nfalse\nnever\nsometimes\n")
    #expect(table["a"]?.type == .string)
  }

  @Test func typeOverrides() throws {
    var options = CSVOptions()
    options.types = ["code": .string, "track": .category, "female": .bool, "year": .double]
    let table = try readCSV(
      "code,track,female,year\n007,1,0,2020\n010,2,1,2021\n", options: options)
    #expect(table["code"]?.strings == ["007", "010"])
    #expect(table["code"]?.type == .string)
    #expect(table["track"]?.type == .category)
    #expect(table["track"]?.levels == ["1", "2"])
    #expect(table["female"]?.boolValues == [false, true])
    #expect(table["year"]?.doubleValues == [2020, 2021])
  }

  @Test func intOverrideOnDoubleValueIsBadValue() throws {
    var options = CSVOptions()
    options.types = ["n": .int]
    let error = dataError { _ = try readCSV("n\n1\n2.5\n", name: "o.csv", options: options) }
    guard case .badValue(let at, "n", "2.5", .int) = error else {
      Issue.record("expected badValue, got \(String(describing: error))")
      return
    }
    #expect(at == SourceLocation(file: "o.csv", line: 3, column: 1))
  }

  @Test func singleColumnWithEmptyLinesAsMissing() throws {
    let table = try readCSV("x\n1\n\n3\n")
    #expect(table["x"]?.strings == ["1", nil, "3"])
  }

  @Test func unicodeText() throws {
    let table = try readCSV("naam,stad\nZoë,Liège\nÅsa,Gent\n")
    #expect(table["naam"]?.strings == ["Zoë", "Åsa"])
  }

  @Test func kindChangesMidColumnKeepOriginalText() throws {
    // Starts as numbers, turns out to be text: earlier rows are re-read as their original text.
    let words = (0..<10).map { "w\($0)" }.joined(separator: "\n")
    let table = try readCSV("code\n007\n1.50\nNA\n" + words + "\n")
    let code = try #require(table["code"])
    #expect(code.type == .string)
    #expect(Array(code.strings.prefix(4)) == ["007", "1.50", nil, "w0"])
    #expect(code.levels?.first == "007")
  }

  @Test func intPromotedToDoubleMidColumn() throws {
    let table = try readCSV("x\n1\n2\n2.5\nNA\n3\n")
    #expect(table["x"]?.type == .double)
    #expect(table["x"]?.doubles()?.prefix(3) == [1, 2, 2.5])
    #expect(table["x"]?.missing == [false, false, false, true, false])
  }

  @Test func missingBeforeFirstValue() throws {
    let table = try readCSV("a,b,c\nNA,NA,NA\ntrue,x,1.5\n")
    #expect(table["a"]?.boolValues?[1] == true)
    #expect(table["a"]?.strings == [nil, "true"])
    #expect(table["b"]?.strings == [nil, "x"])
    #expect(table["c"]?.strings == [nil, "1.5"])
  }

  @Test func quotedNumbersAreNumbers() throws {
    let table = try readCSV("\"id\",\"x\"\n\"1\",\"2.5\"\n\"2\",\"3\"\n")
    #expect(table["id"]?.intValues == [1, 2])
    #expect(table["x"]?.doubleValues == [2.5, 3])
  }

  @Test func escapedQuotesInHeader() throws {
    let table = try readCSV("\"say \"\"hi\"\"\",b\n1,2\n")
    #expect(table.columnNames == ["say \"hi\"", "b"])
  }

  @Test func whitespaceModeWithCRLFAndDoubleQuotes() throws {
    var options = CSVOptions()
    options.delimiter = .whitespace
    let table = try readCSV(
      "\"first name\" age\r\n\"An Peeters\" 31\r\nBram 29\r\n", options: options)
    #expect(table.columnNames == ["first name", "age"])
    #expect(table["first name"]?.strings == ["An Peeters", "Bram"])
    #expect(table["age"]?.intValues == [31, 29])
  }

  @Test func tabSeparatedWithEmptyFields() throws {
    let table = try readCSV("a\tb\tc\n1\t\t3\n\t2\t\n")
    #expect(table["a"]?.strings == ["1", nil])
    #expect(table["b"]?.strings == [nil, "2"])
    #expect(table["c"]?.strings == ["3", nil])
  }
}
