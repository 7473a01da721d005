#include "dharma/drift/findings.hpp"

namespace dharma::drift {

const char* status_name(Status status) {
  switch (status) {
    case Status::in_sync:
      return "in sync";
    case Status::changed:
      return "changed";
    case Status::missing:
      return "missing";
    case Status::unmanaged:
      return "unmanaged";
  }
  return "changed";
}

std::size_t DriftReport::count(Status status) const {
  std::size_t n = status == Status::in_sync ? in_sync_unlisted : 0;
  for (const auto& resource : resources) {
    n += resource.status == status ? 1 : 0;
  }
  return n;
}

double DriftReport::cost_delta() const {
  double total = 0;
  for (const auto& cost : costs) {
    total += cost.delta();
  }
  return total;
}

bool DriftReport::has_drift() const {
  for (const auto& resource : resources) {
    if (resource.drifted()) {
      return true;
    }
  }
  return false;
}

}  // namespace dharma::drift
