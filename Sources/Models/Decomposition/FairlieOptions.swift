/// Options of a Fairlie (2005) decomposition for a binary outcome.
public struct FairlieOptions: Sendable, Equatable {
  /// Whose coefficients value the characteristics.
  public enum Reference: String, Sendable, CaseIterable {
    /// A binary-response model fitted to group A.
    case a
    /// A binary-response model fitted to group B.
    case b
    /// A model fitted to both groups, without a group indicator (Stata `fairlie, pooled`).
    case pooled
  }

  /// The link of the binary-response model: `.logit` or `.probit`.
  public var link: LinkFunction
  /// Whose coefficients are used.
  public var reference: Reference
  /// Number of replications (subsamples of the larger group, and orderings when randomised).
  public var replications: Int
  /// Seed of the subsampling and of the orderings.
  public var seed: UInt64
  /// Whether each replication draws a random order of the terms (Stata `fairlie, ro`).
  public var randomOrder: Bool

  /// Creates options.
  /// - Parameters:
  ///   - link: logit (default) or probit.
  ///   - reference: whose coefficients (default pooled).
  ///   - replications: number of replications (default 100).
  ///   - seed: seed of the random draws.
  ///   - randomOrder: whether to randomise the order of the terms.
  public init(
    link: LinkFunction = .logit, reference: Reference = .pooled, replications: Int = 100,
    seed: UInt64 = 1, randomOrder: Bool = false
  ) {
    self.link = link
    self.reference = reference
    self.replications = replications
    self.seed = seed
    self.randomOrder = randomOrder
  }
}
