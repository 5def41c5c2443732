#pragma once
// Where a followed capability construct lives in its file, recorded for `capmig fix`: the
// constructor, every call made on the object, the name it is bound to, and the variables and
// helper functions its scopes came through. Token indices into the file's Syntax.
#include <cstddef>
#include <string>
#include <vector>

#include "analyzer/scan/lang_names.h"

namespace capmig::scan {

struct ObjectUse {
  std::size_t begin = 0;    // first token: the handle (or the constructor for its own chain)
  std::size_t end = 0;      // one past the last call of the chain
  std::vector<Call> calls;  // the calls in order (methods of the capability object)
};

struct ConstructSites {
  std::size_t finding = 0;  // index of the capability-mint finding in MatchContext::out
  Call ctor;
  ObjectUse ctor_chain;                      // calls chained right on the constructor (maybe none)
  const Assignment* bound = nullptr;         // the assignment binding the object to a name
  std::size_t lifetime_end = 0;              // token where the name is bound again (or the file's end)
  std::vector<ObjectUse> uses;               // calls through the bound name, in source order
  std::vector<std::string> scope_names;      // variables the scope objects were read from
  std::vector<std::string> scope_functions;  // same-file functions that build scopes
  std::vector<std::size_t> scope_calls;      // first token of each scope constructor applied
  // The class is named by a variable holding its name (PHP `new $cls(…)`): that variable may
  // hold another class at run time, so the construct is not rewritten.
  std::string class_variable;
  // Calls made in a block the object is handed to (Ruby `.tap do |c| … end`): recorded for
  // the scan, but their conditions and order are not checked by fix, which leaves it alone.
  bool configured_in_block = false;
  // The object is also used inside a string's interpolation (`${cap.generate(600)}`), code
  // fix's token indices cannot reach: the scan reads it, fix leaves the construct alone.
  bool used_in_interpolation = false;
  // The object is provided by the caller or a framework (a typed parameter, an injected
  // field): `ctor` is its declaration, and where it is built is another construct.
  bool provided = false;
  // The object is returned by this helper function, whose caller configures and signs it.
  std::string helper;
};

}  // namespace capmig::scan
