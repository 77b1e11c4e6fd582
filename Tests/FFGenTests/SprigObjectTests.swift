// Expected values recorded with Helm v4.2.3 (helm_python oracle) from the templates quoted in each test.
import GoTemplate
import Testing
import Values

@testable import Sprig

private func call(_ name: String, _ arguments: Value...) throws -> Value { try SprigTesting.call(name, arguments) }

private func object(_ v: Value) throws -> any TemplateObject {
    guard case .object(let o) = v else { throw FunctionError("not an object: \(v)") }
    return o
}

private func printed(_ v: Value) -> String { SprigTesting.printed(v) }

private func errorText(_ body: () throws -> Any) -> String? { SprigTesting.errorText(body) }

@Test func sprigSemverObject() throws {
    // {{ $v := semver "v1.2.3-beta.1+meta" }}{{ $v.Major }}|…|{{ $v }}|{{ typeOf $v }}|{{ kindOf $v }}
    let v = try call("semver", .string("v1.2.3-beta.1+meta"))
    let o = try object(v)
    let fields = try ["Major", "Minor", "Patch", "Prerelease", "Metadata", "Original", "String"].map {
        printed(try o.callMethod($0, []))
    }
    #expect(fields == ["1", "2", "3", "beta.1", "meta", "v1.2.3-beta.1+meta", "1.2.3-beta.1+meta"])
    #expect(printed(v) == "1.2.3-beta.1+meta")
    #expect(printed(try call("typeOf", v)) == "*semver.Version")
    #expect(printed(try call("kindOf", v)) == "ptr")
    #expect(printed(try call("toString", v)) == "1.2.3-beta.1+meta")
    #expect(printed(try call("mustToJson", v)) == "\"1.2.3-beta.1+meta\"")
}

@Test func sprigSemverValueMethods() throws {
    // {{ $v.IncPatch }} prints 1.2.3 for a prerelease; `.IncPatch.Original` is not a method of semver.Version.
    let o = try object(try call("semver", .string("v1.2.3-beta.1+meta")))
    let inc = try object(try o.callMethod("IncPatch", []))
    #expect(inc.goString == "1.2.3")
    #expect(inc.goTypeName == "semver.Version")
    #expect(!inc.hasMethod("Original"))
    #expect(throws: TemplateObjectError.self) { try inc.callMethod("Original", []) }
    #expect(try object(try o.callMethod("IncMinor", [])).goString == "1.3.0")
    #expect(try object(try object(try call("semver", .string("1.2.3"))).callMethod("IncPatch", [])).goString == "1.2.4")
}

@Test func sprigSemverComparisons() throws {
    // {{ $v.LessThan (semver "1.3.0") }}|{{ $v.GreaterThan (semver "1.3.0") }}|{{ $v.Equal (semver "v1.2.3") }}
    // |{{ $v.Compare (semver "1.2.3-a") }}|{{ $v.LessThanEqual (semver "1.2.3") }}|{{ $v.GreaterThanEqual (semver "1.2.4") }}
    // → true|false|true|1|true|false
    let v = try object(try call("semver", .string("1.2.3")))
    let results = try [
        ("LessThan", "1.3.0"), ("GreaterThan", "1.3.0"), ("Equal", "v1.2.3"), ("Compare", "1.2.3-a"),
        ("LessThanEqual", "1.2.3"), ("GreaterThanEqual", "1.2.4"),
    ].map { printed(try v.callMethod($0.0, [try call("semver", .string($0.1))])) }
    #expect(results == ["true", "false", "true", "1", "true", "false"])
    // {{ $v.SetPrerelease "01" }} → error calling SetPrerelease: version segment starts with 0
    #expect(errorText { try v.callMethod("SetPrerelease", [.string("01")]) } == "version segment starts with 0")
    #expect(try object(try v.callMethod("SetMetadata", [.string("x")])).goString == "1.2.3+x")
}

@Test func sprigTimeObject() throws {
    // {{ $t := toDate "2006-01-02 15:04:05" "2023-03-04 05:06:07" }}{{ $t }}|{{ $t.Unix }}|{{ $t.Year }}|{{ $t.Month }}
    // |{{ $t.Day }}|{{ $t.Hour }}|{{ $t.Minute }}|{{ $t.Second }}|{{ $t.YearDay }}|{{ $t.Weekday }}|{{ $t.Format "Jan 2" }}
    let t = try call("toDate", .string("2006-01-02 15:04:05"), .string("2023-03-04 05:06:07"))
    let o = try object(t)
    #expect(printed(t) == "2023-03-04 05:06:07 +0000 UTC")
    let parts = try ["Unix", "Year", "Month", "Day", "Hour", "Minute", "Second", "YearDay", "Weekday"].map {
        printed(try o.callMethod($0, []))
    }
    #expect(parts == ["1677906367", "2023", "March", "4", "5", "6", "7", "63", "Saturday"])
    #expect(printed(try o.callMethod("Format", [.string("Jan 2")])) == "Mar 4")
    #expect(printed(try call("typeOf", t)) == "time.Time")
    #expect(printed(try call("kindOf", t)) == "struct")
    #expect(printed(try call("mustToJson", t)) == "\"2023-03-04T05:06:07Z\"")
    #expect(printed(try call("unixEpoch", t)) == "1677906367")
    #expect(printed(try o.callMethod("IsZero", [])) == "false")
    #expect(printed(try object(try call("toDate", .string("x"), .string("y"))).callMethod("IsZero", [])) == "true")
    #expect(printed(try o.callMethod("UnixNano", [])) == "1677906367000000000")
}

