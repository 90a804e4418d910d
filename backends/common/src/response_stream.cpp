#include <sind/engine/response_stream.hpp>

#include <algorithm>
#include <cstring>

#include <sind/error.hpp>

namespace sind::engine {
namespace {

[[noreturn]] void throw_lost_connection(const std::string& engine, const std::string& context,
                                        const Poco::Exception& exception)
{
  throw EngineUnreachable("lost the connection to " + engine + " while " + context + ": " +
                          describe_failure(exception));
}

void shut_down(Poco::Net::StreamSocket& socket) noexcept
{
  try {
    socket.shutdown();
  } catch (const Poco::Exception&) {
    // the engine closed it first
  }
}

} // namespace

ResponseStream::ResponseStream(std::unique_ptr<EngineSession> session, std::istream& body, int status,
                               std::string engine, std::string context)
  : m_session(std::move(session)),
    m_body(body),
    m_status(status),
    m_engine(std::move(engine)),
    m_context(std::move(context))
{
  // Report read failures as exceptions rather than as a silent end of file.
  m_body.exceptions(std::ios::badbit);
}

ResponseStream::~ResponseStream()
{
  close();
}

std::size_t ResponseStream::read_some(char* buffer, std::size_t size)
{
  if (size == 0 || m_closed) {
    return 0;
  }

  try {
    // get() blocks until the next chunk arrives; readsome() then takes what
    // that chunk left in the stream buffer without blocking again
    const auto first = m_body.get();
    if (first == std::char_traits<char>::eof()) {
      return 0;
    }
    buffer[0] = static_cast<char>(first);
    const auto rest = m_body.readsome(buffer + 1, static_cast<std::streamsize>(size - 1));
    return 1 + static_cast<std::size_t>(rest);
  } catch (const Poco::Exception& exception) {
    if (m_closed) {
      return 0;
    }
    throw_lost_connection(m_engine, m_context, exception);
  }
}

std::string ResponseStream::read_all()
{
  std::string text;
  char buffer[16384];
  while (const auto count = read_some(buffer, sizeof buffer)) {
    text.append(buffer, count);
  }
  return text;
}

void ResponseStream::close() noexcept
{
  if (!m_closed.exchange(true)) {
    shut_down(m_session->socket());
  }
}

HijackedConnection::HijackedConnection(std::unique_ptr<EngineSession> session, std::string buffered,
                                       std::string engine, std::string context)
  : m_session(std::move(session)),
    m_socket(m_session->socket()),
    m_buffered(std::move(buffered)),
    m_engine(std::move(engine)),
    m_context(std::move(context))
{
  m_socket.setReceiveTimeout(Poco::Timespan(0));
}

HijackedConnection::~HijackedConnection()
{
  close();
}

void HijackedConnection::write(std::string_view data)
{
  try {
    while (!data.empty()) {
      const int sent = m_socket.sendBytes(data.data(), static_cast<int>(std::min<std::size_t>(data.size(), 1 << 20)));
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
  } catch (const Poco::Exception& exception) {
    throw_lost(exception);
  }
}

void HijackedConnection::close_write()
{
  try {
    m_socket.shutdownSend();
  } catch (const Poco::Exception& exception) {
    throw_lost(exception);
  }
}

std::size_t HijackedConnection::read_some(char* buffer, std::size_t size)
{
  if (size == 0 || m_closed) {
    return 0;
  }

  if (m_buffered_offset < m_buffered.size()) {
    const auto count = std::min(size, m_buffered.size() - m_buffered_offset);
    std::memcpy(buffer, m_buffered.data() + m_buffered_offset, count);
    m_buffered_offset += count;
    return count;
  }

  try {
    const int received = m_socket.receiveBytes(buffer, static_cast<int>(std::min<std::size_t>(size, 1 << 20)));
    return received > 0 ? static_cast<std::size_t>(received) : 0;
  } catch (const Poco::Exception& exception) {
    if (m_closed) {
      return 0;
    }
    throw_lost(exception);
  }
}

void HijackedConnection::close() noexcept
{
  if (!m_closed.exchange(true)) {
    shut_down(m_socket);
  }
}

void HijackedConnection::throw_lost(const Poco::Exception& exception) const
{
  throw_lost_connection(m_engine, m_context, exception);
}

} // namespace sind::engine
