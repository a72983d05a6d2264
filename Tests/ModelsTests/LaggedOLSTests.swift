import DataTable
import Foundation
import Inference
import Models
import Testing

/// OLS with lagged and differenced regressors on a gapped panel equals plm's pooling model
/// (= lm) on `lag(x, 1)` and `diff(z)`: Tests/Fixtures/panel/generate.R.
@Suite("OLS with panel lags vs plm")
struct LaggedOLSTests {
  @Test func matchesPlmPooling() throws {
    let data = try CSVReader.read(path: FixturePaths.fixture("panel/gapped_panel.csv").path)
    let panel = try PanelIndex(data: data, unit: "unit", time: "year")
    let fit = try OLS.fit("y ~ l(x, 1) + d(z)", data: data, panel: panel)
    let reference = try CSVReader.read(
      path: FixturePaths.fixture("panel/lagged_ols_expected.csv").path)
    let terms = try reference.column(named: "term")
    let estimates = try reference.column(named: "estimate")
    let errors = try reference.column(named: "std_error")
    #expect(fit.nobs == Int(try reference.column(named: "nobs").doubleValue(0) ?? 0))
    for row in 0..<reference.rowCount {
      let term = terms.stringValue(row) ?? ""
      let index = try #require(fit.coefficients.names.firstIndex(of: term), "term \(term)")
      #expect(
        relativeError(fit.coefficients.values[index], estimates.doubleValue(row) ?? .nan) < 1e-10)
      #expect(relativeError(fit.standardErrors[index], errors.doubleValue(row) ?? .nan) < 1e-10)
    }
  }
}
