// Definitions of <awsdirect/request.hpp>.
#include "../detail/text.hpp"

namespace awsdirect {

namespace detail {

AWSDIRECT_DECL void validateText(Validator& v, const MemberSpec& spec, const std::string& field, const std::string& value) {
  // A blob's length is in bytes, a text's in characters (UTF-8 code points), as the models count them.
  const std::size_t length = spec.blob ? value.size() : characterCount(value);
  const char* unit = spec.blob ? " bytes" : " characters";
  if (length < spec.minLength || length > spec.maxLength) {
    if (spec.maxLength == SIZE_MAX)
      v.fail(field, spec.minLength == 1 ? "must not be empty" : "must be at least " + std::to_string(spec.minLength) + unit + " long");
    else
      v.fail(field, "must be " + std::to_string(spec.minLength) + " to " + std::to_string(spec.maxLength) + unit + " long");
    return;
  }
  if (spec.values) {
    bool known = false;
    for (std::size_t i = 0; i < spec.valueCount && !known; ++i) known = value == spec.values[i];
    if (!known) {
      std::string list;
      for (std::size_t i = 0; i < spec.valueCount; ++i) list += (i ? ", " : "") + std::string(spec.values[i]);
      v.fail(field, "must be one of " + list);
      return;
    }
  }
  if (spec.check) spec.check(v, field, value);
}

AWSDIRECT_DECL void validateNumber(Validator& v, const MemberSpec& spec, long long value) {
  if (value < spec.min || value > spec.max)
    v.fail(spec.name, "must be between " + std::to_string(spec.min) + " and " + std::to_string(spec.max));
}

template <class T>
bool presentIfRequired(Validator& v, const MemberSpec& spec, const std::optional<T>& value) {
  if (!value) {
    if (spec.required) v.fail(spec.name, "is required");
    return false;
  }
  return true;
}

}  // namespace detail

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<std::string>& value) {
  if (detail::presentIfRequired(v, spec, value)) detail::validateText(v, spec, spec.name, *value);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<Secret>& value) {
  // The value is checked, never repeated: a problem's text names the rule only.
  if (detail::presentIfRequired(v, spec, value)) detail::validateText(v, spec, spec.name, value->reveal());
}

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<std::int64_t>& value) {
  if (detail::presentIfRequired(v, spec, value)) detail::validateNumber(v, spec, *value);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<int>& value) {
  if (detail::presentIfRequired(v, spec, value)) detail::validateNumber(v, spec, *value);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<bool>& value) {
  detail::presentIfRequired(v, spec, value);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::optional<std::chrono::system_clock::time_point>& value) {
  detail::presentIfRequired(v, spec, value);
}

void validateListCount(Validator& v, const MemberSpec& spec, std::size_t count) {
  if (spec.required && count == 0) {
    v.fail(spec.name, "is required");
  } else if (count > 0 && (count < spec.minItems || count > spec.maxItems)) {
    v.fail(spec.name, spec.maxItems == SIZE_MAX ? "must have at least " + std::to_string(spec.minItems) + " items"
                                                : "must have " + std::to_string(spec.minItems) + " to " +
                                                      std::to_string(spec.maxItems) + " items");
  }
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<std::string>& value) {
  validateListCount(v, spec, value.size());
  for (std::size_t i = 0; i < value.size(); ++i)
    detail::validateText(v, spec, std::string(spec.name) + "[" + std::to_string(i) + "]", value[i]);
}

void validateMember(Validator& v, const MemberSpec& spec, const std::vector<Tag>& tags) {
  validateListCount(v, spec, tags.size());
  if (spec.tagsCheck) spec.tagsCheck(v, spec.name, tags);
  else rules::tags(v, spec.name, tags);
}

}  // namespace awsdirect
