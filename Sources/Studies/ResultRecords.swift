import Foundation

/// A result document (`vetstat.result/1`) as a `Codable` value, so that `JSONDecoder` reads back
/// what `vetstat fit --json` prints and what `results.json` holds per analysis.
///
/// Every key but `schema` is optional: kinds without coefficients (describe, indicator) have
/// none, and keys added by later kinds are ignored. Encoding writes the same key names.
public struct ResultRecord: Codable, Sendable, Equatable {
  /// One coefficient row; `nil` numbers are aliased terms or undefined statistics.
  public struct Coefficient: Codable, Sendable, Equatable {
    /// Term name (`(Intercept)`, `x`, `f[level]`, `a:b`).
    public var term: String
    /// Estimate.
    public var estimate: Double?
    /// Standard error.
    public var standardError: Double?
    /// t or z statistic.
    public var statistic: Double?
    /// Two-sided p-value.
    public var pValue: Double?
    /// Confidence interval.
    public var confLow: Double?, confHigh: Double?
    /// True for a term dropped as collinear.
    public var aliased: Bool?
    /// True for a coefficient withheld by disclosure control.
    public var suppressed: Bool?

    enum CodingKeys: String, CodingKey {
      case term, estimate, statistic, aliased, suppressed
      case standardError = "std_error"
      case pValue = "p_value"
      case confLow = "conf_low"
      case confHigh = "conf_high"
    }
  }

  /// What was dropped before or during the fit.
  public struct Dropped: Codable, Sendable, Equatable {
    /// Rows dropped for missing values.
    public var rowsMissing: Int?
    /// Singleton observations dropped (fixed effects).
    public var singletons: Int?
    /// Terms dropped as collinear.
    public var collinearTerms: [String]?

    enum CodingKeys: String, CodingKey {
      case singletons
      case rowsMissing = "rows_missing"
      case collinearTerms = "collinear_terms"
    }
  }

  /// One variance component of a mixed model.
  public struct RandomEffect: Codable, Sendable, Equatable {
    /// Grouping factor (or `Residual`).
    public var group: String
    /// Random-effect term (empty for the residual).
    public var term: String
    /// Variance.
    public var variance: Double?
    /// Standard deviation.
    public var stdDev: Double?

    enum CodingKeys: String, CodingKey {
      case group, term, variance
      case stdDev = "std_dev"
    }
  }

  /// How the coefficients were tested.
  public struct Inference: Codable, Sendable, Equatable {
    /// `t` or `normal`.
    public var distribution: String?
    /// The confidence level of `conf_low`/`conf_high`.
    public var confLevel: Double?

    enum CodingKeys: String, CodingKey {
      case distribution
      case confLevel = "conf_level"
    }
  }

  /// `vetstat.result/1`.
  public var schema: String
  /// Model name (`ols`, `logit`, `fe`, `lmm`, ...).
  public var model: String?
  /// The formula as fitted.
  public var formula: String?
  /// Covariance type (such as `cluster(school_id)`).
  public var vcov: String?
  /// Observations used.
  public var nobs: Int?
  /// Residual degrees of freedom.
  public var dfResidual: Double?
  /// Coefficients in model order.
  public var coefficients: [Coefficient]?
  /// Fit measures by key (`r_squared`, `log_likelihood`, `aic`, ...); `nil` where undefined.
  public var fit: [String: Double?]?
  /// Variance components of a mixed model.
  public var randomEffects: [RandomEffect]?
  /// Residual variance of a linear mixed model.
  public var residualVariance: Double?
  /// Dropped rows and terms.
  public var dropped: Dropped?
  /// Whether the estimation converged.
  public var converged: Bool?
  /// Iterations used.
  public var iterations: Int?
  /// Warnings, as printed.
  public var warnings: [String]?
  /// The test distribution and the confidence level.
  public var inference: Inference?

  enum CodingKeys: String, CodingKey {
    case schema, model, formula, vcov, nobs, coefficients, fit, dropped, converged, iterations
    case warnings, inference
    case dfResidual = "df_residual"
    case randomEffects = "random_effects"
    case residualVariance = "residual_variance"
  }

  /// The coefficient row of `term`, if present.
  public subscript(term term: String) -> Coefficient? {
    coefficients?.first { $0.term == term }
  }
}

/// A study's `results.json` (`vetstat.study/1`) as a `Codable` value.
public struct StudyResultsRecord: Codable, Sendable, Equatable {
  /// How the results were made.
  public struct Provenance: Codable, Sendable, Equatable {
    /// SHA-256 of the spec file.
    public var specSha256: String
    /// SHA-256 of each data file, by path.
    public var dataSha256: [String: String]
    /// The VETStat version that ran the study.
    public var vetstatVersion: String
    /// The study's seed.
    public var seed: Int?
    /// ISO 8601 timestamp of the run.
    public var created: String

    enum CodingKeys: String, CodingKey {
      case seed, created
      case specSha256 = "spec_sha256"
      case dataSha256 = "data_sha256"
      case vetstatVersion = "vetstat_version"
    }
  }

  /// One analysis and its result document.
  public struct Analysis: Codable, Sendable, Equatable {
    /// The analysis name.
    public var name: String
    /// Its kind (`ols`, `indicator`, `did`, ...).
    public var kind: String
    /// Its result document.
    public var result: ResultRecord?
  }

  /// `vetstat.study/1`.
  public var schema: String
  /// The study's name.
  public var study: String
  /// Hashes, version, seed and time.
  public var provenance: Provenance
  /// The analyses in spec order.
  public var analyses: [Analysis]

  /// Reads a `results.json` file.
  /// - Parameter path: the file.
  /// - Returns: the record.
  /// - Throws: file or decoding errors (`DecodingError` names the key path).
  public static func read(path: String) throws -> StudyResultsRecord {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONDecoder().decode(StudyResultsRecord.self, from: data)
  }

  /// The analysis named `name`, if present.
  public subscript(analysis name: String) -> Analysis? {
    analyses.first { $0.name == name }
  }
}
