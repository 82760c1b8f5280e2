#pragma once
// How an operation's request is declared: each member once, with its API name, its type and its
// simple rules; one validator (here) and one writer per protocol (query.hpp, rest_xml.hpp) read
// the declarations, so a wire name is written in one place.
//
//   namespace redshift::members {   // a service's members, shared by its operations
//   AWSDIRECT_MEMBER(ClusterIdentifier, clusterIdentifier, std::string, check(rules::clusterIdentifier));
//   AWSDIRECT_FLAG(SkipFinalClusterSnapshot, skipFinalClusterSnapshot, unchecked);
//   }
//   class DeleteClusterRequest : public Request<DeleteClusterRequest, Redshift, Cluster,
//                                               Required<members::ClusterIdentifier>, members::SkipFinalClusterSnapshot> {
//    public:
//     static constexpr const char* operation = "DeleteCluster";
//     static Result parse(const XmlNode& result);
//   };
//
// A member declaration makes a type named after the API's member (ClusterIdentifier) that holds
// its spec, and a mixin that stores the value and gives the request its setter
// (`clusterIdentifier(...)`, for an lvalue and, moving, for a temporary). The request lists the
// members it has; `Required<M>` makes one required in that operation. `validate(Validator&)`
// checks every member's declared rules, then those that span members, which a request that has
// some declares as `validateAcross(Validator&) const`.
#include <chrono>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "error.hpp"
#include "result.hpp"
#include "secret.hpp"
#include "validate.hpp"
#include "xml.hpp"

namespace awsdirect {

// A check of a text member's value that a length or a list of values cannot say ("must start
// with a letter"); it records its problems under `field`.
using TextCheck = void (*)(Validator& v, const std::string& field, const std::string& value);

// A service's own rules for a list of tags (IAM's characters, no key twice), beyond the common
// ones (keys of 1-128 characters not starting with "aws:", values of at most 256) always checked.
using TagsCheck = void (*)(Validator& v, const std::string& field, const std::vector<Tag>& tags);

// Where a REST protocol puts a member (the Query protocol puts every member in the form body).
enum class Location { Body, Uri, GreedyUri, Query, Header };

// What the validator and the protocols' writers know of one member of one operation.
struct MemberSpec {
  const char* name = "";           // the API's member name; errors name the member by it
  const char* wire = nullptr;      // its name on the wire when not `name` (EC2's "GroupId", a header)
  const char* item = nullptr;      // a Query list's item name ("member" when null; EC2 has none)
  Location location = Location::Body;
  bool required = false;
  std::size_t minLength = 0, maxLength = SIZE_MAX;  // text, in characters (UTF-8 code points)
  long long min = LLONG_MIN, max = LLONG_MAX;       // numbers
  std::size_t minItems = 0, maxItems = SIZE_MAX;    // lists
  const char* const* values = nullptr;              // an enum's values
  std::size_t valueCount = 0;
  TextCheck check = nullptr;
  TagsCheck tagsCheck = nullptr;
  bool blob = false;              // bytes, base64 on the wire (the JSON protocol); lengths count bytes
  bool idempotencyToken = false;  // when not given, a fresh UUID is sent, as botocore does

