/// The columns of a design split into dense columns and groups of mutually exclusive, sparse 0/1
/// indicator columns (the dummies of one factor), each group coded as one small integer per row.
///
/// Cross products with such a group cost one indexed addition per row instead of one multiply-add
/// per row and column (glum's categorical matrices work the same way).
public struct IndicatorLayout: Sendable {
  /// Columns handled as dense columns, ascending.
  public let dense: [Int]
  /// Groups of indicator columns; within a group no row has two indicators set.
  public let groups: [[Int]]
  /// `codes[g][i]`: 0 when row i has no indicator of group g set, k + 1 when `groups[g][k]` is.
  let codes: [[UInt16]]

  /// Most columns in one group (a larger factor is split into several groups), so that the
  /// per-block tables of pairs of groups stay small.
  public static let maximumGroupSize = 64

  /// Whether every column is dense (no group was found).
  public var isDense: Bool { groups.isEmpty }

  /// Every column dense.
  /// - Parameter columns: number of columns.
  public init(denseColumns columns: Int) {
    dense = Array(0..<columns)
    groups = []
    codes = []
  }

  /// Finds the groups: adjacent 0/1 columns with at most `maximumDensity` ones that are
  /// mutually exclusive row by row are grouped (at most `maximumGroupSize` to a group); every
  /// other column is dense.
  /// - Parameters:
  ///   - x: the design.
  ///   - maximumDensity: densest indicator column still coded (denser ones gain nothing).
  public init(_ x: Matrix, maximumDensity: Double = 0.35) {
    let n = x.rows
    let p = x.columns
    var ones = [Int](repeating: -1, count: p)
    x.storage.withUnsafeBufferPointer { px in
      ones.withUnsafeMutableBufferPointer { out in
        let shared = UncheckedSendableBox((px, out))
        let threads = n * p >= 1 << 18 ? nil : 1
        ParallelLoop.forEach(p, threads: threads) { j in
          let (px, out) = shared.value
          var count = 0
          var other = 0
          for i in 0..<n {
            let value = px[j * n + i]
            let one = bit(value == 1)
            other |= 1 &- (one | bit(value == 0))
            count &+= one
          }
          out[j] = other == 0 ? count : -1
        }
      }
    }
    var dense: [Int] = []
    var groups: [[Int]] = []
    var codes: [[UInt16]] = []
    var current: [Int] = []
    var currentCodes: [UInt16] = []
    func close() {
      if !current.isEmpty {
        groups.append(current)
        codes.append(currentCodes)
      }
      current = []
      currentCodes = []
    }
    x.storage.withUnsafeBufferPointer { px in
      guard let pxBase = px.baseAddress else { return }
      for j in 0..<p {
        let sparse = ones[j] > 0 && Double(ones[j]) <= maximumDensity * Double(n)
        guard sparse, n > 0 else {
          close()
          dense.append(j)
          continue
        }
        let column = pxBase + j * n
        if !current.isEmpty, current.count < Self.maximumGroupSize,
          Self.joins(column, &currentCodes, code: UInt16(current.count + 1))
        {
          current.append(j)
          continue
        }
        close()
        current = [j]
        currentCodes = [UInt16](repeating: 0, count: n)
        _ = Self.joins(column, &currentCodes, code: 1)
      }
    }
    close()
    self.dense = dense
    self.groups = groups
    self.codes = codes
  }

  /// Sets `codes[i] = code` where the 0/1 column is 1, if no such row has a code yet (branch
  /// free: the column's ones are unpredictable); returns whether it did.
  private static func joins(
    _ column: UnsafePointer<Double>, _ codes: inout [UInt16], code: UInt16
  ) -> Bool {
    codes.withUnsafeMutableBufferPointer { out in
      var clash: UInt16 = 0
      for i in 0..<out.count { clash |= out[i] & mask(column[i] == 1) }
      if clash != 0 { return false }
      for i in 0..<out.count {
        let m = mask(column[i] == 1)
        out[i] = (out[i] & ~m) | (code & m)
      }
      return true
    }
  }

  /// The same layout on a subset of the columns (such as after aliased columns were dropped).
  /// - Parameter kept: ascending column indices to keep.
  /// - Returns: the layout of `x.selectingColumns(kept)`.
  public func selecting(_ kept: [Int]) -> IndicatorLayout {
    var position = [Int: Int]()
    for (k, j) in kept.enumerated() { position[j] = k }
    var groups: [[Int]] = []
    var codes: [[UInt16]] = []
    for (g, group) in self.groups.enumerated() {
      let keptInGroup = group.filter { position[$0] != nil }
      guard !keptInGroup.isEmpty else { continue }
      // Recode: dropped members become "none".
      var map = [UInt16](repeating: 0, count: group.count + 1)
      for (k, j) in group.enumerated() {
        if let index = keptInGroup.firstIndex(of: j) { map[k + 1] = UInt16(index + 1) }
      }
      groups.append(keptInGroup.compactMap { position[$0] })
      codes.append(self.codes[g].map { map[Int($0)] })
    }
    return IndicatorLayout(
      dense: dense.compactMap { position[$0] }, groups: groups, codes: codes)
  }

  private init(dense: [Int], groups: [[Int]], codes: [[UInt16]]) {
    self.dense = dense
    self.groups = groups
    self.codes = codes
  }
}

/// 1 for true, 0 for false, without a branch (the compiler turns `b ? 1 : 0` on unpredictable
/// data into a mispredicted jump).
@inline(__always) func bit(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }

/// All ones for true, zero for false, without a branch.
@inline(__always) private func mask(_ b: Bool) -> UInt16 {
  0 &- UInt16(unsafeBitCast(b, to: UInt8.self))
}
