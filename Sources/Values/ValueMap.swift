/// Go's `map[string]interface{}`: a reference type whose entries are kept sorted by key.
///
/// Go never exposes map order: `range`, `keys | sortAlpha`, `toYaml`, `toJson` and `%v` all sort.
/// Keeping the entries sorted makes every one of those a plain walk, and makes output deterministic.
public final class ValueMap: @unchecked Sendable, Sequence {
    // Only this class's own short, non-reentrant methods touch the arrays, and a map is never shared across
    // threads while it is mutated, so the dynamic exclusivity checks (a large share of each lookup) are skipped.
    @exclusivity(unchecked) public private(set) var keys: [String]
    @exclusivity(unchecked) public private(set) var values: [Value]
    /// Go's name of a named map type whose underlying type is `map[string]interface{}` (Helm's
    /// `common.Values` for `.Values` and `.Template`), or `nil` for a plain map. Only `typeOf`/`%T` read it.
    ///
    /// The name belongs to the map, not to each reference to it, so a function that returns the map it was
    /// given (`set`, `merge`) keeps the name where Go's result would be a plain map (see docs/compat.md).
    public var namedType: String?
    /// The named type whose methods `.Name` reaches on this map when the map stands for such a value without
    /// carrying its name: a subchart's `.Values` is its parent's `.Values.<sub>` map itself, a plain map to the
    /// parent but a `common.Values` (with `AsMap`, `Table`, …) to the subchart. Only method lookup reads it.
    public var methodSetName: String?
    /// Whether every key is ASCII: then Swift's `<` and `==` agree with byte order and byte equality, and lookups
    /// of ASCII keys use them (the standard library compares short ASCII strings in a few instructions).
    @exclusivity(unchecked) private var keysAreASCII: Bool

    public init() {
        keys = []
        values = []
        keysAreASCII = true
    }

