#include "engine/digest.h"

#include <gtest/gtest.h>

#include <string>

namespace assay::engine {
namespace {

TEST(Digest, Sha256OfKnownInputs) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // The per-thread context is reset between calls.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, StreamEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += static_cast<char>(i * 7);
  Sha256Stream stream;
  for (std::size_t at = 0; at < data.size(); at += 4093) stream.update(std::string_view(data).substr(at, 4093));
  EXPECT_EQ(stream.finish(), sha256(data));
  Sha256Stream empty;
  EXPECT_EQ(to_hex(empty.finish()), sha256_hex(""));
}

TEST(Digest, HexRoundTripsAndRejectsWhatIsNotHex) {
  EXPECT_EQ(hex_digit_value('0'), 0);
  EXPECT_EQ(hex_digit_value('a'), 10);
  EXPECT_EQ(hex_digit_value('F'), 15);
  EXPECT_EQ(hex_digit_value('g'), -1);
  EXPECT_EQ(hex_digit_value(' '), -1);
  const std::string bytes("\x00\x01\x7f\x80\xff", 5);
  const std::string hex = to_hex({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  EXPECT_EQ(hex, "00017f80ff");
  EXPECT_EQ(from_hex(hex), bytes);
  EXPECT_EQ(from_hex("00017F80FF"), bytes);
  EXPECT_EQ(from_hex(""), std::string());
  EXPECT_EQ(from_hex("abc"), std::nullopt) << "odd length";
  EXPECT_EQ(from_hex("zz"), std::nullopt);
  EXPECT_EQ(from_hex("0 "), std::nullopt);
}

}  // namespace
}  // namespace assay::engine