  constexpr const char* wireName() const { return wire ? wire : name; }
  constexpr MemberSpec asRequired() const {
    MemberSpec copy = *this;
    copy.required = true;
    return copy;
  }
};

// The words a member's declaration is written in: AWSDIRECT_MEMBER(Name, setter, Type, RULES...).
namespace declare {

struct Length { std::size_t min, max; };
struct Range { long long min, max; };
struct Items { std::size_t min, max; };
struct Check { TextCheck check; };
struct CheckTags { TagsCheck check; };
struct Wire { const char* name; };
struct ApiName { const char* name; };
struct ItemName { const char* name; };
struct At { Location location; const char* name; };
struct Values { const char* const* values; std::size_t count; };
struct Blob {};
struct IdempotencyToken {};
struct Unchecked {};

// 1 to 63 characters.
constexpr Length length(std::size_t min, std::size_t max) { return {min, max}; }
// A number from min to max.
constexpr Range range(long long min, long long max) { return {min, max}; }
// A list of min to max items.
constexpr Items count(std::size_t min, std::size_t max) { return {min, max}; }
// One of the enum's values: oneOf(kNodeTypes), for `static constexpr const char* kNodeTypes[] = {...}`.
template <std::size_t N>
constexpr Values oneOf(const char* const (&values)[N]) { return {values, N}; }
constexpr Check check(TextCheck f) { return {f}; }
constexpr CheckTags check(TagsCheck f) { return {f}; }
// On the wire under another name than the member's.
constexpr Wire wire(const char* name) { return {name}; }
// The API's name of a member declared under another (CreateUser's NewUserName is "UserName", with
// the limits of a new name); errors and the wire use it.
constexpr ApiName apiName(const char* name) { return {name}; }
// A Query list's item name: Tags.Tag.1 (items("Tag")), where IAM writes Tags.member.1.
constexpr ItemName items(const char* name) { return {name}; }
// REST: in the URI ({Bucket}), a greedy URI label ({Key+}), the query string or a header.
constexpr At uri() { return {Location::Uri, nullptr}; }
constexpr At greedyUri() { return {Location::GreedyUri, nullptr}; }
constexpr At query(const char* name) { return {Location::Query, name}; }
constexpr At header(const char* name) { return {Location::Header, name}; }
// Bytes, not text: base64 on the wire, its length counted in bytes.
inline constexpr Blob blob{};
// A token that makes a retried call do its work once: a fresh UUID when not given.
inline constexpr IdempotencyToken idempotencyToken{};
// No rule beyond the member's type.
inline constexpr Unchecked unchecked{};

constexpr void apply(MemberSpec& s, Length r) { s.minLength = r.min, s.maxLength = r.max; }
constexpr void apply(MemberSpec& s, Range r) { s.min = r.min, s.max = r.max; }
constexpr void apply(MemberSpec& s, Items r) { s.minItems = r.min, s.maxItems = r.max; }
constexpr void apply(MemberSpec& s, Check r) { s.check = r.check; }
constexpr void apply(MemberSpec& s, CheckTags r) { s.tagsCheck = r.check; }
constexpr void apply(MemberSpec& s, Wire r) { s.wire = r.name; }
constexpr void apply(MemberSpec& s, ApiName r) { s.name = r.name; }
constexpr void apply(MemberSpec& s, ItemName r) { s.item = r.name; }
constexpr void apply(MemberSpec& s, At r) {
  s.location = r.location;
  if (r.name) s.wire = r.name;
}
constexpr void apply(MemberSpec& s, Values r) { s.values = r.values, s.valueCount = r.count; }
constexpr void apply(MemberSpec& s, Blob) { s.blob = true; }
constexpr void apply(MemberSpec& s, IdempotencyToken) { s.idempotencyToken = true; }
constexpr void apply(MemberSpec&, Unchecked) {}

template <class... Rules>
constexpr MemberSpec member(const char* name, Rules... rules) {
  MemberSpec spec;
  spec.name = name;
  (apply(spec, rules), ...);
  return spec;
}

}  // namespace declare

namespace detail {
// How a member's value is held: a list is empty when not given, anything else is optional.
template <class T> struct StoredAs { using type = std::optional<T>; };
template <class T> struct StoredAs<std::vector<T>> { using type = std::vector<T>; };
template <class T> using Stored = typename StoredAs<T>::type;
// What its setter takes: a Secret is given as text and held as a Secret from then on.
template <class T> struct SetterArgOf { using type = T; };
template <> struct SetterArgOf<Secret> { using type = std::string; };
template <class T> using SetterArg = typename SetterArgOf<T>::type;
template <class T, class = void> struct ReadsItself : std::false_type {};
template <class T> struct ReadsItself<T, std::void_t<decltype(T::read(std::declval<const XmlNode&>()))>> : std::true_type {};
template <class T, class = void> struct HasResultElement : std::false_type {};
template <class T> struct HasResultElement<T, std::void_t<decltype(T::resultElement)>> : std::true_type {};
}  // namespace detail

// The one validator, for every member's declared rules.
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::optional<std::string>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::optional<Secret>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::optional<std::int64_t>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::optional<int>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::optional<bool>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec,
                                   const std::optional<std::chrono::system_clock::time_point>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<std::string>& value);
AWSDIRECT_DECL void validateMember(Validator& v, const MemberSpec& spec, const std::vector<Tag>& tags);
// A list of structures: its count and that a required one is there; the items' own rules are
// the service's (an overload of validateMember found by argument-dependent lookup).
AWSDIRECT_DECL void validateListCount(Validator& v, const MemberSpec& spec, std::size_t count);
template <class T>
void validateMember(Validator& v, const MemberSpec& spec, const std::vector<T>& value) {
  validateListCount(v, spec, value.size());
}
// A structure (a REST request's payload): present when required; the request checks its insides.
template <class T>
void validateMember(Validator& v, const MemberSpec& spec, const std::optional<T>& value) {
  if (spec.required) v.check(value.has_value(), spec.name, "is required");
}

