import ArgumentParser
import Foundation
import VETStat

/// `vetstat fit DATA --formula F ...`: one model, one table (or the JSON result document).
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit one model and print its coefficient table (or its result document with --json).",
    discussion: """
      Covariance (--vcov): iid, hc0, hc1, hc2, hc3, cluster (with --cluster COL
      or COL1,COL2), hac (Newey-West by unit; --panel-unit, --panel-time,
      --lags), driscoll-kraay (--panel-time, --lags). Small-sample correction
      for clustering (--small-sample): stata (default; = sandwich::vcovCL HC1,
      CR1), fixest (default for --model fe), statsmodels, none.

      Panel models: fe (fixed effects after | in the formula; default
      covariance clustered by the first fixed effect, as fixest; logit, probit
      and poisson take fixed effects after | too, as fixest's feglm), re
      (random effects), fd (first differences), between; re, fd and between
      need --panel-unit and --panel-time. Mixed models: lmm (REML; --ml for
      maximum likelihood) and glmm (logistic, Laplace; --nagq 10 for adaptive
      Gauss-Hermite quadrature), with random-effect terms such as
      (1 + year_c | learner_id) in the formula.

      Difference-in-differences: did (Callaway and Sant'Anna, as the spec's
      kind: did) with --formula "outcome ~ covariates" ("outcome ~ 1" for
      none), --panel-time, --first-treated, --panel-unit (or --sample
      repeated-cross-sections), [--control not-yet-treated] [--estimator
      dr|ipw|reg] [--base-period universal] [--anticipation A] [--cluster
      COL] [--bootstrap multiplier [--reps 999] [--seed S]]; prints ATT(g,t)
      and its aggregations (--json: the study's result document).

      Survival: cox (proportional hazards, as R coxph) takes the spell columns
      --time and --event (0/1), optionally --entry (delayed entry), --strata and
      --ties efron|breslow, and the covariates as --formula "~ x1 + x2";
      --vcov hc0 gives robust and --cluster COL cluster-robust standard errors.

      Several --formula fit each with the same model and options (a formula
      with | fits fixed effects) and print one side-by-side table, as fixest's
      etable: Markdown, or --format csv|tex|html, laid out by the table
      options (--omit, --keep, --order, --rename, --labels, --ci, ...); with
      --json an array of the result documents. vetstat table adds disclosure
      control and writes docx and xlsx.

      Wild cluster bootstrap (ols, fe): --bootstrap wild --cluster COL
      [--reps 9999] [--seed S] [--bootstrap-weights webb] adds a restricted
      (WCR) bootstrap p-value and test-inversion interval for every
      coefficient.

      Examples (run from the repository root; every file named is in datasets/):
        vetstat fit datasets/demo/stem_scores_demo.csv \\
          --formula "score ~ female + migrant + ses + C(track)" --vcov hc3
        vetstat fit datasets/vet_learners_sample.csv --json \\
          --formula "stem_score ~ female + ses" --cluster school_id,year
        vetstat fit datasets/vet_learners_sample.csv --model logit \\
          --cluster school_id --margins \\
          --formula "stem_enrolled ~ female * year + C(track)"
        vetstat fit datasets/vet_learners_sample.csv --model poisson \\
          --vcov hc0 --exponentiate --formula "early_leaver ~ female + ses"
        vetstat fit datasets/vet_learners_sample.csv --cluster school_id \\
          --formula "stem_score ~ treated | learner_id + year"
        vetstat fit datasets/demo/stem_scores_demo.csv --cluster school_id \\
          --formula "score ~ female" --formula "score ~ female + ses | school_id" \\
          --omit "ses" --labels Raw,Within
        vetstat fit datasets/vet_learners_sample.csv --model lmm \\
          --derive "year_c = year - 2020" \\
          --formula "stem_score ~ year_c * female + (1 + year_c | learner_id)"
        vetstat fit datasets/vet_learners_sample.csv \\
          --formula "stem_score ~ female * year_c" \\
          --derive "year_c = year - 2021" --subset "age >= 15 and age <= 29"
        vetstat fit datasets/vet_learners_sample.csv --model did \\
          --formula "stem_score ~ female + ses" --panel-time year \\
          --first-treated adoption_year --sample repeated-cross-sections \\
          --control not-yet-treated --cluster school_id
        vetstat fit datasets/vet_learners_sample.csv --model cox \\
          --time age --event early_leaver --strata track --subset "year == 2024" \\
          --formula "~ female + migrant + ses"
      """)

  @Argument(
    help:
      "Data file: CSV (delimiter , ; or tab detected; .gz, .zst too), .xlsx, .sav, .zsav, .por, .dta, .sas7bdat, .xpt."
  )
  var data: String

  @OptionGroup(title: "Reading the data")
  var reading: ReadingOptions

  @Option(
    help: ArgumentHelp(
      "A new column, \"name = expression\" (spec derive: syntax); repeat for more, in order.",
      valueName: "name = expression"))
  var derive: [String] = []

  @Option(help: "Keep the rows where this condition holds (spec filter: syntax), after --derive.")
  var subset: String?

  @Option(
    name: .customLong("formula"),
    help: ArgumentHelp(
      "Model formula, e.g. \"score ~ female * year_c + C(track)\"; several give one side-by-side "
        + "table.", valueName: "formula"))
  var formulas: [String]

  /// The formula of a one-model fit (the first one given).
  var formula: String { formulas.first ?? "" }

  @Option(
    help:
      "Model: ols (default; wls with --weights), logit, probit, poisson, fe, re, fd, between, lmm, glmm, did, cox."
  )
  var model: String = "ols"

  @Option(help: "Link of a GLM: logit, probit, cloglog (binary), log (poisson).")
  var link: String?

  @Option(help: "Offset column of a GLM (added to the linear predictor, e.g. log exposure).")
  var offset: String?

  @Flag(help: "Add marginal effects of every regressor (GLMs).")
  var margins = false

  @Option(help: "Where marginal effects are evaluated: average (AME, default) or means (MEM).")
  var marginsAt: String = "average"

  @Flag(help: "Add exponentiated estimates and intervals (odds / incidence-rate ratios; GLMs).")
  var exponentiate = false

  @Option(
    help:
      "Covariance: iid, hc0, hc1, hc2, hc3, cluster. Default iid, or cluster when --cluster is given."
  )
  var vcov: String?

  @Option(help: "Cluster column(s), comma-separated (one or two).")
  var cluster: String?

  @Option(
    help:
      "Small-sample correction for clustered covariances: stata (default), fixest (default for fe), statsmodels, none."
  )
  var smallSample: String?

  @Option(help: "Panel unit column (for re, fd, between and --vcov hac).")
  var panelUnit: String?

  @Option(help: "Panel time column, numeric (for re, fd, between, --vcov hac and driscoll-kraay).")
  var panelTime: String?

  @Option(help: "Lags of the hac / driscoll-kraay kernel (default floor(T^(1/4)), as plm).")
  var lags: Int?

  @Option(help: "Weight column.")
  var weights: String?

  @Option(help: "Weight kind: analytic (precision weights, default) or frequency.")
  var weightKind: String = "analytic"

  @Option(
    help: "Least-squares solver: qr (default for linear models) or cholesky (default for GLMs).")
  var solver: String?

  @Option(help: "IRLS iteration limit of a GLM with fixed effects (default 100).")
  var maxIterations: Int?

  @Option(
    help:
      "Bootstrap every coefficient: wild (restricted wild cluster bootstrap by --cluster, one column; ols and fe)."
  )
  var bootstrap: String?

  @Option(help: "Bootstrap replications (default 9999).")
  var reps: Int?

  @Option(help: "Seed of the bootstrap multipliers.")
  var seed: Int?

  @Option(help: "Bootstrap multipliers: rademacher (default) or webb.")
  var bootstrapWeights: String?

  @Option(help: "First treated period of each unit (--model did; 0 or empty: never treated).")
  var firstTreated: String?

  @Option(help: "Comparison units of --model did: never-treated (default) or not-yet-treated.")
  var control: String?

  @Option(help: "2x2 estimator of --model did: dr (doubly robust, default), ipw or reg.")
  var estimator: String?

  @Option(help: "Base period of --model did: varying (default) or universal.")
  var basePeriod: String?

  @Option(help: "Periods of anticipation of --model did (default 0).")
  var anticipation: Double?

  @Option(
    help:
      "Rows of --model did: balanced-panel (default), unbalanced-panel or repeated-cross-sections."
  )
  var sample: String?

  @Option(help: "Confidence level of the intervals.")
  var level: Double = 0.95

  @Flag(help: "Print the result document (JSON) instead of the table.")
  var json = false

  @Flag(help: "Fit a mixed model (lmm) by maximum likelihood; REML is the default.")
  var ml = false

  @Option(
    help: """
      Quadrature points of a logistic mixed model (glmm), as lme4's nAGQ: 1 (Laplace, the \
      default) to 25 (adaptive Gauss-Hermite; one scalar random effect only).
      """)
  var nagq: Int?

  @Option(help: "Exit time column of a Cox model (--model cox).")
  var time: String?

  @Option(help: "Event column of a Cox model, 0/1 (--model cox).")
  var event: String?

  @Option(help: "Entry time column of a Cox model (delayed entry, counting-process data).")
  var entry: String?

  @Option(help: "Strata column of a Cox model (separate baseline hazards).")
  var strata: String?

  @Option(help: "Ties of a Cox model: efron (default) or breslow.")
  var ties: String?

  @OptionGroup(title: "Side-by-side table (several --formula)")
  var layout: TableLayoutOptions

  @Option(
    help: "Format of the side-by-side table of several --formula: md (default), csv, tex, html.")
  var format: String?

  func validate() throws {
    guard level > 0, level < 1 else { throw ValidationError("--level must be between 0 and 1") }
    if bootstrap == nil, reps != nil || seed != nil || bootstrapWeights != nil {
      throw ValidationError("--reps, --seed and --bootstrap-weights need --bootstrap wild")
    }
    if let maxIterations, maxIterations < 1 {
      throw ValidationError("--max-iterations must be 1 or more, got \(maxIterations)")
    }
  }

  func run() throws {
    if self.model.lowercased() == "did" {
      guard formulas.count == 1 else {
        throw UsageError("--model did fits one --formula at a time")
      }
      return try runDiD()
    }
    if !didOptionsGiven.isEmpty {
      throw UsageError("\(didOptionsGiven.joined(separator: ", ")) are for --model did")
    }
    if formulas.count > 1 { return try runSideBySide() }
    if let given = layoutOptionsGiven.first {
      throw UsageError("\(given) lays out the side-by-side table of several --formula")
    }
    let (request, options) = try request(formula: formula)
    let readsEverything =
      try request.survival != nil || options.family != nil && !Formula(formula).fixedEffects.isEmpty
    let table: DataTable
    if readsEverything {
      // The spell columns are not in the formula, and a GLM with fixed effects reads its
      // columns itself: read every column.
      table = try noted(DataReader.load(path: data, options: reading.readerOptions()))
    } else {
      table = try readColumns(options: options, offset: request.offset)
    }
    let fit = try ModelRegistry.fit(request, data: try prepared(table))
    print(
      json
        ? fit.document(level: level, exponentiate: exponentiate).serialized()
        : fit.summary(source: data, level: level, exponentiate: exponentiate),
      terminator: "")
  }

  /// The registry request of one formula with every option of the command, checked.
  /// - Parameter formula: the formula as written.
  /// - Returns: the request and the options it was read from.
  /// - Throws: `UsageError` for options the model does not take or values it does not know.
  func request(formula: String) throws -> (request: FitRequest, options: FitOptions) {
    let model = ModelRegistry.resolve(model: self.model.lowercased(), formula: formula)
    let fixedEffects = model == "fe" || formula.contains("|")
    let options = try FitOptions(
      model: model, vcov: vcov, cluster: cluster,
      smallSample: smallSample ?? (fixedEffects ? "fixest" : "stata"), weights: weights,
      weightKind: weightKind, solver: solver ?? "qr", link: link, panelUnit: panelUnit,
      panelTime: panelTime, lags: lags)
    if ml, model != "lmm" { throw UsageError("--ml is for --model lmm") }
    if nagq != nil, model != "glmm" { throw UsageError("--nagq is for --model glmm") }
    var request = options.request(formula: formula, solverGiven: solver != nil)
    request.level = level
    request.reml = !ml
    request.quadraturePoints = nagq ?? 1
    request.maxIterations = maxIterations
    request.survival = try survivalColumns(model: model)
    if let bootstrap {
      do {
        request.bootstrap = try WildBootstrapRequest.read(
          method: bootstrap,
          clusters: cluster.map { $0.split(separator: ",").map(String.init) }, reps: reps,
          seed: seed, weights: bootstrapWeights, level: level)
      } catch let problem as CovarianceReader.Problem {
        throw UsageError(problem.message)
      }
    }
    guard request.survival == nil else { return (request, options) }
    if options.family != nil {
      try addGLMOptions(formula: formula, options: options, request: &request)
    } else if offset != nil || margins || exponentiate {
      throw UsageError(
        "--offset, --margins and --exponentiate need --model logit, probit or poisson")
    }
    return (request, options)
  }

  /// The spell columns of `--model cox`, `nil` for another model.
  /// - Throws: `UsageError` for spell options without `--model cox`, a Cox model without
  ///   `--time` and `--event`, or unknown ties.
  func survivalColumns(model: String) throws -> SurvivalColumns? {
    guard model == "cox" else {
      if time != nil || event != nil || entry != nil || strata != nil || ties != nil {
        throw UsageError("--time, --event, --entry, --strata and --ties are for --model cox")
      }
      return nil
    }
    guard let time, let event else {
      throw UsageError("--model cox needs --time COLUMN and --event COLUMN")
    }
    let chosen: CoxTies = try choice("--ties", ties) ?? .efron
    return SurvivalColumns(time: time, event: event, entry: entry, strata: strata, ties: chosen)
  }

  /// Checks the GLM options and adds offset and marginal effects to the request.
  /// - Throws: `UsageError` for options a fixed-effects GLM does not take or an unknown
  ///   `--margins-at`.
  func addGLMOptions(formula: String, options: FitOptions, request: inout FitRequest) throws {
    if try !Formula(formula).fixedEffects.isEmpty {
      var unsupported: [String] = []
      if offset != nil { unsupported.append("--offset") }
      if margins { unsupported.append("--margins") }
      if exponentiate { unsupported.append("--exponentiate") }
      if options.weights != nil { unsupported.append("--weights") }
      if let family = options.family, !unsupported.isEmpty {
        throw UsageError(
          "\(unsupported.joined(separator: ", ")) cannot be combined with fixed effects after "
            + "'|' in a \(family) model")
      }
      return
    }
    guard let at = MarginalEffectsAt(rawValue: marginsAt.lowercased()) else {
      throw UsageError("unknown --margins-at '\(marginsAt)' (choose average or means)")
    }
    request.offset = offset
    request.marginalEffects = margins ? [] : nil
    request.marginsAt = at
  }

  /// Reads the columns the fit needs, or every column when `--derive` or `--subset` may name
  /// others.
  func readColumns(options: FitOptions, offset: String?) throws -> DataTable {
    if !derive.isEmpty || subset != nil {
      return try noted(DataReader.load(path: data, options: reading.readerOptions()))
    }
    return try noted(
      FitColumns.load(
        path: data, formula: formula, options: options, offset: offset,
        reading: reading.readerOptions()))
  }

  /// The table with the `--derive` columns added and the `--subset` rows kept.
  /// - Throws: `UsageError` naming the option and the expression.
  func prepared(_ table: DataTable) throws -> DataTable {
    var table = table
    for text in derive {
      guard let equals = Self.assignment(text) else {
        throw UsageError("--derive takes \"name = expression\", got \"\(text)\"")
      }
      do {
        table = try TableExpressions.derive(table, name: equals.name, expression: equals.expression)
      } catch {
        throw UsageError("--derive \(equals.name): \(error)")
      }
    }
    if let subset {
      do {
        table = try TableExpressions.subset(table, where: subset)
      } catch {
        throw UsageError("--subset: \(error)")
      }
    }
    return table
  }

  /// `name` and `expression` of `name = expression` (the first `=` that is not part of `==`,
  /// `<=`, `>=` or `!=`), or `nil`.
  static func assignment(_ text: String) -> (name: String, expression: String)? {
    let characters = Array(text)
    for (i, c) in characters.enumerated() where c == "=" {
      let before = i > 0 ? characters[i - 1] : " "
      let after = i + 1 < characters.count ? characters[i + 1] : " "
      guard after != "=", !"<>!=".contains(before) else { continue }
      let name = String(characters[..<i]).trimmingCharacters(in: .whitespaces)
      let expression = String(characters[(i + 1)...]).trimmingCharacters(in: .whitespaces)
      guard let first = name.first, first.isLetter || first == "_",
        name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
        !expression.isEmpty
      else { return nil }
      return (name, expression)
    }
    return nil
  }

  /// The table, after writing to standard error what the reader detected (an encoding other
  /// than UTF-8, a number format), so that no guess goes unsaid.
  func noted(_ loaded: LoadedTable) -> DataTable {
    for line in loaded.report.lines where !line.contains("missing values") {
      FileHandle.standardError.write(Data("note: \(data): \(line)\n".utf8))
    }
    return loaded.table
  }
}
