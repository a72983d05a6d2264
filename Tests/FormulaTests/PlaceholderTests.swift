import Testing
@testable import Formula

@Test func placeholder() { #expect(Bool(true)) }
