// The valid_policy_tree of RFC 5280 6.1.2 (a), with the operations of 6.1.3 (d)-(e),
// 6.1.4 (b) and 6.1.5 (g). Nodes are stored per depth with the index of their parent; deleted
// nodes are marked. Qualifiers are not kept: they do not change the outcome.
// Size is bounded by the certificates' own policy lists (each is at most a few dozen OIDs in
// practice; a hostile certificate can only grow the tree by its own extension's size times the
// expected policy sets of the level above, which path validation caps through kMaxNodes).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/x509/certificate.h"

namespace assay::validation {

class PolicyTree {
 public:
  static constexpr std::size_t kMaxNodes = 4096;

  PolicyTree();  // depth 0: one anyPolicy node expecting anyPolicy

  bool null() const { return null_; }
  bool overflowed() const { return overflowed_; }
  // 6.1.3 (d): process certificate i's policies (depth i). `any_policy_allowed` is
  // inhibit_anyPolicy > 0 or (i < n and self-issued).
  void process_certificate(const std::vector<engine::PolicyInformation>& policies, bool any_policy_allowed);
  // 6.1.3 (e): no certificatePolicies extension.
  void set_null() { null_ = true; }
  // 6.1.4 (b): apply policyMappings at the current depth (`mapping_allowed`: policy_mapping > 0).
  void apply_mappings(const std::vector<engine::PolicyMapping>& mappings, bool mapping_allowed);
  // 6.1.5 (g): intersect with the user-initial-policy-set.
  void intersect(std::span<const std::string> user_initial_policy_set);
  // Valid policies of the leaves after wrap-up (the authorities-constrained policy set).
  std::vector<std::string> leaf_policies() const;

 private:
  struct Node {
    std::string valid_policy;
    std::vector<std::string> expected;
    int parent = -1;
    bool deleted = false;
  };
  int depth() const { return static_cast<int>(levels_.size()) - 1; }
  bool has_live_child(int level, int index) const;
  void prune();
  bool add(int level, Node node);

  std::vector<std::vector<Node>> levels_;
  bool null_ = false;
  bool overflowed_ = false;
  std::size_t count_ = 0;
};

}  // namespace assay::validation
