// A mutex that clang's thread-safety analysis understands (-Wthread-safety): shared state names
// its lock with GUARDED_BY(mu_) and the compiler checks every access holds it. libstdc++'s
// std::mutex carries no capability annotations, hence this thin wrapper. Under g++ the
// annotations compile to nothing. Thread-safe, like std::mutex.
#pragma once

#include <mutex>

#if defined(__clang__)
#define ANPEI_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define ANPEI_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) ANPEI_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY ANPEI_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) ANPEI_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) ANPEI_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRE(...) ANPEI_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) ANPEI_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define REQUIRES(...) ANPEI_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) ANPEI_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))

namespace anpei {

class CAPABILITY("mutex") Mutex {
 public:
  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds `mu` for its scope.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~MutexLock() RELEASE() { mu_.Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace anpei
