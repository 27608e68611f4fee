#include "engine/flat_hash_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <string_view>

namespace assay::engine {
namespace {

TEST(FlatHashMap, FindsWhatWasInsertedAndNothingElse) {
  FlatHashMap<std::string_view, int> map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.find(std::string_view("a")), nullptr);
  auto [a, inserted] = map.try_emplace("a", 1);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(*a, 1);
  auto [again, inserted_again] = map.try_emplace("a", 2);
  EXPECT_FALSE(inserted_again);
  EXPECT_EQ(*again, 1) << "an existing value is kept";
  EXPECT_EQ(map.size(), 1u);
  ASSERT_NE(map.find(std::string_view("a")), nullptr);
  EXPECT_EQ(*map.find(std::string_view("a")), 1);
  EXPECT_EQ(map.find(std::string_view("b")), nullptr);
}

TEST(FlatHashMap, AgreesWithStdMapThroughManyRehashes) {
  FlatHashMap<std::uint64_t, std::uint64_t> flat;
  std::map<std::uint64_t, std::uint64_t> reference;
  std::mt19937_64 random(7);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t key = random() % 5000;  // many repeats
    const auto [value, inserted] = flat.try_emplace(key, static_cast<std::uint64_t>(i));
    const auto [it, ref_inserted] = reference.try_emplace(key, static_cast<std::uint64_t>(i));
    ASSERT_EQ(inserted, ref_inserted);
    ASSERT_EQ(*value, it->second);
  }
  EXPECT_EQ(flat.size(), reference.size());
  for (std::uint64_t key = 0; key < 6000; ++key) {
    const auto* value = flat.find(key);
    const auto it = reference.find(key);
    ASSERT_EQ(value != nullptr, it != reference.end()) << key;
    if (value) {
      EXPECT_EQ(*value, it->second);
    }
  }
  std::size_t visited = 0;
  flat.for_each([&](std::uint64_t key, std::uint64_t value) {
    ++visited;
    EXPECT_EQ(reference.at(key), value);
  });
  EXPECT_EQ(visited, reference.size());
}

// Keys whose hashes collide in every bit still work (probing, not hashing, tells them apart).
struct ConstantHash {
  std::size_t operator()(std::string_view) const { return 42; }
};

TEST(FlatHashMap, ToleratesAWorstCaseHash) {
  FlatHashMap<std::string, int, ConstantHash> map;
  for (int i = 0; i < 200; ++i) map.try_emplace(std::to_string(i), i);
  for (int i = 0; i < 200; ++i) {
    ASSERT_NE(map.find(std::to_string(i)), nullptr);
    EXPECT_EQ(*map.find(std::to_string(i)), i);
  }
  EXPECT_EQ(map.find(std::string("200")), nullptr);
}

// A hash of zero is the empty-slot marker internally; such keys must still be found.
struct ZeroHash {
  std::size_t operator()(int) const { return 0; }
};

TEST(FlatHashMap, KeysHashingToZeroAreStored) {
  FlatHashMap<int, int, ZeroHash> map;
  map.try_emplace(1, 10);
  map.try_emplace(2, 20);
  ASSERT_NE(map.find(1), nullptr);
  EXPECT_EQ(*map.find(1), 10);
  EXPECT_EQ(*map.find(2), 20);
  EXPECT_EQ(map.find(3), nullptr);
}

TEST(FlatHashMap, ReserveKeepsEntries) {
  FlatHashMap<int, int> map;
  map.try_emplace(5, 50);
  map.reserve(1000);
  EXPECT_EQ(*map.find(5), 50);
  for (int i = 0; i < 1000; ++i) map.try_emplace(i, i * 10);
  EXPECT_EQ(map.size(), 1000u);
  EXPECT_EQ(*map.find(999), 9990);
}

}  // namespace
}  // namespace assay::engine
