// Recorded with Helm v4.2.3 (helm_python oracle): each row is a `{{ template }}` action and what Helm printed
// (or the message after `error calling NAME: `).
import Testing
import Values

@testable import Sprig

let sprigDateCases: [SprigCase] = [
    SprigCase("date \"2006-01-02 15:04:05\" 1700000000", "date", [.string("2006-01-02 15:04:05"), .int(1700000000)], .ok("2023-11-14 22:13:20")),
    SprigCase("date \"Mon Jan _2 15:04:05 MST 2006\" 1700000000", "date", [.string("Mon Jan _2 15:04:05 MST 2006"), .int(1700000000)], .ok("Tue Nov 14 22:13:20 UTC 2023")),
    SprigCase("date \"Monday, January 2, 2006 3:04:05 PM -0700 Z07:00\" 1700000000", "date", [.string("Monday, January 2, 2006 3:04:05 PM -0700 Z07:00"), .int(1700000000)], .ok("Tuesday, November 14, 2023 10:13:20 PM +0000 Z")),
    SprigCase("date \"06 1 2 3 4 5 pm .000 .999 ,000000 002 __2 _2 Z0700 -07 -07:00:00 Z070000\" 1700000123", "date", [.string("06 1 2 3 4 5 pm .000 .999 ,000000 002 __2 _2 Z0700 -07 -07:00:00 Z070000"), .int(1700000123)], .ok("23 11 14 10 15 23 pm .000  ,000000 318 318 14 Z +00 +00:00:00 Z")),
    SprigCase("date \"2006-01-02T15:04:05Z07:00\" 0", "date", [.string("2006-01-02T15:04:05Z07:00"), .int(0)], .ok("1970-01-01T00:00:00Z")),
    SprigCase("date \"2006\" -62135596800", "date", [.string("2006"), .int(-62135596800)], .ok("0001")),
    SprigCase("date \"02/01/06 03PM\" 1234567890", "date", [.string("02/01/06 03PM"), .int(1234567890)], .ok("13/02/09 11PM")),
    SprigCase("date \"literal: 2006x20066\" 1700000000", "date", [.string("literal: 2006x20066"), .int(1700000000)], .ok("literal: 2023x20236")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST -0700\" 1700000000 \"America/New_York\"", "dateInZone", [.string("2006-01-02 15:04:05 MST -0700"), .int(1700000000), .string("America/New_York")], .ok("2023-11-14 17:13:20 EST -0500")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST -07:00\" 1700000000 \"Asia/Kolkata\"", "dateInZone", [.string("2006-01-02 15:04:05 MST -07:00"), .int(1700000000), .string("Asia/Kolkata")], .ok("2023-11-15 03:43:20 IST +05:30")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Asia/Dubai\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Asia/Dubai")], .ok("2023-11-15 02:13:20 +04")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Europe/Paris\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Europe/Paris")], .ok("2023-11-14 23:13:20 CET")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1690000000 \"Europe/Paris\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1690000000), .string("Europe/Paris")], .ok("2023-07-22 06:26:40 CEST")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Bad/Zone\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Bad/Zone")], .ok("2023-11-14 22:13:20 UTC")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("")], .ok("2023-11-14 22:13:20 UTC")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Local\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Local")], .ok("2023-11-14 22:13:20 UTC")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Australia/Lord_Howe\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Australia/Lord_Howe")], .ok("2023-11-15 09:13:20 +11")),
    SprigCase("date_in_zone \"2006-01-02\" 1700000000 \"UTC\"", "date_in_zone", [.string("2006-01-02"), .int(1700000000), .string("UTC")], .ok("2023-11-14")),
    SprigCase("htmlDate 1700000000", "htmlDate", [.int(1700000000)], .ok("2023-11-14")),
    SprigCase("htmlDateInZone 1700000000 \"Pacific/Kiritimati\"", "htmlDateInZone", [.int(1700000000), .string("Pacific/Kiritimati")], .ok("2023-11-15")),
    SprigCase("duration \"3661\"", "duration", [.string("3661")], .ok("1h1m1s")),
    SprigCase("duration \"x\"", "duration", [.string("x")], .ok("0s")),
    SprigCase("duration 1.5", "duration", [.float(1.5)], .ok("0s")),
    SprigCase("duration 0", "duration", [.int(0)], .ok("0s")),
    SprigCase("duration \"86400\"", "duration", [.string("86400")], .ok("24h0m0s")),
    SprigCase("durationRound \"2h10m5s\"", "durationRound", [.string("2h10m5s")], .ok("2h")),
    SprigCase("durationRound \"400h\"", "durationRound", [.string("400h")], .ok("16d")),
    SprigCase("durationRound \"9000h\"", "durationRound", [.string("9000h")], .ok("1y")),
    SprigCase("durationRound \"-3m\"", "durationRound", [.string("-3m")], .ok("3m")),
    SprigCase("durationRound \"1s\"", "durationRound", [.string("1s")], .ok("0s")),
    SprigCase("durationRound \"61s\"", "durationRound", [.string("61s")], .ok("1m")),
    SprigCase("durationRound \"bad\"", "durationRound", [.string("bad")], .ok("0s")),
    SprigCase("durationRound 1.5", "durationRound", [.float(1.5)], .ok("0s")),
    SprigCase("toDate \"2006-01-02\" \"2017-12-31\"", "toDate", [.string("2006-01-02"), .string("2017-12-31")], .ok("2017-12-31 00:00:00 +0000 UTC")),
    SprigCase("toDate \"2006-01-02 15:04:05\" \"2017-12-31 23:59:58\"", "toDate", [.string("2006-01-02 15:04:05"), .string("2017-12-31 23:59:58")], .ok("2017-12-31 23:59:58 +0000 UTC")),
    SprigCase("toDate \"2006-01-02T15:04:05Z07:00\" \"2017-12-31T10:00:00+02:00\"", "toDate", [.string("2006-01-02T15:04:05Z07:00"), .string("2017-12-31T10:00:00+02:00")], .ok("2017-12-31 10:00:00 +0200 +0200")),
    SprigCase("toDate \"2006-01-02T15:04:05Z07:00\" \"2017-12-31T10:00:00Z\"", "toDate", [.string("2006-01-02T15:04:05Z07:00"), .string("2017-12-31T10:00:00Z")], .ok("2017-12-31 10:00:00 +0000 UTC")),
    SprigCase("toDate \"2006-01-02 15:04:05.000\" \"2017-12-31 10:00:00.123\"", "toDate", [.string("2006-01-02 15:04:05.000"), .string("2017-12-31 10:00:00.123")], .ok("2017-12-31 10:00:00.123 +0000 UTC")),
    SprigCase("toDate \"2006-01-02 15:04:05\" \"2017-12-31 10:00:00.5\"", "toDate", [.string("2006-01-02 15:04:05"), .string("2017-12-31 10:00:00.5")], .ok("2017-12-31 10:00:00.5 +0000 UTC")),
    SprigCase("toDate \"Jan 2 2006 3:04PM\" \"Feb 29 2016 11:30AM\"", "toDate", [.string("Jan 2 2006 3:04PM"), .string("Feb 29 2016 11:30AM")], .ok("2016-02-29 11:30:00 +0000 UTC")),
    SprigCase("toDate \"2006-01-02 MST\" \"2017-06-01 CET\"", "toDate", [.string("2006-01-02 MST"), .string("2017-06-01 CET")], .ok("2017-06-01 00:00:00 +0000 CET")),
    SprigCase("toDate \"2006-01-02\" \"2017-02-30\"", "toDate", [.string("2006-01-02"), .string("2017-02-30")], .ok("0001-01-01 00:00:00 +0000 UTC")),
    SprigCase("toDate \"2006-01-02\" \"bad\"", "toDate", [.string("2006-01-02"), .string("bad")], .ok("0001-01-01 00:00:00 +0000 UTC")),
    SprigCase("mustToDate \"2006-01-02\" \"bad\"", "mustToDate", [.string("2006-01-02"), .string("bad")], .error("parsing time \"bad\" as \"2006-01-02\": cannot parse \"bad\" as \"2006\"")),
    SprigCase("mustToDate \"2006-01-02\" \"2017-02-30\"", "mustToDate", [.string("2006-01-02"), .string("2017-02-30")], .error("parsing time \"2017-02-30\": day out of range")),
    SprigCase("mustToDate \"2006-01-02\" \"2017-13-01\"", "mustToDate", [.string("2006-01-02"), .string("2017-13-01")], .error("parsing time \"2017-13-01\": month out of range")),
    SprigCase("mustToDate \"2006-01-02\" \"2017-01-01x\"", "mustToDate", [.string("2006-01-02"), .string("2017-01-01x")], .error("parsing time \"2017-01-01x\": extra text: \"x\"")),
    SprigCase("mustToDate \"15:04\" \"25:00\"", "mustToDate", [.string("15:04"), .string("25:00")], .error("parsing time \"25:00\": hour out of range")),
    SprigCase("mustToDate \"January 2, 2006\" \"Foo 2, 2006\"", "mustToDate", [.string("January 2, 2006"), .string("Foo 2, 2006")], .error("parsing time \"Foo 2, 2006\" as \"January 2, 2006\": cannot parse \"Foo 2, 2006\" as \"January\"")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 2200000000 \"America/New_York\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(2200000000), .string("America/New_York")], .ok("2039-09-18 19:06:40 EDT")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 2210000000 \"America/New_York\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(2210000000), .string("America/New_York")], .ok("2040-01-12 11:53:20 EST")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 2200000000 \"Australia/Sydney\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(2200000000), .string("Australia/Sydney")], .ok("2039-09-19 09:06:40 AEST")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 2210000000 \"Australia/Sydney\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(2210000000), .string("Australia/Sydney")], .ok("2040-01-13 03:53:20 AEDT")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 4102444800 \"Europe/London\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(4102444800), .string("Europe/London")], .ok("2100-01-01 00:00:00 GMT")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" -2000000000 \"Europe/London\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(-2000000000), .string("Europe/London")], .ok("1906-08-16 20:26:40 GMT")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Etc/GMT+5\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Etc/GMT+5")], .ok("2023-11-14 17:13:20 -05")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"Asia/Kathmandu\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("Asia/Kathmandu")], .ok("2023-11-15 03:58:20 +0545")),
    SprigCase("dateInZone \"2006-01-02 15:04:05 MST\" 1700000000 \"../etc/passwd\"", "dateInZone", [.string("2006-01-02 15:04:05 MST"), .int(1700000000), .string("../etc/passwd")], .ok("2023-11-14 22:13:20 UTC")),
]

@Test(arguments: sprigDateCases)
func sprigDates(_ row: SprigCase) {
    SprigTesting.check(row)
}
