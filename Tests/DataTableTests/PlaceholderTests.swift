import Testing
@testable import DataTable

@Test func placeholder() { #expect(Bool(true)) }
