import Foundation

#if os(Linux)
internal import CFileSystem
#endif

/// Thin POSIX wrappers for the chart directory walk.
///
/// A chart is dozens of small files, so the walk is mostly system calls. Real directories are opened relative to
/// their parent (`openat`) and listed with one raw `getdents64` buffer per walk, and regular files are read into
/// that buffer with one `read`: no path walk per open, no `fstat` per folder or file. Anything unusual (symlinks,
/// unknown entry types, a folder that does not open) goes through the path-based calls, whose errors are the
/// ones users see.
enum FileSystem {
    /// A directory entry: its name and whether it is a directory when the listing says so (nil for symlinks and
    /// unknown types, which need a `stat`).
    typealias Entry = (name: String, isDirectory: Bool?)

    /// Scratch memory for directory listings and file reads, allocated once per chart walk (uninitialised: the
    /// kernel fills it).
    final class ReadBuffer {
        /// The memory.
        let bytes: UnsafeMutableRawBufferPointer

        /// A buffer of `size` bytes (glibc's readdir uses 32 KB as well).
        init(size: Int = 32 * 1024) {
            bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        }

        deinit { bytes.deallocate() }
    }

    /// The entries of a directory, without `.` and `..` (unsorted); FileManager's error when the directory cannot
    /// be read.
    static func entries(of path: String) throws -> [Entry] {
        guard let dir = opendir(path) else {
            return try FileManager.default.contentsOfDirectory(atPath: path).map { ($0, nil) }
        }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            entries.append((name, kind(of: Int32(entry.pointee.d_type))))
        }
        return entries
    }

    /// What a directory listing's entry type says: a directory, a regular file, or nil (look it up).
    private static func kind(of type: Int32) -> Bool? {
        switch type {
        case Int32(DT_DIR): return true
        case Int32(DT_REG): return false
        default: return nil
        }
    }

    /// Opens directory `name` in the open directory `parent` (`AT_FDCWD` for a path); nil when it cannot be
    /// opened. The caller closes the descriptor.
    static func openDirectory(_ name: String, in parent: Int32) -> Int32? {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// The entries of the open directory `fd`, as `entries(of:)` gives them, read straight from the kernel into
    /// `buffer`; nil when that is not possible (the caller then lists the directory by path).
    static func entries(ofDirectory fd: Int32, buffer: ReadBuffer) -> [Entry]? {
        #if os(Linux)
        guard let base = buffer.bytes.baseAddress else { return nil }
        var entries: [Entry] = []
        while true {
            let filled = ffgen_getdents64(fd, base, UInt(buffer.bytes.count))
            if filled < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if filled == 0 { return entries }
            // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated).
            var offset = 0
            while offset < filled {
                let record = base + offset
                offset += Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                let type = record.load(fromByteOffset: 18, as: UInt8.self)
                let name = record + 19
                let bytes = UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self)))
                if (1...2).contains(bytes.count) && bytes.allSatisfy({ $0 == 0x2E }) { continue }  // `.` and `..`
                entries.append((String(decoding: bytes, as: UTF8.self), kind(of: Int32(type))))
            }
        }
        #else
        return nil
        #endif
    }

    /// Whether the path (symlinks followed) is a directory; nil when it does not exist.
    static func isDirectory(_ path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The whole content of a regular file, or nil when it cannot be read.
    /// `regularFile` says the directory listing already named it a regular file, which spares the `fstat`.
    static func contents(_ path: String, regularFile: Bool = false) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return contents(of: fd, regularFile: regularFile, buffer: nil)
    }

    /// `contents(_:regularFile:)` of file `name` in the open directory `directory`, read through `buffer`.
    static func contents(of name: String, in directory: Int32, regularFile: Bool, buffer: ReadBuffer) -> [UInt8]? {
        let fd = openat(directory, name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return contents(of: fd, regularFile: regularFile, buffer: buffer)
    }

    /// The content of the open file `fd`. A regular file is read into `buffer` first: one `read` that comes back
    /// short has the whole file, copied out at its exact size.
    private static func contents(of fd: Int32, regularFile: Bool, buffer: ReadBuffer?) -> [UInt8]? {
        // A read of a regular file that comes back short has reached its end.
        let regular: Bool
        var bytes: [UInt8]
        var filled = 0
        if regularFile, let buffer, let base = buffer.bytes.baseAddress {
            var n: Int
            repeat { n = read(fd, base, buffer.bytes.count) } while n < 0 && errno == EINTR
            guard n >= 0 else { return nil }
            bytes = [UInt8](UnsafeRawBufferPointer(start: base, count: n))
            if n < buffer.bytes.count { return bytes }
            regular = true
            filled = n
        } else if regularFile {
            regular = true
            bytes = [UInt8](repeating: 0, count: 8192)
        } else {
            var info = stat()
            let expected = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
            regular = expected > 0 && (info.st_mode & S_IFMT) == S_IFREG
            bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
        }
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, filled))) }
            let n = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            filled += n
            if regular && filled < bytes.count { break }
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
