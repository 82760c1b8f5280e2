// Definitions of <awsdirect/error.hpp>.

namespace awsdirect {

const char* kindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Validation: return "validation";
    case ErrorKind::Transport: return "transport";
    case ErrorKind::Service: return "service";
    case ErrorKind::Parse: return "parse";
    case ErrorKind::Credentials: return "credentials";
    case ErrorKind::Configuration: return "configuration";
    case ErrorKind::Fixture: return "fixture";
    case ErrorKind::Waiter: return "waiter";
    case ErrorKind::Integrity: return "integrity";
  }
  return "unknown";
}

const char* failureName(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::None: return "none";
    case TransportFailure::Dns: return "dns";
    case TransportFailure::Connect: return "connect";
    case TransportFailure::Tls: return "tls";
    case TransportFailure::Timeout: return "timeout";
    case TransportFailure::Send: return "send";
    case TransportFailure::Receive: return "receive";
    case TransportFailure::TooManyRedirects: return "redirects";
    case TransportFailure::Other: return "other";
  }
  return "unknown";
}

std::string Error::describe() const {
  std::string out;
  if (!service.empty() || !operation.empty()) out += service + (operation.empty() ? "" : "." + operation) + ": ";
  if (kind == ErrorKind::Validation && !problems.empty()) {
    out += "invalid request: ";
    for (std::size_t i = 0; i < problems.size(); ++i) {
      if (i) out += "; ";
      out += problems[i].field + " " + problems[i].rule;
    }
    return out;
  }
  if (!code.empty()) out += code + ": ";
  out += message;
  if (kind == ErrorKind::Transport && transport != TransportFailure::None)
    out += std::string(" [") + failureName(transport) + "]";
  if (httpStatus) out += " (HTTP " + std::to_string(httpStatus);
  if (httpStatus && !requestId.empty()) out += ", request id " + requestId;
  if (httpStatus) out += ")";
  return out;
}

std::string Error::detail(const std::string& name) const {
  for (const auto& [key, value] : details)
    if (key == name) return value;
  return {};
}

void throwError(Error error) {
  switch (error.kind) {
    case ErrorKind::Validation: throw ValidationError(std::move(error));
    case ErrorKind::Transport: throw TransportError(std::move(error));
    case ErrorKind::Service: throw AwsError(std::move(error));
    case ErrorKind::Parse: throw ParseError(std::move(error));
    case ErrorKind::Credentials: throw CredentialsError(std::move(error));
    case ErrorKind::Configuration: throw ConfigError(std::move(error));
    case ErrorKind::Fixture: throw FixtureMismatchError(std::move(error));
    case ErrorKind::Waiter: throw WaiterError(std::move(error));
    case ErrorKind::Integrity: throw IntegrityError(std::move(error));
  }
  throw Exception(std::move(error));
}

Error makeError(ErrorKind kind, std::string code, std::string message) {
  Error e;
  e.kind = kind;
  e.code = std::move(code);
  e.message = std::move(message);
  return e;
}

}  // namespace awsdirect
