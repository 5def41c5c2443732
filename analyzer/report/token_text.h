#pragma once
// Human-readable `decode` output: aligned labels, dates with "expires in", lint last.
#include <string>

#include "analyzer/report/style.h"
#include "analyzer/token/model.h"

namespace capmig {

std::string decode_result_to_text(const token::DecodeResult& r, std::string_view input_name, std::int64_t now,
                                  const TextStyle& style);
std::string mapping_to_text(const AccessTokenMapping& m, const TextStyle& style);

}  // namespace capmig
