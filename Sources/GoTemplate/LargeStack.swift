#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs deeply recursive work on a large thread stack, so that nested `template` calls can reach Go's depth
/// limit (100000) instead of overflowing the caller's stack. The caller blocks until the work finishes.
///
/// The threads are kept and reused: creating a thread with a 256 MB stack costs a `mmap`, fresh page faults for
/// every stack page it touches and a `munmap`, which is a noticeable part of rendering a small chart.
public enum LargeStack {
    /// The stack size of each worker thread.
    public static let stackSize = 256 << 20

    /// Whether the current thread is one of the large-stack workers (its stack is `stackSize` bytes).
    public static var isWorkerThread: Bool { pthread_getspecific(WorkerPool.shared.key) != nil }

    /// How much of a worker's stack may be in use for `run` to go on on the same thread: the callers' depth
    /// budgets assume a nearly empty large stack.
    static let inlineLimit = 1 << 20

    /// `run` for work with a result.
    public static func value<T>(_ body: @escaping () throws -> T) throws -> T {
        var outcome: Result<T, any Error>?
        try run { outcome = Result { try body() } }
        switch outcome {
        case .success(let value)?: return value
        case .failure(let error)?: throw error
        case nil: return try body()  // not reached: `run` always runs its body
        }
    }

    /// Runs `body` on an idle large-stack worker (a new one when none is idle) and waits for it; falls back to
    /// the current thread when no thread can be created. On a worker that has used less than `inlineLimit` of
    /// its stack, `body` runs right there, which saves two thread switches.
    public static func run(_ body: @escaping () throws -> Void) throws {
        if let start = pthread_getspecific(WorkerPool.shared.key) {
            var marker = 0
            let used = withUnsafeMutablePointer(to: &marker) { abs(Int(bitPattern: start) - Int(bitPattern: $0)) }
            if used < inlineLimit {
                try body()
                return
            }
        }
        var failure: (any Error)?
        let ran = WorkerPool.shared.run {
            do { try body() } catch { failure = error }
        }
        if !ran {
            try body()
            return
        }
        if let failure { throw failure }
    }
}

/// The large-stack worker threads. Each worker runs one job at a time; `run` takes an idle worker or starts a new
/// one, hands it the job and waits on the worker's semaphore, so the job's captured state is only ever touched
/// by one thread at a time.
private final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// Marks worker threads (the value is non-nil on them).
    let key: pthread_key_t
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var idle: [Worker] = []

    private init() {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        self.key = key
        pthread_mutex_init(lock, nil)
    }

    /// Runs `job` on a worker and returns true, or returns false (without running it) when no worker is available.
    func run(_ job: @escaping () -> Void) -> Bool {
        pthread_mutex_lock(lock)
        let reused = idle.popLast()
        pthread_mutex_unlock(lock)
        guard let worker = reused ?? Worker.start(key: key) else { return false }
        worker.perform(job)
        pthread_mutex_lock(lock)
        idle.append(worker)
        pthread_mutex_unlock(lock)
        return true
    }
}

/// One large-stack thread waiting for jobs.
private final class Worker: @unchecked Sendable {
    private var job: (() -> Void)?
    private let ready = Semaphore()
    private let finished = Semaphore()

    /// Starts a detached worker thread, or nil when the system refuses.
    static func start(key: pthread_key_t) -> Worker? {
        let worker = Worker()
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, LargeStack.stackSize)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(WorkerStart(worker: worker, key: key)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let rc = pthread_create(&thread, &attr, { raw in
            #if canImport(Darwin)
            let start = Unmanaged<WorkerStart>.fromOpaque(raw).takeRetainedValue()
            #else
            guard let raw else { return nil }
            let start = Unmanaged<WorkerStart>.fromOpaque(raw).takeRetainedValue()
            #endif
            // The key holds an address near the top of this thread's stack, to tell how much of it is in use.
            var marker = 0
            withUnsafeMutablePointer(to: &marker) { pthread_setspecific(start.key, UnsafeRawPointer($0)) }
            start.worker.loop()
            return nil
        }, context)
        if rc != 0 {
            Unmanaged<WorkerStart>.fromOpaque(context).release()
            return nil
        }
        return worker
    }

    /// Hands `job` to the thread and waits until it has run.
    func perform(_ job: @escaping () -> Void) {
        self.job = job
        ready.signal()
        finished.wait()
    }

    private func loop() -> Never {
        while true {
            ready.wait()
            job?()
            job = nil
            finished.signal()
        }
    }
}

/// What a new worker thread starts with.
private final class WorkerStart {
    let worker: Worker
    let key: pthread_key_t
    init(worker: Worker, key: pthread_key_t) {
        self.worker = worker
        self.key = key
    }
}

/// A counting semaphore on a mutex and condition variable.
private final class Semaphore: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var count = 0

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func signal() {
        pthread_mutex_lock(mutex)
        count += 1
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    func wait() {
        pthread_mutex_lock(mutex)
        while count == 0 { pthread_cond_wait(condition, mutex) }
        count -= 1
        pthread_mutex_unlock(mutex)
    }
}
