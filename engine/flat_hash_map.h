// FlatHashMap: an insert-only hash map with open addressing (linear probing in one array), for
// indexes that are filled in bulk once and then only read — the trust snapshot's identity
// indexes are the case in point. Compared with std::unordered_map it allocates one array instead
// of a node per entry, and a lookup touches one or two cache lines instead of walking a bucket
// chain; building the EU snapshot spent a fifth of its time in unordered_map lookups and nodes.
//
// No erase. Pointers to values stay valid until the next insertion (a rehash moves them).
// Hash quality: the stored hash is spread with a Fibonacci multiply, so identity hashes of
// pointers or integers are fine. Not thread-safe while inserting; const lookups may run on any
// number of threads.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace assay::engine {

template <class Key, class Value, class Hash = std::hash<Key>, class Equal = std::equal_to<>>
class FlatHashMap {
 public:
  FlatHashMap() = default;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Room for `n` entries without a rehash.
  void reserve(std::size_t n) {
    std::size_t wanted = kMinCapacity;
    while (wanted / 2 < n) wanted *= 2;  // at most half full
    if (wanted > slots_.size()) rehash(wanted);
  }

  // The value of `key`, inserting `value` when absent; `.second` tells whether it was inserted.
  std::pair<Value*, bool> try_emplace(const Key& key, Value value = Value()) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? kMinCapacity : slots_.size() * 2);
    const std::size_t h = stored_hash(key);
    for (std::size_t i = home(h);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.hash == kEmpty) {
        s.hash = h;
        s.key = key;
        s.value = std::move(value);
        ++size_;
        return {&s.value, true};
      }
      if (s.hash == h && equal_(s.key, key)) return {&s.value, false};
    }
  }

  // The value of `key`, or nullptr. `K` may be any type Hash and Equal accept with Key.
  template <class K>
  const Value* find(const K& key) const {
    if (size_ == 0) return nullptr;
    const std::size_t h = stored_hash(key);
    for (std::size_t i = home(h);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == kEmpty) return nullptr;
      if (s.hash == h && equal_(s.key, key)) return &s.value;
    }
  }

  // Calls f(key, value) for every entry, in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_) {
      if (s.hash != kEmpty) f(s.key, s.value);
    }
  }

 private:
  static constexpr std::size_t kEmpty = 0;
  static constexpr std::size_t kMinCapacity = 16;

  struct Slot {
    std::size_t hash = kEmpty;
    Key key{};
    Value value{};
  };

  template <class K>
  std::size_t stored_hash(const K& key) const {
    const std::size_t h = hash_(key);
    return h == kEmpty ? 1 : h;  // 0 marks an empty slot
  }
  // Fibonacci hashing: the top bits of h * 2^64/phi, so weak hashes still spread evenly.
  std::size_t home(std::size_t h) const {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(h) * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(capacity));
    mask_ = capacity - 1;
    shift_ = 64 - std::countr_zero(capacity);
    for (Slot& s : old) {
      if (s.hash == kEmpty) continue;
      std::size_t i = home(s.hash);
      while (slots_[i].hash != kEmpty) i = (i + 1) & mask_;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
  int shift_ = 64;
  [[no_unique_address]] Hash hash_{};
  [[no_unique_address]] Equal equal_{};
};

}  // namespace assay::engine
