import ArgumentParser

/// Refuses a single-valued option given twice (`--model ols --model logit`).
///
/// The argument parser would silently keep the last value. Options that take a list (`--derive`,
/// `--formula`) may repeat.
enum RepeatedOptionCheck {
  /// The message for the first single-valued option given more than once, or `nil`.
  /// - Parameter arguments: the command line without the program name.
  /// - Returns: the message, or `nil` when no option repeats.
  static func problem(_ arguments: [String]) -> String? {
    guard let name = arguments.first(where: { !$0.hasPrefix("-") }),
      let command = Vetstat.configuration.subcommands.first(where: {
        $0._commandName == name
      })
    else { return nil }
    let single = Set(singleValued(command.init()))
    var values: [String: [String]] = [:]
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      if argument == "--" { break }
      if argument.hasPrefix("--") {
        let body = argument.dropFirst(2)
        let option = String(body.prefix { $0 != "=" })
        if single.contains(option) {
          let value =
            body.contains("=")
            ? String(body.drop { $0 != "=" }.dropFirst())
            : (i + 1 < arguments.count ? arguments[i + 1] : "")
          values[option, default: []].append(value)
        }
      }
      i += 1
    }
    for argument in arguments where argument.hasPrefix("--") {
      let option = String(argument.dropFirst(2).prefix { $0 != "=" })
      guard let given = values[option], given.count > 1 else { continue }
      return "--\(option) is given \(given.count) times ("
        + given.map { "\"\($0)\"" }.joined(separator: ", ")
        + "); it takes one value"
    }
    return nil
  }

  /// The long names of the single-valued options of a command (or option group), found by
  /// reflecting on its property wrappers: `Option<String>` is single-valued, `Option<[String]>`
  /// a list; option groups are searched too.
  static func singleValued(_ arguments: any ParsableArguments) -> [String] {
    var names: [String] = []
    for child in Mirror(reflecting: arguments).children {
      guard let label = child.label, label.hasPrefix("_") else { continue }
      let type = String(describing: Swift.type(of: child.value))
      if type.hasPrefix("Option<"), !type.contains("Array<") {
        names.append(kebab(String(label.dropFirst())))
      } else if type == "OptionGroup<ReadingOptions>" {
        names += singleValued(ReadingOptions())
      } else if type == "OptionGroup<TableLayoutOptions>" {
        names += singleValued(TableLayoutOptions())
      }
    }
    return names
  }

  /// `marginsAt` to `margins-at`, as the parser names options.
  static func kebab(_ name: String) -> String {
    var out = ""
    for ch in name {
      if ch.isUppercase {
        out += "-" + ch.lowercased()
      } else {
        out.append(ch)
      }
    }
    return out
  }
}
