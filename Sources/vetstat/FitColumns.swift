import VETStat

/// The data columns one model fit reads, so that a whole-process fit parses only those (the CSV
/// reader's `CSVOptions.columns`, like data.table's `fread(select =)`).
public enum FitColumns {
  /// Every column the fit names: the formula's variables (response, regressors, fixed and random
  /// effects), the weight and offset columns, the covariance's columns (clusters, HAC unit and
  /// time) and the panel unit and time.
  /// - Parameters:
  ///   - formula: the parsed model formula.
  ///   - options: the checked fit options.
  ///   - offset: the offset column of a GLM, if any.
  /// - Returns: the column names.
  public static func required(formula: Formula, options: FitOptions, offset: String? = nil)
    -> Set<String>
  {
    var names = Set(formula.variables.map(\.name))
    // A cluster may be named by a fixed-effect label (`school^year`): its columns are above.
    let labels = Set(formula.fixedEffects.map(\.label))
    names.formUnion(options.covariance.requiredColumns.filter { !labels.contains($0) })
    for name in [options.weights, offset, options.panelUnit, options.panelTime] {
      if let name { names.insert(name) }
    }
    return names
  }

  /// Reads the columns a fit needs from a data file.
  ///
  /// When the formula does not parse or names a column the file lacks, every column is read
  /// instead, so the fit reports the mistake itself exactly as without selection (formula position,
  /// suggestion among all columns).
  /// - Parameters:
  ///   - path: the data file.
  ///   - formula: the model formula as written.
  ///   - options: the checked fit options.
  ///   - offset: the offset column of a GLM, if any.
  ///   - reading: how the file is read (encoding, number format, missing codes, sheet).
  /// - Returns: the table with the needed columns, in file order.
  /// - Throws: `DataError` from the reader.
  public static func read(
    path: String, formula: String, options: FitOptions, offset: String? = nil,
    reading: CSVOptions = CSVOptions()
  ) throws -> DataTable {
    try load(path: path, formula: formula, options: options, offset: offset, reading: reading)
      .table
  }

  /// Reads the columns a fit needs and says how the file was read.
  /// - Parameters:
  ///   - path: the data file.
  ///   - formula: the model formula as written.
  ///   - options: the checked fit options.
  ///   - offset: the offset column of a GLM, if any.
  ///   - reading: how the file is read.
  /// - Returns: the table and its read report.
  /// - Throws: `DataError` from the reader.
  public static func load(
    path: String, formula: String, options: FitOptions, offset: String? = nil,
    reading: CSVOptions = CSVOptions()
  ) throws -> LoadedTable {
    guard let parsed = try? Formula(formula) else {
      return try DataReader.load(path: path, options: reading)
    }
    var selective = reading
    selective.columns = required(formula: parsed, options: options, offset: offset)
    do {
      return try DataReader.load(path: path, options: selective)
    } catch DataError.unknownColumn {
      return try DataReader.load(path: path, options: reading)
    }
  }
}
