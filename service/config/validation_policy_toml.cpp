#include "service/config/validation_policy_toml.h"

#include <toml++/toml.h>

#include "engine/file.h"

namespace assay::service::config {

namespace {

using validation::ValidationPolicy;

engine::Error bad(const std::string& origin, const std::string& key, const std::string& what) {
  return engine::Error(engine::Code::kInvalidArgument, origin + ": " + key + ": " + what);
}

template <class F>
engine::Result<void> each_key(const toml::table& t, const std::string& prefix, F&& f) {
  for (const auto& [k, v] : t) {
    const std::string key = prefix + std::string(k.str());
    auto r = f(std::string(k.str()), key, v);
    if (!r) return r;
  }
  return {};
}

engine::Result<bool> boolean(const toml::node& n, const std::string& origin, const std::string& key) {
  if (auto b = n.value<bool>()) return *b;
  return std::unexpected(bad(origin, key, "expected true or false"));
}

engine::Result<std::int64_t> integer(const toml::node& n, const std::string& origin, const std::string& key, std::int64_t min,
                                     std::int64_t max) {
  // Only an integer node: value<int64_t>() would also convert a float, and converting one out of
  // range (min_bits = 1e60) is undefined behaviour inside toml++ (found by fuzz/config).
  const auto* i = n.as_integer();
  const std::optional<std::int64_t> v = i != nullptr ? std::optional<std::int64_t>(i->get()) : std::nullopt;
  if (!v || *v < min || *v > max) {
    return std::unexpected(bad(origin, key, "expected an integer from " + std::to_string(min) + " to " + std::to_string(max)));
  }
  return *v;
}

engine::Result<std::string> text(const toml::node& n, const std::string& origin, const std::string& key) {
  if (auto s = n.value<std::string>()) return *s;
  return std::unexpected(bad(origin, key, "expected a string"));
}

engine::Result<validation::RevocationRequirement> requirement(const toml::node& n, const std::string& origin, const std::string& key) {
  auto s = text(n, origin, key);
  if (!s) return std::unexpected(s.error());
  if (*s == "required") return validation::RevocationRequirement::kRequired;
  if (*s == "if_available") return validation::RevocationRequirement::kIfAvailable;
  if (*s == "none") return validation::RevocationRequirement::kNone;
  return std::unexpected(bad(origin, key, "expected \"required\", \"if_available\" or \"none\""));
}

engine::Result<std::vector<validation::AlgorithmConstraint>> algorithms(const toml::node& n, const std::string& origin,
                                                                        const std::string& key) {
  const auto* arr = n.as_array();
  if (arr == nullptr) return std::unexpected(bad(origin, key, "expected an array of tables ([[" + key + "]])"));
  std::vector<validation::AlgorithmConstraint> out;
  for (const auto& item : *arr) {
    const auto* t = item.as_table();
    if (t == nullptr) return std::unexpected(bad(origin, key, "expected tables"));
    validation::AlgorithmConstraint c;
    auto r = each_key(*t, key + ".", [&](const std::string& k, const std::string& full, const toml::node& v) -> engine::Result<void> {
      if (k == "name") {
        auto s = text(v, origin, full);
        if (!s) return std::unexpected(s.error());
        c.name = *s;
      } else if (k == "min_bits") {
        auto i = integer(v, origin, full, 0, 65536);
        if (!i) return std::unexpected(i.error());
        c.min_bits = static_cast<int>(*i);
      } else if (k == "expires") {
        auto s = text(v, origin, full);
        if (!s) return std::unexpected(s.error());
        auto t2 = engine::parse_utc_time(*s);
        if (!t2) return std::unexpected(bad(origin, full, "expected an RFC 3339 instant"));
        c.expires = *t2;
      } else {
        return std::unexpected(bad(origin, full, "unknown key"));
      }
      return {};
    });
    if (!r) return std::unexpected(r.error());
    if (c.name.empty()) return std::unexpected(bad(origin, key + ".name", "missing"));
    out.push_back(std::move(c));
  }
  return out;
}

engine::Result<void> section(ValidationPolicy& p, const std::string& name, const toml::table& t, const std::string& origin) {
  return each_key(t, name + ".", [&](const std::string& k, const std::string& key, const toml::node& v) -> engine::Result<void> {
    const auto set_bool = [&](bool& target) -> engine::Result<void> {
      auto b = boolean(v, origin, key);
      if (!b) return std::unexpected(b.error());
      target = *b;
      return {};
    };
    const auto set_int = [&](int& target, int min, int max) -> engine::Result<void> {
      auto i = integer(v, origin, key, min, max);
      if (!i) return std::unexpected(i.error());
      target = static_cast<int>(*i);
      return {};
    };
    if (name == "path") {
      if (k == "initial_policy_set") {
        const auto* arr = v.as_array();
        if (arr == nullptr || arr->empty()) return std::unexpected(bad(origin, key, "expected a non-empty array of OIDs"));
        p.path.user_initial_policy_set.clear();
        for (const auto& e : *arr) {
          auto s = text(e, origin, key);
          if (!s) return std::unexpected(s.error());
          p.path.user_initial_policy_set.push_back(*s);
        }
        return {};
      }
      if (k == "initial_explicit_policy") return set_bool(p.path.initial_explicit_policy);
      if (k == "initial_policy_mapping_inhibit") return set_bool(p.path.initial_policy_mapping_inhibit);
      if (k == "initial_any_policy_inhibit") return set_bool(p.path.initial_any_policy_inhibit);
      if (k == "enforce_policy_tree") return set_bool(p.path.enforce_policy_tree);
      if (k == "enforce_name_constraints") return set_bool(p.path.enforce_name_constraints);
    } else if (name == "revocation") {
      if (k == "end_entity" || k == "ca" || k == "revocation_signer") {
        auto r = requirement(v, origin, key);
        if (!r) return std::unexpected(r.error());
        (k == "ca" ? p.revocation.ca : k == "end_entity" ? p.revocation.end_entity : p.revocation.revocation_signer) = *r;
        return {};
      }
      if (k == "max_age_seconds") {
        auto i = integer(v, origin, key, 0, std::int64_t{100} * 365 * 86400);
        if (!i) return std::unexpected(i.error());
        p.revocation.max_age = std::chrono::seconds(*i);
        return {};
      }
    } else if (name == "crypto") {
      if (k == "apply_expiry") return set_bool(p.crypto.apply_expiry);
      if (k == "digest" || k == "key") {
        auto list = algorithms(v, origin, key);
        if (!list) return std::unexpected(list.error());
        (k == "digest" ? p.crypto.digests : p.crypto.keys) = std::move(*list);
        return {};
      }
    } else if (name == "limits") {
      if (k == "max_depth") return set_int(p.limits.max_depth, 1, 64);
      if (k == "max_candidates_per_step") return set_int(p.limits.max_candidates_per_step, 1, 1000);
      if (k == "max_total_work") return set_int(p.limits.max_total_work, 1, 1000000);
      if (k == "max_revocation_depth") return set_int(p.limits.max_revocation_depth, 0, 8);
    }
    return std::unexpected(bad(origin, key, "unknown key"));
  });
}

}  // namespace

engine::Result<ValidationPolicy> parse_validation_policy(std::string_view source, const std::string& origin) {
  toml::table table;
  try {
    table = toml::parse(source, origin);
  } catch (const toml::parse_error& e) {
    return engine::fail(engine::Code::kInvalidArgument, origin + ": " + std::string(e.description()));
  }
  ValidationPolicy p = validation::default_validation_policy();
  for (const auto& [k, v] : table) {
    const std::string key(k.str());
    if (key == "name") {
      auto s = text(v, origin, key);
      if (!s) return std::unexpected(s.error());
      p.name = *s;
      continue;
    }
    const auto* t = v.as_table();
    if (t == nullptr || (key != "path" && key != "revocation" && key != "crypto" && key != "limits")) {
      return std::unexpected(bad(origin, key, "unknown key (expected name, [path], [revocation], [crypto], [limits])"));
    }
    auto r = section(p, key, *t, origin);
    if (!r) return std::unexpected(r.error());
  }
  return p;
}

engine::Result<ValidationPolicy> load_validation_policy(const std::string& path) {
  auto bytes = engine::read_file(path, 1u << 20);
  if (!bytes) return std::unexpected(std::move(bytes.error()).with_context("policy " + path));
  return parse_validation_policy(*bytes, path);
}

}  // namespace assay::service::config
