import DataTable
import Foundation
import Testing

@testable import Studies

/// The spec's expression language: parsing, precedence, types, missing values as R.
@Suite struct ExpressionTests {
  static let table: DataTable = {
    let columns = [
      Column.double("x", [1, 2, nil, 4]),
      Column.double("y", [0, 5, 6, nil]),
      Column.string("track", ["care", "tech", nil, "care"]),
    ]
    return (try? DataTable(columns: columns)) ?? (try! DataTable(columns: []))
  }()

  func evaluate(_ text: String) throws -> [Double?] {
    let e = try Expression(parsing: text)
    var types: [String: ExpressionType] = [:]
    for c in Self.table.columns { types[c.name] = ExpressionType(column: c) }
    _ = try e.check(columns: types, hasPanel: false)
    guard case .numbers(let v) = ExpressionEvaluator(table: Self.table, panel: nil).evaluate(e)
    else { return [] }
    return v.map { $0.isNaN ? nil : $0 }
  }

  @Test func arithmeticPrecedenceAndFunctions() throws {
    #expect(try evaluate("1 + 2 * x ^ 2") == [3, 9, nil, 33])
    #expect(try evaluate("-x ^ 2") == [-1, -4, nil, -16])
    #expect(try evaluate("max(x, y)") == [1, 5, nil, nil])
    #expect(try evaluate("round(x / 3, 2)") == [0.33, 0.67, nil, 1.33])
    #expect(try evaluate("log(y)") == [nil, log(5), log(6), nil])
    #expect(try evaluate("abs(0 - x)") == [1, 2, nil, 4])
  }

  @Test func yearMonthAndDayOfDates() throws {
    // 2021-09-01, 1959-12-31, missing, 2024-02-29 12:00 (a date-time: fractional days).
    let dates = try DataTable(columns: [
      Column(
        name: "d", values: .int([18871, -3654, 0, 19782]), type: .date,
        missing: [false, false, true, false]),
      Column(
        name: "t", values: .double([18871.25, -0.5, .nan, 19782.5]), type: .datetime,
        missing: [false, false, true, false]),
    ])
    func values(_ text: String) throws -> [Double?] {
      let e = try Expression(parsing: text)
      let types = Dictionary(
        uniqueKeysWithValues: dates.columns.map {
          ($0.name, ExpressionType(column: $0))
        })
      #expect(try e.check(columns: types, hasPanel: false) == .number)
      guard case .numbers(let v) = ExpressionEvaluator(table: dates, panel: nil).evaluate(e)
      else { return [] }
      return v.map { $0.isNaN ? nil : $0 }
    }
    #expect(try values("year(d)") == [2021, 1959, nil, 2024])
    #expect(try values("month(d)") == [9, 12, nil, 2])
    #expect(try values("day(d)") == [1, 31, nil, 29])
    #expect(try values("year(t) * 100 + month(t)") == [202109, 196912, nil, 202402])
    #expect(try values("d - 18000") == [871, -21654, nil, 1782])
  }

  @Test func threeValuedLogicAsR() throws {
    #expect(try evaluate("x > 1 and y > 1") == [0, 1, nil, nil])
    #expect(try evaluate("x > 3 or y > 5") == [0, 0, 1, 1])
    #expect(try evaluate("not is_missing(x)") == [1, 1, 0, 1])
    #expect(try evaluate("track == \"care\"") == [1, 0, nil, 1])
    #expect(try evaluate("if_else(x >= 2, 10, 20)") == [20, 10, nil, 10])
  }

  @Test func errorsNamePositionAndSuggest() {
    #expect(throws: ExpressionError.self) { try Expression(parsing: "x +") }
    #expect(throws: ExpressionError.self) { try Expression(parsing: "x = 1") }
    do {
      _ = try evaluate("lgo(x)")
      Issue.record("expected an error")
    } catch let error as ExpressionError {
      #expect(error.position == 1 && error.message.contains("did you mean 'log'"))
    } catch { Issue.record("\(error)") }
    do {
      _ = try evaluate("x + trak")
      Issue.record("expected an error")
    } catch let error as ExpressionError {
      #expect(error.position == 5 && error.message.contains("did you mean 'track'"))
    } catch { Issue.record("\(error)") }
    #expect(throws: ExpressionError.self) { try evaluate("track > 1") }
    #expect(throws: ExpressionError.self) { try evaluate("lag(x)") }
  }
}
