import Testing
@testable import Distributions

@Test func placeholder() { #expect(Bool(true)) }
