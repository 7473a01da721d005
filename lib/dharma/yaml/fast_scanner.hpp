#pragma once
// A scanner for the YAML that blueprints and data files are written in, which
// hands the loader's tree builder the same events, with the same marks, as
// libyaml's parser would, in a fraction of its time (libyaml's reader decodes
// the input one character at a time).
//
// It knows only a subset: one document (an optional leading `---`), block
// mappings and sequences, single-line flow mappings and sequences, plain
// scalars on one line, single- and double-quoted scalars on one line, empty
// values and comments. On anything else (anchors, aliases, tags, block
// scalars, `?` keys, multi-line scalars, tabs, CR, a BOM, indentation it does
// not expect, nesting past 1,000 levels, or anything that could be a syntax
// error) it gives up by
// returning false, and the loader parses the whole text again with libyaml,
// so libyaml's messages and behaviour stay the reference
// (tests/unit/test_yaml_fast_scanner.cpp compares both trees).

#include <yaml.h>

#include <string_view>

namespace dharma::yaml {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void event(const yaml_event_t& event) = 0;
};

// Sends `text`'s events to `sink` (document start to stream end, as libyaml's
// parser would, stream start left out). False when the text is outside the
// subset: the events sent so far must then be thrown away.
bool scan_fast(std::string_view text, EventSink& sink);

}  // namespace dharma::yaml
