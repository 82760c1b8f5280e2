// Definitions of <awsdirect/transport.hpp>.

namespace awsdirect {

Error transportError(TransportFailure failure, std::string message) {
  Error e = makeError(ErrorKind::Transport, "TransportError", std::move(message));
  e.transport = failure;
  return e;
}

}  // namespace awsdirect
