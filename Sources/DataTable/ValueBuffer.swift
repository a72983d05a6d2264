/// Growable storage for plain values, appended to in the parser's innermost loop without the
/// uniqueness check an `Array` append costs.
///
/// Copies share storage: only the copy being filled may grow it, and copies made after filling
/// are read-only. (The chunk parser fills each buffer in place, then hands out copies.)
struct ValueBuffer<Element: BitwiseCopyable> {
  /// Frees the storage when the last copy goes away.
  private final class Owner {
    var pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
    deinit { pointer.deallocate() }
  }

  private var owner: Owner
  private var pointer: UnsafeMutablePointer<Element>
  private var capacity: Int
  /// Number of values.
  private(set) var count = 0

  /// An empty buffer with room for `capacity` values.
  init(capacity: Int = 16) {
    self.capacity = max(capacity, 16)
    pointer = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    owner = Owner(pointer)
  }

  /// Appends one value.
  @inline(__always)
  mutating func append(_ value: Element) {
    if count == capacity { grow(to: capacity * 2) }
    pointer[count] = value
    count += 1
  }

  /// Appends `value` `n` times.
  mutating func append(repeating value: Element, count n: Int) {
    if count + n > capacity { grow(to: max(capacity * 2, count + n)) }
    (pointer + count).initialize(repeating: value, count: n)
    count += n
  }

  /// The value at `index` (unchecked beyond a debug assertion).
  @inline(__always)
  subscript(index: Int) -> Element {
    get {
      assert(index >= 0 && index < count)
      return pointer[index]
    }
    set {
      assert(index >= 0 && index < count)
      pointer[index] = newValue
    }
  }

  /// Appends all values to `array`.
  func copy(into array: inout [Element]) {
    withExtendedLifetime(owner) {
      array.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
    }
  }

  /// Appends all values, transformed, to `array`.
  func copy<T>(into array: inout [T], _ transform: (Element) -> T) {
    withExtendedLifetime(owner) {
      array.append(
        contentsOf: UnsafeBufferPointer(start: pointer, count: count).lazy.map(transform))
    }
  }

  private mutating func grow(to newCapacity: Int) {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    bigger.initialize(from: pointer, count: count)
    pointer.deallocate()
    owner.pointer = bigger
    pointer = bigger
    capacity = newCapacity
  }
}
