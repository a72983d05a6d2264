/// Turns formula terms into model-matrix columns with R's coding rules.
///
/// A factor inside a term is coded by treatment contrasts (reference level omitted) when the term
/// with that factor removed is also in the model (the empty term counting as the intercept);
/// otherwise by one indicator per level, so that `y ~ 0 + C(f)` has every level and the design
/// stays full rank as in R's `model.matrix`. Columns of an interaction vary the first factor
/// fastest, as R does.
enum TermCoding {
  struct CodedColumn {
    let name: String
    let termIndex: Int
    let values: [Double]
  }

  private enum Component {
    case numeric(label: String, values: [Double])
    case factor(FactorValues, full: Bool)
  }

  static func columns(formula: Formula, evaluator: TermEvaluator) throws -> [CodedColumn] {
    let n = evaluator.rows.count
    var out: [CodedColumn] = []
    if formula.hasIntercept {
      out.append(CodedColumn(name: "(Intercept)", termIndex: -1, values: [Double](repeating: 1, count: n)))
    }
    for (termIndex, term) in formula.terms.enumerated() {
      var components: [Component] = []
      for atom in term.atoms {
        if evaluator.isFactor(atom.node) {
          let margin = term.atoms.filter { $0 != atom }
          let marginPresent =
            margin.isEmpty
            ? formula.hasIntercept
            : formula.terms.contains(Term(atoms: margin))
          components.append(.factor(try evaluator.factor(atom.node), full: !marginPresent))
        } else {
          components.append(.numeric(label: atom.text, values: try evaluator.numeric(atom.node, label: atom.text)))
        }
      }
      // Start from one all-ones column with an empty name; multiply in each component.
      var partial: [(name: String, values: [Double])] = [("", [Double](repeating: 1, count: n))]
      for component in components {
        var next: [(name: String, values: [Double])] = []
        switch component {
        case .numeric(let label, let values):
          for p in partial {
            var v = p.values
            for i in 0..<n { v[i] *= values[i] }
            next.append((join(p.name, label), v))
          }
        case .factor(let factor, let full):
          // First component varies fastest: loop levels outside, existing columns inside.
          for level in factor.labels.indices where full || level != factor.reference {
            let code = Int32(level)
            let label = "\(factor.name)[\(factor.labels[level])]"
            for p in partial {
              var v = p.values
              for i in 0..<n where factor.codes[i] != code { v[i] = 0 }
              next.append((join(p.name, label), v))
            }
          }
        }
        partial = next
      }
      out.append(contentsOf: partial.map { CodedColumn(name: $0.name, termIndex: termIndex, values: $0.values) })
    }
    return out
  }

  private static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + ":" + b }
}
