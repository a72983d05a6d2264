import Inference

// Every public error of Studies reads through `localizedDescription` as the CLI prints it.
extension CovarianceReader.Problem: DescribedError {}
extension StudyRunError: DescribedError {}
extension OutputFolderError: DescribedError {}
extension StudyIOError: DescribedError {}
extension SpecError: DescribedError {}
extension AnalysisError: DescribedError {}
extension TableExpressions.Problem: DescribedError {}
extension ExpressionError: DescribedError {}
extension StudyProtectionError: DescribedError {}
extension AuditInputError: DescribedError {}
extension PublicationRefused: DescribedError {}
