#pragma once
// What the estimator needs to know about a blueprint, flattened out of the
// ResolvedBlueprint: provider, region, environment, and per resource its
// type, count and top-level scalar properties. Keeping the estimator on this
// small shape makes its maths testable with hand-written facts and fast on
// 10,000-resource blueprints. A property keeps no source location (nothing reports
// one; a resource's own location is kept): that saved a copy of the file
// name per property.

#include <map>
#include <string>
#include <vector>

#include "dharma/util/source_location.hpp"

namespace dharma::blueprint {
struct ResolvedBlueprint;
}

namespace dharma::cost {

struct Scalar {
  enum class Kind { string, number, boolean, other };  // other: lists, maps, references, sensitive
  Kind kind = Kind::other;
  std::string text;  // display form of a string, number or boolean (empty for Kind::other)
  double number = 0;
  bool flag = false;

  static Scalar of_string(std::string value);
  static Scalar of_number(double value);
  static Scalar of_bool(bool value);
};

struct ResourceFacts {
  std::string name;
  std::string type;
  long long count = 1;  // instances the resource stands for (`count`, or 1)
  std::map<std::string, Scalar> properties;
  util::SourceLocation location;

  const Scalar* property(const std::string& key) const;
};

struct BlueprintFacts {
  std::string file;
  std::string name;
  std::string provider;
  std::string region;
  std::string environment;               // chosen --env, or "default"
  std::vector<ResourceFacts> resources;  // declaration order
};

// Flattens `blueprint`. Sensitive values, lists, maps and references become
// Kind::other with no text.
BlueprintFacts facts_from_blueprint(const blueprint::ResolvedBlueprint& blueprint);

}  // namespace dharma::cost
