#include "dharma/cost/estimate.hpp"

namespace dharma::cost {

const char* line_status_name(LineStatus status) {
  switch (status) {
    case LineStatus::priced:
      return "priced";
    case LineStatus::estimated:
      return "estimated";
    case LineStatus::usage:
      return "usage";
    case LineStatus::usage_unset:
      return "usage_unset";
    case LineStatus::free:
      return "free";
    case LineStatus::not_priced:
      return "not_priced";
  }
  return "priced";
}

bool ResourceCost::has_status(LineStatus status) const {
  for (const auto& line : lines) {
    if (line.status == status) {
      return true;
    }
  }
  return false;
}

std::string ResourceCost::main_sku() const {
  for (const auto& line : lines) {
    if (!line.sku.empty()) {
      return line.sku;
    }
  }
  return "";
}

double Estimate::recommended_saving() const {
  double total = 0;
  for (const auto& recommendation : recommendations) {
    if (recommendation.counted) {
      total += recommendation.monthly_saving;
    }
  }
  return total;
}

}  // namespace dharma::cost
