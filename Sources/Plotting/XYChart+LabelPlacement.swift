/// A text label's bounding box in px (an estimate from the font size: 0.6 em per character).
struct LabelBox: Equatable {
  /// Font size of reference-line labels.
  static let fontSize = 10.0
  /// Left, top, right, bottom.
  let x0: Double, y0: Double, x1: Double, y1: Double

  /// The box of `text` with its baseline-left corner at (x, baseline).
  init(text: String, x: Double, baseline: Double) {
    x0 = x
    x1 = x + 0.6 * Self.fontSize * Double(text.count)
    y0 = baseline - Self.fontSize
    y1 = baseline + 2
  }

  /// A box from its sides.
  init(x0: Double, y0: Double, x1: Double, y1: Double) {
    self.x0 = min(x0, x1)
    self.x1 = max(x0, x1)
    self.y0 = min(y0, y1)
    self.y1 = max(y0, y1)
  }

  /// True when the boxes share area.
  func intersects(_ other: LabelBox) -> Bool {
    x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
  }
}

extension XYChart {
  /// A reference line's label and where it goes.
  struct PlacedLabel {
    let text: String
    let box: LabelBox
  }

  /// The boxes of every drawn data mark: points, error bars, line segments (sampled every few
  /// px) and band edges, in px.
  func markBoxes(_ geometry: Geometry) -> [LabelBox] {
    var boxes: [LabelBox] = []
    let y = geometry.y
    for (index, item) in series.enumerated() {
      let x = geometry.x(series: index, of: self)
      let points = item.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
      for p in points {
        if item.markers {
          boxes.append(LabelBox(x0: x(p.x) - 4, y0: y(p.y) - 4, x1: x(p.x) + 4, y1: y(p.y) + 4))
        }
        if item.interval != .none, let low = p.low, let high = p.high, low.isFinite,
          high.isFinite
        {
          boxes.append(LabelBox(x0: x(p.x) - 4, y0: y(high), x1: x(p.x) + 4, y1: y(low)))
        }
      }
      var edges: [[(Double, Double)]] = []
      if item.line { edges.append(points.map { (x($0.x), y($0.y)) }) }
      if item.interval == .band {
        edges.append(points.compactMap { p in p.high.map { (x(p.x), y($0)) } })
        edges.append(points.compactMap { p in p.low.map { (x(p.x), y($0)) } })
      }
      for edge in edges where edge.count >= 2 {
        for (a, b) in zip(edge, edge.dropFirst()) {
          let steps = max(1, Int((abs(b.0 - a.0) + abs(b.1 - a.1)) / 3))
          for step in 0...steps {
            let t = Double(step) / Double(steps)
            let px = a.0 + t * (b.0 - a.0)
            let py = a.1 + t * (b.1 - a.1)
            boxes.append(LabelBox(x0: px - 1.5, y0: py - 1.5, x1: px + 1.5, y1: py + 1.5))
          }
        }
      }
    }
    return boxes
  }

  /// Every reference line's label at the first candidate position (along its line, inside the
  /// plot) whose box covers no data mark and no label placed before; when every candidate is
  /// covered, above the plot area, clear of the data.
  func placedLabels(_ geometry: Geometry) -> [PlacedLabel] {
    let frame = geometry.frame
    let marks = markBoxes(geometry)
    var placed: [PlacedLabel] = []
    var aboveFrame = frame.left
    for reference in referenceLines {
      guard let text = reference.label else { continue }
      let width = 0.6 * LabelBox.fontSize * Double(text.count)
      var candidates: [LabelBox] = []
      switch reference.axis {
      case .y:
        let py = geometry.y(reference.value)
        let span = frame.right - frame.left - width - 8
        for fraction in [1.0, 0.0, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875] {
          let x = frame.left + 4 + fraction * max(0, span)
          candidates.append(LabelBox(text: text, x: x, baseline: py - 4))
          candidates.append(LabelBox(text: text, x: x, baseline: py + 12))
        }
      case .x:
        let px = geometry.x(reference.value)
        let height = frame.bottom - frame.top - 16
        for fraction in [0.0, 1.0, 0.5, 0.25, 0.75] {
          let baseline = frame.top + 12 + fraction * max(0, height)
          candidates.append(LabelBox(text: text, x: px + 4, baseline: baseline))
          candidates.append(LabelBox(text: text, x: px - 4 - width, baseline: baseline))
        }
      }
      let inside = candidates.filter {
        $0.x0 >= frame.left && $0.x1 <= frame.right && $0.y0 >= frame.top - 2
          && $0.y1 <= frame.bottom
      }
      let free = inside.first { box in
        !marks.contains { $0.intersects(box) } && !placed.contains { $0.box.intersects(box) }
      }
      if let free {
        placed.append(PlacedLabel(text: text, box: free))
      } else {
        let box = LabelBox(text: text, x: aboveFrame, baseline: frame.top - 6)
        aboveFrame = box.x1 + 12
        placed.append(PlacedLabel(text: text, box: box))
      }
    }
    return placed
  }
}
