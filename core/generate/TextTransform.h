#pragma once

#include "ByteBuffer.h"

#include <string>
#include <string_view>

namespace fabrica::transform {

// UTF-8 text transformations used by template filters and by generators that derive values from names
// (emails, usernames, slugs). ASCII input takes a fast path; other text goes through QString.

void lower(std::string_view in, ByteBuffer &out);
void upper(std::string_view in, ByteBuffer &out);
// First letter of every word upper case, the rest lower case.
void title(std::string_view in, ByteBuffer &out);
// Latin letters without diacritics (é → e, ß → ss, Æ → AE, ł → l); other characters are kept.
void ascii(std::string_view in, ByteBuffer &out);
// Lower-case ASCII letters and digits, other runs collapsed to one '-', no '-' at the ends.
void slug(std::string_view in, ByteBuffer &out, char separator = '-');
// Applies a template filter by name (lower, upper, title, slug, ascii); false for an unknown name.
bool apply(std::string_view filter, std::string_view in, ByteBuffer &out);

} // namespace fabrica::transform