@Test func sprigDateModify() throws {
    // {{ dateModify "1h30m" $t }}|{{ dateModify "-48h" $t }}|{{ dateModify "bad" $t }}|{{ mustDateModify "1.5h" $t }}
    // |{{ date "2006-01-02" $t }}|{{ dateInZone "15:04 MST" $t "Asia/Tokyo" }}|{{ htmlDate $t }}
    let t = try call("toDate", .string("2006-01-02 15:04:05"), .string("2023-03-04 05:06:07"))
    let got = [
        printed(try call("dateModify", .string("1h30m"), t)), printed(try call("dateModify", .string("-48h"), t)),
        printed(try call("dateModify", .string("bad"), t)), printed(try call("mustDateModify", .string("1.5h"), t)),
        printed(try call("date", .string("2006-01-02"), t)),
        printed(try call("dateInZone", .string("15:04 MST"), t, .string("Asia/Tokyo"))),
        printed(try call("htmlDate", t)),
    ]
    #expect(got == [
        "2023-03-04 06:36:07 +0000 UTC", "2023-03-02 05:06:07 +0000 UTC", "2023-03-04 05:06:07 +0000 UTC",
        "2023-03-04 06:36:07 +0000 UTC", "2023-03-04", "14:06 JST", "2023-03-04",
    ])
    #expect(errorText { try call("mustDateModify", .string("1x"), t) } == "time: unknown unit \"x\" in duration \"1x\"")
    #expect(errorText { try call("mustDateModify", .string(""), t) } == "time: invalid duration \"\"")
}

@Test func sprigFractionalSecondsAndOffsets() throws {
    // {{ $t := toDate "2006-01-02 15:04:05.000000" "2023-03-04 05:06:07.123456" }}{{ $t }}
    // |{{ date "15:04:05.000 .999999999 .9" $t }}
    let t = try call("toDate", .string("2006-01-02 15:04:05.000000"), .string("2023-03-04 05:06:07.123456"))
    #expect(printed(t) == "2023-03-04 05:06:07.123456 +0000 UTC")
    #expect(printed(try call("date", .string("15:04:05.000 .999999999 .9"), t)) == "05:06:07.123 .123456 .1")
    // {{ $t := toDate "2006-01-02T15:04:05Z07:00" "2023-03-04T05:06:07+05:30" }}{{ $t }}|{{ $t.Unix }}
    let z = try call("toDate", .string("2006-01-02T15:04:05Z07:00"), .string("2023-03-04T05:06:07+05:30"))
    #expect(printed(z) == "2023-03-04 05:06:07 +0530 +0530")
    #expect(printed(try object(z).callMethod("Unix", [])) == "1677886567")
}

@Test func sprigKeysAndValuesFollowKeyOrder() throws {
    // Go ranges over maps in random order; ffgen's maps are sorted, so keys/values come in key order.
    let m = Value.map(ValueMap([("b", .int(1)), ("a", .int(2))]))
    #expect(printed(try call("keys", m)) == "[a b]")
    #expect(printed(try call("values", m)) == "[2 1]")
}

@Test func sprigDeterministicRandomSources() throws {
    // With the test environment's constant random word, the non-hermetic functions are reproducible.
    #expect(printed(try call("randAlpha", .int(3))) == "eee")
    #expect(printed(try call("randNumeric", .int(2))) == "44")
    #expect(printed(try call("uuidv4")) == "04000000-0000-4000-8400-000000000000")
    #expect(printed(try call("randAlphaNum", .int(-1))) == "")
    // Helm prints `now` with Go's monotonic reading: {{ now }} → 2026-11-29 19:24:25.618865225 +0000 UTC m=+0.377532596,
    // {{ now.UTC }} without it, {{ dateModify "1h" now }} with it moved by the hour.
    let now = try call("now")
    #expect(printed(now) == "2023-11-14 22:13:20 +0000 UTC m=+0.000000001")
    #expect(printed(try object(now).callMethod("UTC", [])) == "2023-11-14 22:13:20 +0000 UTC")
    #expect(printed(try call("dateModify", .string("1h"), now)) == "2023-11-14 23:13:20 +0000 UTC m=+3600.000000001")
    #expect(printed(try call("mustToJson", now)) == "\"2023-11-14T22:13:20Z\"")
    #expect(printed(try call("ago", .int(1_699_999_000))) == "16m40s")
}