    /// Builds a map from pairs; a later duplicate key replaces an earlier one.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        var keys: [String] = []
        var values: [Value] = []
        keys.reserveCapacity(pairs.underestimatedCount)
        values.reserveCapacity(pairs.underestimatedCount)
        for (k, v) in pairs {
            keys.append(k)
            values.append(v)
        }
        (self.keys, self.values, keysAreASCII) = Self.assigned(keys, values)
    }

    /// Builds the map that assigning `values[i]` to `keys[i]`, in order, to an empty map gives: a repeated key
    /// keeps its first spelling and its last value.
    public init(assigning keys: [String], _ values: [Value]) {
        (self.keys, self.values, keysAreASCII) = Self.assigned(keys, values)
    }

    /// The sorted entries of `init(assigning:_:)`.
    ///
    /// ASCII keys (equal exactly when their bytes are, and ordered by `<` as by their bytes) are sorted once;
    /// other keys are assigned one by one, so that canonically equivalent spellings merge as `subscript` merges
    /// them.
    private static func assigned(_ keys: [String], _ values: [Value]) -> ([String], [Value], Bool) {
        assert(keys.count == values.count)
        guard keys.allSatisfy(isASCII) else {
            let map = ValueMap()
            for (k, v) in zip(keys, values) { map[k] = v }
            return (map.keys, map.values, false)
        }
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) { return (keys, values, true) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        var sortedKeys: [String] = []
        var sortedValues: [Value] = []
        sortedKeys.reserveCapacity(order.count)
        sortedValues.reserveCapacity(order.count)
        // Equal keys sort next to each other; of those the one assigned last wins, whatever order the sort left.
        var winner = -1
        for i in order {
            if let last = sortedKeys.last, last == keys[i] {
                if i > winner {
                    sortedValues[sortedValues.count - 1] = values[i]
                    winner = i
                }
            } else {
                sortedKeys.append(keys[i])
                sortedValues.append(values[i])
                winner = i
            }
        }
        return (sortedKeys, sortedValues, true)
    }

    @inline(__always)
    private static func isASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes in
            // Eight bytes at a time: ASCII has no high bit set.
            var i = 0
            var high: UInt64 = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= bytes.count {
                    high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    i += 8
                }
            }
            var tail: UInt8 = 0
            while i < bytes.count {
                tail |= bytes[i]
                i += 1
            }
            return high & 0x8080_8080_8080_8080 == 0 && tail < 0x80
        } ?? s.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Builds a map from already sorted, unique keys (no checks beyond a debug assertion).
    public init(sortedKeys: [String], values: [Value]) {
        assert(zip(sortedKeys, sortedKeys.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        self.keys = sortedKeys
        self.values = values
        self.keysAreASCII = sortedKeys.allSatisfy(Self.isASCII)
    }

    /// Builds a map from already sorted, unique ASCII keys (fixed key sets such as `.Chart`'s field names, whose
    /// check would be repeated on every render; debug builds assert it).
    public convenience init(sortedASCIIKeys keys: [String], values: [Value]) {
        assert(keys.allSatisfy(Self.isASCII))
        self.init(sortedKeys: keys, values: values, keysAreASCII: true)
    }

    private init(sortedKeys: [String], values: [Value], keysAreASCII: Bool) {
        assert(zip(sortedKeys, sortedKeys.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        self.keys = sortedKeys
        self.values = values
        self.keysAreASCII = keysAreASCII
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Binary search by UTF-8 byte order (Go's `sort.Strings` order).
    ///
    /// Keys match when Swift's `==` holds (canonical equivalence). Byte-equal keys always do; keys that differ in
    /// their bytes can only be equivalent when the first differing byte is not ASCII, so only then is `==` asked.
    @inline(__always)
    private func search(_ key: String) -> (found: Bool, index: Int) {
        var lo = 0
        var hi = keys.count
        if keysAreASCII && Self.isASCII(key) {
            while lo < hi {
                let mid = (lo + hi) >> 1
                if keys[mid] < key { lo = mid + 1 } else { hi = mid }
            }
            return (lo < keys.count && keys[lo] == key, lo)
        }
        while lo < hi {
            let mid = (lo + hi) >> 1
            let k = keys[mid]
            let (order, asciiDifference) = Self.compareUTF8(k, key)
            if order == 0 || (!asciiDifference && k == key) { return (true, mid) }
            if order < 0 { lo = mid + 1 } else { hi = mid }
        }
        return (false, lo)
    }

    /// Three-way comparison of the UTF-8 bytes of `a` and `b`: negative, zero or positive (Go's string order).
    static func compareBytes(_ a: String, _ b: String) -> Int { compareUTF8(a, b).order }

    /// `compareBytes`, and whether the strings differ at an ASCII byte or only in length (so that they cannot be
    /// canonically equivalent either).
    @inline(__always)
    private static func compareUTF8(_ a: String, _ b: String) -> (order: Int, asciiDifference: Bool) {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in compare(pa, pb) }
        }
        if let fast, let fast { return fast }
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        return x.withUnsafeBufferPointer { pa in y.withUnsafeBufferPointer { pb in compare(pa, pb) } }
    }

    private static func compare(
        _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
    ) -> (order: Int, asciiDifference: Bool) {
        let n = Swift.min(a.count, b.count)
        var i = 0
        // Eight bytes at a time up to the first difference (the lowest differing byte in memory order).
        if let pa = a.baseAddress, let pb = b.baseAddress {
            let ra = UnsafeRawPointer(pa)
            let rb = UnsafeRawPointer(pb)
            while i + 8 <= n {
                let x = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let y = rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if x != y {
                    i += (x ^ y).littleEndian.trailingZeroBitCount / 8
                    break
                }
                i += 8
            }
        }
        while i < n {
            let x = a[i]
            let y = b[i]
            if x != y { return (x < y ? -1 : 1, x < 0x80 && y < 0x80) }
            i += 1
        }
        return (a.count == b.count ? 0 : (a.count < b.count ? -1 : 1), true)
    }

    public subscript(key: String) -> Value? {
        get {
            let r = search(key)
            return r.found ? values[r.index] : nil
        }
        set {
            let r = search(key)
            if let v = newValue {
                if r.found { values[r.index] = v } else {
                    if keysAreASCII && !Self.isASCII(key) { keysAreASCII = false }
                    keys.insert(key, at: r.index)
                    values.insert(v, at: r.index)
                }
            } else if r.found {
                keys.remove(at: r.index)
                values.remove(at: r.index)
            }
        }
    }

    public func contains(_ key: String) -> Bool { search(key).found }

    @discardableResult
    public func removeValue(forKey key: String) -> Value? {
        let r = search(key)
        guard r.found else { return nil }
        keys.remove(at: r.index)
        return values.remove(at: r.index)
    }

    /// A new map with the same entries (values shared, as Go's shallow copy).
    public func copy() -> ValueMap { ValueMap(sortedKeys: keys, values: values, keysAreASCII: keysAreASCII) }

    /// A new map whose nested maps are copies too.
    public func deepCopy() -> ValueMap {
        let copy = ValueMap(sortedKeys: keys, values: Value.deepCopies(values) ?? values, keysAreASCII: keysAreASCII)
        copy.namedType = namedType  // copystructure keeps the value's type
        return copy
    }

    /// Walks the entries in key order over a snapshot of the map (later changes to the map are not seen).
    public struct Iterator: IteratorProtocol {
        private let keys: [String]
        private let values: [Value]
        private var index = 0

        fileprivate init(keys: [String], values: [Value]) {
            self.keys = keys
            self.values = values
        }

        public mutating func next() -> (key: String, value: Value)? {
            guard index < keys.count else { return nil }
            defer { index += 1 }
            return (keys[index], values[index])
        }
    }

    public func makeIterator() -> Iterator { Iterator(keys: keys, values: values) }

    /// Combines `source` into this map key by key, as assigning `combine(key, self[key], value)` to `self[key]`
    /// for each entry of `source` in key order does (a `nil` result removes or leaves out the key; returning the
    /// existing value keeps it).
    ///
    /// When both maps have only ASCII keys, this is one merge of the two sorted key lists into new arrays instead
    /// of a search and an array insert per missing key. `combine` must not change this map or `source` (it may
    /// change maps nested in them).
    public func combine(_ source: ValueMap, _ combine: (String, Value?, Value) -> Value?) {
        guard keysAreASCII && source.keysAreASCII && source !== self else {
            combineByAssigning(source, combine)
            return
        }
        let (sourceKeys, sourceValues) = (source.keys, source.values)
        let (oldKeys, oldValues) = (keys, values)
        var newKeys: [String] = []
        var newValues: [Value] = []
        newKeys.reserveCapacity(oldKeys.count + sourceKeys.count)
        newValues.reserveCapacity(oldKeys.count + sourceKeys.count)
        var i = 0
        var j = 0
        while j < sourceKeys.count {
            let key = sourceKeys[j]
            // The entries of this map before `key` stay as they are.
            while i < oldKeys.count && oldKeys[i] < key {
                newKeys.append(oldKeys[i])
                newValues.append(oldValues[i])
                i += 1
            }
            let existing: Value?
            if i < oldKeys.count && oldKeys[i] == key {
                existing = oldValues[i]
                i += 1
            } else {
                existing = nil
            }
            if let value = combine(key, existing, sourceValues[j]) {
                newKeys.append(key)
                newValues.append(value)
            }
            j += 1
        }
        while i < oldKeys.count {
            newKeys.append(oldKeys[i])
            newValues.append(oldValues[i])
            i += 1
        }
        keys = newKeys
        values = newValues
    }

    /// `combine(_:_:)` one key at a time through `subscript`: the exact meaning, for maps with non-ASCII keys.
    func combineByAssigning(_ source: ValueMap, _ combine: (String, Value?, Value) -> Value?) {
        for (key, value) in zip(source.keys, source.values) {
            let existing = self[key]
            let result = combine(key, existing, value)
            if result != nil || existing != nil { self[key] = result }
        }
    }
}
