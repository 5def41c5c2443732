#pragma once
// PHP files are templates: code lives between `<?php` (or `<?=`, `<?`) and `?>`, the rest is
// the page. Code that `fix` inserts must land inside PHP.
#include <cstddef>

#include "analyzer/lang/source.h"

namespace capmig::lang {

// Whether a byte offset of a PHP file is inside `<?php … ?>`: the text since the token before
// it last opened PHP, or holds no `?>` (a close tag makes no token, a `//` comment ends at it).
bool php_code_at(const SourceFile& file, std::size_t offset);

}  // namespace capmig::lang
