#pragma once
// How a result is read, declared once: a result type lists its fields, each with its name in the
// response document and the member it fills, and one reader fills any such type from the XML of
// the Query and REST-XML protocols.
//
//   struct LoginProfile {
//     std::string userName;
//     std::optional<std::chrono::system_clock::time_point> createDate;
//     bool passwordResetRequired = false;
//     AWSDIRECT_FIELDS(LoginProfile, field("UserName", &Self::userName), field("CreateDate", &Self::createDate),
//                      field("PasswordResetRequired", &Self::passwordResetRequired));
//   };
//   LoginProfile profile = readResult<LoginProfile>(result.child("LoginProfile"));
//
// A name may be a path ("RoleLastUsed/Region"): a result may keep a nested member flat. A list
// is read from its wrapper's items ("member" in the Query protocol, as the field says otherwise).
// The same declarations let a test walk a result (forEachField), as the botocore comparison does.
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/build_mode.hpp"
#include "secret.hpp"
#include "uri.hpp"
#include "xml.hpp"

namespace awsdirect {

// How a field's text is encoded on the wire: as it is, URL-encoded (IAM's policy documents, RFC
// 3986: '+' is a plus sign), or base64 (the JSON protocol's blobs: Secrets Manager's SecretBinary).
enum class FieldEncoding { None, Url, Base64 };

// One field of a result: where it is in the document and which member it fills.
template <class T, class M>
struct ResultField {
  const char* name;       // the member's name in the document, or a path to it ("RoleLastUsed/Region")
  M T::*member;
  const char* item;       // a list's item element: "member" in the Query protocol; null: flattened
  FieldEncoding encoding; // how the text is encoded on the wire: read decoded
  // A reader of its own, for a member no declaration can say (EC2's lower-case tags); null: none.
  void (*read)(const XmlNode& parent, const char* name, M& out) = nullptr;
};

template <class T, class M>
constexpr ResultField<T, M> field(const char* name, M T::*member, const char* item = "member") {
  return {name, member, item, FieldEncoding::None};
}

// A list written as repeated elements without a wrapper (S3's <Version>...</Version><Version>...).
template <class T, class M>
constexpr ResultField<T, M> flattenedField(const char* name, M T::*member) {
  return {name, member, nullptr, FieldEncoding::None};
}

// A text IAM sends URL-encoded (policy documents, RFC 3986: '+' is a plus sign); read decoded, as botocore does.
template <class T>
constexpr ResultField<T, std::string> urlEncodedField(const char* name, std::string T::*member) {
  return {name, member, "member", FieldEncoding::Url};
}

// A blob, base64 on the wire (the JSON protocol's): read decoded into a text or a Secret.
template <class T, class M>
constexpr ResultField<T, M> base64Field(const char* name, M T::*member) {
  return {name, member, nullptr, FieldEncoding::Base64};
}

// A structure whose fields are the parent's own children (S3's Part holds its checksums inline).
template <class T, class M>
constexpr ResultField<T, M> inlineField(M T::*member) {
  return {"", member, nullptr, FieldEncoding::None};
}

// A field read by a function of its own: read(parent, name, member).
template <class T, class M>
constexpr ResultField<T, M> readField(const char* name, M T::*member, void (*read)(const XmlNode&, const char*, M&)) {
  return {name, member, nullptr, FieldEncoding::None, read};
}

// The fields a type declares, in order: fieldList(field(...), ...), and a derived type's as
// extendFields(Base::fields<Self>(), field(...), ...). A flat list, not a std::tuple: a tuple's
// constructors and their constraints cost GCC about a second to instantiate for a large result.
template <std::size_t I, class F>
struct FieldSlot {
  F field;
};
template <class Indexes, class... F>
struct FieldListOf;
template <std::size_t... I, class... F>
struct FieldListOf<std::index_sequence<I...>, F...> : FieldSlot<I, F>... {
  // Calls visit(field) for each field, in order.
  template <class Visit>
  constexpr void forEach(Visit&& visit) const {
    (visit(static_cast<const FieldSlot<I, F>&>(*this).field), ...);
  }
};
template <class... F>
using FieldList = FieldListOf<std::index_sequence_for<F...>, F...>;

template <class... F>
constexpr FieldList<F...> fieldList(F... fields) {
  return {{fields}...};
}

// Calls visit(field) for each field of a fields() list: a FieldList, or the std::tuple a type
// declared before AWSDIRECT_FIELDS returns (std::make_tuple(field(...), ...)), still read alike.
template <class Fields, class Visit>
constexpr void forEachOf(const Fields& fields, Visit&& visit) {
  fields.forEach(visit);
}
template <class... F, class Visit>
void forEachOf(const std::tuple<F...>& fields, Visit&& visit) {
  std::apply([&](const auto&... f) { (visit(f), ...); }, fields);
}

template <std::size_t... I, class... F, class... G>
constexpr FieldList<F..., G...> extendFields(const FieldListOf<std::index_sequence<I...>, F...>& base, G... more) {
  return {{static_cast<const FieldSlot<I, F>&>(base).field}..., {more}...};
}

// Declares the fields of Type: `static constexpr auto fields()`, a function template on Self (Type),
// so that the members named as `&Self::member` make it dependent and nothing is instantiated in a
// file that never reads the type. A derived type extends its base's:
//   template <class Self = Derived>
//   static constexpr auto fields() { return extendFields(Base::fields<Self>(), field("X", &Self::x)); }
#define AWSDIRECT_FIELDS(Type, ...)             \
  template <class Self = Type>                  \
  static constexpr auto fields() {              \
    return ::awsdirect::fieldList(__VA_ARGS__); \
  }                                             \
  static_assert(true, "takes the declaration's semicolon")

// A page of a Describe call that pages with Marker (Redshift, RDS): its items under their wire
// name, and the Marker to ask for the next page with (empty on the last page). One line a result:
//   AWSDIRECT_MARKER_PAGE(DescribeClustersResult, Cluster, clusters, "Clusters", "Cluster");
// declares struct DescribeClustersResult { std::vector<Cluster> clusters; std::string marker; }.
#define AWSDIRECT_MARKER_PAGE(Type, Item, items, Wire, WireItem)                                  \
  struct Type {                                                                                   \
    std::vector<Item> items;                                                                      \
    std::string marker;                                                                           \
    AWSDIRECT_FIELDS(Type, field(Wire, &Self::items, WireItem), field("Marker", &Self::marker)); \
  }

// A resource tag, as every service spells it (Key, Value), in requests and results.
struct Tag {
  std::string key;
  std::string value;
  AWSDIRECT_FIELDS(Tag, field("Key", &Self::key), field("Value", &Self::value));
};

namespace detail {

template <class T, class = void>
struct HasFields : std::false_type {};
template <class T>
struct HasFields<T, std::void_t<decltype(T::fields())>> : std::true_type {};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

using TimePoint = std::chrono::system_clock::time_point;

// The element that holds the field `path` names under `node`, and the path's last step (a
// plain name, the usual case, is its own last step: nothing is copied).
inline XmlNode walk(const XmlNode& node, const char* path, const char*& last) {
  XmlNode at = node;
  last = path;
  for (const char* slash; (slash = std::strchr(last, '/')) != nullptr; last = slash + 1)
    at = at.child(std::string(last, slash).c_str());
  return at;
}

template <class M>
void readValue(const XmlNode& parent, const char* path, const char* item, FieldEncoding encoding, M& out);

template <class T>
T readItem(const XmlNode& node) {
  if constexpr (std::is_same_v<T, std::string>) {
    return node.value();
  } else {
    static_assert(HasFields<T>::value, "a list's items are text or a type with fields()");
    T item{};
    auto readField = [&](const auto& f) {
      if (f.read) f.read(node, f.name, item.*(f.member));
      else readValue(node, f.name, f.item, f.encoding, item.*(f.member));
    };
    forEachOf(T::fields(), readField);
    return item;
  }
}

// The scalars, read by compiled code (impl/result.ipp) rather than in every result's reader:
// `path` under `parent`, absent ones left as they start.
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, std::string& out);
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, Secret& out);
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, bool& out);
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, int& out);
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, std::int64_t& out);
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, std::uint64_t& out);
AWSDIRECT_DECL void readScalar(const XmlNode& parent, const char* path, FieldEncoding encoding, std::optional<TimePoint>& out);

