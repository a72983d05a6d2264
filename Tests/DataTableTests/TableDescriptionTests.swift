import Testing

@testable import DataTable

@Suite struct TableDescriptionTests {
  @Test func summariesOfNumericAndTextColumns() throws {
    let table = try readCSV("x,track,ok\n1,a,true\n2,b,false\n3,a,NA\nNA,c,true\n,a,true\n")
    let summaries = table.describe()
    let x = summaries[0]
    #expect(x.name == "x" && x.type == .int && x.n == 3 && x.missing == 2)
    #expect(x.mean == 2 && x.sd == 1 && x.min == 1 && x.max == 3)
    #expect(x.levelCount == nil)
    let track = summaries[1]
    #expect(track.levelCount == 3)
    #expect(
      track.topLevels == [
        LevelCount(level: "a", count: 3), LevelCount(level: "b", count: 1),
        LevelCount(level: "c", count: 1),
      ])
    #expect(track.mean == nil)
    #expect(summaries[2].mean == 0.75)
  }

  @Test func renderIsAligned() throws {
    let table = try readCSV("score,track\n1.5,ICT\n2.5,Health care\n")
    let text = ColumnSummary.render(table.describe())
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("column  type"))
    #expect(lines[2].contains("score") && lines[2].contains("2") && lines[2].contains("0.707107"))
    #expect(lines[3].contains("ICT (1), Health care (1)"))
  }
}
