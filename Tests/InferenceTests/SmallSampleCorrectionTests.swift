import Testing

@testable import Inference

/// The named presets and how they describe themselves (the text goes into reports).
@Suite struct SmallSampleCorrectionTests {
  @Test func presetsMirrorTheirPackages() {
    #expect(SmallSampleCorrection.presets["cr1"] == .stata)
    #expect(SmallSampleCorrection.presets["sandwich"] == .stata)
    #expect(SmallSampleCorrection.default == .stata)
    #expect(SmallSampleCorrection.fixest.clusterAdjustment == .minimum)
    #expect(SmallSampleCorrection.none.clusterAdjustment == .none)
    #expect(!SmallSampleCorrection.none.residualAdjustment)
    // statsmodels and Stata scale alike but keep their own names.
    #expect(SmallSampleCorrection.statsmodels.clusterAdjustment == .perDimension)
    #expect(SmallSampleCorrection.statsmodels != SmallSampleCorrection.stata)
    #expect(
      Set(SmallSampleCorrection.presets.keys) == [
        "stata", "sandwich", "cr1", "fixest", "statsmodels", "none",
      ])
  }

  @Test func descriptionsStateTheFactors() {
    #expect(SmallSampleCorrection.stata.description == "stata: G/(G-1) x (N-1)/(N-K), t(G-1)")
    #expect(
      SmallSampleCorrection.fixest.factorDescription == "fixest: Gmin/(Gmin-1) x (N-1)/(N-K)")
    #expect(SmallSampleCorrection.none.description == "none: no adjustment, t(G-1)")
    let custom = SmallSampleCorrection(
      clusterAdjustment: .none, residualAdjustment: true, distribution: .normal)
    #expect(custom.description == "custom: (N-1)/(N-K), normal")
    let residual = SmallSampleCorrection(
      clusterAdjustment: .perDimension, residualAdjustment: false, distribution: .residual)
    #expect(residual.description == "custom: G/(G-1), t(N-K)")
  }

  @Test func covarianceTypesNameTheirColumns() {
    #expect(CovarianceType.cluster("school_id").description == "cluster(school_id)")
    #expect(CovarianceType.cluster(["firm", "year"]).description == "cluster(firm,year)")
    #expect(CovarianceType.cluster("school_id") == .cluster(["school_id"], .stata))
    #expect(CovarianceType.heteroskedastic(.hc3).description == "hc3")
    #expect(
      CovarianceType.hac(unit: "id", time: "year", lags: 2).description == "hac(id,year,lags=2)")
    #expect(
      CovarianceType.driscollKraay(time: "year", lags: nil).description == "driscoll-kraay(year)")
    #expect(
      CovarianceType.hac(unit: "id", time: "year", lags: nil).requiredColumns == ["id", "year"])
    #expect(CovarianceType.iid.requiredColumns.isEmpty)
  }
}
