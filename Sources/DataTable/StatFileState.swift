import CReadStat

/// What ReadStat's callbacks collect while a file is parsed: the variables with their labels,
/// formats and user-missing ranges, the value-label sets, and each kept variable's values.
final class StatFileState {
  /// One variable of the file.
  struct Variable {
    let name: String
    let label: String?
    let format: String
    let isString: Bool
    let labelSet: String?
    /// Whether its values are kept (selected columns only).
    let kept: Bool
  }

  /// One value label of a set: a number or text code (or the tag of an extended missing).
  struct Label {
    let number: Double?
    let text: String?
    let tag: Character?
    let label: String
  }

  let selected: Set<String>?
  var rowsHint = 0
  var variables: [Variable] = []
  /// Values of numeric variables (NaN for missing), by variable index (empty for others).
  var numbers: [[Double]] = []
  /// Values of string variables, by variable index (empty for others).
  var strings: [[String]] = []
  /// Missing rows of each variable and why: the kind for each missing row.
  var missing: [Int: [Int: String]] = [:]
  var labelSets: [String: [Label]] = [:]

  init(selected: Set<String>?) {
    self.selected = selected
  }
}

/// ReadStat's callbacks (C function pointers), each recovering the `StatFileState` from the
/// context pointer.
enum StatFileHandlers {
  static func state(_ context: UnsafeMutableRawPointer?) -> StatFileState? {
    guard let context else { return nil }
    return Unmanaged<StatFileState>.fromOpaque(context).takeUnretainedValue()
  }

  static let metadata: readstat_metadata_handler = { metadata, context in
    guard let state = state(context) else { return Int32(READSTAT_HANDLER_ABORT) }
    state.rowsHint = max(0, Int(readstat_get_row_count(metadata)))
    return Int32(READSTAT_HANDLER_OK)
  }

  static let variable: readstat_variable_handler = { index, variable, labels, context in
    guard let state = state(context), let variable else {
      return Int32(READSTAT_HANDLER_ABORT)
    }
    let name = readstat_variable_get_name(variable).map { String(cString: $0) } ?? "V\(index + 1)"
    let label = readstat_variable_get_label(variable).map { String(cString: $0) }
    let format = readstat_variable_get_format(variable).map { String(cString: $0) } ?? ""
    let isString = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING
    let kept = state.selected?.contains(name) ?? true
    state.variables.append(
      StatFileState.Variable(
        name: name, label: label.flatMap { $0.isEmpty ? nil : $0 }, format: format,
        isString: isString, labelSet: labels.map { String(cString: $0) }, kept: kept))
    state.numbers.append([])
    state.strings.append([])
    guard kept else { return Int32(READSTAT_HANDLER_SKIP_VARIABLE) }
    if isString {
      state.strings[state.strings.count - 1].reserveCapacity(state.rowsHint)
    } else {
      state.numbers[state.numbers.count - 1].reserveCapacity(state.rowsHint)
    }
    return Int32(READSTAT_HANDLER_OK)
  }

  static let value: readstat_value_handler = { row, variable, value, context in
    guard let state = state(context), let variable else {
      return Int32(READSTAT_HANDLER_ABORT)
    }
    let j = Int(readstat_variable_get_index(variable))
    guard j >= 0, j < state.numbers.count else { return Int32(READSTAT_HANDLER_ABORT) }
    let r = Int(row)
    if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
      let text = readstat_string_value(value).map { String(cString: $0) } ?? ""
      if readstat_value_is_defined_missing(value, variable) != 0 {
        state.missing[j, default: [:]][r] = "user-missing \"\(text)\""
      }
      state.strings[j].append(text)
      return Int32(READSTAT_HANDLER_OK)
    }
    if readstat_value_is_system_missing(value) != 0 {
      state.missing[j, default: [:]][r] = "system-missing"
      state.numbers[j].append(.nan)
    } else if readstat_value_is_tagged_missing(value) != 0 {
      let tag = Character(Unicode.Scalar(UInt8(bitPattern: readstat_value_tag(value))))
      state.missing[j, default: [:]][r] = "extended missing .\(tag)"
      state.numbers[j].append(.nan)
    } else {
      let x = readstat_double_value(value)
      if readstat_value_is_defined_missing(value, variable) != 0 {
        state.missing[j, default: [:]][r] = "user-missing \(XLSXColumns.numberText(x))"
      }
      state.numbers[j].append(x)
    }
    return Int32(READSTAT_HANDLER_OK)
  }

  static let valueLabel: readstat_value_label_handler = { set, value, label, context in
    guard let state = state(context), let set else { return Int32(READSTAT_HANDLER_ABORT) }
    let name = String(cString: set)
    let text = label.map { String(cString: $0) } ?? ""
    let entry: StatFileState.Label
    if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
      entry = StatFileState.Label(
        number: nil, text: readstat_string_value(value).map { String(cString: $0) }, tag: nil,
        label: text)
    } else if readstat_value_is_tagged_missing(value) != 0 {
      entry = StatFileState.Label(
        number: nil, text: nil,
        tag: Character(Unicode.Scalar(UInt8(bitPattern: readstat_value_tag(value)))), label: text)
    } else {
      entry = StatFileState.Label(
        number: readstat_double_value(value), text: nil, tag: nil, label: text)
    }
    state.labelSets[name, default: []].append(entry)
    return Int32(READSTAT_HANDLER_OK)
  }
}
