#include "validation/policy_tree.h"

#include <algorithm>

namespace assay::validation {

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

PolicyTree::PolicyTree() {
  levels_.push_back({Node{std::string(engine::kOidAnyPolicy), {std::string(engine::kOidAnyPolicy)}, -1, false}});
  count_ = 1;
}

bool PolicyTree::add(int level, Node node) {
  if (count_ >= kMaxNodes) {
    overflowed_ = true;
    null_ = true;
    return false;
  }
  ++count_;
  levels_[static_cast<std::size_t>(level)].push_back(std::move(node));
  return true;
}

bool PolicyTree::has_live_child(int level, int index) const {
  if (level + 1 > depth()) return false;
  for (const auto& c : levels_[static_cast<std::size_t>(level + 1)]) {
    if (!c.deleted && c.parent == index) return true;
  }
  return false;
}

// 6.1.3 (d)(3): delete childless nodes above the deepest level, bottom-up.
void PolicyTree::prune() {
  // Counted down in size_t: GCC 12 -O3 otherwise warns (-Waggressive-loop-optimizations, an error
  // here) about the int counter's theoretical overflow, which breaks the Release build.
  for (std::size_t up = levels_.empty() ? 0 : levels_.size() - 1; up-- > 0;) {
    const int level = static_cast<int>(up);
    auto& nodes = levels_[up];
    for (int i = 0; i < static_cast<int>(nodes.size()); ++i) {
      if (!nodes[static_cast<std::size_t>(i)].deleted && !has_live_child(level, i)) nodes[static_cast<std::size_t>(i)].deleted = true;
    }
  }
  const bool any_live = std::any_of(levels_.back().begin(), levels_.back().end(), [](const Node& n) { return !n.deleted; });
  if (!any_live || levels_[0][0].deleted) null_ = true;
}

void PolicyTree::process_certificate(const std::vector<engine::PolicyInformation>& policies, bool any_policy_allowed) {
  if (null_) return;
  const int parent_level = depth();
  levels_.emplace_back();
  const int level = parent_level + 1;
  const auto& parents = levels_[static_cast<std::size_t>(parent_level)];
  bool cert_has_any = false;
  // (d)(1)
  for (const auto& p : policies) {
    if (p.oid == engine::kOidAnyPolicy) {
      cert_has_any = true;
      continue;
    }
    bool matched = false;
    for (int i = 0; i < static_cast<int>(parents.size()); ++i) {
      const Node& parent = parents[static_cast<std::size_t>(i)];
      if (!parent.deleted && contains(parent.expected, p.oid)) {
        matched = true;
        if (!add(level, Node{p.oid, {p.oid}, i, false})) return;
      }
    }
    if (!matched) {  // (d)(1)(ii)
      for (int i = 0; i < static_cast<int>(parents.size()); ++i) {
        const Node& parent = parents[static_cast<std::size_t>(i)];
        if (!parent.deleted && parent.valid_policy == engine::kOidAnyPolicy) {
          if (!add(level, Node{p.oid, {p.oid}, i, false})) return;
        }
      }
    }
  }
  // (d)(2)
  if (cert_has_any && any_policy_allowed) {
    for (int i = 0; i < static_cast<int>(parents.size()); ++i) {
      const Node parent = parents[static_cast<std::size_t>(i)];
      if (parent.deleted) continue;
      for (const auto& e : parent.expected) {
        bool exists = false;
        for (const auto& c : levels_[static_cast<std::size_t>(level)]) {
          exists = exists || (!c.deleted && c.parent == i && c.valid_policy == e);
        }
        if (!exists && !add(level, Node{e, {e}, i, false})) return;
      }
    }
  }
  prune();  // (d)(3)
}

void PolicyTree::apply_mappings(const std::vector<engine::PolicyMapping>& mappings, bool mapping_allowed) {
  if (null_ || mappings.empty()) return;
  const int level = depth();
  std::vector<std::string> issuer_domains;
  for (const auto& m : mappings) {
    if (!contains(issuer_domains, m.issuer_domain)) issuer_domains.push_back(m.issuer_domain);
  }
  for (const auto& id_p : issuer_domains) {
    std::vector<std::string> mapped;
    for (const auto& m : mappings) {
      if (m.issuer_domain == id_p && !contains(mapped, m.subject_domain)) mapped.push_back(m.subject_domain);
    }
    auto& nodes = levels_[static_cast<std::size_t>(level)];
    if (mapping_allowed) {  // (b)(1)
      bool found = false;
      for (auto& n : nodes) {
        if (!n.deleted && n.valid_policy == id_p) {
          n.expected = mapped;
          found = true;
        }
      }
      if (!found) {
        int any_parent = -1;
        for (const auto& n : nodes) {
          if (!n.deleted && n.valid_policy == engine::kOidAnyPolicy) any_parent = n.parent;
        }
        if (any_parent >= 0 && !add(level, Node{id_p, mapped, any_parent, false})) return;
      }
    } else {  // (b)(2)
      for (auto& n : nodes) {
        if (!n.deleted && n.valid_policy == id_p) n.deleted = true;
      }
      prune();
      if (null_) return;
    }
  }
}

void PolicyTree::intersect(std::span<const std::string> user_set) {
  if (null_) return;
  if (std::find(user_set.begin(), user_set.end(), engine::kOidAnyPolicy) != user_set.end()) return;  // (g)(ii)
  const auto in_user_set = [&](const std::string& p) { return std::find(user_set.begin(), user_set.end(), p) != user_set.end(); };
  // (g)(iii)(1)-(2): nodes whose parent is anyPolicy form the valid_policy_node_set; drop those
  // not in the user set (and their subtrees, which pruning then removes bottom-up).
  for (int level = 1; level <= depth(); ++level) {
    auto& nodes = levels_[static_cast<std::size_t>(level)];
    const auto& parents = levels_[static_cast<std::size_t>(level - 1)];
    for (auto& n : nodes) {
      if (n.deleted) continue;
      const Node& parent = parents[static_cast<std::size_t>(n.parent)];
      if (parent.deleted) {
        n.deleted = true;
        continue;
      }
      if (parent.valid_policy == engine::kOidAnyPolicy && n.valid_policy != engine::kOidAnyPolicy && !in_user_set(n.valid_policy)) {
        n.deleted = true;
      }
    }
  }
  // (g)(iii)(3): an anyPolicy leaf stands for every policy of the user set.
  const int leaf_level = depth();
  auto& leaves = levels_[static_cast<std::size_t>(leaf_level)];
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (leaves[i].deleted || leaves[i].valid_policy != engine::kOidAnyPolicy) continue;
    const int parent = leaves[i].parent;
    leaves[i].deleted = true;
    for (const auto& p : user_set) {
      bool exists = false;
      for (const auto& l : levels_[static_cast<std::size_t>(leaf_level)]) exists = exists || (!l.deleted && l.valid_policy == p);
      if (!exists && !add(leaf_level, Node{p, {p}, parent, false})) return;
    }
  }
  prune();  // (g)(iii)(4)
}

std::vector<std::string> PolicyTree::leaf_policies() const {
  std::vector<std::string> out;
  if (null_) return out;
  for (const auto& n : levels_.back()) {
    if (!n.deleted && !contains(out, n.valid_policy)) out.push_back(n.valid_policy);
  }
  return out;
}

}  // namespace assay::validation