// Member M, required in the operation that lists it so.
template <class M>
struct Required : M {
  static constexpr MemberSpec spec = M::spec.asRequired();
};

// The base of every declared request: the members' mixins, the service whose client sends it
// and its result. `forEachMember(visit)` calls visit(spec, value) for each member in order.
template <class Self, class ServiceT, class ResultT, class... Members>
class Request : public Members::template Field<Self>... {
 public:
  using Service = ServiceT;
  using Result = ResultT;

  template <class Visit>
  void forEachMember(Visit&& visit) const {
    (visit(Members::spec, static_cast<const typename Members::template Field<Self>&>(*this).declaredValue()), ...);
  }
  // Every member's rules, then the request's rules across members.
  void validate(Validator& v) const {
    forEachMember([&v](const MemberSpec& spec, const auto& value) { validateMember(v, spec, value); });
    static_cast<const Self&>(*this).validateAcross(v);
  }
  // The rules that span members ("a password unless AWS manages it"); a request that has some
  // declares its own.
  void validateAcross(Validator&) const {}
  // The result, read from the operation's result element by the fields its type declares, or by
  // its own read() when it has one (a page that checks IsTruncated); from a child of it when the
  // request names one (`static constexpr const char* resultElement = "Cluster";`). Nothing, in
  // any protocol, for Empty. A request whose result is elsewhere (S3's headers and bodies), or
  // read otherwise, has its own parse.
  template <class Response>
  static Result parse(const Response& result) {
    if constexpr (std::is_same_v<Result, Empty>) {
      return Result{};
    } else if constexpr (detail::HasResultElement<Self>::value) {
      return readResult<Result>(result.child(Self::resultElement));
    } else if constexpr (detail::ReadsItself<Result>::value) {
      return Result::read(result);
    } else {
      return readResult<Result>(result);
    }
  }
};

}  // namespace awsdirect

// Declares member Name (the API's name, written once: it is also the wire name unless wire()
// says otherwise) of type Type, with setter `setter` and the rules that follow (declare::...).
#define AWSDIRECT_MEMBER(Name, setter, Type, ...)                                                               \
  struct Name {                                                                                                 \
    static constexpr ::awsdirect::MemberSpec spec = ::awsdirect::declare::member(#Name, __VA_ARGS__);          \
    template <class Self>                                                                                       \
    class Field {                                                                                               \
     public:                                                                                                    \
      Self& setter(::awsdirect::detail::SetterArg<Type> v) & {                                                  \
        setter##_ = Type(std::move(v));                                                                         \
        return static_cast<Self&>(*this);                                                                       \
      }                                                                                                         \
      Self&& setter(::awsdirect::detail::SetterArg<Type> v) && {                                                \
        setter##_ = Type(std::move(v));                                                                         \
        return static_cast<Self&&>(*this);                                                                      \
      }                                                                                                         \
      const ::awsdirect::detail::Stored<Type>& declaredValue() const { return setter##_; }                      \
                                                                                                                \
     protected:                                                                                                 \
      ::awsdirect::detail::Stored<Type> setter##_;                                                              \
    };                                                                                                          \
  }

// A boolean member, whose setter sets it to true when given nothing: skipFinalClusterSnapshot().
#define AWSDIRECT_FLAG(Name, setter, ...)                                                                       \
  struct Name {                                                                                                 \
    static constexpr ::awsdirect::MemberSpec spec = ::awsdirect::declare::member(#Name, __VA_ARGS__);          \
    template <class Self>                                                                                       \
    class Field {                                                                                               \
     public:                                                                                                    \
      Self& setter(bool v = true) & {                                                                           \
        setter##_ = v;                                                                                          \
        return static_cast<Self&>(*this);                                                                       \
      }                                                                                                         \
      Self&& setter(bool v = true) && {                                                                         \
        setter##_ = v;                                                                                          \
        return static_cast<Self&&>(*this);                                                                      \
      }                                                                                                         \
      const std::optional<bool>& declaredValue() const { return setter##_; }                                    \
                                                                                                                \
     protected:                                                                                                 \
      std::optional<bool> setter##_;                                                                            \
    };                                                                                                          \
  }

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/request.ipp"
#endif
