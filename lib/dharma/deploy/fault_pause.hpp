#pragma once
// Fault injection for the kill -9 tests: with DHARMA_DEPLOY_PAUSE=POINT in
// the environment, a deploy that reaches POINT stops there (sleeps) until it
// is killed, or goes on after 10 minutes. The points (docs/deploy.md, Tests):
//   switch:after-runtime  HAProxy's switch (and switch back), after the
//                         runtime `set map`, before `show map` verifies it and
//                         the journal records the step done.
// Without the variable, or with another point named, it does nothing.

namespace dharma::deploy {

void pause_point(const char* point);

}  // namespace dharma::deploy
