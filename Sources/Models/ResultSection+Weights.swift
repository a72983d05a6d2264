import Inference

extension ResultSection {
  /// The weights a fit used (`weights`: column and kind), written after the covariance type.
  /// - Parameters:
  ///   - column: the weight column.
  ///   - kind: `analytic`, `frequency` or `prior`.
  /// - Returns: the section.
  static func weights(column: String, kind: String) -> ResultSection {
    ResultSection(
      key: "weights", title: "Weights", columns: [.init("column"), .init("kind")],
      rows: [[.text(column), .text(kind)]], layout: .record, placement: .afterCovarianceType)
  }

  /// The family and link of a GLM (`family`, `link`), written after the model name.
  /// - Parameter family: the family.
  /// - Returns: the two sections.
  static func family(_ family: GLMFamily) -> [ResultSection] {
    [
      .scalar("family", title: "Family", .text(family.name), placement: .afterModel),
      .scalar("link", title: "Link", .text(family.link.rawValue), placement: .afterModel),
    ]
  }
}
