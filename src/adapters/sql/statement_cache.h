// A bounded least-recently-used cache of prepared statements keyed by their SQL text, shared by
// the SQLite and PostgreSQL connections: each keeps one per connection, so statements are parsed
// and planned once per connection instead of once per execution. `Handle` is what the backend
// keeps (a sqlite3_stmt*, a server-side statement name); `release` is called for every handle that
// leaves the cache (evicted, cleared, or the cache destroyed with its connection). Not thread-safe:
// a connection is used by one thread at a time.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace anpei::adapters {

template <typename Handle>
class StatementCache {
 public:
  using Release = std::function<void(Handle&)>;
  StatementCache(size_t capacity, Release release)
      : capacity_(capacity), release_(std::move(release)) {}
  ~StatementCache() { Clear(); }
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The cached handle for `sql` (now the most recently used), or nullptr.
  Handle* Find(std::string_view sql) {
    auto it = index_.find(sql);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }
  // Adds a handle for `sql` (not cached yet), evicting the least recently used beyond capacity.
  Handle& Insert(std::string sql, Handle handle) {
    entries_.emplace_front(std::move(sql), std::move(handle));
    index_.emplace(entries_.front().first, entries_.begin());
    while (entries_.size() > capacity_) {
      auto last = std::prev(entries_.end());
      index_.erase(last->first);
      release_(last->second);
      entries_.erase(last);
    }
    return entries_.front().second;
  }
  // Drops the handle for `sql`, if cached.
  void Erase(std::string_view sql) {
    auto it = index_.find(sql);
    if (it == index_.end()) return;
    auto entry = it->second;
    index_.erase(it);
    release_(entry->second);
    entries_.erase(entry);
  }
  void Clear() {
    index_.clear();
    for (auto& [sql, handle] : entries_) release_(handle);
    entries_.clear();
  }
  size_t size() const { return entries_.size(); }
  size_t capacity() const { return capacity_; }

 private:
  using Entries = std::list<std::pair<std::string, Handle>>;
  const size_t capacity_;
  Release release_;
  Entries entries_;  // most recently used first
  // Keys view the strings in entries_ (list nodes never move).
  std::unordered_map<std::string_view, typename Entries::iterator> index_;
};

}  // namespace anpei::adapters
