// A small thread-safe table for the process-wide caches of engine/x509 (decode_cache.h,
// verdict_cache.h): keyed by bytes, emptied (not evicted one by one) when full — simple, and a
// refill costs one recomputation per key. Private to engine/.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace assay::engine::internal {

template <typename Value>
class BoundedTable {
 public:
  explicit BoundedTable(std::size_t capacity) : capacity_(capacity) {}

  std::optional<Value> find(std::string_view key) {
    std::lock_guard lock(mutex_);
    const auto it = map_.find(std::string(key));
    if (it == map_.end()) return std::nullopt;
    return it->second;
  }
  void put(std::string_view key, Value value) {
    std::lock_guard lock(mutex_);
    if (map_.size() >= capacity_) map_.clear();
    map_.insert_or_assign(std::string(key), std::move(value));
  }
  void clear() {
    std::lock_guard lock(mutex_);
    map_.clear();
  }

 private:
  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Value> map_;
};

}  // namespace assay::engine::internal
