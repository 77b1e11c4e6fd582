import Testing
@testable import Values
@Test func floatFormatting() {
    #expect(GoFormat.formatFloatG(1000000) == "1e+06")
    #expect(GoFormat.formatFloatG(100000) == "100000")
    #expect(GoFormat.formatFloatG(1.5) == "1.5")
    #expect(GoFormat.formatFloatG(0.00001) == "1e-05")
    #expect(GoFormat.formatFloatG(0.0001) == "0.0001")
    #expect(GoFormat.formatFloatG(123456789) == "1.23456789e+08")
    #expect(GoFormat.formatFloatJSON(1000000) == "1000000")
    #expect(GoFormat.formatFloatJSON(1e21) == "1e+21")
}
