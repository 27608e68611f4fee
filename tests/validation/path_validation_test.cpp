// RFC 5280 path-processing helpers: name matching for name constraints, the valid policy tree.
#include <gtest/gtest.h>

#include "validation/name_constraints.h"
#include "validation/policy_tree.h"

namespace assay::validation {
namespace {

engine::GeneralName name(engine::GeneralNameType type, std::string value) {
  engine::GeneralName n;
  n.type = type;
  n.value = std::move(value);
  return n;
}

TEST(NameConstraints, DnsNamesMatchTheDomainAndItsSubdomains) {
  using T = engine::GeneralNameType;
  EXPECT_TRUE(name_within(name(T::kDnsName, "www.example.com"), name(T::kDnsName, "example.com")));
  EXPECT_TRUE(name_within(name(T::kDnsName, "EXAMPLE.com"), name(T::kDnsName, "example.COM")));
  EXPECT_FALSE(name_within(name(T::kDnsName, "badexample.com"), name(T::kDnsName, "example.com")));
  EXPECT_FALSE(name_within(name(T::kDnsName, "example.com"), name(T::kDnsName, ".example.com")));
  EXPECT_FALSE(name_within(name(T::kDnsName, "example.com"), name(T::kRfc822Name, "example.com")));
}

TEST(NameConstraints, Rfc822MailboxHostAndDomain) {
  using T = engine::GeneralNameType;
  const auto alice = name(T::kRfc822Name, "alice@mail.example.com");
  EXPECT_TRUE(name_within(alice, name(T::kRfc822Name, "alice@MAIL.example.com")));
  EXPECT_FALSE(name_within(alice, name(T::kRfc822Name, "Alice@mail.example.com")));  // local part is exact
  EXPECT_TRUE(name_within(alice, name(T::kRfc822Name, "mail.example.com")));
  EXPECT_FALSE(name_within(alice, name(T::kRfc822Name, "example.com")));
  EXPECT_TRUE(name_within(alice, name(T::kRfc822Name, ".example.com")));
}

TEST(NameConstraints, UriHosts) {
  using T = engine::GeneralNameType;
  EXPECT_TRUE(name_within(name(T::kUri, "https://user@host.example.com:8443/x?y"), name(T::kUri, ".example.com")));
  EXPECT_TRUE(name_within(name(T::kUri, "http://example.com/"), name(T::kUri, "example.com")));
  EXPECT_FALSE(name_within(name(T::kUri, "http://www.example.com/"), name(T::kUri, "example.com")));
  EXPECT_FALSE(name_within(name(T::kUri, "urn:isbn:123"), name(T::kUri, "example.com")));  // no host
}

TEST(NameConstraints, IpAddressWithMask) {
  using T = engine::GeneralNameType;
  const std::string base("\xc0\xa8\x01\x00\xff\xff\xff\x00", 8);  // 192.168.1.0/24
  EXPECT_TRUE(name_within(name(T::kIpAddress, std::string("\xc0\xa8\x01\x07", 4)), name(T::kIpAddress, base)));
  EXPECT_FALSE(name_within(name(T::kIpAddress, std::string("\xc0\xa8\x02\x07", 4)), name(T::kIpAddress, base)));
  EXPECT_FALSE(name_within(name(T::kIpAddress, std::string(16, '\0')), name(T::kIpAddress, base)));
}

TEST(PolicyTree, MatchesMapsAndIntersects) {
  using engine::PolicyInformation;
  PolicyTree tree;
  tree.process_certificate({PolicyInformation{"1.1", {}}, PolicyInformation{"1.2", {}}}, true);
  EXPECT_FALSE(tree.null());
  tree.apply_mappings({engine::PolicyMapping{"1.1", "2.1"}}, true);
  tree.process_certificate({PolicyInformation{"2.1", {}}}, true);
  EXPECT_FALSE(tree.null());
  EXPECT_EQ(tree.leaf_policies(), std::vector<std::string>{"2.1"});
  const std::vector<std::string> user{"1.1"};
  tree.intersect(user);
  EXPECT_FALSE(tree.null());  // 2.1 descends from 1.1
  PolicyTree other;
  other.process_certificate({PolicyInformation{"1.1", {}}}, true);
  other.process_certificate({PolicyInformation{"1.2", {}}}, true);
  EXPECT_TRUE(other.null());
}

TEST(PolicyTree, AnyPolicyOnlyWhenAllowed) {
  using engine::PolicyInformation;
  PolicyTree tree;
  tree.process_certificate({PolicyInformation{"1.1", {}}}, true);
  tree.process_certificate({PolicyInformation{std::string(engine::kOidAnyPolicy), {}}}, false);  // inhibited
  EXPECT_TRUE(tree.null());
  PolicyTree allowed;
  allowed.process_certificate({PolicyInformation{"1.1", {}}}, true);
  allowed.process_certificate({PolicyInformation{std::string(engine::kOidAnyPolicy), {}}}, true);
  EXPECT_EQ(allowed.leaf_policies(), std::vector<std::string>{"1.1"});
}

TEST(PolicyTree, MappingInhibitedDeletesTheMappedPolicy) {
  using engine::PolicyInformation;
  PolicyTree tree;
  tree.process_certificate({PolicyInformation{"1.1", {}}}, true);
  tree.apply_mappings({engine::PolicyMapping{"1.1", "2.1"}}, false);
  EXPECT_TRUE(tree.null());
}

}  // namespace
}  // namespace assay::validation
