import Testing
@testable import VETStat

@Test func placeholder() { #expect(Bool(true)) }