// Whether readScalar takes an M (its out parameter binds only to that very type).
template <class M, class = void>
struct IsScalar : std::false_type {};
template <class M>
struct IsScalar<M, std::void_t<decltype(readScalar(std::declval<const XmlNode&>(), "", FieldEncoding::None, std::declval<M&>()))>>
    : std::true_type {};

template <class M>
void readValue(const XmlNode& parent, const char* path, const char* item, FieldEncoding encoding, M& out) {
  if constexpr (IsScalar<M>::value) {
    readScalar(parent, path, encoding, out);
  } else {
    const char* n = nullptr;
    const XmlNode at = walk(parent, path, n);
    if constexpr (IsOptional<M>::value) {
      if (!at.child(n)) return;
      typename M::value_type value{};
      readValue(at, n, item, encoding, value);
      out = std::move(value);
    } else if constexpr (IsVector<M>::value) {
      for (const XmlNode& element : item ? at.list(n, item) : at.children(n))
        out.push_back(readItem<typename M::value_type>(element));
    } else {
      out = readItem<M>(*n ? at.child(n) : at);  // an inline field's fields are the parent's
    }
  }
}

}  // namespace detail

// A result read from its element: every declared field, absent ones left as they start.
template <class T>
T readResult(const XmlNode& node) {
  return detail::readItem<T>(node);
}

// Calls visit(name, value) for each declared field of `value`, in declaration order.
template <class T, class Visit>
void forEachField(const T& value, Visit&& visit) {
  forEachOf(T::fields(), [&](const auto& f) { visit(f.name, value.*(f.member)); });
}

}  // namespace awsdirect

#if defined(AWSDIRECT_HEADER_ONLY)
#include "impl/result.ipp"
#endif
