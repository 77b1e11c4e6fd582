/// Slots by name, looked up from UTF-8 bytes without building a `String`.
///
/// The parser binds every function name it meets (Go `findFunction`, done once at parse time here); making a
/// `String` of each name and hashing it for the table's dictionary showed in profiles of parsing. The index hashes
/// the name's bytes in the template text directly.
struct NameIndex: Sendable {
    /// One name: where its bytes start in `bytes`, how many there are, and its slot.
    private struct Entry: Sendable {
        var start: Int
        var count: Int
        var slot: Int
    }

    /// The names' bytes, one after another.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing over `entries` (an entry's index + 1; 0 is free). The size is a power of two at least twice
    /// the number of entries, so probe sequences stay short.
    private var buckets = [Int](repeating: 0, count: 64)

    /// FNV-1a over the bytes.
    private static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h)
    }

    /// The slot recorded for the name spelled by `name`, if any.
    func slot(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = buckets.count - 1
        var i = NameIndex.hash(name) & mask
        while true {
            let e = buckets[i]
            if e == 0 { return nil }
            let entry = entries[e - 1]
            if entry.count == name.count && matches(entry, name) { return entry.slot }
            i = (i + 1) & mask
        }
    }

    private func matches(_ entry: Entry, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<entry.count where bytes[entry.start + k] != name[k] { return false }
        return true
    }

    /// Records `slot` for `name`, which must not be recorded yet.
    mutating func insert(_ name: String, slot: Int) {
        var utf8 = Array(name.utf8)
        entries.append(Entry(start: bytes.count, count: utf8.count, slot: slot))
        bytes.append(contentsOf: utf8)
        if entries.count * 2 > buckets.count {
            buckets = [Int](repeating: 0, count: buckets.count * 2)
            for (k, entry) in entries.enumerated() {
                utf8 = Array(bytes[entry.start..<entry.start + entry.count])
                place(k, hash: utf8.withUnsafeBufferPointer(NameIndex.hash))
            }
        } else {
            place(entries.count - 1, hash: utf8.withUnsafeBufferPointer(NameIndex.hash))
        }
    }

    /// Puts entry `k` in the first free bucket of its probe sequence.
    private mutating func place(_ k: Int, hash: Int) {
        let mask = buckets.count - 1
        var i = hash & mask
        while buckets[i] != 0 { i = (i + 1) & mask }
        buckets[i] = k + 1
    }
}
