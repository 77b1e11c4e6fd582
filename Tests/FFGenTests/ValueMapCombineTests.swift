import Testing

@testable import Values

/// `ValueMap.combine(_:_:)` (one merge of the sorted key lists) against `combineByAssigning` (one subscript
/// assignment per key), its exact counterpart.
@Suite("ValueMap combine")
struct ValueMapCombineTests {
    /// A small deterministic generator (the same maps on every run).
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func map(keys: [String], depth: Int) -> ValueMap {
            let map = ValueMap()
            for _ in 0..<next(keys.count + 1) {
                map[keys[next(keys.count)]] = value(keys: keys, depth: depth)
            }
            return map
        }

        mutating func value(keys: [String], depth: Int) -> Value {
            switch next(depth > 0 ? 5 : 4) {
            case 0: return .null
            case 1: return .string(keys[next(keys.count)])
            case 2: return .int(Int64(next(100)), kind: .int)
            case 3: return .bool(next(2) == 0)
            default: return .map(map(keys: keys, depth: depth - 1))
            }
        }
    }

    /// The combination Coalesce uses, plus removal of keys whose value is null on either side.
    static func rule(_ key: String, _ existing: Value?, _ incoming: Value) -> Value? {
        switch (existing, incoming) {
        case (nil, _): return key.hasPrefix("b") && incoming.isNull ? nil : incoming
        case (.null?, _), (_, .null): return nil
        default: return existing
        }
    }

    static func check(keys: [String], seed: UInt64) {
        var generator = Generator(state: seed)
        for _ in 0..<200 {
            let destination = generator.map(keys: keys, depth: 2)
            let source = generator.map(keys: keys, depth: 2)
            let fast = destination.copy()
            let exact = destination.copy()
            fast.combine(source, rule)
            exact.combineByAssigning(source, rule)
            #expect(GoFormat.describe(.map(fast)) == GoFormat.describe(.map(exact)))
            #expect(fast.keys == exact.keys)
        }
    }

    @Test func asciiKeysMatchAssigning() {
        Self.check(keys: ["a", "b", "ba", "c", "global", "x1", "x10", "x2", "Z", "_"], seed: 1)
    }

    @Test func nonASCIIKeysMatchAssigning() {
        // "é" spelled precomposed and decomposed: equivalent keys that differ in their bytes.
        Self.check(keys: ["a", "b", "\u{E9}", "e\u{301}", "z\u{E9}", "c"], seed: 2)
    }

    @Test func combineWithItselfMatchesAssigning() {
        var generator = Generator(state: 3)
        for _ in 0..<50 {
            let fast = generator.map(keys: ["a", "b", "c", "d"], depth: 1)
            let exact = fast.copy()
            fast.combine(fast, Self.rule)
            exact.combineByAssigning(exact, Self.rule)
            #expect(GoFormat.describe(.map(fast)) == GoFormat.describe(.map(exact)))
        }
    }

    /// Every map reachable from `value`, in walk order.
    static func maps(in value: Value) -> [ValueMap] {
        switch value {
        case .map(let m): return [m] + m.values.flatMap { maps(in: $0) }
        case .list(let l): return l.flatMap { maps(in: $0) }
        default: return []
        }
    }

    /// `deepCopy` (which shares lists without maps) against copying every list and map: the same content, and no
    /// map of the copy is a map of the original.
    @Test func deepCopySharesNoMap() {
        var generator = Generator(state: 4)
        for _ in 0..<200 {
            let original = Value.list([
                .map(generator.map(keys: ["a", "b", "c", "d"], depth: 3)),
                .list([.string("x"), .map(generator.map(keys: ["a", "b"], depth: 1))]),
                .list([.string("y"), .int(1, kind: .int)]),
            ])
            let copy = original.deepCopy()
            #expect(GoFormat.describe(copy) == GoFormat.describe(original))
            let originalMaps = Self.maps(in: original)
            let copiedMaps = Self.maps(in: copy)
            #expect(originalMaps.count == copiedMaps.count)
            for (a, b) in zip(originalMaps, copiedMaps) { #expect(a !== b) }
        }
    }

    /// `init(sortedASCIIKeys:values:)` (no ASCII check) against `init(sortedKeys:values:)` (which checks): the same
    /// answers to lookups, including keys canonically equivalent to an ASCII key (U+212A KELVIN SIGN is "K").
    @Test func sortedASCIIKeysMatchSortedKeys() {
        let keys = ["APIVersion", "K", "Name", "Version"]
        let values: [Value] = keys.map { .string($0) }
        let fast = ValueMap(sortedASCIIKeys: keys, values: values)
        let exact = ValueMap(sortedKeys: keys, values: values)
        for key in keys + ["\u{212A}", "Nam", "Names", "", "\u{E9}"] {
            #expect(fast[key].map { GoFormat.describe($0) } == exact[key].map { GoFormat.describe($0) }, "\(key)")
        }
        #expect(GoFormat.describe(.map(fast)) == GoFormat.describe(.map(exact)))
    }
}
